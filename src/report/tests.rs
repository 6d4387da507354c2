//! The minutes of one fully answered inspection of the default catalog: everything
//! recorded appears, drafts look like drafts, and insta snapshots of the HTML and the
//! Markdown show the whole document to a reviewer.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;

use super::{Report, html, markdown, words};
use crate::domain::catalog::IndicatorKind;
use crate::domain::finding::{Conclusion, Proposal};
use crate::domain::inspection::{
    AnswerEdit, Inspection, MinutesFacts, NewInspection, Recommendation, Team, Unit,
};
use crate::domain::rule::IndicatorValue;
use crate::domain::{Catalog, Lang, Verdict};
use crate::store::default_catalog;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Evidence of criterion `n`: long for criterion 3, as real notes sometimes are.
fn evidence(n: u32) -> String {
    let mut e = format!("Minh chứng {n}: đã xem sổ trực ban, hồ sơ <gốc> & thực tế");
    if n == 3 {
        e.push_str(&" và biên bản họp dân khu phố".repeat(10));
    }
    e
}

/// Every criterion answered: a value for every indicator, evidence, two shortcomings
/// (typed with a dash bullet), a recommendation with owner and due date, verdicts in
/// turn (with a reason where they differ from the suggestion), a conclusion.
fn full(catalog: &Catalog) -> Inspection {
    let t = at("2022-05-19T02:00:00Z");
    let mut i = Inspection::new(
        "01900000-0000-7000-8000-000000000001".into(),
        catalog,
        NewInspection {
            unit: Unit {
                name: "Công an phường Tân Chánh Hiệp".into(),
                ward: "Phường Tân Chánh Hiệp".into(),
                district: "Quận 12".into(),
                province: "TP Hồ Chí Minh".into(),
                ..Default::default()
            },
            team: Team {
                leader: "Nguyễn Văn An".into(),
                members: vec!["Trần Thị Bình".into(), "Lê Văn Cường".into()],
                ..Default::default()
            },
            date: Some(jiff::civil::date(2022, 5, 19)),
            ..Default::default()
        },
        t,
        "an",
    );
    i.minutes = MinutesFacts {
        body: "Công an Quận 12".into(),
        representative: "Phạm Minh Đức".into(),
        ..Default::default()
    };
    let verdicts = [Verdict::Met, Verdict::BasicallyMet, Verdict::NotMet];
    for (_, c) in catalog.criteria() {
        let n = c.number;
        let values = c
            .indicators
            .iter()
            .map(|ind| {
                let v = match ind.kind {
                    IndicatorKind::Check => IndicatorValue::Check(n % 2 == 0),
                    IndicatorKind::Count => IndicatorValue::Count(u64::from(n % 4)),
                    IndicatorKind::Ratio => IndicatorValue::Ratio {
                        numerator: u64::from(n + 10),
                        denominator: u64::from(n + 13),
                    },
                    IndicatorKind::Choice => IndicatorValue::Choice(
                        ind.options[n as usize % ind.options.len()].id.clone(),
                    ),
                    IndicatorKind::Text => {
                        IndicatorValue::Text(format!("Nhận xét {n}: {}", ind.id))
                    }
                };
                (ind.id.clone(), v)
            })
            .collect();
        let edit = AnswerEdit {
            verdict: Some(Some(verdicts[n as usize % 3])),
            values,
            evidence: Some(evidence(n)),
            shortcomings: Some(format!(
                "- Tồn tại {n}a: hồ sơ chưa đủ\n- Tồn tại {n}b: *sổ* chậm"
            )),
            reason: Some(format!("Lý do {n}: theo thực tế")),
            add_recommendation: Some(Recommendation {
                action: format!("Kiến nghị {n}: hoàn thiện hồ sơ"),
                owner: "Đội Cảnh sát khu vực".into(),
                due: Some(jiff::civil::date(2022, 9, 30)),
                ..Default::default()
            }),
            ..Default::default()
        };
        i.apply(catalog, &c.code, &edit, "an", t).unwrap();
    }
    i.set_conclusion(
        Conclusion {
            text: "Đơn vị cơ bản đạt; khắc phục các tồn tại đã nêu.".into(),
            proposal: Some(Proposal::NotYet),
        },
        "an",
        t,
    )
    .unwrap();
    i
}

fn sealed(catalog: &Catalog) -> Inspection {
    let mut i = full(catalog);
    let t = at("2022-05-19T09:30:00Z");
    i.finalize(catalog, false, "an", t).unwrap();
    i.seal("Nguyễn Văn An", t, None).unwrap();
    i
}

fn report<'a>(i: &'a Inspection, c: &'a Catalog, lang: Lang) -> Report<'a> {
    Report {
        inspection: i,
        catalog: c,
        lang,
        made_at: at("2022-05-19T10:00:00Z"),
    }
}

/// Local times depend on the machine's time zone: take them out of snapshots.
fn without_times(text: String, r: &Report) -> String {
    let mut text = text.replace(&words::time(r.lang, r.made_at), "[time]");
    if let Some(s) = &r.inspection.seal {
        text = text.replace(&words::time(r.lang, s.at), "[time]");
    }
    text
}

#[test]
fn the_minutes_hold_everything_recorded() {
    let c = default_catalog();
    let i = sealed(&c);
    let r = report(&i, &c, Lang::Vi);
    let h = html(&r);
    let m = markdown(&r);
    for (_, crit) in c.criteria() {
        let a = i.answer(&crit.code).unwrap();
        let ev = evidence(crit.number);
        assert!(h.contains(&super::html::esc(&ev)), "evidence {}", crit.code);
        assert!(
            m.contains(&super::escape::markdown_text(&ev)),
            "evidence {}",
            crit.code
        );
        for item in words::items(&a.shortcomings) {
            let e = super::html::esc(&item);
            assert!(h.contains(&format!("<li>{e}</li>")), "{item}");
            let md = super::escape::markdown_text(&item);
            assert!(m.contains(&format!("\n  - {md}\n")), "{item}");
        }
        for ind in &crit.indicators {
            let label = ind.label.get(Lang::Vi);
            assert!(h.contains(&super::html::esc(label)), "{label}");
            assert!(m.contains(&super::escape::markdown_text(label)), "{label}");
            // Choice values by their label, never their id.
            if let Some(IndicatorValue::Choice(id)) = a.values.get(&ind.id) {
                let opt = ind.options.iter().find(|o| &o.id == id).unwrap();
                assert!(h.contains(&super::html::esc(opt.label.get(Lang::Vi))));
            }
        }
        if let Some(reason) = &a.override_reason {
            assert!(h.contains(&format!("<b>Lý do:</b> {reason}")), "{reason}");
        }
    }
    // Decimal commas, dd/mm/yyyy, the heading of an administrative document.
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CÔNG AN QUẬN 12",
        "Số: ……/BB-ĐKT",
        "Phường Tân Chánh Hiệp, ngày 19 tháng 5 năm 2022",
        "hạn: 30/09/2022",
        "13/16 = 81,2%",
        "Tỷ lệ khu dân cư",
    ] {
        assert!(h.contains(needle), "HTML lacks {needle}");
        assert!(
            m.contains(&super::escape::markdown_text(needle)),
            "MD lacks {needle}"
        );
    }
    assert!(!h.contains("2022-09-30") && !h.contains("81.2"));
    // Sealed: a signature for every member, the leader and the unit, no draft mark.
    for name in [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Minh Đức",
    ] {
        assert!(h.contains(&format!("<b>{name}</b></div>")), "{name}");
    }
    assert!(!h.contains("DỰ THẢO") && !m.contains("DỰ THẢO"));
    assert!(h.contains("@bottom-center") && h.contains("counter(pages)"));
    assert!(h.contains(&r.short_digest()));
}

#[test]
fn english_minutes_use_english_dates_and_decimal_points() {
    let c = default_catalog();
    let i = sealed(&c);
    let h = html(&report(&i, &c, Lang::En));
    for needle in [
        "19 May 2022",
        "due: 30 September 2022",
        "13/16 = 81.2%",
        "No.: ……/BB-ĐKT",
    ] {
        assert!(h.contains(needle), "lacks {needle}");
    }
    assert!(!h.contains("81,2"));
}

#[test]
fn a_draft_is_marked_and_has_no_signature_lines() {
    let c = default_catalog();
    let mut i = full(&c);
    let r = report(&i, &c, Lang::Vi);
    let h = html(&r);
    assert!(h.contains("class=\"draft-mark\">DỰ THẢO / DRAFT"));
    assert!(
        h.contains("@top-center"),
        "the mark in every page's margin too"
    );
    assert!(!h.contains("class=\"sign\"") && !h.contains("(ký, ghi rõ họ tên)"));
    let m = markdown(&r);
    assert!(m.contains("DỰ THẢO / DRAFT") && !m.contains("(ký, ghi rõ họ tên)"));
    // Final but not sealed is still a draft; a status that claims a seal it lacks too.
    i.finalize(&c, false, "an", at("2022-05-19T09:00:00Z"))
        .unwrap();
    assert!(html(&report(&i, &c, Lang::Vi)).contains("draft-mark"));
    i.status = crate::domain::inspection::Status::Sealed;
    assert!(html(&report(&i, &c, Lang::Vi)).contains("draft-mark"));
}

#[test]
fn snapshot_html_and_markdown_of_a_sealed_inspection() {
    let c = default_catalog();
    let i = sealed(&c);
    let r = report(&i, &c, Lang::Vi);
    insta::assert_snapshot!("minutes_sealed_vi_html", without_times(html(&r), &r));
    insta::assert_snapshot!("minutes_sealed_vi_md", without_times(markdown(&r), &r));
    let d = full(&c);
    let r = report(&d, &c, Lang::En);
    insta::assert_snapshot!("minutes_draft_en_md", without_times(markdown(&r), &r));
}

#[test]
fn hostile_text_stays_text_in_html_and_markdown() {
    let c = default_catalog();
    let mut i = full(&c);
    i.unit.name = "X</style><script>alert(1)</script>\"; } @page { x".into();
    i.answers.get_mut("I.1").unwrap().evidence = "<img src=x onerror=alert(1)>".into();
    let r = report(&i, &c, Lang::Vi);
    let h = html(&r);
    assert!(
        !h.contains("<script") && !h.contains("<img"),
        "raw markup in HTML"
    );
    assert_eq!(
        h.matches("</style>").count(),
        1,
        "the unit name closed the style"
    );
    let m = markdown(&r);
    assert!(
        !m.contains("<script") && !m.contains("<img"),
        "raw markup in Markdown"
    );
}
