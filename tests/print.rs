//! The HTML minutes printed as an official would print them: headless Chromium to an A4
//! PDF, read back with pdftotext. Every recorded evidence text, shortcoming and indicator
//! label is on paper, every page says "Trang x/y" and carries the digest, criteria and
//! the signing block are not cut apart, and a draft says DỰ THẢO on every page.
//! Needs `chromium` and `poppler-utils` (.ci/run installs them); says SKIPPED without.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::*;

fn tool(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|p| p.is_file())
    })
}

fn chromium() -> Option<PathBuf> {
    tool(&[
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ])
}

/// `html` printed to `pdf` by headless Chromium, with its own header and footer off.
fn print_pdf(browser: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--print-to-pdf={}", pdf.display()))
    .arg(format!("file://{}", html.display()));
    let out = run_guarded(c, Duration::from_secs(120));
    assert!(pdf.is_file(), "Chromium made no PDF:\n{}", describe(&out));
}

/// The text of every page (pdftotext -raw keeps each text in reading order), with runs of
/// white space made one space so that wrapped lines compare as written.
fn pages(pdf: &Path) -> Vec<String> {
    let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let n: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (1..=n)
        .map(|p| {
            let out = Command::new("pdftotext")
                .args([
                    "-raw",
                    "-enc",
                    "UTF-8",
                    "-f",
                    &p.to_string(),
                    "-l",
                    &p.to_string(),
                ])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            flat(&String::from_utf8_lossy(&out.stdout))
        })
        .collect()
}

fn flat(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

struct Recorded {
    id: String,
    evidence: Vec<String>,
    shortcomings: Vec<String>,
    labels: Vec<String>,
    /// (number, code) of every criterion.
    criteria: Vec<(u64, String)>,
}

/// A fully answered inspection of the default catalog, recorded through `kiemtra set`.
fn record(kit: &Kit) -> Recorded {
    let catalog = json(&kit.ok(&["catalog", "show", "--json"]));
    let id = kit.new_inspection_with(&[
        "--unit",
        "Công an phường Tân Chánh Hiệp",
        "--ward",
        "Phường Tân Chánh Hiệp",
        "--district",
        "Quận 12",
        "--province",
        "TP Hồ Chí Minh",
        "--date",
        "2022-05-19",
        "--leader",
        "Nguyễn Văn An",
        "--member",
        "Trần Thị Bình",
        "--member",
        "Lê Văn Cường",
        "--body",
        "Công an Quận 12",
        "--representative",
        "Phạm Minh Đức",
    ]);
    let mut r = Recorded {
        id: id.clone(),
        evidence: vec![],
        shortcomings: vec![],
        labels: vec![],
        criteria: vec![],
    };
    let verdicts = ["met", "basically-met", "not-met"];
    for c in catalog["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["criteria"].as_array().unwrap())
    {
        let n = c["number"].as_u64().unwrap();
        let code = c["code"].as_str().unwrap().to_string();
        let mut args: Vec<String> = vec!["set".into(), id.clone(), code.clone()];
        for ind in c["indicators"].as_array().unwrap() {
            let key = ind["id"].as_str().unwrap();
            let v = match ind["kind"].as_str().unwrap() {
                "check" => "yes".to_string(),
                "count" => (n % 3).to_string(),
                "ratio" => format!("{}/{}", n + 10, n + 12),
                "choice" => {
                    let o = ind["options"].as_array().unwrap();
                    o[n as usize % o.len()]["id"].as_str().unwrap().to_string()
                }
                _ => format!("Nhận xét {n} của đoàn về {key}"),
            };
            args.push("--value".into());
            args.push(format!("{key}={v}"));
            r.labels
                .push(ind["label"]["vi"].as_str().unwrap().to_string());
        }
        // Criterion 5 has 300 characters of evidence, as real notes sometimes do.
        let evidence = if n == 5 {
            format!(
                "Minh chứng {n}: {}",
                "đã xem sổ sách và hồ sơ lưu trữ; ".repeat(9)
            )
            .trim()
            .to_string()
        } else {
            format!("Minh chứng {n}: đã xem sổ trực ban và thực tế tại trụ sở")
        };
        let short = [
            format!("Tồn tại {n}a: hồ sơ chưa đủ"),
            format!("Tồn tại {n}b: sổ ghi chép chậm"),
        ];
        args.extend([
            "--evidence".into(),
            evidence.clone(),
            "--shortcoming".into(),
            format!("- {}", short[0]),
            "--shortcoming".into(),
            format!("- {}", short[1]),
            "--recommend".into(),
            format!("Kiến nghị {n}: hoàn thiện hồ sơ"),
            "--owner".into(),
            "Đội Cảnh sát khu vực".into(),
            "--due".into(),
            "2022-09-30".into(),
            "--verdict".into(),
            verdicts[n as usize % 3].into(),
            "--reason".into(),
            format!("Lý do {n}: theo thực tế"),
        ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        kit.ok(&args);
        r.evidence.push(evidence);
        r.shortcomings.extend(short);
        r.criteria.push((n, code));
    }
    kit.ok(&[
        "conclude",
        &id,
        "--text",
        "Đơn vị cơ bản đạt các tiêu chí; cần khắc phục các tồn tại đã nêu.",
        "--proposal",
        "not-yet",
    ]);
    r
}

fn export_pdf(kit: &Kit, browser: &Path, id: &str, name: &str) -> Vec<String> {
    let html = kit.root().join(format!("{name}.html"));
    let pdf = kit.root().join(format!("{name}.pdf"));
    kit.ok(&[
        "export",
        id,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    print_pdf(browser, &html, &pdf, &kit.root().join("chromium-profile"));
    if let Some(dir) = std::env::var_os("KIEMTRA_KEEP_PDF") {
        std::fs::copy(&pdf, Path::new(&dir).join(format!("{name}.pdf"))).unwrap();
    }
    pages(&pdf)
}

#[test]
fn printed_minutes_hold_everything_and_every_page_is_numbered_and_sealed() {
    let (Some(browser), Some(_)) = (chromium(), tool(&["pdftotext"])) else {
        eprintln!(
            "SKIPPED: chromium and poppler-utils (pdftotext) are needed to print the minutes"
        );
        return;
    };
    let kit = Kit::new();
    let rec = record(&kit);
    let id = rec.id.clone();

    // A draft: the mark on every page, no signature lines.
    let draft = export_pdf(&kit, &browser, &id, "draft");
    assert!(draft.len() >= 2, "{} pages", draft.len());
    for (n, page) in draft.iter().enumerate() {
        assert!(
            page.contains("DỰ THẢO"),
            "draft page {} lacks DỰ THẢO:\n{page}",
            n + 1
        );
    }
    assert!(!draft.iter().any(|p| p.contains("(ký, ghi rõ họ tên)")));

    kit.ok(&["finalize", &id]);
    kit.ok(&["seal", &id, "--by", "Nguyễn Văn An"]);
    let sha = kit.show_json(&id)["seal"]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let short = &sha[..16];
    let sealed = export_pdf(&kit, &browser, &id, "sealed");
    let total = sealed.len();
    for (n, page) in sealed.iter().enumerate() {
        let mark = format!("Trang {}/{total}", n + 1);
        assert!(
            page.contains(&mark),
            "page {} lacks {mark:?}:\n{page}",
            n + 1
        );
        assert!(
            page.contains(short),
            "page {} lacks the digest {short}",
            n + 1
        );
        assert!(
            page.contains("Công an phường Tân Chánh Hiệp"),
            "unit on page {}",
            n + 1
        );
        assert!(
            !page.contains("DỰ THẢO"),
            "sealed page {} says draft",
            n + 1
        );
    }
    let all = sealed.join(" ");
    for text in rec
        .evidence
        .iter()
        .chain(&rec.shortcomings)
        .chain(&rec.labels)
    {
        assert!(all.contains(&flat(text)), "not on paper: {text:?}");
    }
    // Each criterion whole on one page: its heading and its last item together.
    for (n, code) in &rec.criteria {
        let heading = format!("{n}. [{code}]");
        let last = format!("Kiến nghị {n}: hoàn thiện hồ sơ");
        let page = sealed.iter().position(|p| p.contains(&heading));
        assert!(page.is_some(), "no heading {heading}");
        assert_eq!(
            page,
            sealed.iter().position(|p| p.contains(&last)),
            "criterion {code} split across pages"
        );
    }
    // Conclusion, seal and every signature together on the last page.
    let last = sealed.last().unwrap();
    for needle in [
        "V. Kết luận của đoàn",
        sha.as_str(),
        "Biên bản đã được đọc lại",
        "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA",
        "Phạm Minh Đức",
        "TRƯỞNG ĐOÀN KIỂM TRA",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
    ] {
        assert!(last.contains(needle), "last page lacks {needle:?}:\n{last}");
    }
    // The heading of an administrative document, in words.
    let first = &sealed[0];
    for needle in [
        "CÔNG AN QUẬN 12",
        "Số: ……/BB-ĐKT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phường Tân Chánh Hiệp, ngày 19 tháng 5 năm 2022",
    ] {
        assert!(
            first.contains(needle),
            "first page lacks {needle:?}:\n{first}"
        );
    }
}
