//! Cost of drawing the Walk screen and of one keystroke from event to drawn frame.
//! Run with `cargo bench`; compare with bare ratatui widgets of the same size.
#![allow(clippy::unwrap_used)]

use kiemtra::domain::Inspection;
use kiemtra::domain::inspection::{NewInspection, Unit};
use kiemtra::store::default_catalog;
use kiemtra::tui::app::{App, Msg, update};
use kiemtra::tui::theme::Look;
use kiemtra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

fn walk_app() -> App {
    let catalog = default_catalog();
    let facts = NewInspection {
        unit: Unit {
            name: "Công an phường Tân Chánh Hiệp".into(),
            district: "Quận 12".into(),
            ..Unit::default()
        },
        ..NewInspection::default()
    };
    let inspection = Inspection::new(
        "bench".into(),
        &catalog,
        facts,
        jiff::Timestamp::UNIX_EPOCH,
        "b",
    );
    let mut app = App::new(
        kiemtra::domain::Lang::Vi,
        Look::new(false, true),
        "b".into(),
        vec![catalog.clone()],
    );
    update(
        &mut app,
        Msg::Opened {
            inspection: Box::new(inspection),
            catalog: Box::new(catalog),
            read_only: None,
        },
    );
    for c in "1n2n3n".chars() {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
    app
}

#[divan::bench(args = [(80, 24), (200, 60)])]
fn walk_frame(bencher: divan::Bencher, (w, h): (u16, u16)) {
    let app = walk_app();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| view::draw(&app, f)).unwrap();
    });
}

/// Bare ratatui widgets filling the same screen, as the yardstick.
#[divan::bench(args = [(80, 24), (200, 60)])]
fn bare_widgets(bencher: divan::Bencher, (w, h): (u16, u16)) {
    use ratatui::layout::{Constraint, Layout};
    use ratatui::widgets::{Block, Gauge, List, Paragraph};
    let items: Vec<String> = (1..=22)
        .map(|i| format!("{i:>2} Tiêu chí số {i}"))
        .collect();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|f| {
                let [top, body] =
                    Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(f.area());
                f.render_widget(Gauge::default().ratio(0.3).block(Block::bordered()), top);
                let [l, r] = Layout::horizontal([Constraint::Percentage(40), Constraint::Min(1)])
                    .areas(body);
                f.render_widget(
                    List::new(items.iter().map(String::as_str)).block(Block::bordered()),
                    l,
                );
                f.render_widget(
                    Paragraph::new("Phong trào Toàn dân bảo vệ an ninh Tổ quốc")
                        .block(Block::bordered()),
                    r,
                );
            })
            .unwrap();
    });
}

/// One keystroke: update (move to the next criterion) and draw the frame.
#[divan::bench]
fn keystroke_to_frame(bencher: divan::Bencher) {
    let mut app = walk_app();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        let code = if down {
            KeyCode::Char('j')
        } else {
            KeyCode::Char('k')
        };
        down = !down;
        update(&mut app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        terminal.draw(|f| view::draw(&app, f)).unwrap();
    });
}
