//! Texts of sync, bundles, merges, conflicts and duplicate copies, in both languages.
//! Anything that came from a file or from git passes through the terminal escaper.

use std::path::Path;

use super::{Lang, pick};
use crate::domain::escape::for_terminal_line;
use crate::domain::merge::{Conflict, ResolveError};
use crate::store::Holder;
use crate::store::bundle::CryptError;
use crate::store::git::GitError;

fn esc(s: &str) -> String {
    for_terminal_line(s).into_owned()
}

fn p(path: &Path) -> String {
    esc(&path.display().to_string())
}

/// A path from a file or the command line, safe to print to a terminal.
pub fn path(path: &Path) -> String {
    p(path)
}

pub fn conflicts_block(l: Lang, n: usize) -> String {
    pick(
        l,
        format!(
            "còn {n} xung đột từ lần hợp nhất chưa giải quyết; xem bằng kiemtra show ID, giải quyết bằng kiemtra resolve ID TIÊU_CHÍ --take ours|theirs hoặc trong giao diện"
        ),
        format!(
            "{n} conflicts from a merge are not resolved; see them with kiemtra show ID, resolve them with kiemtra resolve ID CRITERION --take ours|theirs or in the console"
        ),
    )
}

pub fn git_error(l: Lang, e: &GitError) -> String {
    match e {
        GitError::Missing => pick(
            l,
            "không tìm thấy chương trình git; đồng bộ cần git 2.30 trở lên (Debian/Ubuntu: apt install git; Windows: Git for Windows)".to_string(),
            "the git program was not found; sync needs git 2.30 or newer (Debian/Ubuntu: apt install git; Windows: Git for Windows)".to_string(),
        ),
        GitError::TooOld(v) => pick(
            l,
            format!("git {} quá cũ; đồng bộ cần git 2.30 trở lên", esc(v)),
            format!("git {} is too old; sync needs git 2.30 or newer", esc(v)),
        ),
        GitError::Failed { command, stderr } => pick(
            l,
            format!("git {} thất bại: {}", esc(command), esc(stderr)),
            format!("git {} failed: {}", esc(command), esc(stderr)),
        ),
    }
}

pub fn not_initialized(l: Lang, root: &Path) -> String {
    pick(
        l,
        format!(
            "thư mục dữ liệu {} chưa được thiết lập đồng bộ; chạy: kiemtra sync init --remote URL",
            p(root)
        ),
        format!(
            "the data folder {} is not set up for sync; run: kiemtra sync init --remote URL",
            p(root)
        ),
    )
}

pub fn initialized(l: Lang, root: &Path, adopted: bool, remote: Option<&str>) -> String {
    let hub = remote.map(esc);
    let head = match (l, adopted) {
        (Lang::Vi, false) => format!("Đã thiết lập đồng bộ cho {}", p(root)),
        (Lang::Vi, true) => format!("Đã dùng kho git có sẵn ở {}", p(root)),
        (Lang::En, false) => format!("Sync set up for {}", p(root)),
        (Lang::En, true) => format!("Adopted the existing git repository at {}", p(root)),
    };
    match hub {
        Some(h) => head + &pick(l, format!("; kho trung tâm: {h}"), format!("; hub: {h}")),
        None => head,
    }
}

pub fn no_remote(l: Lang, remote: &str) -> String {
    pick(
        l,
        format!(
            "chưa có kho trung tâm \"{}\"; chạy kiemtra sync init --remote URL, hoặc mang dữ liệu bằng USB: kiemtra sync export TỆP.bundle",
            esc(remote)
        ),
        format!(
            "no hub named \"{}\"; run kiemtra sync init --remote URL, or carry the data on a USB stick: kiemtra sync export FILE.bundle",
            esc(remote)
        ),
    )
}

pub fn unreachable(l: Lang, e: &GitError) -> String {
    let why = match e {
        GitError::Failed { stderr, .. } => esc(stderr.lines().next().unwrap_or_default()),
        other => git_error(l, other),
    };
    pick(
        l,
        format!(
            "không kết nối được kho trung tâm ({why}); thay đổi đã được ghi lại trên máy này và sẽ gửi đi ở lần đồng bộ sau"
        ),
        format!(
            "the hub could not be reached ({why}); the changes are committed on this laptop and go out at the next sync"
        ),
    )
}

pub fn merge_failed(l: Lang, e: &GitError) -> String {
    pick(
        l,
        format!(
            "không hợp nhất được, không có gì bị thay đổi: {}",
            git_error(l, e)
        ),
        format!(
            "the merge failed and nothing was changed: {}",
            git_error(l, e)
        ),
    )
}

/// "↑ 3 inspections, ↓ 12, 1 conflict".
pub fn account(l: Lang, up: Option<usize>, down: usize, conflicts: usize) -> String {
    let mut parts = Vec::new();
    if let Some(up) = up {
        parts.push(pick(
            l,
            format!("↑ {up} phiếu"),
            format!("↑ {up} inspections"),
        ));
    }
    parts.push(format!("↓ {down}"));
    parts.push(pick(
        l,
        format!("{conflicts} xung đột"),
        format!(
            "{conflicts} conflict{}",
            if conflicts == 1 { "" } else { "s" }
        ),
    ));
    parts.join(", ")
}

pub fn deferred(l: Lang, id: &str, holder: Option<&Holder>) -> String {
    let who = holder
        .map(|h| format!(" ({}@{})", esc(&h.user), esc(&h.host)))
        .unwrap_or_default();
    pick(
        l,
        format!(
            "phiếu {}{who} đang mở trong giao diện: không ghi đè khi đang mở; thay đổi nhận về được hợp nhất ở lần đồng bộ sau khi đóng",
            esc(id)
        ),
        format!(
            "inspection {}{who} is open in a console: never rewritten while open; its incoming changes are merged at the next sync after it is closed",
            esc(id)
        ),
    )
}

pub fn conflict_line(l: Lang, id: &str, n: usize) -> String {
    pick(
        l,
        format!(
            "! {}: {n} xung đột; kiemtra show {} để xem",
            esc(id),
            esc(id)
        ),
        format!(
            "! {}: {n} conflict{}; kiemtra show {} to see",
            esc(id),
            if n == 1 { "" } else { "s" },
            esc(id)
        ),
    )
}

pub fn status_lines(
    l: Lang,
    root: &Path,
    team: Option<&str>,
    remote: Option<&str>,
    last: Option<&str>,
    uncommitted: usize,
    (ahead, behind): (usize, usize),
) -> String {
    let none = pick(l, "(chưa có)", "(none)");
    let mut s = String::new();
    let rows = [
        (pick(l, "Thư mục", "Folder"), p(root)),
        (pick(l, "Đội", "Team"), team.map(esc).unwrap_or(none.into())),
        (
            pick(l, "Kho trung tâm", "Hub"),
            remote.map(esc).unwrap_or(none.into()),
        ),
        (
            pick(l, "Lần đồng bộ cuối", "Last sync"),
            last.map(esc).unwrap_or(none.into()),
        ),
        (
            pick(l, "Phiếu chưa ghi", "Inspections not committed"),
            uncommitted.to_string(),
        ),
        (
            pick(l, "Chưa gửi / chưa nhận", "To send / to receive"),
            format!("{ahead} / {behind}"),
        ),
    ];
    for (k, v) in rows {
        s.push_str(&format!("{k}: {v}\n"));
    }
    s
}

pub fn nothing_new(l: Lang) -> String {
    pick(
        l,
        "không có gì mới kể từ lần xuất trước; dùng --all để xuất toàn bộ",
        "nothing new since the last export; use --all to export everything",
    )
    .into()
}

pub fn exported(l: Lang, file: &Path, n: usize, encrypted: bool, sha: &str) -> String {
    let enc = match (l, encrypted) {
        (Lang::Vi, true) => ", đã mã hóa",
        (Lang::En, true) => ", encrypted",
        _ => "",
    };
    pick(
        l,
        format!("Đã ghi {} ({n} phiếu{enc})\nSHA-256 {sha}", p(file)),
        format!("Wrote {} ({n} inspections{enc})\nSHA-256 {sha}", p(file)),
    )
}

pub fn crypt_error(l: Lang, file: &Path, e: &CryptError) -> String {
    let f = p(file);
    match e {
        CryptError::BadRecipient(r) => pick(
            l,
            format!(
                "\"{}\" không phải khóa công khai age (age1...) hay SSH (ssh-ed25519 ..., ssh-rsa ...), cũng không phải tệp chứa khóa",
                esc(r)
            ),
            format!(
                "\"{}\" is not an age public key (age1...) or an SSH public key (ssh-ed25519 ..., ssh-rsa ...), nor a file of them",
                esc(r)
            ),
        ),
        CryptError::BadIdentity => pick(
            l,
            format!(
                "{f}: không có khóa dùng được (cần tệp khóa age AGE-SECRET-KEY-... hoặc khóa riêng OpenSSH)"
            ),
            format!(
                "{f}: no usable key (an age identity file AGE-SECRET-KEY-... or an OpenSSH private key is needed)"
            ),
        ),
        CryptError::PassphraseKey => pick(
            l,
            format!(
                "{f}: khóa SSH có mật khẩu chưa được hỗ trợ; dùng khóa age (age-keygen) hoặc khóa SSH không mật khẩu dành riêng cho việc này"
            ),
            format!(
                "{f}: passphrase-protected SSH keys are not supported; use an age key (age-keygen) or a passphrase-less SSH key kept for this"
            ),
        ),
        CryptError::NeedsIdentity => pick(
            l,
            format!(
                "{f} đã được mã hóa; cho biết khóa bằng --identity TỆP_KHÓA. Không có gì bị thay đổi"
            ),
            format!("{f} is encrypted; give the key with --identity KEYFILE. Nothing was changed"),
        ),
        CryptError::WrongKey => pick(
            l,
            format!(
                "{f} được mã hóa cho khóa khác, không phải khóa đã cho; bị từ chối, không có gì bị thay đổi"
            ),
            format!(
                "{f} is encrypted to another key, not the one given; refused, nothing was changed"
            ),
        ),
        CryptError::Damaged => pick(
            l,
            format!(
                "{f} bị hỏng (bị cắt ngắn hoặc bị sửa); bị từ chối, không có gì bị thay đổi. Xin bản xuất lại"
            ),
            format!(
                "{f} is damaged (cut short or altered); refused, nothing was changed. Ask for a new export"
            ),
        ),
        CryptError::Other(m) => format!("{f}: {}", esc(m)),
    }
}

pub fn bundle_refused(l: Lang, file: &Path, e: &GitError) -> String {
    let detail = match e {
        GitError::Failed { stderr, .. } => stderr.clone(),
        other => other.to_string(),
    };
    if detail.contains("prerequisite") {
        return pick(
            l,
            format!(
                "{} nối tiếp một gói trước chưa được nhập ở đây; nhập gói trước, hoặc xin gói xuất với --all. Không có gì bị thay đổi",
                p(file)
            ),
            format!(
                "{} continues an earlier bundle not imported here; import that one first, or ask for an export with --all. Nothing was changed",
                p(file)
            ),
        );
    }
    pick(
        l,
        format!(
            "{} không phải gói git dùng được (bị cắt ngắn, bị sửa, hoặc không phải gói): {}; bị từ chối, không có gì bị thay đổi",
            p(file),
            esc(detail.lines().next().unwrap_or_default())
        ),
        format!(
            "{} is not a usable git bundle (cut short, altered, or not a bundle): {}; refused, nothing was changed",
            p(file),
            esc(detail.lines().next().unwrap_or_default())
        ),
    )
}

pub fn unreadable(l: Lang, path: &Path, what: &str) -> String {
    pick(
        l,
        format!("không đọc được {} ({})", p(path), esc(what)),
        format!("cannot read {} ({})", p(path), esc(what)),
    )
}

pub fn not_same_inspection(l: Lang, a: &Path, b: &Path) -> String {
    pick(
        l,
        format!(
            "{} và {} là hai phiếu khác nhau (khác mã), không hợp nhất",
            p(a),
            p(b)
        ),
        format!(
            "{} and {} are different inspections (different ids); not merged",
            p(a),
            p(b)
        ),
    )
}

pub fn files_merged(
    l: Lang,
    keep: &Path,
    other: &Path,
    moved: Option<&Path>,
    conflicts: usize,
) -> String {
    let mut s = pick(
        l,
        format!("Đã hợp nhất {} vào {}", p(other), p(keep)),
        format!("Merged {} into {}", p(other), p(keep)),
    );
    if let Some(m) = moved {
        s += &pick(
            l,
            format!("; bản kia được chuyển vào {}", p(m)),
            format!("; the other copy was moved to {}", p(m)),
        );
    }
    s += "\n";
    s += &pick(
        l,
        format!("{conflicts} xung đột"),
        format!("{conflicts} conflicts"),
    );
    s
}

pub fn resolve_error(l: Lang, e: &ResolveError) -> String {
    match e {
        ResolveError::NoConflict(t) => pick(
            l,
            format!(
                "không có xung đột nào ở \"{}\"; kiemtra show ID liệt kê các xung đột",
                esc(t)
            ),
            format!(
                "there is no conflict on \"{}\"; kiemtra show ID lists the conflicts",
                esc(t)
            ),
        ),
        ResolveError::NotDraft(s) => pick(
            l,
            format!(
                "phiếu đang \"{}\": mở lại trước (kiemtra reopen ID --reason ...) rồi mới giải quyết xung đột",
                super::status(l, *s)
            ),
            format!(
                "the inspection is \"{}\": reopen it first (kiemtra reopen ID --reason ...), then resolve the conflict",
                super::status(l, *s)
            ),
        ),
        ResolveError::Invalid(m) => pick(
            l,
            format!("không áp dụng được lựa chọn: {}", esc(m)),
            format!("the choice cannot be applied: {}", esc(m)),
        ),
    }
}

pub fn resolved(l: Lang, decided: usize, left: usize) -> String {
    pick(
        l,
        format!("Đã giải quyết {decided} xung đột; còn {left}"),
        format!("Resolved {decided} conflicts; {left} left"),
    )
}

/// One conflict as a line: where, base, ours, theirs, who and when.
pub fn conflict_detail(l: Lang, c: &Conflict) -> String {
    let v = |v: &serde_json::Value| match v {
        serde_json::Value::Null => pick(l, "(trống)", "(none)").to_string(),
        serde_json::Value::String(s) => esc(s),
        other => esc(&other.to_string()),
    };
    let when = |by: &str, at: &Option<jiff::Timestamp>| {
        let at = at.map(|t| t.to_string()).unwrap_or_default();
        esc(format!("{by} {at}").trim())
    };
    let place = match &c.criterion {
        Some(code) => format!("[{}] {}", esc(code), esc(&c.field)),
        None => esc(&c.field),
    };
    pick(
        l,
        format!(
            "! XUNG ĐỘT {place}: gốc {} | bên này {} ({}) | bên kia {} ({})",
            v(&c.base),
            v(&c.ours),
            when(&c.ours_by, &c.ours_at),
            v(&c.theirs),
            when(&c.theirs_by, &c.theirs_at)
        ),
        format!(
            "! CONFLICT {place}: base {} | ours {} ({}) | theirs {} ({})",
            v(&c.base),
            v(&c.ours),
            when(&c.ours_by, &c.ours_at),
            v(&c.theirs),
            when(&c.theirs_by, &c.theirs_at)
        ),
    )
}

/// A path as it can be pasted into a shell.
fn shell_word(path: &Path) -> String {
    let s = p(path);
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Two files of one folder carrying the same inspection id.
pub fn duplicate_pair(l: Lang, id: &str, a: &Path, b: &Path) -> String {
    let (qa, qb) = (shell_word(a), shell_word(b));
    pick(
        l,
        format!(
            "hai bản của cùng một phiếu {}: {} và {}; chỉ tính một lần. Hợp nhất bằng: kiemtra merge-files {qa} {qb}",
            esc(id),
            p(a),
            p(b)
        ),
        format!(
            "two copies of one inspection {}: {} and {}; counted once. Merge them with: kiemtra merge-files {qa} {qb}",
            esc(id),
            p(a),
            p(b)
        ),
    )
}

/// A file skipped for a reason, or named as the second copy of a duplicate pair.
pub fn skipped_or_duplicate(
    l: Lang,
    e: &crate::store::LoadError,
    dups: &[crate::store::duplicates::Duplicate],
) -> String {
    match crate::store::duplicates::pair_of(dups, e) {
        Some(d) => duplicate_pair(l, &d.id, &d.first, &d.second),
        None => super::skipped_file(l, e),
    }
}

pub use help::help;

#[path = "sync_help.rs"]
mod help;

/// Words of the console's conflict marks and overlay.
#[path = "sync_console.rs"]
pub mod console;
