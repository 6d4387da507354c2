//! What the console keeps of the data folder between screens: Home's rows (updated by the
//! rows worker's deltas wherever the user is), where the user was on Home, and the last
//! roll-out. Held by `App`, read by Home and the Dashboard only.

use super::app::Search;
use crate::domain::Progress;

#[derive(Debug, Default)]
pub struct Library {
    /// Every inspection of the folder, in Home's order.
    pub rows: Vec<HomeRow>,
    /// The search's view of the rows (folded texts and hits), kept in step with them.
    pub index: super::rows::HomeView,
    /// Files that could not be read, one line each.
    pub problems: Vec<String>,
    /// Index of the selected row among those the search keeps.
    pub selected: usize,
    pub search: Search,
    /// Ids of the inspections marked on Home for comparing (at most two).
    pub marked: Vec<String>,
    /// The roll-out the Dashboard shows: kept until the files change, so opening the
    /// Dashboard again costs a frame; `None` while it is being computed.
    pub rollout: Option<DashboardData>,
    /// The files changed since `rollout` was computed and it is being computed again: it
    /// stays on screen, marked as updating, until the new one comes.
    pub rollout_updating: bool,
}

/// One inspection as listed on Home.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeRow {
    pub id: String,
    pub unit: String,
    pub district: String,
    pub date: jiff::civil::Date,
    pub status: crate::domain::inspection::Status,
    pub progress: Option<Progress>,
    /// Unresolved conflicts left by a merge.
    pub conflicts: usize,
    /// The file claims a seal that does not hold.
    pub seal_broken: bool,
}

/// What the Dashboard shows: the roll-out across the data folder.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardData {
    pub rollout: crate::domain::rollout::Rollout,
    /// Criterion code → title, for the most-failed chart.
    pub titles: std::collections::HashMap<String, String>,
    pub skipped: usize,
    /// Sealed files whose seal does not hold, left out of the counts.
    pub broken_seals: usize,
    /// Open corrective actions past their due date.
    /// Shared with the Dashboard's worker, which keeps them between computations.
    pub overdue: Vec<std::sync::Arc<crate::domain::actions::ActionRow>>,
}
