//! The console: pure state and update (`app`), one file per screen, the keymap, the
//! theme, and the driver that owns the terminal, the disk, signals and the watchdog.

// No function of the console over 100 lines (the threshold is in clippy.toml; the rest
// of the crate does not turn the lint on yet).
#![warn(clippy::too_many_lines)]

pub mod app;
pub mod chrome;
pub mod conflict;
pub mod dash_files;
pub mod dash_worker;
pub mod dashboard;
pub mod diff_view;
pub mod driver;
pub mod editor;
pub mod editor_view;
pub mod error;
mod exit;
pub mod form;
pub mod home;
pub mod input;
pub mod keymap;
pub mod library;
pub mod notice;
pub mod overlays;
pub mod rows;
pub mod rows_index;
pub mod rows_worker;
pub mod saver;
pub mod screen;
pub mod session;
pub mod setup;
pub mod summary;
pub mod theme;
pub mod view;
pub mod walk;
pub mod walk_view;
pub mod widgets;

pub use driver::{Options, run};

#[cfg(test)]
mod bug_tests;
#[cfg(test)]
mod editor_tests;
#[cfg(test)]
mod feature_tests;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod structure_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod view_tests;
