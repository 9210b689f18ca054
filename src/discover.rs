//! Finds plan files: `*.yaml` and `*.yml` under the paths given, skipping hidden folders and
//! the output folder. Problems finding files (a symlink loop, an unreadable folder) become
//! diagnostics; they never stop the search.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// What the search found.
#[derive(Debug, Default)]
pub struct Found {
    /// Plan files, sorted, each once.
    pub files: Vec<PathBuf>,
    pub diags: Vec<Diagnostic>,
    /// Plan files whose id (file name without `.yaml`) another plan file has too, with the
    /// error to show for each: their copies would go to the same folder.
    pub clashes: std::collections::BTreeMap<PathBuf, Diagnostic>,
}

fn is_plan_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s.len() > 1 && s != "..")
}

/// Finds the plan files under `paths`. `skip` is the output folder, never searched.
pub fn find(paths: &[PathBuf], skip: &Path) -> Found {
    let mut found = Found::default();
    let skip_abs = std::path::absolute(skip).ok();
    for root in paths {
        if !root.exists() && root.symlink_metadata().is_err() {
            found.diags.push(
                Diagnostic::error(
                    "unreadable-file",
                    root,
                    "there is no file or folder with this name",
                )
                .hint("check the path"),
            );
            continue;
        }
        if root.is_file() || !root.is_dir() {
            // A file named on the command line is checked whatever its name, so that a
            // mistake in it is not silently skipped.
            found.files.push(root.clone());
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                if e.file_type().is_dir() {
                    if is_hidden(e.file_name()) {
                        return false;
                    }
                    if let (Some(skip), Ok(p)) = (&skip_abs, std::path::absolute(e.path()))
                        && &p == skip
                    {
                        return false;
                    }
                }
                true
            });
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.depth() > 0 && is_hidden(e.file_name()) {
                        continue;
                    }
                    if !is_plan_name(e.path()) {
                        continue;
                    }
                    if e.file_type().is_dir() {
                        found.diags.push(
                            Diagnostic::error(
                                "not-a-file",
                                e.path(),
                                "this is a folder, although its name ends like a plan file",
                            )
                            .hint(
                                "plans inside it are still checked; rename it to avoid confusion",
                            ),
                        );
                        continue;
                    }
                    found.files.push(e.into_path());
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let (message, hint) = if err.loop_ancestor().is_some() {
                        (
                            "this link points back to a folder that contains it (a loop)",
                            "remove the link, or point it somewhere else",
                        )
                    } else if path.symlink_metadata().is_ok() && !path.exists() {
                        (
                            "this link points to something that does not exist",
                            "remove the broken link, or fix where it points",
                        )
                    } else {
                        (
                            "this could not be read",
                            "check that it exists and that you may read it",
                        )
                    };
                    if is_plan_name(&path) || err.loop_ancestor().is_some() || path.is_dir() {
                        found
                            .diags
                            .push(Diagnostic::error("unreadable-file", &path, message).hint(hint));
                    } else if path.symlink_metadata().is_ok() && !path.exists() {
                        // A broken link that is not named like a plan is not our business.
                    } else {
                        found
                            .diags
                            .push(Diagnostic::error("unreadable-file", &path, message).hint(hint));
                    }
                }
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    // The same file named twice (`plans/a.yaml ./plans/a.yaml`, or through a link) once.
    let mut seen = std::collections::HashSet::new();
    found
        .files
        .retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    // Two plans with one id would write over each other's copies.
    let mut by_id: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
    for f in &found.files {
        by_id
            .entry(crate::load::plan_id(f))
            .or_default()
            .push(f.clone());
    }
    for (id, files) in by_id.into_iter().filter(|(_, f)| f.len() > 1) {
        for f in &files {
            let others: Vec<String> = files
                .iter()
                .filter(|o| *o != f)
                .map(|o| o.display().to_string())
                .collect();
            found.clashes.insert(
                f.clone(),
                Diagnostic::error(
                    "duplicate-plan-id",
                    f,
                    format!(
                        "another plan has the same name, `{id}`: {}",
                        others.join(", ")
                    ),
                )
                .hint("rename one of the files: its name is the plan's id and its folder in the output"),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_yaml_skips_hidden_and_output() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path();
        std::fs::create_dir_all(p.join("plans/team")).unwrap();
        std::fs::create_dir_all(p.join("plans/.git")).unwrap();
        std::fs::create_dir_all(p.join("plans/out")).unwrap();
        for f in [
            "plans/a.yaml",
            "plans/team/b.yml",
            "plans/.git/c.yaml",
            "plans/out/d.yaml",
            "plans/notes.txt",
            "plans/.hidden.yaml",
        ] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        let found = find(&[p.join("plans")], &p.join("plans/out"));
        let names: Vec<_> = found
            .files
            .iter()
            .map(|f| f.strip_prefix(p).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["plans/a.yaml", "plans/team/b.yml"]);
        assert!(found.diags.is_empty());
    }

    #[test]
    fn a_folder_named_like_a_plan_is_a_warning_and_is_searched() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("x.yaml")).unwrap();
        std::fs::write(d.path().join("x.yaml/inner.yaml"), "x").unwrap();
        let found = find(&[d.path().to_path_buf()], &d.path().join("out"));
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.diags.len(), 1);
        assert_eq!(found.diags[0].rule, "not-a-file");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("a")).unwrap();
        std::os::unix::fs::symlink(d.path(), d.path().join("a/loop")).unwrap();
        std::fs::write(d.path().join("a/p.yaml"), "x").unwrap();
        let found = find(&[d.path().to_path_buf()], &d.path().join("out"));
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.diags.len(), 1, "{:?}", found.diags);
        assert!(found.diags[0].message.contains("loop"));
    }
}
