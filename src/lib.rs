//! kiemtra: a terminal inspection console for the model ward police programme.
//!
//! `domain` is pure logic (no IO, no terminal); `store` owns the data directory;
//! `cli` implements the subcommands; `i18n` holds every user-facing string.

pub mod cli;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod lineui;
pub mod report;
pub mod store;
pub mod tui;
