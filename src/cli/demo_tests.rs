//! The demo as a reader finds it, without a folder: every file reads back as it was made,
//! fits the catalog, keeps an audit trail that ends in its answers, and its seals hold
//! when checked by an independent RFC 8785 implementation.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use super::*;
use crate::domain::catalog::sha256_hex;
use crate::domain::seal::{Verification, sealed_content};

#[test]
fn demo_files_read_back_fit_the_catalog_and_keep_their_seals_and_carried_actions() {
    let catalog = default_catalog();
    let now = jiff::Timestamp::from_second(1_764_000_000).unwrap();
    let all: Vec<Inspection> = (0..150)
        .flat_map(|i| unit_files(&catalog, i, &mut Rng::of_unit(7, i), now))
        .collect();
    let (mut sealed, mut carried, mut status_changes) = (0, 0, 0);
    for insp in &all {
        assert!(insp.demo, "{}", insp.id);
        let bytes = load::to_file_bytes(insp);
        assert_eq!(&load::parse_inspection(&bytes).unwrap(), insp, "reads back");
        assert_eq!(insp.problems(&catalog), vec![], "{}", insp.id);
        // The last change recorded for each verdict is the verdict the file holds.
        for (code, a) in &insp.answers {
            let path = format!("answers.{code}.verdict");
            let last = insp
                .history
                .iter()
                .rev()
                .find(|c| c.path.as_deref() == Some(path.as_str()));
            let recorded = last.and_then(|c| c.new.clone()).unwrap_or(Value::Null);
            assert_eq!(recorded, json!(a.verdict), "{} {code}", insp.id);
        }
        if let Some(seal) = &insp.seal {
            sealed += 1;
            assert!(matches!(insp.verify(), Verification::Intact { .. }));
            let file: Value = serde_json::from_slice(&bytes).unwrap();
            let theirs = serde_json_canonicalizer::to_vec(&sealed_content(&file)).unwrap();
            assert_eq!(sha256_hex(&theirs), seal.sha256, "{}", insp.id);
        }
        if !insp.follow_up_of.is_empty() {
            let recs = insp.answers.values().flat_map(|a| &a.recommendations);
            carried += recs.filter(|r| !r.carried_from.is_empty()).count();
            status_changes += insp
                .history
                .iter()
                .filter(|c| c.path.as_deref().is_some_and(|p| p.ends_with(".status")))
                .filter(|c| c.criterion.is_some())
                .count();
        }
    }
    assert!(sealed > 10, "{sealed} sealed");
    assert!(carried > 10, "{carried} carried actions");
    assert!(status_changes > 5, "{status_changes} action status changes");
}
