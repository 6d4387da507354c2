//! Home's index (issue 11): the rows of the last reading with each file's (size, modified
//! time), in `<data>/.cache/home-rows-2`, so that the next start shows rows at once. It
//! is never the source of truth: the rows worker still looks at every file's stamp behind
//! the first frame and reads again what differs, appeared or went, so an index that is
//! missing, stale or corrupt costs time, never a row. It is rebuilt without a word.
//! `.cache/` never travels with sync (its `.gitignore` lets only the data through).
//!
//! The format is made to be read fast at 100,000 rows: one line of tab-separated fields
//! per row, in Home's order (newest first), so that the top of Home can be shown before
//! the rest is parsed, and the rest is parsed on every core. An HMAC under the user's key
//! (kept outside the data folder, as for the seal cache) covers the whole file: whoever
//! can write the data folder cannot make the index show a unit name or a progress its
//! file does not have, and a torn or garbled index is not used at all.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::app::HomeRow;
use crate::domain::Progress;
use crate::domain::inspection::Status;
use crate::store::seal_cache::{CACHE_DIR, user_key};
use crate::store::{Catalogs, DataDir, is_listed_name};

/// The first line; bumped when what a line means changes, so an old index is not read.
const MAGIC: &str = "kiemtra-home-rows-2";
const FILE: &str = "home-rows-2";
/// Mixed into the HMAC, so that the user's key vouches for nothing else with this tag.
const DOMAIN: &[u8] = b"kiemtra home rows v2\0";
const KEY_LEN: usize = 32;

/// (size, modified time) of a file, as the rows worker compares them.
pub type Stamp = (u64, Option<SystemTime>);

/// One row of the index: the file, its stamp when it was read, and its row.
pub struct Entry {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub row: HomeRow,
}

pub fn path(data: &DataDir) -> PathBuf {
    data.root.join(CACHE_DIR).join(FILE)
}

/// What tells the catalogs apart: an index made with other catalogs is not used.
pub fn fingerprint(catalogs: &Catalogs) -> Vec<String> {
    catalogs
        .entries
        .iter()
        .map(|(c, _)| format!("{} {} {}", c.id, c.version, c.sha256))
        .collect()
}

/// An index read from disk and found whole, its rows parsed as they are taken: the first
/// screenful before the rest.
pub struct Index {
    bytes: Vec<u8>,
    /// Where the rows not yet taken start in `bytes`.
    at: usize,
    total: usize,
    dir: PathBuf,
    /// Lines that could not be parsed (the index is then written again).
    flawed: bool,
}

/// The index of `data` when there is a usable one: a plain file, of this format and these
/// catalogs, whose HMAC holds under the user's key. `None` otherwise.
pub fn open(data: &DataDir, catalogs: &[String]) -> Option<Index> {
    let key = user_key()?;
    // Our own file, and bigger than an inspection may be: read plainly, if a plain file.
    let at = path(data);
    if !std::fs::symlink_metadata(&at).ok()?.is_file() {
        return None;
    }
    let bytes = std::fs::read(&at).ok()?;
    let (magic, rest) = split_line(&bytes, 0)?;
    let (mac, body) = split_line(&bytes, rest)?;
    if magic != MAGIC.as_bytes() || !verify(&key, mac, &bytes[body..]) {
        return None;
    }
    let (listed, rest) = split_line(&bytes, body)?;
    let listed = std::str::from_utf8(listed).ok()?;
    let same = listed
        .split('\t')
        .map(unescape)
        .eq(catalogs.iter().cloned());
    if !same {
        return None;
    }
    let (count, rows) = split_line(&bytes, rest)?;
    let total = std::str::from_utf8(count).ok()?.parse().ok()?;
    Some(Index {
        bytes,
        at: rows,
        total,
        dir: data.inspections(),
        flawed: false,
    })
}

impl Index {
    /// The rows the index holds.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Some line could not be parsed (skipped: its file is read instead).
    pub fn flawed(&self) -> bool {
        self.flawed
    }

    /// The next `n` rows, in Home's order.
    pub fn take(&mut self, n: usize) -> Vec<Entry> {
        let mut out = Vec::with_capacity(n.min(self.total));
        while out.len() < n {
            let Some((line, next)) = split_line(&self.bytes, self.at) else {
                break;
            };
            self.at = next;
            match parse(line, &self.dir) {
                Some(e) => out.push(e),
                None => self.flawed = true,
            }
        }
        // A last line without its line feed is torn: not a row.
        self.flawed |= out.len() < n && self.at < self.bytes.len();
        out
    }

    /// Every row not taken yet, parsed on `threads` threads, in Home's order.
    pub fn rest(&mut self, threads: usize) -> Vec<Entry> {
        let body = &self.bytes[self.at..];
        // Cut into pieces at line ends, one per thread.
        let mut pieces = Vec::new();
        let mut start = 0;
        let step = body.len().div_ceil(threads.max(1)).max(1);
        while start < body.len() {
            let end = match body.get(start + step..).and_then(|b| memchr(b'\n', b)) {
                Some(i) => start + step + i + 1,
                None => body.len(),
            };
            pieces.push(&body[start..end]);
            start = end;
        }
        let dir = &self.dir;
        let parsed: Vec<(Vec<Entry>, bool)> = std::thread::scope(|scope| {
            let handles: Vec<_> = pieces
                .iter()
                .map(|piece| scope.spawn(move || parse_all(piece, dir)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        self.at = self.bytes.len();
        let mut out = Vec::with_capacity(self.total.saturating_sub(1));
        for (entries, flawed) in parsed {
            self.flawed |= flawed;
            out.extend(entries);
        }
        out
    }
}

/// Every whole line of `piece`; true when some line is not a row.
fn parse_all(piece: &[u8], dir: &Path) -> (Vec<Entry>, bool) {
    let mut out = Vec::new();
    let mut flawed = false;
    let mut at = 0;
    while let Some((line, next)) = split_line(piece, at) {
        at = next;
        match parse(line, dir) {
            Some(e) => out.push(e),
            None => flawed = true,
        }
    }
    (out, flawed || at < piece.len())
}

/// The line starting at `at` (without its line feed) and where the next starts; `None`
/// at the end or when the line has no line feed (a torn file).
fn split_line(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let rest = bytes.get(at..)?;
    let end = memchr(b'\n', rest)?;
    Some((&rest[..end], at + end + 1))
}

fn memchr(b: u8, bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&c| c == b)
}

/// One row: id, size, modified seconds and nanoseconds (empty when unknown), unit,
/// district, date, status, progress (empty or five counts), conflicts, seal broken.
fn parse(line: &[u8], dir: &Path) -> Option<Entry> {
    let line = std::str::from_utf8(line).ok()?;
    let mut f = line.split('\t');
    let id = unescape(f.next()?);
    let file = format!("{id}.json");
    // Only a plain name of the folder: an entry cannot point anywhere else.
    if !is_listed_name(&file) || file.contains(['/', '\\']) {
        return None;
    }
    let size = f.next()?.parse().ok()?;
    let (secs, nanos) = (f.next()?, f.next()?);
    let modified = if secs.is_empty() {
        None
    } else {
        let d = Duration::new(secs.parse().ok()?, nanos.parse().ok()?);
        Some(UNIX_EPOCH.checked_add(d)?)
    };
    let unit = unescape(f.next()?);
    let district = unescape(f.next()?);
    let date = f.next()?.parse().ok()?;
    let status = match f.next()? {
        "d" => Status::Draft,
        "f" => Status::Final,
        "s" => Status::Sealed,
        _ => return None,
    };
    let progress = match f.next()? {
        "" => None,
        p => {
            let mut n = p.split(',').map(str::parse::<usize>);
            let mut next = || n.next()?.ok();
            let p = Progress {
                total: next()?,
                assessed: next()?,
                met: next()?,
                basically_met: next()?,
                not_met: next()?,
            };
            if next().is_some() {
                return None;
            }
            Some(p)
        }
    };
    let conflicts = f.next()?.parse().ok()?;
    let seal_broken = match f.next()? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    if f.next().is_some() {
        return None;
    }
    Some(Entry {
        path: dir.join(file),
        stamp: (size, modified),
        row: HomeRow {
            id,
            unit,
            district,
            date,
            status,
            progress,
            conflicts,
            seal_broken,
        },
    })
}

/// A field with its tabs, line feeds and backslashes escaped.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }
    out
}

fn mac_of(key: &[u8; KEY_LEN], body: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(DOMAIN);
    mac.update(body);
    mac
}

fn verify(key: &[u8; KEY_LEN], hex: &[u8], body: &[u8]) -> bool {
    let Some(tag) = unhex(hex) else {
        return false;
    };
    mac_of(key, body).verify_slice(&tag).is_ok()
}

fn unhex(hex: &[u8]) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    hex.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
        .collect()
}

/// Write the index of `rows` (best effort: a cache that cannot be written is no error).
/// Rows are written in the order given: Home's.
pub fn save<'a>(
    data: &DataDir,
    catalogs: &[String],
    rows: impl ExactSizeIterator<Item = (&'a Path, Stamp, &'a HomeRow)>,
) {
    let Some(key) = user_key() else {
        return;
    };
    let mut body = String::with_capacity(rows.len() * 160);
    for (i, c) in catalogs.iter().enumerate() {
        if i > 0 {
            body.push('\t');
        }
        escape(c, &mut body);
    }
    body.push('\n');
    let start = body.len();
    let mut count = 0usize;
    for (p, (size, modified), r) in rows {
        // Only a row read from the file its id names: that is how it is found again.
        if p.file_name()
            .and_then(|n| n.to_str()?.strip_suffix(".json"))
            != Some(&r.id)
        {
            continue;
        }
        count += 1;
        write_row(&mut body, size, modified, r);
    }
    body.insert_str(start, &format!("{count}\n"));
    let tag = tag_of(&key, body.as_bytes());
    let mut bytes = format!("{MAGIC}\n{tag}\n").into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    write(data, &bytes);
    // The JSON index of before (30 MB at 100,000 rows) is of no more use.
    let _ = std::fs::remove_file(data.root.join(CACHE_DIR).join("home-rows.json"));
}

fn write_row(out: &mut String, size: u64, modified: Option<SystemTime>, r: &HomeRow) {
    use std::fmt::Write;
    escape(&r.id, out);
    let _ = write!(out, "\t{size}\t");
    if let Some(d) = modified.and_then(|m| m.duration_since(UNIX_EPOCH).ok()) {
        let _ = write!(out, "{}\t{}", d.as_secs(), d.subsec_nanos());
    } else {
        out.push('\t');
    }
    out.push('\t');
    escape(&r.unit, out);
    out.push('\t');
    escape(&r.district, out);
    let status = match r.status {
        Status::Draft => 'd',
        Status::Final => 'f',
        Status::Sealed => 's',
    };
    let _ = write!(out, "\t{}\t{status}\t", r.date);
    if let Some(p) = &r.progress {
        let _ = write!(
            out,
            "{},{},{},{},{}",
            p.total, p.assessed, p.met, p.basically_met, p.not_met
        );
    }
    let _ = writeln!(out, "\t{}\t{}", r.conflicts, u8::from(r.seal_broken));
}

fn write(data: &DataDir, bytes: &[u8]) {
    let target = path(data);
    let Some(dir) = target.parent() else {
        return;
    };
    if data.ensure(dir).is_err() {
        return;
    }
    // Renamed into place so a reader never sees half a file; not fsynced: after a crash
    // a lost or torn index is only a slower start.
    let part = target.with_extension(format!("{}.part", std::process::id()));
    let written = {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        // 0600 whatever the umask, as every file of the data folder.
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&part)
            .and_then(|mut f| f.write_all(bytes))
            .and_then(|()| std::fs::rename(&part, &target))
    };
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
}

/// The index's tag: the HMAC of its body under the user's key, in hex.
fn tag_of(key: &[u8; KEY_LEN], body: &[u8]) -> String {
    mac_of(key, body)
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn row(id: &str, unit: &str, day: i8) -> HomeRow {
        HomeRow {
            id: id.into(),
            unit: unit.into(),
            district: "Quận 1".into(),
            date: jiff::civil::date(2025, 6, day),
            status: Status::Sealed,
            progress: Some(Progress {
                total: 22,
                assessed: 3,
                met: 1,
                basically_met: 1,
                not_met: 1,
            }),
            conflicts: 2,
            seal_broken: true,
        }
    }

    fn folder() -> (tempfile::TempDir, DataDir) {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().to_path_buf());
        (dir, data)
    }

    fn saved(data: &DataDir, rows: &[HomeRow]) {
        let dir = data.inspections();
        let paths: Vec<PathBuf> = rows
            .iter()
            .map(|r| dir.join(format!("{}.json", r.id)))
            .collect();
        let stamp = (7, Some(UNIX_EPOCH + Duration::new(1_750_000_000, 123)));
        save(
            data,
            &["c 1 ab".into()],
            paths.iter().zip(rows).map(|(p, r)| (p.as_path(), stamp, r)),
        );
    }

    fn all(index: &mut Index) -> Vec<HomeRow> {
        let mut rows: Vec<HomeRow> = index.take(1).into_iter().map(|e| e.row).collect();
        rows.extend(index.rest(3).into_iter().map(|e| e.row));
        rows
    }

    /// The index re-signed with the user's key after `edit`: what a bug or an older
    /// kiemtra could leave, as opposed to someone without the key.
    fn resign(data: &DataDir, edit: impl Fn(&str) -> String) {
        let text = std::fs::read_to_string(path(data)).unwrap();
        let body = text.splitn(3, '\n').nth(2).unwrap();
        let body = edit(body);
        let key = user_key().unwrap();
        let tag = tag_of(&key, body.as_bytes());
        std::fs::write(path(data), format!("{MAGIC}\n{tag}\n{body}")).unwrap();
    }

    #[test]
    fn rows_come_back_as_written_in_their_order_whatever_their_text() {
        let (_t, data) = folder();
        let rows: Vec<HomeRow> = (0..50)
            .map(|i| row(&format!("id{i:02}"), &format!("Tab\there\nline \\ {i}"), 1))
            .collect();
        saved(&data, &rows);
        let mut index = open(&data, &["c 1 ab".into()]).unwrap();
        assert_eq!(index.total(), 50);
        let first = index.take(1);
        assert_eq!(first[0].stamp.0, 7);
        assert_eq!(first[0].path, data.inspections().join("id00.json"));
        let mut back = vec![first[0].row.clone()];
        back.extend(index.rest(4).into_iter().map(|e| e.row));
        assert_eq!(back, rows);
        assert!(!index.flawed());
        // Other catalogs: another index.
        assert!(open(&data, &["c 2 ab".into()]).is_none());
    }

    #[test]
    fn a_torn_or_garbled_index_is_not_used() {
        let (_t, data) = folder();
        let rows: Vec<HomeRow> = (0..20)
            .map(|i| row(&format!("id{i}"), "Bến Thành", 2))
            .collect();
        saved(&data, &rows);
        let whole = std::fs::read(path(&data)).unwrap();
        for cut in (0..whole.len()).step_by(7) {
            std::fs::write(path(&data), &whole[..cut]).unwrap();
            assert!(open(&data, &["c 1 ab".into()]).is_none(), "cut at {cut}");
        }
        let mut garbled = whole.clone();
        let at = garbled.len() / 2;
        garbled[at] ^= 0x20;
        std::fs::write(path(&data), &garbled).unwrap();
        assert!(open(&data, &["c 1 ab".into()]).is_none());
    }

    #[test]
    fn lines_that_are_not_rows_are_skipped_and_said_flawed() {
        let (_t, data) = folder();
        let rows = [
            row("a", "An Khánh", 3),
            row("b", "Bến Thành", 2),
            row("c", "Cần Giờ", 1),
        ];
        saved(&data, &rows);
        // A row whose id climbs out of the folder, a row cut short, and a torn last line.
        resign(&data, |body| {
            body.replacen("\nb\t", "\n../b\t", 1)
                .replacen("22,3,1,1,1", "22,3,1", 1)
                + "d\t1"
        });
        let mut index = open(&data, &["c 1 ab".into()]).unwrap();
        let back = all(&mut index);
        assert!(index.flawed());
        assert_eq!(back, [rows[2].clone()]);
        // Garbage between the rows: the rows around it are still taken.
        saved(&data, &rows);
        resign(&data, |body| {
            body.replacen("\nb\t", "\n\u{0}\u{7f}garbage\nb\t", 1)
        });
        let mut index = open(&data, &["c 1 ab".into()]).unwrap();
        assert_eq!(all(&mut index), rows);
        assert!(index.flawed());
    }
}
