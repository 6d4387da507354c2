//! The .deb built by `packaging/build.sh` holds what an officer needs: the binary, man
//! pages, completions, README and licence, and it recommends git and openssh-client.
//! CI builds the package before the tests (.ci/run); elsewhere, without a package, the
//! test says SKIPPED and passes.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The newest .deb in target/packaging/, or the one named by KIEMTRA_DEB.
fn package() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KIEMTRA_DEB") {
        return Some(PathBuf::from(p));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/packaging");
    let mut debs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    debs.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    debs.pop()
}

fn dpkg_deb(args: &[&str], deb: &Path) -> String {
    let out = Command::new("dpkg-deb")
        .args(args)
        .arg(deb)
        .output()
        .unwrap();
    assert!(out.status.success(), "dpkg-deb {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_deb_holds_binary_pages_completions_readme_and_licence() {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let have_dpkg = Command::new("dpkg-deb").arg("--version").output().is_ok();
    let Some(deb) = package().filter(|_| have_dpkg) else {
        assert!(
            !in_ci,
            "CI must build the package first: bash packaging/build.sh --deb --profile dev"
        );
        eprintln!(
            "SKIPPED: no .deb in target/packaging/ (or no dpkg-deb); build one with \
             packaging/build.sh, or set KIEMTRA_DEB=FILE"
        );
        return;
    };
    let listing = dpkg_deb(&["-c"], &deb);
    for path in [
        "./usr/bin/kiemtra",
        "./usr/share/man/man1/kiemtra.1.gz",
        "./usr/share/man/vi/man1/kiemtra.1.gz",
        "./usr/share/bash-completion/completions/kiemtra",
        "./usr/share/zsh/vendor-completions/_kiemtra",
        "./usr/share/fish/vendor_completions.d/kiemtra.fish",
        "./usr/share/doc/kiemtra/README.md",
        "./usr/share/doc/kiemtra/copyright",
        "./usr/share/doc/kiemtra/LICENSE",
    ] {
        assert!(
            listing.lines().any(|l| l.ends_with(path)),
            "{path} missing from {}:\n{listing}",
            deb.display()
        );
    }
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("-rwxr-xr-x") && l.ends_with("./usr/bin/kiemtra")),
        "the binary is executable:\n{listing}"
    );
    let recommends = dpkg_deb(&["-f"], &deb);
    let line = recommends
        .lines()
        .find(|l| l.starts_with("Recommends:"))
        .unwrap_or_default();
    assert!(
        line.contains("git") && line.contains("openssh-client"),
        "{recommends}"
    );
    assert!(recommends.contains("Package: kiemtra"), "{recommends}");
}
