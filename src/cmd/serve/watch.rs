//! Sees when a plan, template, style or the settings are saved, and says so once for each
//! burst of saves. With `notify` (inotify and the like), debounced by `notify-debouncer-full`;
//! only when the system cannot watch files does it look at them every 250 ms.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::ServeArgs;

/// How long the files must be quiet after a change before the preview rebuilds.
const QUIET: Duration = Duration::from_millis(50);

/// The files and folders whose changes mean a rebuild: the plans, templates, styles and
/// settings.
pub(super) fn watched(args: &ServeArgs, root: &Path) -> Vec<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut roots: Vec<PathBuf> = if args.paths.is_empty() {
        vec![root.join("plans")]
    } else {
        args.paths.iter().map(|p| cwd.join(p)).collect()
    };
    roots.push(root.join("templates"));
    roots.push(root.join("styles"));
    roots.push(root.join(crate::settings::FILE_NAME));
    roots
}

/// What the watched files look like now: names, sizes and times changed. Used only when the
/// system cannot tell us of changes.
fn snapshot(roots: &[PathBuf]) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    for r in roots {
        for e in walkdir::WalkDir::new(r)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(m) = e.metadata()
                && m.is_file()
            {
                out.push((e.path().to_path_buf(), m.len(), m.modified().ok()));
            }
        }
    }
    out
}

/// True when a change at `path` is one of `roots` or inside one, and is not an editor's
/// hidden working file (`.sam.yaml.swp`) or backup (`sam.yaml~`).
fn matters(path: &Path, roots: &[PathBuf]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    roots.iter().any(|r| path.starts_with(r))
}

/// Calls `changed` after each burst of saves to the watched files (editors write a file in
/// several steps: one rebuild for them all). With `notify` when the system can tell us of
/// changes; else by looking every 250 ms. Says on `ready` when it is watching. Never returns.
pub(super) fn watch(
    roots: Vec<PathBuf>,
    root: PathBuf,
    ready: std::sync::mpsc::Sender<()>,
    changed: impl Fn(),
) {
    let (tx, rx) = std::sync::mpsc::channel();
    // A save is a burst of events a few milliseconds long (an editor writes a new file and
    // renames it over the old one): 50 ms of quiet ends it, and is a sixth of the time the
    // preview has to show the new page (300 ms).
    let watching = notify_debouncer_full::new_debouncer(QUIET, None, tx)
        .map_err(|e| e.to_string())
        .and_then(|mut debouncer| {
            // The project folder itself (not below it) sees `templates/`, `styles/` or
            // `ourplan.toml` appear; each watched folder is watched all the way down; a plan
            // file named on the command line is seen through its folder, as editors often
            // save by writing a new file and renaming it over the old one.
            debouncer
                .watch(&root, notify::RecursiveMode::NonRecursive)
                .map_err(|e| e.to_string())?;
            for r in &roots {
                if r.is_dir() {
                    debouncer
                        .watch(r, notify::RecursiveMode::Recursive)
                        .map_err(|e| e.to_string())?;
                } else if let Some(parent) = r.parent()
                    && parent.is_dir()
                    && parent != root
                {
                    debouncer
                        .watch(parent, notify::RecursiveMode::NonRecursive)
                        .map_err(|e| e.to_string())?;
                }
            }
            Ok(debouncer)
        });
    // A file written, made, moved or removed; not one read (the build reads every plan).
    let saved = |result: &notify_debouncer_full::DebounceEventResult| {
        result.as_ref().is_ok_and(|events| {
            events.iter().any(|e| {
                !matches!(e.kind, notify::EventKind::Access(_))
                    && e.paths.iter().any(|p| matters(p, &roots))
            })
        })
    };
    match watching {
        Ok(_debouncer) => {
            let _ = ready.send(());
            while let Ok(events) = rx.recv() {
                let mut any = saved(&events);
                // Also what came in while the last build ran: one rebuild for all of it.
                while let Ok(more) = rx.try_recv() {
                    any |= saved(&more);
                }
                if any {
                    changed();
                }
            }
        }
        Err(e) => {
            eprintln!(
                "Cannot watch the files ({e}): looking at them every quarter second instead."
            );
            let mut last = snapshot(&roots);
            let _ = ready.send(());
            loop {
                std::thread::sleep(Duration::from_millis(250));
                let now = snapshot(&roots);
                if now != last {
                    last = now;
                    changed();
                }
            }
        }
    }
}
