//! The console driven by scripted keys, with no terminal: state assertions plus insta
//! snapshots of each screen at 80×24 (default theme, and --ascii --no-color).
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, HomeRow, Msg, Overlay, ScreenKind, update};
use super::driver::buffer_text;
use super::keymap::{ALL_ACTIONS, BINDINGS};
use super::theme::Look;
use super::view;
use crate::domain::inspection::{InspectionKind, NewInspection, Status, Team, Unit};
use crate::domain::{Inspection, Lang, Progress, Verdict};
use crate::i18n::ui;
use crate::store::default_catalog;

pub(super) fn inspection() -> Inspection {
    let facts = NewInspection {
        unit: Unit {
            name: "Công an phường Tân Chánh Hiệp".into(),
            ward: "Tân Chánh Hiệp".into(),
            district: "Quận 12".into(),
            province: "TP Hồ Chí Minh".into(),
            ..Unit::default()
        },
        kind: InspectionKind::Inspection,
        team: Team {
            leader: "Nguyễn Văn A".into(),
            members: vec!["Trần Thị B".into()],
            ..Team::default()
        },
        date: Some(jiff::civil::date(2022, 5, 19)),
    };
    Inspection::new(
        "01900000-0000-7000-8000-000000000001".into(),
        &default_catalog(),
        facts,
        Timestamp::UNIX_EPOCH,
        "tester",
    )
}

pub(super) fn app(lang: Lang, ascii: bool, color: bool) -> App {
    let mut app = App::new(
        lang,
        Look::new(ascii, color),
        "tester".into(),
        vec![default_catalog()],
    );
    app.data_dir = "/data".into();
    app.now = Timestamp::from_second(1_700_000_000).unwrap();
    app
}

pub(super) fn opened(lang: Lang) -> App {
    let mut a = app(lang, false, true);
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(inspection()),
            catalog: Box::new(default_catalog()),
            read_only: None,
        },
    );
    a
}

pub(super) fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub(super) fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars()
        .flat_map(|c| update(app, key(KeyCode::Char(c))))
        .collect()
}

/// Open the criterion found by `query` and focus its first indicator.
pub(super) fn open_by_search(app: &mut App, query: &str) {
    update(app, key(KeyCode::Char('/')));
    press(app, query);
    update(app, key(KeyCode::Enter));
    update(app, key(KeyCode::Enter));
}

/// Type `value` as the share of safe areas (criterion III.1) and leave the field: a
/// verdict given next that differs from the suggestion asks for a reason.
pub(super) fn safe_areas(app: &mut App, value: &str) {
    open_by_search(app, "khu dan");
    update(app, key(KeyCode::Tab));
    press(app, value);
    update(app, key(KeyCode::Esc));
}

/// Focus the evidence area of criterion 1 (two choices and a text note come first).
pub(super) fn to_evidence(app: &mut App) {
    update(app, key(KeyCode::Enter));
    for _ in 0..3 {
        update(app, key(KeyCode::Tab));
    }
}

pub(super) fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let frame = t.draw(|f| view::draw(app, f)).unwrap();
    buffer_text(frame.buffer)
}

pub(super) fn progress(app: &App) -> Progress {
    let s = app.session().unwrap();
    Progress::of(&s.catalog, &s.inspection)
}

#[test]
fn pressing_1_on_the_list_sets_met_saves_and_moves_the_gauge() {
    let mut a = opened(Lang::Vi);
    let effects = press(&mut a, "1");
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(progress(&a).assessed, 1);
    assert_eq!(progress(&a).met, 1);
    assert!(screen(&a, 80, 24).contains("1/22"));
    press(&mut a, "n3");
    assert_eq!(progress(&a).not_met, 1);
    press(&mut a, "0");
    assert_eq!(progress(&a).assessed, 1, "0 clears the verdict");
}

#[test]
fn ratio_typed_in_the_form_updates_the_suggestion_live() {
    let mut a = opened(Lang::Vi);
    update(&mut a, key(KeyCode::Char('/')));
    press(&mut a, "khu dan");
    update(&mut a, key(KeyCode::Enter));
    let s = a.session().unwrap();
    assert_eq!(
        s.criterion().code,
        "III.1",
        "accent-insensitive search finds the criterion"
    );
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::Tab));
    let effects = press(&mut a, "16/25");
    assert!(effects.contains(&Effect::Save));
    let text = screen(&a, 80, 24);
    assert!(text.contains("16/25 = 64% < 70% → Chưa đạt"), "{text}");
    // A value that is not PART/WHOLE is flagged at the field, not saved.
    press(&mut a, "/");
    let text = screen(&a, 80, 24);
    assert!(text.contains("TỬ/MẪU"), "{text}");
    let s = a.session().unwrap();
    let stored = &s.inspection.answer("III.1").unwrap().values["safe_areas"];
    assert_eq!(
        format!("{stored:?}"),
        "Ratio { numerator: 16, denominator: 25 }"
    );
}

#[test]
fn printable_keys_in_a_text_field_are_text_not_commands() {
    let mut a = opened(Lang::Vi);
    to_evidence(&mut a);
    press(&mut a, "q1 sổ ?");
    assert!(!a.quit);
    assert!(a.overlays.is_empty());
    let s = a.session().unwrap();
    let answer = s.inspection.answer("I.1").unwrap();
    assert_eq!(answer.evidence, "q1 sổ ?");
    assert_eq!(answer.verdict, None);
    update(&mut a, key(KeyCode::Esc));
    press(&mut a, "2");
    let s = a.session().unwrap();
    assert_eq!(
        s.inspection.answer("I.1").unwrap().verdict,
        Some(Verdict::BasicallyMet)
    );
}

#[test]
fn decomposed_vietnamese_typed_into_evidence_is_stored_as_nfc() {
    let mut a = opened(Lang::Vi);
    to_evidence(&mut a);
    press(&mut a, "phu\u{031b}o\u{031b}\u{0300}ng");
    let s = a.session().unwrap();
    assert_eq!(s.inspection.answer("I.1").unwrap().evidence, "phường");
}

#[test]
fn an_override_is_not_saved_without_a_reason() {
    let mut a = opened(Lang::En);
    safe_areas(&mut a, "16/25");
    let effects = press(&mut a, "1");
    assert!(effects.is_empty(), "nothing saved yet");
    assert!(matches!(a.overlay(), Some(Overlay::Reason { .. })));
    assert!(screen(&a, 80, 24).contains("differs from the suggested"));
    update(&mut a, key(KeyCode::Enter));
    assert!(matches!(
        a.overlay(),
        Some(Overlay::Reason(r)) if r.empty_error
    ));
    press(&mut a, "documents added after the visit");
    let effects = update(&mut a, key(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::Save]);
    let s = a.session().unwrap();
    let ans = s.inspection.answer("III.1").unwrap();
    assert_eq!(ans.verdict, Some(Verdict::Met));
    assert_eq!(
        ans.override_reason.as_deref(),
        Some("documents added after the visit")
    );
}

#[test]
fn recommendations_are_added_edited_and_removed() {
    let mut a = opened(Lang::Vi);
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::BackTab));
    press(&mut a, "a");
    press(&mut a, "Bổ sung sổ");
    update(&mut a, key(KeyCode::Tab));
    press(&mut a, "Đội CSKV");
    update(&mut a, key(KeyCode::Tab));
    press(&mut a, "2026-13-01");
    update(&mut a, key(KeyCode::Enter));
    assert!(
        matches!(
            a.overlay(),
            Some(Overlay::Recommendation(
                super::overlays::recommendation::RecommendationDialog { error: Some(_), .. }
            ))
        ),
        "bad date refused"
    );
    for _ in 0..5 {
        update(&mut a, key(KeyCode::Backspace));
    }
    press(&mut a, "12-31");
    assert_eq!(update(&mut a, key(KeyCode::Enter)), vec![Effect::Save]);
    let recs = |a: &App| {
        a.session()
            .unwrap()
            .inspection
            .answer("I.1")
            .unwrap()
            .recommendations
            .clone()
    };
    assert_eq!(recs(&a).len(), 1);
    assert_eq!(recs(&a)[0].owner, "Đội CSKV");
    assert_eq!(recs(&a)[0].due.unwrap().to_string(), "2026-12-31");
    press(&mut a, "dy");
    assert!(recs(&a).is_empty());
}

#[test]
fn home_search_ignores_accents_and_enter_opens() {
    let mut a = app(Lang::Vi, false, true);
    let row = |id: &str, unit: &str| HomeRow {
        id: id.into(),
        unit: unit.into(),
        district: "Quận 12".into(),
        date: jiff::civil::date(2022, 5, 19),
        status: Status::Draft,
        progress: None,
        conflicts: 0,
        seal_broken: false,
    };
    update(
        &mut a,
        Msg::HomeLoaded {
            rows: vec![
                row("a", "Công an xã Bình Mỹ"),
                row("b", "Công an phường Tân Chánh Hiệp"),
            ],
            problems: vec![],
        },
    );
    press(&mut a, "/phuong");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(
        update(&mut a, key(KeyCode::Enter)),
        vec![Effect::Open("b".into())]
    );
}

#[test]
fn setup_refuses_an_empty_unit_then_creates() {
    let mut a = app(Lang::Vi, false, true);
    press(&mut a, "n");
    assert_eq!(a.screen.kind(), ScreenKind::Setup);
    assert!(update(&mut a, key(KeyCode::Enter)).is_empty());
    assert!(screen(&a, 80, 24).contains("Bắt buộc"));
    press(&mut a, "Công an phường Tân Chánh Hiệp");
    let effects = update(&mut a, key(KeyCode::Enter));
    let Some(Effect::Create(facts, 0)) = effects.first() else {
        panic!("{effects:?}");
    };
    assert_eq!(facts.unit.name, "Công an phường Tân Chánh Hiệp");
}

#[test]
fn read_only_session_refuses_edits_and_says_why() {
    let mut a = app(Lang::En, false, true);
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(inspection()),
            catalog: Box::new(default_catalog()),
            read_only: Some("open elsewhere".into()),
        },
    );
    assert!(press(&mut a, "1").is_empty());
    assert_eq!(progress(&a).assessed, 0);
    let text = screen(&a, 80, 24);
    assert!(text.contains("READ-ONLY"), "{text}");
    assert!(text.contains("open elsewhere"), "{text}");
}

#[test]
fn a_failed_save_is_shown_and_kept_for_retry() {
    let mut a = opened(Lang::Vi);
    press(&mut a, "1");
    update(&mut a, Msg::Saved(Err("CHƯA LƯU: đĩa đầy".into())));
    assert!(a.dirty);
    assert!(screen(&a, 80, 24).contains("CHƯA LƯU: đĩa đầy"));
    assert_eq!(progress(&a).met, 1, "the edit stays on screen");
    let retry = update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
    assert_eq!(retry, vec![Effect::Save]);
}

#[test]
fn too_small_terminal_says_so() {
    let a = opened(Lang::En);
    let text = screen(&a, 70, 20);
    assert!(text.contains("need 80×24"), "{text}");
}

#[test]
fn every_action_is_described_in_both_languages_and_help_shows_the_table() {
    for a in ALL_ACTIONS {
        for lang in [Lang::Vi, Lang::En] {
            assert!(!ui::action_short(lang, *a).is_empty());
            assert!(!ui::action_long(lang, *a).is_empty());
        }
        assert_ne!(ui::action_long(Lang::Vi, *a), ui::action_long(Lang::En, *a));
    }
    for b in BINDINGS {
        assert!(ALL_ACTIONS.contains(&b.action));
    }
    let mut a = opened(Lang::En);
    press(&mut a, "?");
    let text = screen(&a, 80, 24);
    assert!(text.contains("Verdict: Basically met"), "{text}");
    assert!(text.contains("Search (accent-insensitive"), "{text}");
}

#[test]
fn ctrl_c_quits_from_inside_a_text_field() {
    let mut a = opened(Lang::Vi);
    update(&mut a, key(KeyCode::Enter));
    let e = update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert_eq!(e, vec![Effect::Quit]);
}

fn walked(lang: Lang, ascii: bool, color: bool) -> App {
    let mut a = app(lang, ascii, color);
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(inspection()),
            catalog: Box::new(default_catalog()),
            read_only: None,
        },
    );
    press(&mut a, "1n2n3");
    a
}

/// Every screen at 80×24, in Vietnamese with the default theme and in English with
/// `--ascii --no-color`.
#[test]
fn snapshots_of_every_screen_in_both_looks() {
    for (lang, ascii, color, look) in [
        (Lang::Vi, false, true, "default"),
        (Lang::En, true, false, "ascii_no_color"),
    ] {
        let mut home = app(lang, ascii, color);
        insta::assert_snapshot!(format!("home_empty_{look}"), screen(&home, 80, 24));
        update(
            &mut home,
            Msg::HomeLoaded {
                rows: vec![HomeRow {
                    id: "01900000".into(),
                    unit: "Công an phường Tân Chánh Hiệp".into(),
                    district: "Quận 12".into(),
                    date: jiff::civil::date(2022, 5, 19),
                    status: Status::Draft,
                    conflicts: 0,
                    seal_broken: false,
                    progress: Some(Progress {
                        total: 22,
                        assessed: 7,
                        met: 5,
                        basically_met: 1,
                        not_met: 1,
                    }),
                }],
                problems: vec!["bỏ qua /data/inspections/x.json: tệp rỗng".into()],
            },
        );
        insta::assert_snapshot!(format!("home_{look}"), screen(&home, 80, 24));
        press(&mut home, "n");
        insta::assert_snapshot!(format!("setup_{look}"), screen(&home, 80, 24));

        let mut walk = walked(lang, ascii, color);
        let text = screen(&walk, 80, 24);
        if ascii {
            let odd: String = text
                .chars()
                .filter(|c| !c.is_ascii() && !c.is_alphabetic())
                .collect();
            assert_eq!(odd, "", "borders, gauges and marks are ASCII");
        }
        insta::assert_snapshot!(format!("walk_{look}"), text);
        press(&mut walk, "?");
        insta::assert_snapshot!(format!("help_{look}"), screen(&walk, 80, 24));
        update(&mut walk, key(KeyCode::Esc));
        press(&mut walk, "s");
        insta::assert_snapshot!(format!("summary_{look}"), screen(&walk, 80, 24));
    }
}

#[test]
fn summary_conclusion_finalise_seal_and_reopen() {
    let mut a = walked(Lang::Vi, false, true);
    press(&mut a, "s");
    press(&mut a, "c");
    press(&mut a, "Cơ bản đạt, còn tồn tại");
    update(&mut a, key(KeyCode::Tab));
    press(&mut a, "  ");
    assert_eq!(update(&mut a, key(KeyCode::Enter)), vec![Effect::Save]);
    let i = &a.session().unwrap().inspection;
    let c = i.conclusion.clone().unwrap();
    assert_eq!(c.text, "Cơ bản đạt, còn tồn tại");
    assert_eq!(
        c.proposal,
        Some(crate::domain::finding::Proposal::Replication)
    );
    // Sealing a draft is not possible: finalise first.
    assert!(press(&mut a, "x").is_empty());
    assert!(a.overlays.is_empty());
    press(&mut a, "f");
    let text = screen(&a, 80, 24);
    assert!(text.contains("19 tiêu chí chưa đánh giá"), "{text}");
    assert_eq!(update(&mut a, key(KeyCode::Enter)), vec![Effect::Save]);
    assert_eq!(a.session().unwrap().inspection.status, Status::Final);
    press(&mut a, "x");
    assert!(matches!(a.overlay(), Some(Overlay::Summary(_))));
    assert_eq!(update(&mut a, key(KeyCode::Enter)), vec![Effect::Save]);
    let i = &a.session().unwrap().inspection;
    assert_eq!(i.status, Status::Sealed);
    assert_eq!(
        i.seal.as_ref().unwrap().by,
        "Nguyễn Văn A",
        "the team leader by default"
    );
    assert!(screen(&a, 80, 24).contains("ĐÃ NIÊM PHONG"));
    // A sealed inspection cannot be answered in the Walk screen.
    update(&mut a, key(KeyCode::Esc));
    let before = progress(&a);
    press(&mut a, "0");
    assert_eq!(progress(&a), before);
    assert!(
        a.notice
            .as_ref()
            .is_some_and(super::notice::Notice::is_error)
    );
    // Reopening needs a reason.
    press(&mut a, "s");
    press(&mut a, "r");
    assert!(update(&mut a, key(KeyCode::Enter)).is_empty());
    press(&mut a, "Bổ sung minh chứng");
    assert_eq!(update(&mut a, key(KeyCode::Enter)), vec![Effect::Save]);
    let i = &a.session().unwrap().inspection;
    assert_eq!(i.status, Status::Draft);
    assert!(
        i.previous_seal.is_some(),
        "the next seal chains to the old one"
    );
    assert!(
        i.history
            .last()
            .unwrap()
            .what
            .as_deref()
            .is_some_and(|w| w.contains("Bổ sung minh chứng"))
    );
}

#[test]
fn summary_export_asks_for_format_and_path() {
    let mut a = walked(Lang::En, false, true);
    press(&mut a, "s");
    press(&mut a, "e");
    update(&mut a, key(KeyCode::Tab));
    let effects = update(&mut a, key(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::Export {
            format: "md",
            path: "/data/exports/cong-an-phuong-tan-chanh-hiep-2022-05-19.md".into()
        }]
    );
    update(&mut a, Msg::Exported(Ok("/data/exports/x.md".into())));
    assert!(screen(&a, 80, 24).contains("Exported /data/exports/x.md"));
}

pub(super) fn dashboard_app(lang: Lang, ascii: bool, color: bool) -> App {
    use crate::domain::rollout::{Latest, RosterUnit, Standing, UnitRecord};
    let mut latest = Latest::default();
    for (i, (province, standing, meets, not_met)) in [
        ("TP Hồ Chí Minh", Standing::Inspected, true, vec![]),
        (
            "TP Hồ Chí Minh",
            Standing::Inspected,
            false,
            vec!["II.2".to_string(), "III.1".to_string()],
        ),
        (
            "Hà Nội",
            Standing::Inspected,
            false,
            vec!["II.2".to_string()],
        ),
        ("Đà Nẵng", Standing::Inspected, true, vec![]),
        ("Đà Nẵng", Standing::InProgress, true, vec![]),
        ("Hà Nội", Standing::SelfAssessed, true, vec![]),
    ]
    .into_iter()
    .enumerate()
    {
        latest.add(UnitRecord {
            id: format!("id{i}"),
            unit: format!("Công an phường {i}"),
            unit_code: String::new(),
            district: String::new(),
            province: province.into(),
            date: jiff::civil::date(2025, 8, 1),
            updated_at: Timestamp::UNIX_EPOCH,
            standing,
            meets,
            assessed: 22,
            total: 22,
            not_met,
            demo: false,
        });
    }
    let roster: Vec<RosterUnit> = (0..6)
        .map(|i| RosterUnit {
            unit: format!("Công an phường {i}"),
            province: if i < 2 {
                "TP Hồ Chí Minh"
            } else if i == 2 || i == 5 {
                "Hà Nội"
            } else {
                "Đà Nẵng"
            }
            .into(),
            ..RosterUnit::default()
        })
        .collect();
    let rollout = latest.rollout(&roster, None, 5);
    let mut a = app(lang, ascii, color);
    press(&mut a, "d");
    assert_eq!(a.screen.kind(), ScreenKind::Dashboard);
    let titles = [
        ("II.2", "Kiềm chế tội phạm"),
        ("III.1", "Khu dân cư an toàn"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let overdue = vec![crate::domain::actions::ActionRow {
        id: "a1b2c3d4e5".into(),
        inspection: "id1".into(),
        unit: "Công an phường 1".into(),
        unit_code: String::new(),
        province: "TP Hồ Chí Minh".into(),
        date: jiff::civil::date(2025, 8, 1),
        criterion: "II.2".into(),
        text: "Giải quyết dứt điểm tin báo tồn đọng".into(),
        owner: String::new(),
        due: Some(jiff::civil::date(2025, 10, 30)),
        status: crate::domain::actions::ActionStatus::Open,
        overdue: true,
        carried_from: String::new(),
        demo: false,
    }];
    update(
        &mut a,
        Msg::DashboardLoaded(Box::new(super::app::DashboardData {
            rollout,
            titles,
            skipped: 1,
            broken_seals: 1,
            overdue: overdue.into_iter().map(std::sync::Arc::new).collect(),
        })),
    );
    a
}

#[test]
fn dashboard_shows_target_districts_and_most_failed() {
    let a = dashboard_app(Lang::Vi, false, true);
    let r = &a.library.rollout.as_ref().unwrap().rollout;
    assert_eq!(
        (r.units_inspected, r.units_meeting_all, r.target),
        (4, 2, Some(6))
    );
    assert_eq!((r.units_in_progress, r.units_self_assessed), (1, 1));
    let text = screen(&a, 80, 24);
    assert!(text.contains("Đang kiểm tra 1 · Tự đánh giá 1"), "{text}");
    assert!(text.contains("Niêm phong hỏng, không tính: 1"), "{text}");
    assert!(text.contains("Khuyến nghị quá hạn: 1"), "{text}");
    assert!(text.contains("Hà Nội"), "{text}");
    assert!(text.contains("2/6"), "{text}");
    assert!(text.contains("II.2"), "{text}");
    assert!(text.contains("Bỏ qua 1 tệp lỗi"), "{text}");
    insta::assert_snapshot!("dashboard_default", text);
    let ascii = dashboard_app(Lang::En, true, false);
    insta::assert_snapshot!("dashboard_ascii_no_color", screen(&ascii, 80, 24));
}

#[test]
fn home_marks_two_inspections_and_equals_compares_them() {
    let mut a = app(Lang::En, false, true);
    let row = |id: &str, unit: &str| HomeRow {
        id: id.into(),
        unit: unit.into(),
        district: String::new(),
        date: jiff::civil::date(2025, 5, 19),
        status: Status::Final,
        progress: None,
        conflicts: 0,
        seal_broken: false,
    };
    update(
        &mut a,
        Msg::HomeLoaded {
            rows: vec![
                row("a", "Công an phường Sài Gòn"),
                row("b", "Công an phường Sài Gòn"),
                row("c", "Công an phường Bến Thành"),
            ],
            problems: vec![],
        },
    );
    // Nothing marked: = says how.
    assert!(press(&mut a, "=").is_empty());
    assert!(screen(&a, 80, 24).contains("Mark two inspections with m"));
    // Mark the first and the second, then a third lets go of the first.
    press(&mut a, "m");
    update(&mut a, key(KeyCode::Down));
    press(&mut a, "m");
    assert_eq!(a.library.marked, ["a", "b"]);
    assert!(screen(&a, 80, 24).contains("●Công an phường Sài Gòn"));
    assert_eq!(
        press(&mut a, "="),
        vec![Effect::Diff("a".into(), "b".into())]
    );
    update(&mut a, key(KeyCode::Down));
    press(&mut a, "m");
    assert_eq!(a.library.marked, ["b", "c"]);
    // m on a marked row unmarks it.
    press(&mut a, "m");
    assert_eq!(a.library.marked, ["b"]);
    // The comparison arrives: its screen shows it; Esc goes back.
    update(
        &mut a,
        Msg::DiffLoaded(vec![
            "Two inspections compared".into(),
            "[III.1] Safe residential areas".into(),
            "  Verdict: Not met → Met".into(),
        ]),
    );
    assert_eq!(a.screen.kind(), ScreenKind::Diff);
    let text = screen(&a, 80, 24);
    assert!(text.contains("Verdict: Not met → Met"), "{text}");
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.screen.kind(), ScreenKind::Home);
}

#[test]
fn the_form_shows_what_the_earlier_visit_left_marked_as_carried() {
    use crate::domain::actions::follow_up;
    use crate::domain::inspection::{AnswerEdit, Recommendation};
    let catalog = default_catalog();
    let mut earlier = inspection();
    earlier
        .apply(
            &catalog,
            "I.1",
            &AnswerEdit {
                verdict: Some(Some(Verdict::BasicallyMet)),
                shortcomings: Some("Hồ sơ xếp loại chưa đủ".into()),
                add_recommendation: Some(Recommendation {
                    action: "Bổ sung hồ sơ xếp loại".into(),
                    ..Recommendation::default()
                }),
                ..AnswerEdit::default()
            },
            "tester",
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
    let next = follow_up(
        &earlier,
        "01900000-0000-7000-8000-000000000002".into(),
        &catalog,
        NewInspection::default(),
        Timestamp::UNIX_EPOCH,
        "tester",
    );
    let mut a = app(Lang::En, false, true);
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(next),
            catalog: Box::new(catalog),
            read_only: None,
        },
    );
    let text = screen(&a, 120, 40);
    assert!(
        text.contains("Left by the earlier visit (2022-05-19), to be checked: Hồ sơ xếp loại"),
        "{text}"
    );
    assert!(
        text.contains("(carried, open) Bổ sung hồ sơ xếp loại"),
        "{text}"
    );
}

#[test]
fn a_verdict_before_the_required_values_is_refused_at_the_fields() {
    let catalog = crate::domain::Catalog::from_json(include_bytes!(
        "../../tests/fixtures/catalog-logic.json"
    ))
    .unwrap();
    let facts = NewInspection {
        unit: Unit {
            name: "Công an phường Cát Lái".into(),
            ..Unit::default()
        },
        ..NewInspection::default()
    };
    let i = Inspection::new("x".into(), &catalog, facts, Timestamp::UNIX_EPOCH, "t");
    let mut a = app(Lang::En, false, true);
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(i),
            catalog: Box::new(catalog),
            read_only: None,
        },
    );
    assert!(press(&mut a, "1").is_empty(), "nothing to save");
    let s = a.session().unwrap();
    assert_eq!(s.inspection.answer("L.1"), None);
    assert_eq!(s.form.errors[0].as_deref(), Some("needed before a verdict"));
    let text = screen(&a, 100, 30);
    assert!(text.contains("enter safe_areas"), "{text}");
    // Typing a part over its whole is refused at the field.
    update(&mut a, key(KeyCode::Enter));
    press(&mut a, "30/25");
    let text = screen(&a, 100, 30);
    assert!(
        text.contains("the part cannot be more than the whole"),
        "{text}"
    );
}
