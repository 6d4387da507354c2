//! What the benchmarks share: the demo folders of 1,000, 10,000 and 100,000 units,
//! generated once into `target/bench-data/scale-<N>/` and reused (never in CI).
#![allow(clippy::unwrap_used, dead_code)]

use std::path::PathBuf;

use kiemtra::store::DataDir;

pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The data folder of `n` demo units, generated on first use.
pub fn data(n: usize) -> DataDir {
    let root =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-data/scale-{n}"));
    if !root.join("roster-demo.csv").exists() {
        let _ = std::fs::remove_dir_all(&root);
        eprintln!("generating {n} demo units into {} ...", root.display());
        let code = kiemtra::cli::main(
            [
                "kiemtra",
                "--data-dir",
                &root.to_string_lossy(),
                "demo",
                "--wards",
                &n.to_string(),
                "--seed",
                "7",
            ]
            .iter()
            .map(Into::into)
            .collect(),
        );
        assert_eq!(code, std::process::ExitCode::SUCCESS);
    }
    DataDir::at(root)
}
