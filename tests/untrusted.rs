//! Untrusted input everywhere: arbitrary bytes and randomly mutated valid files fed to the
//! inspection and catalog loaders return errors, never panic, and finish quickly (the time
//! bound is a guard against a hang, not a speed target).
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use kiemtra::domain::Catalog;
use kiemtra::store::catalogs::DEFAULT_CATALOG_JSON;
use kiemtra::store::parse_inspection;
use proptest::prelude::*;

const HANG_GUARD: Duration = Duration::from_secs(2);

/// A real inspection file: made through the domain, with answers and texts.
fn valid_inspection() -> Vec<u8> {
    use kiemtra::domain::inspection::{AnswerEdit, NewInspection, Unit, Verdict};
    let catalog = kiemtra::store::default_catalog();
    let facts = NewInspection {
        unit: Unit {
            name: "Công an phường Tân Chánh Hiệp".into(),
            ..Unit::default()
        },
        ..NewInspection::default()
    };
    let mut i = kiemtra::domain::Inspection::new(
        "01900000-0000-7000-8000-000000000001".into(),
        &catalog,
        facts,
        jiff::Timestamp::UNIX_EPOCH,
        "t",
    );
    for (n, (_, c)) in catalog.criteria().enumerate().take(6) {
        let edit = AnswerEdit {
            verdict: Some(Some(if n % 2 == 0 {
                Verdict::Met
            } else {
                Verdict::NotMet
            })),
            evidence: Some(format!("Minh chứng số {n}: sổ sách, biên bản")),
            ..AnswerEdit::default()
        };
        i.apply(&catalog, &c.code, &edit, "t", jiff::Timestamp::UNIX_EPOCH)
            .unwrap();
    }
    kiemtra::store::load::to_file_bytes(&i)
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(pos, kind, byte) in edits {
        if bytes.is_empty() {
            break;
        }
        let p = pos % bytes.len();
        match kind % 4 {
            0 => bytes[p] = byte,
            1 => {
                bytes.remove(p);
            }
            2 => bytes.insert(p, byte),
            _ => bytes.truncate(p),
        }
    }
    bytes
}

fn guarded<T>(f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(start.elapsed() < HANG_GUARD, "took {:?}", start.elapsed());
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = guarded(|| parse_inspection(&bytes));
        let _ = guarded(|| Catalog::from_json(&bytes));
    }

    #[test]
    fn mutated_inspections_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)) {
        let bytes = mutate(valid_inspection(), &edits);
        // Either it is refused with a reason, or it is an inspection that writes back and
        // reads again unchanged (nothing half-understood gets saved).
        if let Ok(i) = guarded(|| parse_inspection(&bytes)) {
            let again = parse_inspection(&kiemtra::store::load::to_file_bytes(&i)).unwrap();
            prop_assert_eq!(again, i);
        }
    }

    #[test]
    fn mutated_catalogs_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)) {
        let bytes = mutate(DEFAULT_CATALOG_JSON.to_vec(), &edits);
        if let Ok(c) = guarded(|| Catalog::from_json(&bytes)) {
            // A catalog that loads is a valid one: it has criteria and no problems.
            prop_assert!(c.criterion_count() > 0);
            prop_assert!(c.problems().is_empty());
        }
    }
}

#[test]
fn deeply_nested_json_is_refused_not_a_stack_overflow() {
    for depth in [1_000usize, 100_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(guarded(|| parse_inspection(text.as_bytes())).is_err());
        assert!(guarded(|| Catalog::from_json(text.as_bytes())).is_err());
        let obj = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(guarded(|| parse_inspection(obj.as_bytes())).is_err());
    }
}

#[test]
fn a_file_at_the_size_cap_of_junk_is_refused_quickly() {
    let junk = vec![b'['; kiemtra::store::fsx::MAX_FILE_BYTES as usize];
    assert!(guarded(|| parse_inspection(&junk)).is_err());
    let long_string = format!(
        "{{\"schema_version\":2,\"id\":\"{}\"}}",
        "x".repeat(7_000_000)
    );
    assert!(guarded(|| parse_inspection(long_string.as_bytes())).is_err());
}
