//! The cache of seal checks, `<data>/.cache/seals-v1`: which exact file contents were
//! found to carry a seal that holds, so that `list` and `summary` need not parse, put in
//! canonical form and digest every sealed file on every run.
//!
//! An entry is an HMAC-SHA-256 tag of the file's raw bytes under a key kept outside the
//! data folder (`seal-cache.key` in the user's cache folder, `~/.cache/kiemtra` on Linux).
//! A hit needs the bytes read now to give a tag that is in the cache, so a changed file is
//! checked again, and someone who can write the data folder but not that key cannot forge
//! a tag for a file they tampered with. Only intact seals are recorded: a missing, stale,
//! truncated or forged cache can only cost a full check, never hide a broken seal. The
//! files stay the only source of truth; the cache is rewritten after a run that found a
//! different set, atomically, and a failure to write it is ignored.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::fsx;

/// The cache folder of a data folder, shared with other caches (each its own file name).
pub const CACHE_DIR: &str = ".cache";
/// The file name: bumped when what an entry means changes (new seal rules), so that an
/// old cache is simply not read.
const FILE: &str = "seals-v1";
const MAGIC: &[u8] = b"kiemtra seal cache v1\n";
/// Mixed into every tag, so the key can never vouch for anything but this.
const DOMAIN: &[u8] = b"kiemtra seal holds v1\0";
const KEY_FILE: &str = "seal-cache.key";
const KEY_LEN: usize = 32;

/// A truncated HMAC-SHA-256: 128 bits are far beyond guessing.
type Tag = [u8; 16];

/// The seal checks of one run over a folder: what the cache file said, and what was found.
pub struct SealCache {
    key: Option<[u8; KEY_LEN]>,
    /// Where to write; `None` when the folder read is not a data folder's.
    file: Option<PathBuf>,
    known: HashSet<Tag>,
    /// The cache file held exactly `known`, nothing torn or repeated.
    tidy: bool,
    /// Tags of the intact seals met in this run, hits and new ones alike.
    seen: Mutex<Vec<Tag>>,
}

impl SealCache {
    /// No cache: every seal is checked in full and nothing is written.
    pub fn off() -> SealCache {
        SealCache {
            key: None,
            file: None,
            known: HashSet::new(),
            tidy: true,
            seen: Mutex::new(Vec::new()),
        }
    }

    /// The cache of the data folder `root`, with the key of the user running kiemtra.
    /// Without a key (no home folder, no random source) the cache is off.
    pub fn open(root: &Path) -> SealCache {
        match user_key() {
            Some(key) => SealCache::with_key(root, key),
            None => SealCache::off(),
        }
    }

    /// The cache of `root` under a given key (tests use this to play a forger).
    pub fn with_key(root: &Path, key: [u8; KEY_LEN]) -> SealCache {
        let file = root.join(CACHE_DIR).join(FILE);
        let (known, tidy) = read_tags(&file);
        SealCache {
            key: Some(key),
            known,
            tidy,
            file: Some(file),
            seen: Mutex::new(Vec::new()),
        }
    }

    /// Whether the seal of the file whose raw bytes are `bytes` holds (as
    /// [`crate::domain::seal::verify_value`] finds), from the cache when these exact bytes
    /// were found intact before. A file that is not JSON does not hold.
    pub fn seal_holds(&self, bytes: &[u8]) -> bool {
        let Some(key) = &self.key else {
            return check(bytes);
        };
        let tag = tag(key, bytes);
        let holds = self.known.contains(&tag) || check(bytes);
        if holds && let Ok(mut seen) = self.seen.lock() {
            seen.push(tag);
        }
        holds
    }

    /// Write what this run found, when it differs from what the cache said: atomically,
    /// in a private `.cache` folder that git ignores. Call it only after a whole folder
    /// was read. A failure (read-only folder, disk full) is ignored: the cache is a
    /// shortcut, never needed.
    pub fn save(self) {
        let (Some(file), Ok(mut seen)) = (self.file, self.seen.into_inner()) else {
            return;
        };
        seen.sort_unstable();
        seen.dedup();
        let same = seen.len() == self.known.len() && seen.iter().all(|t| self.known.contains(t));
        if same && self.tidy {
            return;
        }
        let _ = write_tags(&file, &seen);
    }
}

fn check(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .is_ok_and(|v| !crate::domain::seal::verify_value(&v).is_broken())
}

/// The tag of a file's bytes under `key`.
pub fn tag(key: &[u8; KEY_LEN], bytes: &[u8]) -> Tag {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(DOMAIN);
    mac.update(bytes);
    let full = mac.finalize().into_bytes();
    let mut t = Tag::default();
    t.copy_from_slice(&full[..size_of::<Tag>()]);
    t
}

/// The tags of a cache file, and whether the file held just them. Anything unreadable is
/// an empty cache, and a torn last entry is dropped.
fn read_tags(file: &Path) -> (HashSet<Tag>, bool) {
    let Ok(bytes) = fsx::read_regular(file) else {
        return (HashSet::new(), false);
    };
    let Some(body) = bytes.strip_prefix(MAGIC) else {
        return (HashSet::new(), false);
    };
    let tags: HashSet<Tag> = body
        .chunks_exact(size_of::<Tag>())
        .filter_map(|c| Tag::try_from(c).ok())
        .collect();
    let tidy = body.len() == tags.len() * size_of::<Tag>();
    (tags, tidy)
}

fn write_tags(file: &Path, tags: &[Tag]) -> std::io::Result<()> {
    let dir = fsx::parent_dir(file);
    // The data folder itself is never created for a cache.
    match fs::DirBuilder::new().mode(fsx::DIR_MODE).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    // Never through a link: whoever can write the data folder could point `.cache`
    // anywhere the user can write.
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return Err(std::io::ErrorKind::NotADirectory.into());
    }
    // Ignored by git whatever the data folder's own .gitignore says: a cache never travels.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        fsx::write_atomic(&ignore, b"# kiemtra's caches: never shared.\n*\n")
            .map_err(|e| e.source)?;
    }
    let mut bytes = Vec::with_capacity(MAGIC.len() + size_of_val(tags));
    bytes.extend_from_slice(MAGIC);
    for t in tags {
        bytes.extend_from_slice(t);
    }
    fsx::write_atomic(file, &bytes).map_err(|e| e.source)
}

/// The key of the user running kiemtra, made on first use: 32 random bytes, private, in
/// the user's cache folder. It is not in the data folder, which may be shared, copied from
/// a USB stick or written by others.
pub(crate) fn user_key() -> Option<[u8; KEY_LEN]> {
    let dirs = directories::ProjectDirs::from("", "", "kiemtra")?;
    key_at(&dirs.cache_dir().join(KEY_FILE))
}

fn key_at(path: &Path) -> Option<[u8; KEY_LEN]> {
    if let Ok(bytes) = fsx::read_regular(path)
        && let Ok(key) = <[u8; KEY_LEN]>::try_from(bytes.as_slice())
    {
        return Some(key);
    }
    let mut key = [0u8; KEY_LEN];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut key))
        .ok()?;
    fsx::ensure_private_dir(fsx::parent_dir(path)).ok()?;
    // Made whole under a temp name, then linked into place: two kiemtras starting at once
    // never read half a key, and the one that loses uses the winner's.
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    let made = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(fsx::FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&tmp)
        .and_then(|mut f| f.write_all(&key).and_then(|()| f.sync_all()));
    let linked = made.and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Some(key),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let bytes = fsx::read_regular(path).ok()?;
            match <[u8; KEY_LEN]>::try_from(bytes.as_slice()) {
                Ok(theirs) => Some(theirs),
                // A key file of the wrong size: replace it (its cache entries only miss).
                Err(_) => fsx::write_atomic(path, &key).ok().map(|()| key),
            }
        }
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_key_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/seal-cache.key");
        let a = key_at(&path).unwrap();
        assert_eq!(key_at(&path), Some(a));
        fs::write(&path, b"short").unwrap();
        let b = key_at(&path).unwrap();
        assert_ne!(a, b, "a damaged key is replaced");
        assert_eq!(key_at(&path), Some(b));
    }

    #[test]
    fn a_tag_depends_on_every_byte_and_on_the_key() {
        let k1 = [1u8; KEY_LEN];
        let k2 = [2u8; KEY_LEN];
        assert_ne!(tag(&k1, b"{\"a\":1}"), tag(&k1, b"{\"a\":2}"));
        assert_ne!(tag(&k1, b"{\"a\":1}"), tag(&k2, b"{\"a\":1}"));
        assert_eq!(tag(&k1, b"x"), tag(&k1, b"x"));
    }
}
