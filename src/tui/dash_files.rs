//! The Dashboard's reading of the folder, kept between computations (issue 11): each
//! file's roll-out record and corrective actions, with the (size, modified time) it was
//! read at. After a change only the files whose stamp moved, appeared or went are read
//! again; the roll-out is then put together from the kept records, which costs a pass
//! over them, not over the disk. The files stay the truth: anything that could change
//! what a record means (the catalogs, the rename map, the day) starts the reading over.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use super::app::DashboardData;
use super::rows_index::Stamp;
use crate::domain::Lang;
use crate::domain::actions::{self, ActionRow, CurrentKey, current_key};
use crate::domain::rollout::{Folds, Latest, RosterUnit, UnitRecord};
use crate::i18n;
use crate::store::listing::read_parallel;
use crate::store::load::checked_text;
use crate::store::rollout::{Skip, read_rename_map, read_roster, record_of_text};
use crate::store::seal_cache::SealCache;
use crate::store::{Catalogs, DataDir, fsx, is_listed_name};

/// What one file gives the Dashboard.
struct Facts {
    /// Its roll-out record, or why it is left out.
    record: Result<UnitRecord, Left>,
    /// Its open corrective actions that have a due date (none when it cannot be read),
    /// each with its place in the order shown, made once. Those past due on the day of a
    /// computation are shown (as overdue), and no others, so no others are kept.
    pending: Vec<(CurrentKey, Arc<ActionRow>)>,
    /// The actions its own were carried from (a follow-up's), which are no longer current
    /// wherever they stand.
    carried_from: Vec<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Left {
    /// Unreadable, a duplicate, or of an unknown catalog: "skipped".
    Skipped,
    /// Sealed, and the seal does not hold: counted apart.
    BrokenSeal,
}

/// The files read so far, and what they were read with.
#[derive(Default)]
pub struct Files {
    /// The catalogs and the rename map the facts were read with.
    with: Option<(Vec<String>, Vec<u8>)>,
    known: HashMap<PathBuf, (Stamp, Facts)>,
    /// The roster read last, with its file's stamp: a roster of a whole country is read
    /// again only when it changes.
    roster: Option<(PathBuf, Stamp, Vec<RosterUnit>)>,
    /// Names folded by earlier computations.
    folds: Folds,
}

fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path).map_or((0, None), |m| (m.len(), m.modified().ok()))
}

fn existing(data: &DataDir, names: [&str; 2]) -> Option<PathBuf> {
    names
        .iter()
        .map(|n| data.root.join(n))
        .find(|p| p.is_file())
}

impl Files {
    /// The Dashboard of `data` as it is now, reading only what changed since the last
    /// call.
    pub fn compute(&mut self, lang: Lang, data: &DataDir) -> Result<DashboardData, String> {
        self.compute_on(lang, data, jiff::ZonedDateTime::now().date())
    }

    /// `compute` as on the day `today` (which says which actions are overdue).
    pub fn compute_on(
        &mut self,
        lang: Lang,
        data: &DataDir,
        today: Date,
    ) -> Result<DashboardData, String> {
        let catalogs = Catalogs::load(data).map_err(|e| i18n::store_error(lang, &e))?;
        let roster = existing(data, ["roster.csv", "roster-demo.csv"]);
        let roster_stamp = roster.as_deref().map(stamp);
        let kept = self.roster.take().filter(|(p, s, _)| {
            roster.as_ref() == Some(p) && roster_stamp == Some(*s) && s.1.is_some()
        });
        let roster = match (kept, roster) {
            (Some(k), _) => k,
            (None, Some(p)) => {
                let units = read_roster(&p)
                    .map_err(|(line, why)| i18n::lifecycle::roster_error(lang, &p, line, &why))?;
                (p, roster_stamp.unwrap_or((0, None)), units)
            }
            (None, None) => (PathBuf::new(), (0, None), Vec::new()),
        };
        let rename_path = existing(data, ["rename-map.csv", "rename-map-demo.csv"]);
        let rename_bytes = rename_path
            .as_deref()
            .and_then(|p| fsx::read_regular(p).ok())
            .unwrap_or_default();
        let renames = match &rename_path {
            Some(p) => read_rename_map(p)
                .map_err(|(line, why)| i18n::programme::rename_map_error(lang, p, line, &why))?,
            None => Vec::new(),
        };
        let with = (super::rows_index::fingerprint(&catalogs), rename_bytes);
        if self.with.as_ref() != Some(&with) {
            self.known.clear();
            self.with = Some(with);
        }

        let folder = data.inspections();
        let names: Vec<PathBuf> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| is_listed_name(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let stamps = read_parallel(&names, threads, &stamp);
        let present: std::collections::HashSet<&PathBuf> = names.iter().collect();
        self.known.retain(|p, _| present.contains(p));
        let todo: Vec<(PathBuf, Stamp)> = names
            .iter()
            .zip(stamps)
            .filter(|(p, s)| self.known.get(*p).is_none_or(|(k, _)| k != s))
            .map(|(p, s)| (p.clone(), s))
            .collect();
        let seals = SealCache::open(&data.root);
        let paths: Vec<PathBuf> = todo.iter().map(|(p, _)| p.clone()).collect();
        let read = read_parallel(&paths, threads, &|p: &Path| {
            // Read and checked once, for the record and the actions: what a full reading
            // refuses first (not UTF-8, a BOM, a key given twice) gives neither.
            let bytes = fsx::read_regular(p).ok();
            let text = bytes.as_deref().and_then(|b| checked_text(b).ok());
            let record = match (&bytes, text) {
                (Some(b), Some(t)) => {
                    record_of_text(p, b, t, &catalogs, &renames, &seals).map_err(|s| match s {
                        Skip::BrokenSeal { .. } => Left::BrokenSeal,
                        Skip::Bad(_) | Skip::UnknownCatalog { .. } => Left::Skipped,
                    })
                }
                _ => Err(Left::Skipped),
            };
            // Only the actions part is decoded.
            let actions = text
                .and_then(|t| serde_json::from_str::<actions::Brief>(t).ok())
                .map(|b| actions::brief_rows(&b, jiff::civil::Date::MAX))
                .unwrap_or_default();
            let carried_from = actions
                .iter()
                .filter(|a| !a.carried_from.is_empty())
                .map(|a| a.carried_from.clone())
                .collect();
            // Read as of the last day there is, every open action with a due date is
            // overdue: that is each that may be shown, on whichever day.
            let pending = actions
                .into_iter()
                .filter(|a| a.overdue)
                .map(|a| (current_key(&a), Arc::new(a)))
                .collect();
            Facts {
                record,
                pending,
                carried_from,
            }
        });
        if !todo.is_empty() {
            seals.save();
        }
        for ((path, stamp), facts) in todo.into_iter().zip(read) {
            self.known.insert(path, (stamp, facts));
        }
        let shown = self.put_together(lang, &catalogs, &roster.2, today);
        self.roster = Some(roster);
        Ok(shown)
    }

    /// The roll-out, the criteria that fail most and the overdue actions, from the facts
    /// kept; files in the order of their names, so that ties fall the same way each time.
    fn put_together(
        &mut self,
        lang: Lang,
        catalogs: &Catalogs,
        roster: &[RosterUnit],
        today: Date,
    ) -> DashboardData {
        let mut files: Vec<(&PathBuf, &Facts)> =
            self.known.iter().map(|(p, (_, f))| (p, f)).collect();
        // One folder: the paths differ only in their names, and compare as bytes faster
        // than as paths.
        files.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
        let folds = std::mem::take(&mut self.folds);
        let mut latest = Latest::default().without_units().with_folds(folds);
        let (mut skipped, mut broken_seals) = (0, 0);
        let mut overdue = Vec::new();
        let mut carried = std::collections::HashSet::new();
        for (_, f) in files {
            match &f.record {
                Ok(r) => latest.add_ref(r),
                Err(Left::Skipped) => skipped += 1,
                Err(Left::BrokenSeal) => broken_seals += 1,
            }
            overdue.extend(
                f.pending
                    .iter()
                    .filter(|(_, a)| a.due.is_some_and(|d| d < today)),
            );
            carried.extend(f.carried_from.iter().map(String::as_str));
        }
        let (rollout, folds) = latest.rollout_and_folds(roster, None, 8);
        self.folds = folds;
        let title = |code: &str| {
            catalogs
                .entries
                .iter()
                .find_map(|(c, _)| c.criterion(code))
                .map(|c| c.title.get(lang).to_string())
                .unwrap_or_default()
        };
        let titles = rollout
            .most_failed
            .iter()
            .map(|f| (f.criterion.clone(), title(&f.criterion)))
            .collect();
        // As `actions::current` does over every action: those carried into a later visit
        // are not current; the rest in its order (a stable sort, as its is).
        overdue.retain(|(_, r)| !carried.contains(r.id.as_str()));
        overdue.sort_by(|a, b| a.0.cmp(&b.0));
        let overdue = overdue.into_iter().map(|(_, r)| Arc::clone(r)).collect();
        DashboardData {
            skipped,
            broken_seals,
            rollout,
            titles,
            overdue,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn kiemtra(data: &DataDir, args: &[&str]) {
        let mut all: Vec<OsString> = vec!["kiemtra".into(), "--data-dir".into()];
        all.push(data.root.clone().into_os_string());
        all.extend(args.iter().map(OsString::from));
        assert_eq!(
            crate::cli::main(all),
            std::process::ExitCode::SUCCESS,
            "{args:?}"
        );
    }

    /// What the Dashboard shows after files changed, read again only for what changed, is
    /// what `summary` and `actions` find reading everything afresh.
    #[test]
    fn the_dashboard_read_again_for_what_changed_is_the_one_read_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().join("data"));
        kiemtra(&data, &["demo", "--wards", "30", "--seed", "7"]);
        let mut files = Files::default();
        let before = files.compute(Lang::En, &data).unwrap();
        // The demo has overdue actions, and follow-ups that carry some on.
        assert!(!before.overdue.is_empty());
        assert_eq!(
            before,
            super::super::dash_worker::compute_as_summary(Lang::En, &data).unwrap()
        );
        // Added and answered, removed, and unreadable.
        let names = || -> Vec<PathBuf> {
            let mut n: Vec<PathBuf> = std::fs::read_dir(data.inspections())
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            n.sort();
            n
        };
        let old = names();
        let unit = [
            "new",
            "--unit",
            "Công an phường Mới",
            "--district",
            "Quận 1",
        ];
        kiemtra(&data, &unit);
        let added = names().into_iter().find(|p| !old.contains(p)).unwrap();
        let id = added.file_stem().unwrap().to_str().unwrap();
        kiemtra(&data, &["set", id, "I.1", "--verdict", "not-met"]);
        std::fs::remove_file(&old[0]).unwrap();
        std::fs::write(data.inspections().join("broken.json"), b"{").unwrap();
        let after = files.compute(Lang::En, &data).unwrap();
        assert_ne!(after, before);
        assert_eq!(after.skipped, before.skipped + 1);
        assert_eq!(
            after,
            super::super::dash_worker::compute_as_summary(Lang::En, &data).unwrap()
        );
    }

    /// Kept over midnight (or for days), the Dashboard shows the actions overdue on the
    /// new day, as a fresh reading does, though no file changed.
    #[test]
    fn the_dashboard_kept_from_one_day_shows_what_is_overdue_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().join("data"));
        kiemtra(&data, &["demo", "--wards", "30", "--seed", "7"]);
        let mut kept = Files::default();
        let day = |s: &str| s.parse::<Date>().unwrap();
        let mut counts = Vec::new();
        for today in ["2020-01-01", "2025-09-01", "2026-06-01", "2040-01-01"] {
            let shown = kept.compute_on(Lang::En, &data, day(today)).unwrap();
            let fresh = Files::default()
                .compute_on(Lang::En, &data, day(today))
                .unwrap();
            assert_eq!(shown, fresh, "{today}");
            assert!(shown.overdue.iter().all(|a| a.due.unwrap() < day(today)));
            counts.push(shown.overdue.len());
        }
        // Nothing is overdue before the first due date, and more is as days pass.
        assert_eq!(counts[0], 0);
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        assert!(counts[3] > counts[1], "{counts:?}");
    }
}
