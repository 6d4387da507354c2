//! Pure domain logic: catalogs, inspections, verdict rules and progress.
//! Nothing here touches the file system, the clock or the terminal.

pub mod actions;
pub mod catalog;
pub mod diff;
pub mod escape;
pub mod finding;
pub mod history;
pub mod inspection;
pub mod merge;
pub mod progress;
pub mod rollout;
pub mod rule;
pub mod schema;
pub mod seal;
pub mod signature;
pub mod text;

pub use catalog::{Catalog, Criterion, Group, Indicator, IndicatorKind};
pub use inspection::{Answer, Inspection, Recommendation, Verdict};
pub use progress::Progress;
pub use text::{Lang, Localized, nfc};

#[cfg(test)]
mod programme_tests;
#[cfg(test)]
mod tests;
