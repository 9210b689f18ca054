//! The page memo: how many pages each crisis card took when it was last laid out, kept on
//! disk between runs, so a second `check` of unchanged plans lays out no card again.
//!
//! Laying cards out is most of `check`'s time (about 18 ms a card, 59% of checking 1,000
//! plans: `tests/bench/run.sh`). Each count is kept under a hash of everything typst is
//! given for that card: this version of ourplan and of typst, every template, style, font
//! and picture (the assets' fingerprint), the form, and the card's data as typst reads it.
//! Any change to any of them is another key, so a remembered count is the count typst would
//! give. Only the hash and the count are kept, never a word of a plan.
//!
//! The memo is a cache: a missing, unreadable, foreign or damaged file is the same as an
//! empty one, and a file that cannot be written is left as it was. It is written whole to a
//! temporary file and then renamed into place, so a run stopped part way never leaves half a
//! file. It holds at most [`MOST_ENTRIES`] counts, the ones used last first.
//!
//! Where it lives: `$OURPLAN_CACHE_DIR`, else `$XDG_CACHE_HOME/ourplan`, else
//! `~/.cache/ourplan` (`%LOCALAPPDATA%\ourplan` on Windows). `check --no-cache` neither
//! reads nor writes it.

use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::output::Fingerprint;

/// The memo's file name, inside the cache folder.
pub const FILE: &str = "card-pages";
/// The first line of the file: what it is, and the version of its layout.
const HEADER: &str = "ourplan card pages 1";
/// The most counts kept: about 40 bytes each, so at most about 4 MB.
pub const MOST_ENTRIES: usize = 100_000;
/// A file bigger than this is not ours (or is damaged): it is not read.
const MOST_BYTES: u64 = (MOST_ENTRIES as u64 + 1) * 64;

/// The cache folder, from the environment (see the module's comment), or None when there is
/// no home to keep it in.
pub fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("OURPLAN_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(|d| PathBuf::from(d).join("ourplan"));
    }
    if let Some(dir) = var("XDG_CACHE_HOME").map(PathBuf::from)
        && dir.is_absolute()
    {
        return Some(dir.join("ourplan"));
    }
    var("HOME").map(|h| PathBuf::from(h).join(".cache").join("ourplan"))
}

/// The key of one card: 16 bytes of a BLAKE3 hash, as 32 hex digits.
type Key = String;

/// Page counts remembered from earlier runs, and those found in this one.
pub struct PageMemo {
    /// Where it is kept; None keeps it in memory only (for this run).
    dir: Option<PathBuf>,
    /// What every key starts from: the versions and the assets' fingerprint.
    print: String,
    /// The counts read from the file, in its order (used last first).
    known: HashMap<Key, usize>,
    /// The keys asked for or found in this run, with their counts.
    used: Mutex<BTreeMap<Key, usize>>,
}

impl PageMemo {
    /// The memo in `dir` (read now), for cards made with assets whose fingerprint is
    /// `assets_print`.
    pub fn open(dir: Option<PathBuf>, assets_print: &str) -> PageMemo {
        let known = dir
            .as_deref()
            .map(|d| read(&d.join(FILE)).into_iter().collect())
            .unwrap_or_default();
        let mut h = Fingerprint::default();
        h.part(b"ourplan card pages")
            .part(env!("CARGO_PKG_VERSION").as_bytes())
            .part(
                typst::syntax::package::PackageVersion::compiler()
                    .to_string()
                    .as_bytes(),
            )
            .part(assets_print.as_bytes());
        PageMemo {
            dir,
            print: h.hex(),
            known,
            used: Mutex::new(BTreeMap::new()),
        }
    }

    /// The key of a card in `form` (the template's name) whose data for typst is `json`.
    pub fn key(&self, form: &str, json: &[u8]) -> Key {
        let mut h = Fingerprint::default();
        h.part(self.print.as_bytes())
            .part(form.as_bytes())
            .part(json);
        h.hex()
    }

    /// The remembered count for `key`, if any (and remembers that it was used).
    pub fn get(&self, key: &Key) -> Option<usize> {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let n = used.get(key).or_else(|| self.known.get(key)).copied()?;
        used.insert(key.clone(), n);
        Some(n)
    }

    /// Remembers that the card `key` took `pages` pages.
    pub fn put(&self, key: Key, pages: usize) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, pages);
    }

    /// Writes the memo back, when this run found a count it did not have, or used one:
    /// the counts used in this run first, then the rest of what the file holds now (another
    /// run may have added to it), at most [`MOST_ENTRIES`]. Problems are ignored: it is a
    /// cache.
    pub fn save(&self) {
        let Some(dir) = &self.dir else {
            return;
        };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if used.is_empty() {
            return;
        }
        let path = dir.join(FILE);
        let mut text = String::with_capacity(40 * (used.len() + self.known.len()) + 32);
        text.push_str(HEADER);
        text.push('\n');
        let mut n = 0;
        for (k, v) in used.iter().take(MOST_ENTRIES) {
            text.push_str(&format!("{k} {v}\n"));
            n += 1;
        }
        for (k, v) in read(&path) {
            if n >= MOST_ENTRIES {
                break;
            }
            if !used.contains_key(&k) {
                text.push_str(&format!("{k} {v}\n"));
                n += 1;
            }
        }
        let _ = std::fs::create_dir_all(dir)
            .and_then(|()| crate::output::write_atomic(&path, text.as_bytes()));
    }
}

/// The counts in the file at `path`, in its order; nothing when it is missing, too big,
/// not UTF-8 or not a memo. A damaged line is left out.
fn read(path: &Path) -> Vec<(Key, usize)> {
    let Ok(file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Vec::new();
    }
    let mut text = String::new();
    if file.take(MOST_BYTES).read_to_string(&mut text).is_err() {
        return Vec::new();
    }
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Vec::new();
    }
    lines
        .filter_map(|line| {
            let (k, v) = line.split_once(' ')?;
            let good_key =
                k.len() == 32 && k.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            let v: usize = v.parse().ok().filter(|&v| v > 0 && v < 10_000)?;
            good_key.then(|| (k.to_string(), v))
        })
        .take(MOST_ENTRIES)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memo(dir: &Path) -> PageMemo {
        PageMemo::open(Some(dir.to_path_buf()), "assets")
    }

    #[test]
    fn a_count_found_in_one_run_is_known_in_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let first = memo(dir.path());
        let key = first.key("crisis-card", b"{\"title\":\"a\"}");
        assert_eq!(first.get(&key), None);
        first.put(key.clone(), 2);
        first.save();
        let second = memo(dir.path());
        assert_eq!(second.get(&key), Some(2));
        // Only keys and counts are kept.
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert_eq!(text, format!("{HEADER}\n{key} 2\n"));
    }

    #[test]
    fn any_change_to_what_typst_is_given_is_another_key() {
        let dir = tempfile::tempdir().unwrap();
        let a = memo(dir.path());
        let b = PageMemo::open(Some(dir.path().to_path_buf()), "other assets");
        let k = a.key("crisis-card", b"{}");
        assert_ne!(k, a.key("crisis-card", b"{ }"));
        assert_ne!(k, a.key("large-print", b"{}"));
        assert_ne!(k, b.key("crisis-card", b"{}"));
        assert_eq!(k, memo(dir.path()).key("crisis-card", b"{}"));
    }

    #[test]
    fn a_damaged_or_foreign_file_is_an_empty_memo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let key = memo(dir.path()).key("crisis-card", b"{}");
        for text in [
            String::from("not a memo\n"),
            format!("{key} 2\n"),
            String::from_utf8_lossy(&[0xff, 0xfe, 0x00]).into_owned(),
        ] {
            std::fs::write(&path, text).unwrap();
            assert_eq!(memo(dir.path()).get(&key), None);
        }
        // Damaged lines are left out; good ones are kept.
        std::fs::write(
            &path,
            format!("{HEADER}\n{key} x\nzz 1\n{key}\n{key} 0\n{key} 3\n"),
        )
        .unwrap();
        assert_eq!(memo(dir.path()).get(&key), Some(3));
        // A folder where the file should be: nothing read, nothing written, no panic.
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        let m = memo(dir.path());
        assert_eq!(m.get(&key), None);
        m.put(key, 1);
        m.save();
        assert!(path.is_dir());
    }

    #[test]
    fn the_memo_keeps_at_most_its_size_used_last_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = format!("{HEADER}\n");
        for i in 0..MOST_ENTRIES {
            text.push_str(&format!("{i:032x} 1\n"));
        }
        std::fs::write(dir.path().join(FILE), text).unwrap();
        let m = memo(dir.path());
        let new = m.key("crisis-card", b"{}");
        m.put(new.clone(), 2);
        m.save();
        let kept = read(&dir.path().join(FILE));
        assert_eq!(kept.len(), MOST_ENTRIES);
        assert_eq!(kept[0], (new, 2));
        // The oldest (last in the file) went.
        assert_eq!(
            kept[MOST_ENTRIES - 1].0,
            format!("{:032x}", MOST_ENTRIES - 2)
        );
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn without_a_folder_nothing_is_written() {
        let m = PageMemo::open(None, "assets");
        let k = m.key("crisis-card", b"{}");
        m.put(k.clone(), 1);
        assert_eq!(m.get(&k), Some(1));
        m.save();
    }
}
