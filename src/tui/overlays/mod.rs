//! The console's dialogs that live in their own files, each with its own state.

pub mod confirm;
pub mod facts;
pub mod help;
pub mod reason;
pub mod recommendation;
pub mod recovery;
