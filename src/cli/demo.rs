//! `kiemtra demo`: a realistic synthetic data set, plainly marked as demo data in every
//! file, over commune-level units of several provinces as they are since July 2025:
//! finished and sealed inspections, drafts, self-assessments, follow-up visits carrying
//! recommendations, and a few 2024 inspections of wards that were since merged and renamed
//! (with a rename map), so that a new user sees every part of the roll-out at once.

use std::process::ExitCode;

use clap::Args;

use super::progress::Bar;
use super::{Ctx, Failure, Outcome, print};
use crate::domain::actions::{ActionStatus, follow_up};
use crate::domain::inspection::{
    AnswerEdit, InspectionKind, NewInspection, Recommendation, Team, Unit,
};
use crate::domain::rule::IndicatorValue;
use crate::domain::{Catalog, Inspection, Verdict};
use crate::i18n::progress::Task;
use crate::i18n::{self, lifecycle};
use crate::store::{DataDir, default_catalog, fsx, load};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many commune-level units to make inspections for.
    #[arg(long, value_name = "N", default_value_t = UNITS.len())]
    pub wards: usize,
    /// Seed of the generator: the same seed gives the same data.
    #[arg(long, value_name = "N", default_value_t = 2025)]
    pub seed: u64,
}

/// Commune-level units since 1 July 2025: (province, level, name).
/// HCMC ward names are from resolution 1685/NQ-UBTVQH15 (see domain notes).
const HCMC: &str = "TP Hồ Chí Minh";
const UNITS: &[(&str, &str, &str)] = &[
    (HCMC, "phường", "Sài Gòn"),
    (HCMC, "phường", "Tân Định"),
    (HCMC, "phường", "Bến Thành"),
    (HCMC, "phường", "Cầu Ông Lãnh"),
    (HCMC, "phường", "Bàn Cờ"),
    (HCMC, "phường", "Xuân Hòa"),
    (HCMC, "phường", "Nhiêu Lộc"),
    (HCMC, "phường", "Vĩnh Hội"),
    (HCMC, "phường", "Khánh Hội"),
    (HCMC, "phường", "Xóm Chiếu"),
    (HCMC, "phường", "Chợ Quán"),
    (HCMC, "phường", "An Đông"),
    (HCMC, "phường", "Chợ Lớn"),
    (HCMC, "phường", "Bình Tiên"),
    (HCMC, "phường", "Bình Tây"),
    (HCMC, "phường", "Phú Lâm"),
    (HCMC, "phường", "Phú Định"),
    (HCMC, "phường", "Tân Mỹ"),
    (HCMC, "phường", "Tân Hưng"),
    (HCMC, "phường", "Tân Thuận"),
    (HCMC, "phường", "Phú Thuận"),
    (HCMC, "phường", "Chánh Hưng"),
    (HCMC, "phường", "Bình Đông"),
    (HCMC, "phường", "Vườn Lài"),
    (HCMC, "phường", "Diên Hồng"),
    (HCMC, "phường", "Hòa Hưng"),
    (HCMC, "phường", "Hòa Bình"),
    (HCMC, "phường", "Phú Thọ"),
    (HCMC, "phường", "Bình Thới"),
    (HCMC, "phường", "Minh Phụng"),
    (HCMC, "phường", "Hiệp Bình"),
    (HCMC, "phường", "Tam Bình"),
    (HCMC, "phường", "Thủ Đức"),
    (HCMC, "phường", "Linh Xuân"),
    (HCMC, "phường", "Long Bình"),
    (HCMC, "phường", "Tăng Nhơn Phú"),
    (HCMC, "phường", "Phước Long"),
    (HCMC, "phường", "Long Phước"),
    (HCMC, "phường", "Long Trường"),
    (HCMC, "phường", "An Khánh"),
    (HCMC, "phường", "Bình Trưng"),
    (HCMC, "phường", "Cát Lái"),
    (HCMC, "xã", "Cần Giờ"),
    (HCMC, "xã", "Củ Chi"),
    (HCMC, "đặc khu", "Côn Đảo"),
    ("Hà Nội", "phường", "Hoàn Kiếm"),
    ("Hà Nội", "phường", "Cửa Nam"),
    ("Hà Nội", "phường", "Ba Đình"),
    ("Hà Nội", "phường", "Ngọc Hà"),
    ("Hà Nội", "phường", "Giảng Võ"),
    ("Hà Nội", "phường", "Hai Bà Trưng"),
    ("Hà Nội", "phường", "Vĩnh Tuy"),
    ("Hà Nội", "phường", "Bạch Mai"),
    ("Hà Nội", "phường", "Đống Đa"),
    ("Hà Nội", "phường", "Kim Liên"),
    ("Hà Nội", "phường", "Láng"),
    ("Hà Nội", "phường", "Ô Chợ Dừa"),
    ("Hà Nội", "phường", "Hồng Hà"),
    ("Hà Nội", "phường", "Lĩnh Nam"),
    ("Hà Nội", "phường", "Hoàng Mai"),
    ("Hà Nội", "phường", "Tây Hồ"),
    ("Hà Nội", "phường", "Cầu Giấy"),
    ("Hà Nội", "phường", "Thanh Xuân"),
    ("Đà Nẵng", "phường", "Hải Châu"),
    ("Đà Nẵng", "phường", "Hòa Cường"),
    ("Đà Nẵng", "phường", "Thanh Khê"),
    ("Đà Nẵng", "phường", "An Khê"),
    ("Đà Nẵng", "phường", "Sơn Trà"),
    ("Đà Nẵng", "phường", "An Hải"),
    ("Đà Nẵng", "phường", "Ngũ Hành Sơn"),
    ("Đà Nẵng", "phường", "Cẩm Lệ"),
    ("Đà Nẵng", "phường", "Liên Chiểu"),
    ("Hải Phòng", "phường", "Hồng Bàng"),
    ("Hải Phòng", "phường", "Lê Chân"),
    ("Hải Phòng", "phường", "Ngô Quyền"),
    ("Hải Phòng", "phường", "Hải An"),
    ("Hải Phòng", "đặc khu", "Cát Hải"),
    ("Hải Phòng", "đặc khu", "Bạch Long Vĩ"),
];

/// 2024 inspections of wards that no longer exist, and the new ward each went into
/// (Bến Nghé into Sài Gòn; Phạm Ngũ Lão into Bến Thành).
const RENAMED: &[(&str, &str, usize)] = &[("Bến Nghé", "Quận 1", 0), ("Phạm Ngũ Lão", "Quận 1", 2)];

const SHORTCOMINGS: [&str; 5] = [
    "Hồ sơ lưu trữ chưa đầy đủ, một số sổ sách ghi chép chưa kịp thời",
    "Trang thiết bị, phương tiện còn thiếu so với định mức",
    "Tỷ lệ khu dân cư được công nhận an toàn còn thấp",
    "Camera an ninh chưa phủ hết các tuyến đường trọng điểm",
    "Một số vụ việc tố giác, tin báo giải quyết chưa đúng hạn",
];

const ACTIONS: [&str; 5] = [
    "Bổ sung, hoàn thiện hồ sơ lưu trữ",
    "Đề xuất bổ sung trang thiết bị theo định mức",
    "Xây dựng kế hoạch nâng tỷ lệ khu dân cư an toàn",
    "Lắp thêm camera tại các tuyến trọng điểm",
    "Giải quyết dứt điểm tin báo tồn đọng",
];

/// A small deterministic generator (xorshift), so demo data is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// The generator of unit `i` for `seed` (splitmix64 of both, never zero).
    fn of_unit(seed: u64, i: usize) -> Rng {
        let mut z = seed
            .wrapping_add((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)).max(1))
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The unit of number `i`: beyond the named units, numbered demo communes.
pub fn unit(i: usize) -> Unit {
    let (province, level, name) = match UNITS.get(i) {
        Some(&(p, l, n)) => (p.to_string(), l.to_string(), n.to_string()),
        None => {
            let (p, _, _) = UNITS[i % UNITS.len()];
            (p.to_string(), "xã".into(), format!("Mẫu {}", i + 1))
        }
    };
    let ward = format!("{} {name}", capitalise(&level));
    Unit {
        name: format!("Công an {level} {name}"),
        ward,
        district: String::new(),
        province,
        unit_code: format!("DEMO-{:04}", i + 1),
        former_district: String::new(),
        ..Unit::default()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn old_unit(name: &str, district: &str) -> Unit {
    Unit {
        name: format!("Công an phường {name}"),
        ward: format!("Phường {name}"),
        district: String::new(),
        province: HCMC.into(),
        unit_code: String::new(),
        former_district: district.into(),
        ..Unit::default()
    }
}

const BY: &str = "kiemtra demo";

fn start(
    catalog: &Catalog,
    unit: Unit,
    kind: InspectionKind,
    date: jiff::civil::Date,
    now: jiff::Timestamp,
) -> Inspection {
    let facts = NewInspection {
        unit,
        kind,
        team: Team {
            leader: "Đoàn kiểm tra mẫu".into(),
            members: vec!["Thành viên mẫu".into()],
            ..Team::default()
        },
        date: Some(date),
    };
    let mut insp = Inspection::new(uuid::Uuid::now_v7().to_string(), catalog, facts, now, BY);
    mark(&mut insp, now);
    insp
}

fn mark(insp: &mut Inspection, now: jiff::Timestamp) {
    insp.demo = true;
    insp.record(
        BY,
        now,
        None,
        "DEMO DATA: generated by kiemtra demo, not a real inspection".into(),
    );
}

/// Fill in verdicts for the first `share` percent of the criteria; weak units fall short
/// on some, with shortcomings and a recommendation due 90 days after the visit.
fn assess(
    catalog: &Catalog,
    insp: &mut Inspection,
    rng: &mut Rng,
    weak: bool,
    share: u64,
    now: jiff::Timestamp,
) {
    let n = (catalog.criterion_count() as u64 * share / 100) as usize;
    // Half the actions fall due 90 days after the visit, half in the months ahead.
    let today = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let ahead = |rng: &mut Rng| {
        today
            .checked_add(jiff::Span::new().days(30 + rng.below(180) as i64))
            .ok()
    };
    let after_visit = insp.date.checked_add(jiff::Span::new().days(90)).ok();
    let owner = insp.unit.name.clone();
    for (k, (_, criterion)) in catalog.criteria().enumerate().take(n) {
        let code = criterion.code.as_str();
        if insp.answer(code).is_some_and(|a| a.verdict.is_some()) {
            continue;
        }
        let roll = rng.below(100);
        let verdict = if weak && roll < 12 + (k as u64 % 5) * 3 {
            Verdict::NotMet
        } else if roll < 25 {
            Verdict::BasicallyMet
        } else {
            Verdict::Met
        };
        let mut edit = AnswerEdit {
            verdict: Some(Some(verdict)),
            values: values_for(code, verdict, rng),
            ..AnswerEdit::default()
        };
        if verdict != Verdict::Met {
            let pick = rng.below(5) as usize;
            edit.shortcomings = Some(SHORTCOMINGS[pick].into());
            edit.add_recommendation = Some(Recommendation {
                action: ACTIONS[pick].into(),
                owner: owner.clone(),
                due: if rng.below(2) == 0 {
                    after_visit
                } else {
                    ahead(rng)
                },
                ..Recommendation::default()
            });
        }
        let _ = insp.apply(catalog, code, &edit, BY, now);
    }
}

/// Indicator values that lead to `verdict`, for the criteria whose rule is easy to follow
/// (III.1 safe residential areas, II.2 crime), so that the dataset has figures in it.
fn values_for(code: &str, verdict: Verdict, rng: &mut Rng) -> Vec<(String, IndicatorValue)> {
    let ratio = |numerator, denominator| IndicatorValue::Ratio {
        numerator,
        denominator,
    };
    let whole = 20 + rng.below(20);
    match (code, verdict) {
        ("III.1", v) => {
            let rating = if v == Verdict::BasicallyMet {
                "average"
            } else {
                "good"
            };
            let part = if v == Verdict::NotMet {
                whole * 6 / 10
            } else {
                whole * 8 / 10 + rng.below(whole / 5 + 1)
            };
            vec![
                (
                    "movement_rating".into(),
                    IndicatorValue::Choice(rating.into()),
                ),
                ("safe_areas".into(), ratio(part.min(whole), whole)),
            ]
        }
        ("II.2", v) => {
            let last = 10 + rng.below(30);
            let this = if v == Verdict::NotMet {
                last + 1 + rng.below(5)
            } else {
                last - rng.below(5)
            };
            let unsolved = u64::from(v == Verdict::BasicallyMet);
            vec![
                ("crimes_this_year".into(), IndicatorValue::Count(this)),
                ("crimes_last_year".into(), IndicatorValue::Count(last)),
                (
                    "very_serious_unsolved".into(),
                    IndicatorValue::Count(unsolved),
                ),
            ]
        }
        _ => Vec::new(),
    }
}

fn date(rng: &mut Rng, year: i16, months: i8) -> jiff::civil::Date {
    jiff::civil::date(
        year,
        1 + rng.below(months as u64) as i8,
        1 + rng.below(28) as i8,
    )
}

/// Every file for unit `i`, by its profile: a finished (some sealed) inspection; a draft;
/// a self-assessment only; a self-assessment and an inspection; or a 2024 visit and its
/// follow-up in 2025.
fn unit_files(catalog: &Catalog, i: usize, rng: &mut Rng, now: jiff::Timestamp) -> Vec<Inspection> {
    let u = unit(i);
    let profile = rng.below(100);
    let weak = rng.below(100) >= 65;
    let finish = |insp: &mut Inspection, rng: &mut Rng, seal: bool| {
        let _ = insp.finalize(catalog, true, BY, now);
        if seal && rng.below(3) == 0 {
            let _ = insp.seal(BY, now, None);
        }
    };
    let mut out = Vec::new();
    match profile {
        0..50 => {
            let mut a = start(
                catalog,
                u,
                InspectionKind::Inspection,
                date(rng, 2025, 12),
                now,
            );
            assess(catalog, &mut a, rng, weak, 100, now);
            finish(&mut a, rng, true);
            out.push(a);
        }
        50..62 => {
            let mut a = start(
                catalog,
                u,
                InspectionKind::Inspection,
                date(rng, 2025, 12),
                now,
            );
            let share = 20 + rng.below(70);
            assess(catalog, &mut a, rng, weak, share, now);
            out.push(a);
        }
        62..72 => {
            let mut a = start(
                catalog,
                u,
                InspectionKind::SelfAssessment,
                date(rng, 2025, 12),
                now,
            );
            assess(catalog, &mut a, rng, weak, 100, now);
            if rng.below(2) == 0 {
                finish(&mut a, rng, false);
            }
            out.push(a);
        }
        72..82 => {
            let mut own = start(
                catalog,
                u.clone(),
                InspectionKind::SelfAssessment,
                date(rng, 2025, 6),
                now,
            );
            assess(catalog, &mut own, rng, false, 100, now);
            finish(&mut own, rng, false);
            let mut team = start(
                catalog,
                u,
                InspectionKind::Inspection,
                date(rng, 2025, 12).max(own.date),
                now,
            );
            assess(catalog, &mut team, rng, weak, 100, now);
            finish(&mut team, rng, true);
            out.push(own);
            out.push(team);
        }
        _ => {
            let mut first = start(
                catalog,
                u,
                InspectionKind::Inspection,
                date(rng, 2024, 12),
                now,
            );
            assess(catalog, &mut first, rng, true, 100, now);
            finish(&mut first, rng, true);
            let facts = NewInspection {
                kind: InspectionKind::Inspection,
                date: Some(date(rng, 2025, 12)),
                ..NewInspection::default()
            };
            let mut next = follow_up(
                &first,
                uuid::Uuid::now_v7().to_string(),
                catalog,
                facts,
                now,
                BY,
            );
            mark(&mut next, now);
            // Some carried actions were done, some done and checked on this visit.
            let ids: Vec<String> = next
                .answers
                .values()
                .flat_map(|a| a.recommendations.iter().map(|r| r.id.clone()))
                .collect();
            for id in ids {
                let to = match rng.below(3) {
                    0 => continue,
                    1 => ActionStatus::Done,
                    _ => ActionStatus::Verified,
                };
                let _ = next.set_action_status(&id, to, "Đã khắc phục (dữ liệu mẫu)", BY, now);
            }
            let final_visit = rng.below(2) == 0;
            assess(
                catalog,
                &mut next,
                rng,
                false,
                if final_visit { 100 } else { 60 },
                now,
            );
            if final_visit {
                finish(&mut next, rng, true);
            }
            out.push(first);
            out.push(next);
        }
    }
    if let Some(&(old, district, _)) = RENAMED.iter().find(|r| r.2 == i) {
        let mut before = start(
            catalog,
            old_unit(old, district),
            InspectionKind::Inspection,
            date(rng, 2024, 6),
            now,
        );
        assess(catalog, &mut before, rng, weak, 100, now);
        finish(&mut before, rng, false);
        out.push(before);
    }
    out
}

/// Units made and written together: their folder is fsynced once per batch.
const UNITS_PER_BATCH: usize = 32;

pub fn run(ctx: &Ctx, a: DemoArgs) -> Outcome {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let lang = ctx.lang;
    let data = ctx.data()?;
    let catalog = default_catalog();
    let now = jiff::Timestamp::now();
    let dir = data.inspections();
    data.ensure(&dir).map_err(|e| ctx.store(e))?;
    let bar = Bar::new(lang, Task::Demo, a.wards as u64);
    // Each unit has its own generator, seeded from the seed and its number, so that the
    // same seed gives the same data while the units are made on every core. A worker
    // waits for each of its files' fsyncs in turn, so there are many more workers than
    // cores, each with a small batch: while some wait for the disk, the others keep the
    // cores busy and the disk's queue full (as many units are held at once as with the 16
    // workers of 128 units before).
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get() * 32)
        .clamp(1, 64);
    let work = || -> Result<usize, fsx::SaveError> {
        let mut written = 0;
        while !failed.load(Ordering::Relaxed) {
            let from = next.fetch_add(UNITS_PER_BATCH, Ordering::Relaxed);
            if from >= a.wards {
                break;
            }
            let to = (from + UNITS_PER_BATCH).min(a.wards);
            let files: Vec<(String, Vec<u8>)> = (from..to)
                .flat_map(|i| unit_files(&catalog, i, &mut Rng::of_unit(a.seed, i), now))
                .map(|insp| (format!("{}.json", insp.id), load::to_file_bytes(&insp)))
                .collect();
            if let Err(e) = fsx::write_batch(&dir, &files) {
                failed.store(true, Ordering::Relaxed);
                return Err(e);
            }
            written += files.len();
            bar.inc((to - from) as u64);
        }
        Ok(written)
    };
    let written: Result<usize, fsx::SaveError> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .sum()
    });
    bar.finish();
    let files = written.map_err(|e| ctx.store(e.into()))?;
    write_roster(&data, a.wards).map_err(|e| Failure(i18n::save_error(lang, &e)))?;
    write_rename_map(&data, a.wards).map_err(|e| Failure(i18n::save_error(lang, &e)))?;
    print(&format!(
        "{}\n",
        lifecycle::demo_written(lang, files, &data.root)
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The demo roster: every demo unit plus one in ten more not yet inspected.
fn write_roster(data: &DataDir, units: usize) -> Result<(), fsx::SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["unit", "unit_code", "province"]);
    for i in 0..units + units.div_ceil(10) {
        let u = unit(i);
        let _ = w.write_record([u.name, u.unit_code, u.province]);
    }
    fsx::write_atomic(
        &data.root.join("roster-demo.csv"),
        &w.into_inner().unwrap_or_default(),
    )
}

/// The demo rename map: the old wards of `RENAMED` count for the wards they went into.
fn write_rename_map(data: &DataDir, units: usize) -> Result<(), fsx::SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "old_unit",
        "old_district",
        "old_province",
        "new_unit",
        "new_unit_code",
        "new_province",
    ]);
    for &(old, district, i) in RENAMED.iter().filter(|r| r.2 < units) {
        let (o, n) = (old_unit(old, district), unit(i));
        let _ = w.write_record([
            o.name,
            o.former_district,
            o.province,
            n.name,
            n.unit_code,
            n.province,
        ]);
    }
    fsx::write_atomic(
        &data.root.join("rename-map-demo.csv"),
        &w.into_inner().unwrap_or_default(),
    )
}

#[cfg(test)]
#[path = "demo_tests.rs"]
mod tests;
