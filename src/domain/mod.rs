//! Pure domain logic: catalogs, inspections, verdict rules and progress.
//! Nothing here touches the file system, the clock or the terminal.

pub mod catalog;
pub mod escape;
pub mod finding;
pub mod inspection;
pub mod progress;
pub mod rollout;
pub mod rule;
pub mod schema;
pub mod seal;
pub mod text;

pub use catalog::{Catalog, Criterion, Group, Indicator, IndicatorKind};
pub use inspection::{Answer, Inspection, Recommendation, Verdict};
pub use progress::Progress;
pub use text::{Lang, Localized, nfc};

#[cfg(test)]
mod tests;
