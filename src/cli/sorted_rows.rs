//! `list`'s output rows put in order in bounded memory: rows are gathered up to a budget,
//! sorted, and written as a run to an unnamed temporary file (deleted by the system when
//! closed); at the end the runs are merged. Memory then stays about the same whatever the
//! size of the folder. When no temporary file can be written, rows stay in memory.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

use jiff::civil::Date;

/// Bytes of rows held before a run is written out (a few thousand rows of `list --json`).
pub const DEFAULT_BUDGET: usize = 4 << 20;
/// Test hook: the budget in bytes, so that a small folder writes several runs.
pub const BUDGET_ENV: &str = "KIEMTRA_LIST_RUN_BYTES";

/// One output row and what it is sorted by: newest date first, then unit, then id (the
/// order of `store::listing::newest_first`).
struct Entry {
    /// The date, encoded so that byte order is newest first.
    date: [u8; 4],
    unit_len: u32,
    id_len: u32,
    /// The unit, the id, then the row's output bytes.
    bytes: Box<[u8]>,
}

impl Entry {
    fn unit(&self) -> &[u8] {
        &self.bytes[..self.unit_len as usize]
    }
    fn id(&self) -> &[u8] {
        let from = self.unit_len as usize;
        &self.bytes[from..from + self.id_len as usize]
    }
    fn output(&self) -> &[u8] {
        &self.bytes[(self.unit_len + self.id_len) as usize..]
    }
    fn order(&self, other: &Entry) -> Ordering {
        self.date
            .cmp(&other.date)
            .then_with(|| self.unit().cmp(other.unit()))
            .then_with(|| self.id().cmp(other.id()))
    }

    fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(&self.date)?;
        w.write_all(&self.unit_len.to_le_bytes())?;
        w.write_all(&self.id_len.to_le_bytes())?;
        w.write_all(&(self.bytes.len() as u64).to_le_bytes())?;
        w.write_all(&self.bytes)
    }

    /// The next entry of a run; `None` at its end.
    fn read_from(r: &mut impl Read) -> io::Result<Option<Entry>> {
        let mut head = [0u8; 20];
        match r.read_exact(&mut head[..4]) {
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            other => other?,
        }
        r.read_exact(&mut head[4..])?;
        let word =
            |at: usize| u32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        let mut len = [0u8; 8];
        len.copy_from_slice(&head[12..20]);
        let mut bytes = vec![0u8; usize::try_from(u64::from_le_bytes(len)).unwrap_or(0)];
        r.read_exact(&mut bytes)?;
        Ok(Some(Entry {
            date: [head[0], head[1], head[2], head[3]],
            unit_len: word(4),
            id_len: word(8),
            bytes: bytes.into_boxed_slice(),
        }))
    }
}

/// The date as four bytes whose order is the reverse of the dates' order.
fn newest_first_key(date: Date) -> [u8; 4] {
    let year = u32::from((i32::from(date.year()) + 0x8000) as u16);
    let packed = year << 16 | (date.month() as u32) << 8 | date.day() as u32;
    (!packed).to_be_bytes()
}

/// Rows being gathered; [`SortedRows::write`] hands them out in order.
pub struct SortedRows {
    budget: usize,
    held: Vec<Entry>,
    held_bytes: usize,
    runs: Vec<File>,
    count: usize,
}

impl SortedRows {
    /// Rows held up to `budget` bytes at a time.
    pub fn new(budget: usize) -> SortedRows {
        SortedRows {
            budget,
            held: Vec::new(),
            held_bytes: 0,
            runs: Vec::new(),
            count: 0,
        }
    }

    /// With the budget of [`BUDGET_ENV`], else [`DEFAULT_BUDGET`].
    pub fn from_env() -> SortedRows {
        let budget = std::env::var(BUDGET_ENV)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(DEFAULT_BUDGET);
        SortedRows::new(budget)
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Add the row of `unit` and `id`, dated `date`, whose output is `output`.
    pub fn push(&mut self, date: Date, unit: &str, id: &str, output: &[u8]) {
        let mut bytes = Vec::with_capacity(unit.len() + id.len() + output.len());
        bytes.extend_from_slice(unit.as_bytes());
        bytes.extend_from_slice(id.as_bytes());
        bytes.extend_from_slice(output);
        self.held_bytes += bytes.len() + size_of::<Entry>();
        self.held.push(Entry {
            date: newest_first_key(date),
            unit_len: u32::try_from(unit.len()).unwrap_or(u32::MAX),
            id_len: u32::try_from(id.len()).unwrap_or(u32::MAX),
            bytes: bytes.into_boxed_slice(),
        });
        self.count += 1;
        if self.held_bytes > self.budget {
            self.spill();
        }
    }

    /// Write the rows held as one sorted run. When that fails (no temporary folder, a full
    /// disk) they stay held, and so do all later rows.
    fn spill(&mut self) {
        self.held.sort_unstable_by(Entry::order);
        let run = (|| -> io::Result<File> {
            let mut w = BufWriter::new(tempfile::tempfile()?);
            for e in &self.held {
                e.write_to(&mut w)?;
            }
            let mut file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.rewind()?;
            Ok(file)
        })();
        match run {
            Ok(file) => {
                self.runs.push(file);
                self.held.clear();
                self.held_bytes = 0;
            }
            Err(_) => self.budget = usize::MAX,
        }
    }

    /// Hand every row's output to `each`, in order, with whether it is the last.
    pub fn write(mut self, mut each: impl FnMut(&[u8], bool) -> io::Result<()>) -> io::Result<()> {
        self.held.sort_unstable_by(Entry::order);
        if self.runs.is_empty() {
            let n = self.held.len();
            for (k, e) in self.held.iter().enumerate() {
                each(e.output(), k + 1 == n)?;
            }
            return Ok(());
        }
        // Merge the runs and the rows still held, always taking the first of their heads.
        let mut readers: Vec<BufReader<File>> = self
            .runs
            .into_iter()
            .map(|f| BufReader::with_capacity(16 << 10, f))
            .collect();
        let mut held = std::mem::take(&mut self.held).into_iter();
        let mut heads = BinaryHeap::new();
        for (source, r) in readers.iter_mut().enumerate() {
            if let Some(e) = Entry::read_from(r)? {
                heads.push(Head { entry: e, source });
            }
        }
        let memory = readers.len();
        if let Some(e) = held.next() {
            heads.push(Head {
                entry: e,
                source: memory,
            });
        }
        let mut left = self.count;
        while let Some(Head { entry, source }) = heads.pop() {
            left -= 1;
            each(entry.output(), left == 0)?;
            let next = match readers.get_mut(source) {
                Some(r) => Entry::read_from(r)?,
                None => held.next(),
            };
            if let Some(e) = next {
                heads.push(Head { entry: e, source });
            }
        }
        Ok(())
    }
}

/// The first row of one run (or of the rows held) while merging.
struct Head {
    entry: Entry,
    source: usize,
}

// The heap gives its greatest first; the row that comes first must be the greatest.
impl Ord for Head {
    fn cmp(&self, other: &Head) -> Ordering {
        other.entry.order(&self.entry)
    }
}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Head) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Head {
    fn eq(&self, other: &Head) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Head {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rows(budget: usize, input: &[(&str, &str, &str)]) -> Vec<String> {
        let mut sorted = SortedRows::new(budget);
        for (date, unit, id) in input {
            let out = format!("{date} {unit} {id}");
            sorted.push(date.parse().unwrap(), unit, id, out.as_bytes());
        }
        if !input.is_empty() {
            assert_eq!(
                !sorted.runs.is_empty(),
                budget < 100,
                "a small budget writes runs"
            );
        }
        let mut out = Vec::new();
        let mut lasts = 0;
        sorted
            .write(|row, last| {
                lasts += usize::from(last);
                out.push(String::from_utf8(row.to_vec()).unwrap());
                Ok(())
            })
            .unwrap();
        assert_eq!(lasts, usize::from(!input.is_empty()), "one last row");
        out
    }

    #[test]
    fn rows_come_newest_first_then_by_unit_then_id_in_memory_or_from_runs() {
        let input = [
            ("2025-03-01", "Bến Thành", "c"),
            ("2024-12-31", "Sài Gòn", "a"),
            ("2025-03-01", "Bến Nghé", "z"),
            ("0999-01-01", "Cổ", "x"),
            ("2025-03-01", "Bến Thành", "b"),
            ("2025-11-02", "", "d"),
            ("2025-03-01", "Bến", "y"),
        ];
        let want = [
            "2025-11-02  d",
            "2025-03-01 Bến y",
            "2025-03-01 Bến Nghé z",
            "2025-03-01 Bến Thành b",
            "2025-03-01 Bến Thành c",
            "2024-12-31 Sài Gòn a",
            "0999-01-01 Cổ x",
        ];
        for budget in [1, 90, DEFAULT_BUDGET] {
            assert_eq!(rows(budget, &input), want, "budget {budget}");
        }
        assert!(rows(DEFAULT_BUDGET, &[]).is_empty());
        assert!(rows(1, &[]).is_empty());
    }
}
