//! The overlay stack, by scripted keys: a dialog over a dialog returns to the one beneath.
#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::KeyCode;

use super::app::{Overlay, ScreenKind, update};
use super::overlays::Dialog;
use super::tests::{key, opened, press, screen};
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
