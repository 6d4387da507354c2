//! What a hub of many inspections costs, at 1,000, 10,000 and 100,000 demo units: opening
//! one inspection by its whole id, the rows of `list`, and the roll-out of `summary`.
//! The data is generated once into `target/bench-data/scale-<N>/` (reused by later runs;
//! 100,000 units take about a minute to write) and never in CI. Process-level figures
//! (wall time, peak memory, `demo`) come from `benches/scale.sh`.
#![allow(clippy::unwrap_used)]

use kiemtra::store::{Catalogs, DataDir};

mod common;

use common::{SIZES, data};

fn main() {
    divan::main();
}

/// An id in the middle of the folder.
fn some_id(data: &DataDir) -> String {
    let files = data.inspection_files().unwrap();
    let path = &files[files.len() / 2];
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// `show ID` and every single-inspection command: resolve a whole id and load the file.
#[divan::bench(args = SIZES, sample_count = 50)]
fn open_by_whole_id(bencher: divan::Bencher, n: usize) {
    let data = data(n);
    let id = some_id(&data);
    bencher.bench_local(|| {
        let id = data.resolve_id(&id).unwrap();
        data.load(&id).unwrap()
    });
}

/// The rows of the console's Home, all kept and sorted (read in batches on every core,
/// packed).
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn list_rows(bencher: divan::Bencher, n: usize) {
    let data = data(n);
    let catalogs = Catalogs::load(&data).unwrap();
    bencher.bench_local(|| {
        let seals = kiemtra::store::seal_cache::SealCache::off();
        kiemtra::store::listing::read_rows(&data.inspections(), &catalogs, &seals)
            .unwrap()
            .0
            .rows
            .len()
    });
}

/// The rows as `list` reads them: one at a time, in no order (it then sorts its output in
/// bounded memory; the whole command, with its peak memory, is timed by `scale.sh`).
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn list_rows_streamed(bencher: divan::Bencher, n: usize) {
    let data = data(n);
    let catalogs = Catalogs::load(&data).unwrap();
    bencher.bench_local(|| {
        let seals = kiemtra::store::seal_cache::SealCache::off();
        let mut rows = 0;
        kiemtra::store::listing::each_row(&data.inspections(), &catalogs, &seals, |r| {
            rows += usize::from(r.is_ok());
        })
        .unwrap();
        rows
    });
}

/// The roll-out of `summary`.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn summary_rollout(bencher: divan::Bencher, n: usize) {
    let data = data(n);
    bencher.bench_local(|| {
        kiemtra::report::rollout::compute(
            kiemtra::domain::Lang::En,
            &data,
            None,
            None,
            None,
            None,
            5,
        )
        .unwrap()
        .rollout
        .units_inspected
    });
}
