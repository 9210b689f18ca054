//! Incremental builds: the fingerprint of what each plan's copies were made from, kept in
//! the output folder, so a plan whose inputs have not changed is not built (or read) again;
//! and the removal of copies of plans that are gone or no longer shared.

use std::path::Path;

use crate::copies::Formats;
use crate::settings::Settings;

/// Where the inputs' fingerprints of the last build are kept, inside the output folder.
pub const STAMPS: &str = crate::output::BUILD_DIR;

/// What the last good build of a plan recorded, in `out/.ourplan-build/<id>`.
#[derive(Debug, Default, PartialEq)]
pub struct Stamp {
    /// The fingerprint of everything the copies were made from.
    pub print: String,
    /// The day the plan was last checked: date rules may say more on another day.
    pub today: String,
    /// The plan had no problems at all, not even warnings, that day.
    pub clean: bool,
    /// The files written for it, inside its folder.
    pub files: Vec<String>,
}

impl Stamp {
    pub fn read(out_dir: &Path, id: &str) -> Option<Stamp> {
        let text = std::fs::read_to_string(out_dir.join(STAMPS).join(id)).ok()?;
        let mut stamp = Stamp::default();
        for line in text.lines() {
            let (key, value) = line.split_once(' ')?;
            match key {
                "print" => stamp.print = value.to_string(),
                "today" => stamp.today = value.to_string(),
                "clean" => stamp.clean = value == "yes",
                "file" => stamp.files.push(value.to_string()),
                _ => return None,
            }
        }
        (!stamp.print.is_empty() && !stamp.files.is_empty()).then_some(stamp)
    }

    pub fn write(&self, out_dir: &Path, id: &str) -> std::io::Result<()> {
        let mut text = format!(
            "print {}\ntoday {}\nclean {}\n",
            self.print,
            self.today,
            if self.clean { "yes" } else { "no" }
        );
        for f in &self.files {
            text.push_str(&format!("file {f}\n"));
        }
        std::fs::create_dir_all(out_dir.join(STAMPS))?;
        crate::output::write_atomic(&out_dir.join(STAMPS).join(id), text.as_bytes())
    }

    /// True when the copies were made from exactly these inputs and are all still there.
    pub fn copies_fresh(&self, out_dir: &Path, id: &str, print: &str) -> bool {
        self.print == print
            && self
                .files
                .iter()
                .all(|f| out_dir.join(id).join(f).is_file())
    }
}

/// True when a plan need not even be read again: its copies are fresh, and on this same day
/// it had no problems at all (so there is nothing to show, even with `--strict`).
pub fn needs_no_check(out_dir: &Path, id: &str, print: &str, today: &str) -> bool {
    Stamp::read(out_dir, id)
        .is_some_and(|s| s.clean && s.today == today && s.copies_fresh(out_dir, id, print))
}

/// What happened to one plan.
pub enum Outcome {
    Built(Vec<String>),
    Skipped,
}

/// A fingerprint of everything a plan's copies are made from: the plan, the settings, every
/// template, style, font and picture, and this version of ourplan.
pub fn fingerprint(
    source: &str,
    settings: &Settings,
    assets_print: &str,
    formats: &Formats,
) -> String {
    let mut h = crate::output::Fingerprint::default();
    h.part(source.as_bytes())
        .part(env!("CARGO_PKG_VERSION").as_bytes())
        .part(assets_print.as_bytes())
        .part(format!("{formats:?}").as_bytes())
        .part(
            serde_json::to_string(settings)
                .unwrap_or_default()
                .as_bytes(),
        );
    h.hex()
}

/// Removes the copies of plans that are not in `ids` (those this build record says ourplan
/// made), and returns their ids.
pub fn gone_plans(out_dir: &Path, ids: &std::collections::HashSet<&str>) -> Vec<String> {
    let mut gone = Vec::new();
    let Ok(entries) = std::fs::read_dir(out_dir.join(STAMPS)) else {
        return gone;
    };
    for entry in entries.filter_map(Result::ok) {
        let id = entry.file_name().to_string_lossy().into_owned();
        // Not a record: the shared files, the lock, the owner, the work folder.
        if id == "shared"
            || id.starts_with('.')
            || !entry.path().is_file()
            || ids.contains(id.as_str())
        {
            continue;
        }
        // The record says ourplan made this folder.
        let folder = out_dir.join(&id);
        if folder.is_dir() && std::fs::remove_dir_all(&folder).is_err() {
            continue;
        }
        let _ = std::fs::remove_file(entry.path());
        gone.push(id);
    }
    if !gone.is_empty() {
        crate::output::tidy_shared(out_dir);
    }
    gone.sort();
    gone
}

/// The recipient folders (`for-…`) in a plan's output folder.
pub fn copies_in(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("for-"))
        .collect();
    out.sort();
    out
}
