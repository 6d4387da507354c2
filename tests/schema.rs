//! The JSON Schemas of the two file formats: the copies in docs/ match what the code
//! generates, and the files kiemtra ships and writes validate against them.
//!
//! After changing a file format, regenerate the copies with one command:
//!     KIEMTRA_UPDATE_SCHEMAS=1 cargo test --test schema
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const KINDS: [&str; 2] = ["inspection", "catalog"];

fn docs(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/{kind}.schema.json"))
}

fn schema(kit: &Kit, kind: &str) -> Value {
    json(&kit.ok(&["schema", kind]))
}

/// Every error of `instance` against `schema`, one line each.
fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn assert_valid(schema: &Value, path: &Path) {
    let problems = errors(schema, &json_file(path));
    assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
}

#[test]
fn the_copies_in_docs_match_the_code() {
    let kit = Kit::new();
    let update = std::env::var_os("KIEMTRA_UPDATE_SCHEMAS").is_some();
    for kind in KINDS {
        let generated = stdout(&kit.ok(&["schema", kind]));
        let path = docs(kind);
        if update {
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == generated,
            "{} is out of date with the code. Regenerate both schemas with:\n    \
             KIEMTRA_UPDATE_SCHEMAS=1 cargo test --test schema",
            path.display()
        );
    }
}

#[test]
fn the_shipped_catalogs_validate() {
    let kit = Kit::new();
    let schema = schema(&kit, "catalog");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/catalogs");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        assert_valid(&schema, &entry.unwrap().path());
        n += 1;
    }
    assert!(n >= 1);
    assert_valid(&schema, &small_catalog());
    // A catalog of the wrong shape does not.
    let bad = serde_json::json!({"schema_version": 1, "id": "x", "groups": "none"});
    assert!(!errors(&schema, &bad).is_empty());
}

#[test]
fn demo_files_and_a_full_inspection_validate() {
    let kit = Kit::new();
    let schema = schema(&kit, "inspection");
    kit.ok(&["demo", "--wards", "6"]);
    let demo = entries(&kit.inspections());
    assert!(demo.len() >= 6, "{demo:?}");
    for name in &demo {
        assert_valid(&schema, &kit.inspections().join(name));
    }
    // One with every part filled: values of each kind, an override, a recommendation with
    // a due date, a conclusion, a seal chained to an earlier one.
    let id = kit.new_inspection_with(&[
        "--unit",
        "Công an phường Sài Gòn",
        "--leader",
        "Nguyễn Văn A",
        "--member",
        "Trần Thị B",
        "--self-assessment",
    ]);
    kit.ok(&[
        "set",
        &id,
        "17",
        "--value",
        "movement_rating=good",
        "--value",
        "safe_areas=16/25",
        "--verdict",
        "basically-met",
        "--reason",
        "Khu dân cư mới",
        "--evidence",
        "Sổ theo dõi",
        "--shortcoming",
        "Còn 9 khu",
        "--recommend",
        "Công nhận 9 khu",
        "--owner",
        "Công an phường",
        "--due",
        "2026-12-31",
    ]);
    kit.ok(&[
        "set",
        &id,
        "2",
        "--value",
        "staffing_level=9/10",
        "--value",
        "leadership_complete=yes",
    ]);
    kit.ok(&[
        "conclude",
        &id,
        "--text",
        "Cơ bản đạt",
        "--proposal",
        "replication",
    ]);
    kit.ok(&["seal", &id, "--by", "Nguyễn Văn A", "--confirm-incomplete"]);
    kit.ok(&["reopen", &id, "--reason", "Bổ sung"]);
    kit.ok(&["seal", &id, "--by", "Nguyễn Văn A", "--confirm-incomplete"]);
    assert_valid(&schema, &kit.inspection_file(&id));
    // A file of the wrong shape does not.
    let bad = json_file(&fixture("bad/wrong-types.json"));
    assert!(!errors(&schema, &bad).is_empty());
}
