//! Home's rows kept in memory at a hub's scale (issue 11): the rows change by deltas from
//! the rows worker (`rows_worker`) rather than by re-reading the folder, each row's
//! search text is folded once, and a search that narrows filters the previous result.
//! Pure: no disk, no terminal.

use std::cmp::Ordering;
use std::collections::HashSet;

use super::app::HomeRow;
use super::library::Library;
use crate::domain::text::fold;

/// What changed in the folder since the last delta.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Delta {
    /// New or changed rows: each replaces the row of the same id.
    pub rows: Vec<HomeRow>,
    /// The search text of each of `rows`, folded off the UI thread (see `keys_of`); empty
    /// when not worked out, and then folded when taken in.
    pub keys: Vec<Box<str>>,
    /// Ids whose file is gone or no longer readable.
    pub gone: Vec<String>,
    /// The files that could not be read, said anew when that list changed.
    pub problems: Option<Vec<String>>,
    /// Files read so far and in all while the first reading runs; `None` once done.
    pub loading: Option<(usize, usize)>,
    /// None of `rows` is listed yet (the first reading): no replacing to look for.
    pub fresh: bool,
}

impl Delta {
    /// Fold a later delta into this one (the event loop takes in what arrived since the
    /// last frame at once, merging the rows once).
    pub fn absorb(&mut self, later: Delta) {
        let keyed = self.keys.len() == self.rows.len() && later.keys.len() == later.rows.len();
        if !later.fresh || !later.gone.is_empty() {
            // A later change to a row of this delta: keep only the later one.
            let ids: HashSet<&str> = later
                .rows
                .iter()
                .map(|r| r.id.as_str())
                .chain(later.gone.iter().map(String::as_str))
                .collect();
            if keyed {
                let rows = std::mem::take(&mut self.rows);
                let keys = std::mem::take(&mut self.keys);
                (self.rows, self.keys) = rows
                    .into_iter()
                    .zip(keys)
                    .filter(|(r, _)| !ids.contains(r.id.as_str()))
                    .unzip();
            } else {
                self.rows.retain(|r| !ids.contains(r.id.as_str()));
            }
        }
        self.fresh &= later.fresh;
        self.rows.extend(later.rows);
        if keyed {
            self.keys.extend(later.keys);
        } else {
            self.keys.clear();
        }
        self.gone.extend(later.gone);
        if later.problems.is_some() {
            self.problems = later.problems;
        }
        self.loading = later.loading;
    }
}

/// The search's view of Home's rows: the folded text of each row (in the rows' order),
/// the query the hits are for, and the hits.
#[derive(Debug, Default, Clone)]
pub struct HomeView {
    keys: Vec<Box<str>>,
    /// The folded query `hits` answers.
    query: String,
    /// Indices of the rows the query keeps; `None` when it keeps them all.
    hits: Option<Vec<u32>>,
    /// Files read and in all while Home's first reading runs.
    pub loading: Option<(usize, usize)>,
}

/// Home's order: newest first, then by unit name, then by id.
pub(super) fn order(a: &HomeRow, b: &HomeRow) -> Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| a.unit.cmp(&b.unit))
        .then_with(|| a.id.cmp(&b.id))
}

/// The text a search looks in, folded (accents and case away).
fn key_of(r: &HomeRow) -> Box<str> {
    fold(&format!("{} {}", r.unit, r.district)).into_boxed_str()
}

/// The search text of each row, folded on `threads` threads: the rows worker does it, so
/// that taking 100,000 rows in does not fold them on the UI thread.
pub fn keys_of(rows: &[HomeRow], threads: usize) -> Vec<Box<str>> {
    // Below this, a thread costs more than it saves.
    const ALONE: usize = 2_048;
    if rows.len() < ALONE || threads < 2 {
        return rows.iter().map(key_of).collect();
    }
    let part = rows.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(part)
            .map(|c| scope.spawn(move || c.iter().map(key_of).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

impl HomeView {
    /// In step with `rows` and `query` (the folded search text).
    fn fresh_for(&self, rows: &[HomeRow], query: &str) -> bool {
        self.keys.len() == rows.len() && self.query == query
    }
}

fn filter(keys: &[Box<str>], query: &str, within: Option<&[u32]>) -> Option<Vec<u32>> {
    if query.is_empty() {
        return None;
    }
    let hit = |i: &u32| keys.get(*i as usize).is_some_and(|k| k.contains(query));
    Some(match within {
        Some(prev) => prev.iter().copied().filter(|i| hit(i)).collect(),
        None => (0..u32::try_from(keys.len()).unwrap_or(u32::MAX))
            .filter(|i| hit(i))
            .collect(),
    })
}

/// After `Msg::HomeLoaded` replaced the rows (in the order given): fold them and filter
/// afresh.
pub fn rows_replaced(lib: &mut Library) {
    lib.index.keys = lib.rows.iter().map(key_of).collect();
    lib.index.query.clear();
    lib.index.hits = None;
    query_changed(lib);
}

/// After the search text changed: a query that extends the last one filters its hits
/// only; any other filters every row.
pub fn query_changed(lib: &mut Library) {
    let q = fold(lib.search.query());
    let v = &mut lib.index;
    if v.keys.len() != lib.rows.len() {
        v.keys = lib.rows.iter().map(key_of).collect();
        v.query.clear();
        v.hits = None;
    }
    if q == v.query {
        return;
    }
    let within = if q.starts_with(v.query.as_str()) {
        v.hits.as_deref()
    } else {
        None
    };
    v.hits = filter(&v.keys, &q, within);
    v.query = q;
}

/// Take in a delta from the rows worker; the selection stays on the same inspection.
pub fn apply(lib: &mut Library, delta: Delta) {
    let selected = get(lib, lib.selected).map(|r| r.id.clone());
    let v = &mut lib.index;
    if v.keys.len() != lib.rows.len() {
        v.keys = lib.rows.iter().map(key_of).collect();
    }
    if !delta.rows.is_empty() || !delta.gone.is_empty() {
        let rows = std::mem::take(&mut lib.rows);
        let keys = std::mem::take(&mut v.keys);
        let mut pairs: Vec<(HomeRow, Box<str>)> = rows.into_iter().zip(keys).collect();
        if !delta.fresh || !delta.gone.is_empty() {
            let out: HashSet<&str> = delta
                .rows
                .iter()
                .map(|r| r.id.as_str())
                .chain(delta.gone.iter().map(String::as_str))
                .collect();
            pairs.retain(|(r, _)| !out.contains(r.id.as_str()));
        }
        let keys = if delta.keys.len() == delta.rows.len() {
            delta.keys
        } else {
            delta.rows.iter().map(key_of).collect()
        };
        let mut new: Vec<(HomeRow, Box<str>)> = delta.rows.into_iter().zip(keys).collect();
        // Already in order when they come from the index: then one pass.
        new.sort_by(|a, b| order(&a.0, &b.0));
        // Two sorted runs: the stable sort finds them and merges once.
        pairs.extend(new);
        pairs.sort_by(|a, b| order(&a.0, &b.0));
        let (rows, keys) = pairs.into_iter().unzip();
        lib.rows = rows;
        v.keys = keys;
        v.query.clear();
        v.hits = None;
    }
    if let Some(p) = delta.problems {
        lib.problems = p;
    }
    lib.index.loading = delta.loading;
    query_changed(lib);
    let n = len(lib);
    lib.selected = selected
        .and_then(|id| window(lib, 0, n).position(|r| r.id == id))
        .unwrap_or(lib.selected)
        .min(n.saturating_sub(1));
}

/// How many rows the search keeps.
pub fn len(lib: &Library) -> usize {
    let v = &lib.index;
    let q = fold(lib.search.query());
    if !v.fresh_for(&lib.rows, &q) {
        return slow(lib, &q).len();
    }
    v.hits.as_ref().map_or(lib.rows.len(), Vec::len)
}

/// The `i`-th row the search keeps.
pub fn get(lib: &Library, i: usize) -> Option<&HomeRow> {
    window(lib, i, 1).next()
}

/// `n` rows the search keeps, from the `start`-th: what a frame draws.
pub fn window(lib: &Library, start: usize, n: usize) -> Box<dyn Iterator<Item = &HomeRow> + '_> {
    let v = &lib.index;
    let q = fold(lib.search.query());
    if !v.fresh_for(&lib.rows, &q) {
        // Not in step (rows set by other means): correct, only slower.
        return Box::new(slow(lib, &q).into_iter().skip(start).take(n));
    }
    match &v.hits {
        None => Box::new(lib.rows.iter().skip(start).take(n)),
        Some(hits) => Box::new(
            hits.iter()
                .skip(start)
                .take(n)
                .filter_map(|&i| lib.rows.get(i as usize)),
        ),
    }
}

fn slow<'a>(lib: &'a Library, q: &str) -> Vec<&'a HomeRow> {
    lib.rows
        .iter()
        .filter(|r| q.is_empty() || key_of(r).contains(q))
        .collect()
}

/// Indices of the rows the search keeps, for drawing; `None` keeps them all. Borrowed
/// when in step with the query (always, after `query_changed`), else worked out.
pub fn hits(lib: &Library) -> Option<std::borrow::Cow<'_, [u32]>> {
    let v = &lib.index;
    let q = fold(lib.search.query());
    if v.fresh_for(&lib.rows, &q) {
        return v.hits.as_deref().map(std::borrow::Cow::Borrowed);
    }
    let keys: Vec<Box<str>> = lib.rows.iter().map(key_of).collect();
    filter(&keys, &q, None).map(std::borrow::Cow::Owned)
}

/// Home's gauge while its first reading runs: files read, files in all.
pub fn loading(lib: &Library) -> Option<(usize, usize)> {
    lib.index.loading
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::tui::app::{App, Msg, update};
    use crate::tui::theme::Look;
    use ratatui::crossterm::event::{KeyCode, KeyEvent};

    fn row(id: &str, unit: &str, day: i8) -> HomeRow {
        HomeRow {
            id: id.into(),
            unit: unit.into(),
            district: String::new(),
            date: jiff::civil::date(2025, 5, day),
            status: crate::domain::inspection::Status::Draft,
            progress: None,
            conflicts: 0,
            seal_broken: false,
        }
    }

    fn app() -> App {
        App::new(Lang::En, Look::new(false, true), "t".into(), vec![])
    }

    fn ids(a: &App) -> Vec<String> {
        window(&a.library, 0, usize::MAX)
            .map(|r| r.id.clone())
            .collect()
    }

    #[test]
    fn deltas_add_replace_and_remove_rows_in_home_order() {
        let mut a = app();
        apply(
            &mut a.library,
            Delta {
                rows: vec![row("a", "Bình Mỹ", 1), row("b", "Tân Định", 3)],
                fresh: true,
                loading: Some((2, 3)),
                ..Delta::default()
            },
        );
        assert_eq!(ids(&a), ["b", "a"]);
        assert_eq!(loading(&a.library), Some((2, 3)));
        apply(
            &mut a.library,
            Delta {
                rows: vec![row("c", "Bến Thành", 2)],
                fresh: true,
                ..Delta::default()
            },
        );
        assert_eq!(ids(&a), ["b", "c", "a"]);
        assert_eq!(loading(&a.library), None);
        // A changed file (its date moved) and a removed one.
        apply(
            &mut a.library,
            Delta {
                rows: vec![row("a", "Bình Mỹ", 9)],
                gone: vec!["b".into()],
                ..Delta::default()
            },
        );
        assert_eq!(ids(&a), ["a", "c"]);
    }

    #[test]
    fn the_selection_stays_on_its_inspection_when_rows_arrive_above_it() {
        let mut a = app();
        apply(
            &mut a.library,
            Delta {
                rows: vec![row("a", "A", 1), row("b", "B", 2)],
                fresh: true,
                ..Delta::default()
            },
        );
        a.library.selected = 1; // "a"
        apply(
            &mut a.library,
            Delta {
                rows: vec![row("c", "C", 5)],
                fresh: true,
                ..Delta::default()
            },
        );
        assert_eq!(get(&a.library, a.library.selected).unwrap().id, "a");
    }

    fn type_keys(a: &mut App, keys: &[KeyCode]) {
        for k in keys {
            update(a, Msg::Key(KeyEvent::from(*k)));
        }
    }

    #[test]
    fn a_narrower_search_filters_the_last_hits_and_a_wider_one_starts_over() {
        let mut a = app();
        update(
            &mut a,
            Msg::HomeLoaded {
                rows: vec![
                    row("a", "Công an phường Sài Gòn", 1),
                    row("b", "Công an xã Bình Mỹ", 2),
                    row("c", "Công an phường Bến Thành", 3),
                ],
                problems: vec![],
            },
        );
        let chars = |s: &str| s.chars().map(KeyCode::Char).collect::<Vec<_>>();
        type_keys(&mut a, &chars("/phuong"));
        assert_eq!(ids(&a), ["a", "c"]);
        assert_eq!(a.library.index.query, "phuong");
        type_keys(&mut a, &[KeyCode::Backspace; 6]);
        assert_eq!(ids(&a), ["a", "b", "c"]);
        type_keys(&mut a, &chars("bình"));
        assert_eq!(ids(&a), ["b"]);
        // Esc leaves the search and shows every row again.
        type_keys(&mut a, &[KeyCode::Esc]);
        assert_eq!(len(&a.library), 3);
    }
}
