//! Messages about trusting what a file says: seals, signatures, the audit trail, files a
//! newer kiemtra wrote, waiting for a lock, and system errors in plain words.

use std::path::Path;

use super::{Lang, pick};
use crate::domain::escape::for_terminal_line;

/// A system error in words, never "os error N".
pub fn io_text(l: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let (vi, en) = match e.kind() {
        K::NotFound => ("không có", "not found"),
        K::PermissionDenied => ("không có quyền", "permission denied"),
        K::AlreadyExists => ("đã có", "already exists"),
        K::ReadOnlyFilesystem => ("hệ thống tệp chỉ đọc", "read-only file system"),
        K::StorageFull | K::QuotaExceeded => ("đĩa đầy", "disk full"),
        K::IsADirectory => ("là một thư mục", "is a folder"),
        K::NotADirectory => ("không phải thư mục", "not a folder"),
        K::DirectoryNotEmpty => ("thư mục không rỗng", "folder not empty"),
        K::CrossesDevices => ("khác ổ đĩa", "on another disk"),
        K::InvalidInput | K::InvalidData => ("dữ liệu không hợp lệ", "invalid data"),
        _ => match e.raw_os_error() {
            Some(libc::ENXIO) | Some(libc::ENODEV) => {
                ("thiết bị không dùng được", "no such device")
            }
            Some(libc::ELOOP) => ("là liên kết tượng trưng", "a symbolic link"),
            Some(libc::EIO) => ("lỗi vào/ra của đĩa", "input/output error of the disk"),
            Some(libc::ETXTBSY) => ("tệp đang bận", "file busy"),
            _ => {
                let text = e.to_string();
                let text = match text.find(" (os error") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                };
                return for_terminal_line(&text).into_owned();
            }
        },
    };
    pick(l, vi, en).to_string()
}

pub fn bom(l: Lang) -> &'static str {
    pick(
        l,
        "tệp bắt đầu bằng dấu BOM UTF-8 (UTF-8 BOM), JSON không cho phép; hãy lưu lại tệp dạng UTF-8 không BOM",
        "the file starts with a UTF-8 BOM, which JSON does not allow; save it again as UTF-8 without BOM",
    )
}

pub fn duplicate_key(l: Lang, path: &str) -> String {
    let path = for_terminal_line(path);
    pick(
        l,
        format!(
            "khóa {path} xuất hiện hai lần trong cùng một đối tượng; tệp nói hai điều khác nhau nên không được dùng — hãy sửa tay để còn một"
        ),
        format!(
            "the key {path} appears twice in one object; the file says two things, so it is refused — edit it so that one is left"
        ),
    )
}

pub fn newer_schema_read_only(l: Lang, found: u32, supported: u32) -> String {
    pick(
        l,
        format!(
            "tệp được ghi bởi phiên bản kiemtra mới hơn (schema {found}, bản này đọc tới {supported}): chỉ xem, không sửa; hãy dùng kiemtra mới hơn để sửa"
        ),
        format!(
            "written by a newer kiemtra (schema {found}; this one reads up to {supported}): read-only here; use a newer kiemtra to change it"
        ),
    )
}

pub fn would_be_too_large(l: Lang, size: u64) -> String {
    let cap = crate::store::fsx::MAX_FILE_BYTES;
    pick(
        l,
        format!(
            "CHƯA LƯU: tệp sẽ lớn {size} byte, quá giới hạn {cap} byte mà kiemtra đọc được; tệp cũ vẫn nguyên vẹn. Hãy rút gọn các đoạn văn bản rất dài"
        ),
        format!(
            "NOT SAVED: the file would be {size} bytes, over the {cap} bytes kiemtra reads; the previous file is intact. Shorten the very long texts"
        ),
    )
}

pub fn seal_broken_label(l: Lang) -> &'static str {
    pick(l, "hỏng niêm phong", "seal broken")
}

pub fn seal_missing(l: Lang) -> &'static str {
    pick(
        l,
        "NIÊM PHONG KHÔNG CÒN: phiếu ghi trạng thái \"đã niêm phong\" nhưng bản ghi niêm phong (seal) đã bị xóa.",
        "THE SEAL IS GONE: the file says \"sealed\" but its seal record (seal) was deleted.",
    )
}

pub fn seal_version(l: Lang, version: u32) -> String {
    if version >= 2 {
        pick(
            l,
            format!("niêm phong v{version} (RFC 8785 JCS, cả tệp)"),
            format!("seal v{version} (RFC 8785 JCS, the whole file)"),
        )
    } else {
        pick(
            l,
            "niêm phong v1 (định dạng cũ: không gồm người niêm phong, thời điểm và trường lạ)",
            "seal v1 (old format: does not cover the sealer, the time or unknown fields)",
        )
        .to_string()
    }
}

pub fn catalog_ok(l: Lang, id: &str, version: &str) -> String {
    pick(
        l,
        format!("Bộ tiêu chí {id} {version}: đúng nội dung đã dùng khi niêm phong."),
        format!("Catalog {id} {version}: the same content as when sealed."),
    )
}

pub fn catalog_changed(l: Lang, id: &str, version: &str, sealed: &str, now: &str) -> String {
    pick(
        l,
        format!(
            "BỘ TIÊU CHÍ ĐÃ ĐỔI: {id} {version} đang cài khác nội dung đã dùng khi niêm phong (SHA-256 lúc niêm phong {sealed}, hiện tại {now}); kết luận có thể khác — hãy cài lại đúng tệp bộ tiêu chí"
        ),
        format!(
            "THE CATALOG CHANGED: the installed {id} {version} differs from the one used when sealed (SHA-256 when sealed {sealed}, now {now}); findings may differ — install the exact catalog file again"
        ),
    )
}

pub fn catalog_missing(l: Lang, id: &str, version: &str) -> String {
    pick(
        l,
        format!(
            "THIẾU BỘ TIÊU CHÍ: {id} {version} đã dùng khi niêm phong không được cài ở đây; cài bằng kiemtra catalog install TỆP"
        ),
        format!(
            "THE CATALOG IS MISSING: {id} {version}, used when sealed, is not installed here; install it with kiemtra catalog install FILE"
        ),
    )
}

pub fn unsigned(l: Lang) -> &'static str {
    pick(
        l,
        "Niêm phong không có chữ ký: chứng tỏ nội dung chưa đổi từ lúc niêm phong, không chứng tỏ ai niêm phong.",
        "The seal is not signed: it shows the content is unchanged since sealing, not who sealed it.",
    )
}

pub fn signed_by(l: Lang, principal: &str, fingerprint: &str) -> String {
    pick(
        l,
        format!("Ký bởi {principal} ({fingerprint}); chữ ký hợp lệ."),
        format!("Signed by {principal} ({fingerprint}); the signature is valid."),
    )
}

pub fn signature_unchecked(l: Lang, principal: &str, fingerprint: &str) -> String {
    pick(
        l,
        format!(
            "Có chữ ký, ghi là của {principal} ({fingerprint}), nhưng CHƯA KIỂM TRA: cần --allowed-signers TỆP hoặc KIEMTRA_ALLOWED_SIGNERS"
        ),
        format!(
            "Signed, said to be by {principal} ({fingerprint}), but NOT CHECKED: give --allowed-signers FILE or set KIEMTRA_ALLOWED_SIGNERS"
        ),
    )
}

/// Why a signature is not accepted.
pub fn signature_problem(l: Lang, p: &crate::domain::signature::SignatureProblem) -> String {
    use crate::domain::signature::SignatureProblem as P;
    let head = pick(
        l,
        "CHỮ KÝ KHÔNG ĐƯỢC CHẤP NHẬN: ",
        "THE SIGNATURE IS NOT ACCEPTED: ",
    );
    let why = match p {
        P::Malformed(d) => pick(
            l,
            format!("chữ ký không đọc được ({})", for_terminal_line(d)),
            format!("the signature cannot be read ({})", for_terminal_line(d)),
        ),
        P::WrongNamespace(n) => pick(
            l,
            format!(
                "chữ ký dành cho mục đích khác (namespace {}), không phải kiemtra-seal",
                for_terminal_line(n)
            ),
            format!(
                "the signature is for another purpose (namespace {}), not kiemtra-seal",
                for_terminal_line(n)
            ),
        ),
        P::Invalid => pick(
            l,
            "chữ ký không khớp với SHA-256 của niêm phong".to_string(),
            "the signature does not match the seal's SHA-256".to_string(),
        ),
        P::NoPrincipal => pick(
            l,
            "niêm phong không ghi người ký (principal)".to_string(),
            "the seal names no signer (principal)".to_string(),
        ),
        P::NotAllowed {
            principal,
            fingerprint,
        } => pick(
            l,
            format!(
                "khóa {fingerprint} không được phép ký với tên {} theo tệp allowed_signers",
                for_terminal_line(principal)
            ),
            format!(
                "the allowed_signers file does not allow key {fingerprint} to sign as {}",
                for_terminal_line(principal)
            ),
        ),
        P::FingerprintMismatch { recorded, actual } => pick(
            l,
            format!(
                "dấu vân tay ghi trong niêm phong ({}) khác khóa đã ký ({actual})",
                for_terminal_line(recorded)
            ),
            format!(
                "the fingerprint in the seal ({}) is not the signing key's ({actual})",
                for_terminal_line(recorded)
            ),
        ),
    };
    format!("{head}{why}")
}

pub fn allowed_signers_unreadable(l: Lang, path: &Path, why: &str) -> String {
    let path = path.display().to_string();
    let path = for_terminal_line(&path);
    pick(
        l,
        format!("không đọc được tệp allowed_signers {path}: {why}"),
        format!("cannot read the allowed_signers file {path}: {why}"),
    )
}

pub fn allowed_signers_line(l: Lang, path: &Path, line: usize) -> String {
    let path = path.display().to_string();
    let path = for_terminal_line(&path);
    pick(
        l,
        format!(
            "tệp allowed_signers {path}, dòng {line}: không hiểu được; mỗi dòng là: TÊN [tùy chọn] ssh-ed25519 KHÓA"
        ),
        format!(
            "allowed_signers file {path}, line {line}: not understood; each line is: NAME [options] ssh-ed25519 KEY"
        ),
    )
}

pub fn key_unreadable(l: Lang, path: &Path, why: &str) -> String {
    let path = path.display().to_string();
    let path = for_terminal_line(&path);
    pick(
        l,
        format!("không dùng được khóa ký {path}: {why}"),
        format!("cannot use the signing key {path}: {why}"),
    )
}

pub fn key_not_openssh(l: Lang) -> &'static str {
    pick(
        l,
        "không phải khóa riêng OpenSSH (tạo bằng: ssh-keygen -t ed25519)",
        "not an OpenSSH private key (make one with: ssh-keygen -t ed25519)",
    )
}

pub fn key_not_ed25519(l: Lang) -> &'static str {
    pick(
        l,
        "chỉ nhận khóa ed25519 (ssh-keygen -t ed25519)",
        "only ed25519 keys are taken (ssh-keygen -t ed25519)",
    )
}

pub fn wrong_passphrase(l: Lang) -> &'static str {
    pick(l, "sai mật khẩu của khóa", "wrong passphrase for the key")
}

pub fn passphrase_prompt(l: Lang, path: &Path) -> String {
    let path = path.display().to_string();
    let path = for_terminal_line(&path);
    pick(
        l,
        format!("Mật khẩu của khóa {path}: "),
        format!("Passphrase for {path}: "),
    )
}

pub fn no_principal(l: Lang) -> &'static str {
    pick(
        l,
        "khóa không có ghi chú để làm tên người ký; dùng --principal TÊN (tên như trong allowed_signers)",
        "the key has no comment to name the signer; give --principal NAME (as in allowed_signers)",
    )
}

pub fn signed_seal(l: Lang, principal: &str, fingerprint: &str) -> String {
    pick(
        l,
        format!(
            "Đã ký bởi {} ({fingerprint}), namespace kiemtra-seal.",
            for_terminal_line(principal)
        ),
        format!(
            "Signed by {} ({fingerprint}), namespace kiemtra-seal.",
            for_terminal_line(principal)
        ),
    )
}

pub fn no_history(l: Lang) -> &'static str {
    pick(l, "(chưa có lịch sử)", "(no history yet)")
}

pub fn not_a_folder_link(l: Lang, path: &Path) -> String {
    let path = path.display().to_string();
    let path = for_terminal_line(&path);
    pick(
        l,
        format!(
            "{path} là liên kết tượng trưng hoặc không phải thư mục; không di chuyển gì vào đó. Hãy thay bằng một thư mục thật"
        ),
        format!(
            "{path} is a symbolic link or not a folder; nothing is moved into it. Replace it with a real folder"
        ),
    )
}
