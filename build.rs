//! Records the commit the binary is built from, for `kiemtra --version`. Without git (a
//! source tarball, a build machine without it) it says so instead of failing;
//! `KIEMTRA_COMMIT` set in the environment wins (packagers building from an export).

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn main() {
    println!("cargo:rerun-if-env-changed=KIEMTRA_COMMIT");
    let commit = std::env::var("KIEMTRA_COMMIT")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
            let date = git(&["log", "-1", "--format=%cs", "HEAD"]).unwrap_or_default();
            Some(format!("commit {hash} {date}").trim().to_string())
        })
        .unwrap_or_else(|| "commit unknown: built without git".to_string());
    println!("cargo:rustc-env=KIEMTRA_COMMIT={commit}");
    // Rebuild when HEAD moves: the HEAD file itself, and the branch it points at.
    for path in [
        git(&["rev-parse", "--git-path", "HEAD"]),
        git(&["rev-parse", "--symbolic-full-name", "HEAD"])
            .and_then(|r| git(&["rev-parse", "--git-path", &r])),
        git(&["rev-parse", "--git-path", "packed-refs"]),
    ]
    .into_iter()
    .flatten()
    // A missing file would make cargo rerun this script on every build.
    .filter(|p| std::path::Path::new(p).exists())
    {
        println!("cargo:rerun-if-changed={path}");
    }
}
