//! How far an inspection has come: counts of verdicts per group and overall.

use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, Group};
use super::inspection::{Inspection, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    pub total: usize,
    pub assessed: usize,
    pub met: usize,
    pub basically_met: usize,
    pub not_met: usize,
}

impl Progress {
    /// Progress over the whole catalog.
    pub fn of(catalog: &Catalog, inspection: &Inspection) -> Progress {
        let mut p = Progress::default();
        for g in &catalog.groups {
            p.add(Progress::of_group(g, inspection));
        }
        p
    }

    /// Progress over one group of the catalog.
    pub fn of_group(group: &Group, inspection: &Inspection) -> Progress {
        Progress::of_group_with(group, |code| {
            inspection.answer(code).and_then(|a| a.verdict)
        })
    }

    /// Progress over the catalog, with verdicts looked up by criterion code.
    pub fn of_verdicts(catalog: &Catalog, verdict: impl Fn(&str) -> Option<Verdict>) -> Progress {
        let mut p = Progress::default();
        for g in &catalog.groups {
            p.add(Progress::of_group_with(g, &verdict));
        }
        p
    }

    fn of_group_with(group: &Group, verdict: impl Fn(&str) -> Option<Verdict>) -> Progress {
        let mut p = Progress {
            total: group.criteria.len(),
            ..Progress::default()
        };
        for c in &group.criteria {
            match verdict(&c.code) {
                Some(Verdict::Met) => p.met += 1,
                Some(Verdict::BasicallyMet) => p.basically_met += 1,
                Some(Verdict::NotMet) => p.not_met += 1,
                None => continue,
            }
            p.assessed += 1;
        }
        p
    }

    fn add(&mut self, o: Progress) {
        self.total += o.total;
        self.assessed += o.assessed;
        self.met += o.met;
        self.basically_met += o.basically_met;
        self.not_met += o.not_met;
    }

    pub fn not_assessed(&self) -> usize {
        self.total - self.assessed
    }

    /// Met or basically met.
    pub fn at_least_basically_met(&self) -> usize {
        self.met + self.basically_met
    }

    pub fn is_complete(&self) -> bool {
        self.assessed == self.total
    }
}
