//! The roll-out picture across many wards: the latest inspection per unit, how many meet
//! the model standard, progress against a target, per district, the criteria that fail
//! most, and the units of a roster never inspected. Works on small per-file records so
//! that thousands of inspections never have to be in memory at once.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::text::fold;

/// What the roll-out needs from one inspection file.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRecord {
    pub id: String,
    pub unit: String,
    pub district: String,
    pub province: String,
    pub date: Date,
    pub updated_at: Timestamp,
    pub meets: bool,
    pub assessed: usize,
    pub total: usize,
    /// Codes of the criteria not met.
    pub not_met: Vec<String>,
    pub demo: bool,
    /// The file claims a seal that does not hold: counted apart, never as meeting.
    pub seal_broken: bool,
}

/// One unit of a roster (the units a city plans to bring to the model standard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterUnit {
    pub unit: String,
    pub district: String,
    pub province: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictRow {
    pub district: String,
    pub units_inspected: usize,
    pub units_meeting_all: usize,
    /// Units of this district in the roster, when a roster was given.
    pub units_in_roster: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailCount {
    pub criterion: String,
    pub units: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollout {
    pub units_inspected: usize,
    pub units_meeting_all: usize,
    pub inspections_read: usize,
    pub target: Option<usize>,
    /// units_meeting_all / target, in percent.
    pub percent_of_target: Option<f64>,
    pub districts: Vec<DistrictRow>,
    pub most_failed: Vec<FailCount>,
    pub never_inspected: Vec<RosterUnit>,
    pub demo_inspections: usize,
    /// Units whose latest inspection claims a seal that does not hold.
    pub seal_broken: usize,
}

/// A sort key that puts "Quận 3" before "Quận 10": runs of digits compare as numbers.
pub fn natural_key(s: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    out.push((text, digits.parse().unwrap_or(0)));
    out
}

/// The key that says two records are the same unit: accents, case and spacing aside.
pub fn unit_key(unit: &str, district: &str) -> String {
    let norm = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{}|{}", norm(unit), norm(district))
}

/// Keeps only the latest record per unit as records stream in.
#[derive(Debug, Default)]
pub struct Latest {
    by_unit: HashMap<String, UnitRecord>,
    read: usize,
}

impl Latest {
    pub fn add(&mut self, r: UnitRecord) {
        self.read += 1;
        let key = unit_key(&r.unit, &r.district);
        match self.by_unit.get(&key) {
            Some(old) if (old.date, old.updated_at) >= (r.date, r.updated_at) => {}
            _ => {
                self.by_unit.insert(key, r);
            }
        }
    }

    pub fn merge(&mut self, other: Latest) {
        let read = self.read + other.read;
        for (_, r) in other.by_unit {
            self.add(r);
        }
        self.read = read;
    }

    /// The picture: `target` is the number of units to reach; `roster` the units planned.
    pub fn rollout(self, roster: &[RosterUnit], target: Option<usize>, top: usize) -> Rollout {
        let records: Vec<UnitRecord> = self.by_unit.into_values().collect();
        let meeting = records.iter().filter(|r| r.meets).count();
        let mut districts: BTreeMap<String, DistrictRow> = BTreeMap::new();
        let mut fails: HashMap<&str, usize> = HashMap::new();
        // Districts group like units do, accents and case aside; the first spelling met
        // (an inspection's, as those come first) is the one shown.
        fn district<'m>(
            districts: &'m mut BTreeMap<String, DistrictRow>,
            name: &str,
        ) -> &'m mut DistrictRow {
            districts
                .entry(unit_key("", name))
                .or_insert_with(|| DistrictRow {
                    district: name.to_string(),
                    units_inspected: 0,
                    units_meeting_all: 0,
                    units_in_roster: None,
                })
        }
        for r in &records {
            let d = district(&mut districts, &r.district);
            d.units_inspected += 1;
            d.units_meeting_all += usize::from(r.meets);
            for code in &r.not_met {
                *fails.entry(code.as_str()).or_default() += 1;
            }
        }
        let inspected: std::collections::HashSet<String> = records
            .iter()
            .map(|r| unit_key(&r.unit, &r.district))
            .collect();
        let inspected_names: std::collections::HashSet<String> =
            records.iter().map(|r| unit_key(&r.unit, "")).collect();
        let mut never = Vec::new();
        for u in roster {
            let found = if u.district.trim().is_empty() {
                inspected_names.contains(&unit_key(&u.unit, ""))
            } else {
                inspected.contains(&unit_key(&u.unit, &u.district))
            };
            if !found {
                never.push(u.clone());
            }
            *district(&mut districts, &u.district)
                .units_in_roster
                .get_or_insert(0) += 1;
        }
        let mut most_failed: Vec<FailCount> = fails
            .into_iter()
            .map(|(c, n)| FailCount {
                criterion: c.to_string(),
                units: n,
            })
            .collect();
        most_failed.sort_by(|a, b| b.units.cmp(&a.units).then(a.criterion.cmp(&b.criterion)));
        most_failed.truncate(top);
        let target = target.or((!roster.is_empty()).then_some(roster.len()));
        Rollout {
            units_inspected: records.len(),
            units_meeting_all: meeting,
            inspections_read: self.read,
            percent_of_target: target
                .filter(|t| *t > 0)
                .map(|t| meeting as f64 * 100.0 / t as f64),
            target,
            districts: {
                let mut d: Vec<DistrictRow> = districts.into_values().collect();
                d.sort_by_key(|row| natural_key(&row.district));
                d
            },
            most_failed,
            never_inspected: never,
            demo_inspections: records.iter().filter(|r| r.demo).count(),
            seal_broken: records.iter().filter(|r| r.seal_broken).count(),
        }
    }
}
