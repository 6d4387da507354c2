//! The console's structure, by scripted keys: the open inspection belongs to Walk and
//! Summary and goes to the driver on leaving; a dialog over a dialog returns to the one
//! beneath.
#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Effect, Msg, Overlay, ScreenKind, update};
use super::overlays::Dialog;
use super::tests::{key, opened, press, safe_areas, screen};
use crate::domain::Lang;

#[test]
fn help_over_a_dialog_closes_back_to_the_dialog_with_what_was_typed() {
    let mut a = opened(Lang::En);
    press(&mut a, "sc");
    press(&mut a, "Doi dat chuan");
    update(&mut a, key(KeyCode::F(1)));
    let help = screen(&a, 80, 24);
    assert!(help.contains("Keys (Esc to close)"), "{help}");
    // The keys listed are the dialog's, not the Summary's.
    assert!(help.contains("The next option"), "{help}");
    assert!(matches!(a.overlay(), Some(Overlay::Help(_))));
    update(&mut a, key(KeyCode::Esc));
    let Some(Overlay::Summary(Dialog::Conclusion(c))) = a.overlay() else {
        panic!("the conclusion dialog is gone: {:?}", a.overlays);
    };
    assert_eq!(c.text.text(), "Doi dat chuan");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("The team's conclusion:"), "{shown}");
    assert!(shown.contains("Doi dat chuan"), "{shown}");
    // The dialog still works: Enter records what was typed before the help.
    update(&mut a, key(KeyCode::Enter));
    assert!(a.overlays.is_empty());
    assert_eq!(a.screen.kind(), ScreenKind::Summary);
    let conclusion = a.session().unwrap().inspection.conclusion.clone().unwrap();
    assert_eq!(conclusion.text, "Doi dat chuan");
}

#[test]
fn ctrl_c_over_help_over_a_typed_reason_asks_first_and_the_reason_stays() {
    let mut a = opened(Lang::En);
    safe_areas(&mut a, "16/25");
    press(&mut a, "1");
    press(&mut a, "seen on site");
    update(&mut a, key(KeyCode::F(1)));
    assert!(matches!(a.overlay(), Some(Overlay::Help(_))));
    let effects = update(&mut a, ctrl_c());
    assert!(effects.is_empty() && !a.quit, "the first Ctrl-C only asks");
    assert!(screen(&a, 80, 24).contains("Ctrl-C again quits without it"));
    update(&mut a, key(KeyCode::Esc));
    let Some(Overlay::Reason(r)) = a.overlay() else {
        panic!("the reason dialog is gone: {:?}", a.overlays);
    };
    assert_eq!(r.input.text(), "seen on site");
    assert_eq!(update(&mut a, key(KeyCode::Enter)), vec![Effect::Save]);
    let s = a.session().unwrap();
    let answer = s.inspection.answer(&s.criterion().code).unwrap();
    assert_eq!(answer.override_reason.as_deref(), Some("seen on site"));
}

fn ctrl_c() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

#[test]
fn leaving_an_inspection_hands_it_to_the_driver_and_home_keeps_its_place() {
    let mut a = opened(Lang::En);
    update(
        &mut a,
        Msg::HomeLoaded {
            rows: vec![],
            problems: vec!["broken.json: not JSON".into()],
        },
    );
    press(&mut a, "1s");
    assert_eq!(a.screen.kind(), ScreenKind::Summary);
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.screen.kind(), ScreenKind::Walk);
    let effects = update(&mut a, key(KeyCode::Esc));
    let [Effect::Close(inspection), Effect::LoadHome] = effects.as_slice() else {
        panic!("leaving gave {effects:?}");
    };
    let met = inspection.answer("I.1").and_then(|x| x.verdict);
    assert_eq!(
        met,
        Some(crate::domain::Verdict::Met),
        "the answer goes to be written"
    );
    assert_eq!(a.screen.kind(), ScreenKind::Home);
    assert!(a.session().is_none());
    assert!(screen(&a, 80, 24).contains("broken.json: not JSON"));
}
