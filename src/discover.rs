//! Finds plan files: `*.yaml` and `*.yml` under the paths given, skipping hidden folders and
//! the output folder. Problems finding files (a symlink loop, an unreadable folder) become
//! diagnostics; they never stop the search.
//!
//! Nothing outside the project is read through a link: a link found in a folder (a plan file
//! or a folder of plans) must lead inside the project or inside the folder searched, and a
//! path named that is itself a link, or that is in the project, must lead inside the project
//! or the folder it is named in. Others are reported by name, unread.

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

/// True when `path`, links followed, is inside `root` (links followed).
pub fn inside(path: &Path, root: &Path) -> bool {
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => false,
    }
}

fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// `path` made absolute, with `.` and `..` taken as written (links not followed).
fn lexical(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// True when a path named on the command line (or the plans folder) may be read: see the
/// module's notes. A broken link is left to the search to report.
fn named_path_allowed(root: &Path, project: &Path) -> bool {
    let Ok(real) = root.canonicalize() else {
        return true;
    };
    if real.starts_with(project) {
        return true;
    }
    let written = lexical(root);
    if is_link(root) {
        // Named as a link: it must stay in the folder it is named in.
        let parent = written.parent().unwrap_or(Path::new("/"));
        return parent.canonicalize().is_ok_and(|p| real.starts_with(p));
    }
    // In the project as written, but not once links are followed: a folder on the way is a
    // link out. Elsewhere, it is the reader's own path.
    !written.starts_with(project)
}

/// The diagnostic for a link that leads outside the project.
fn outside(path: &Path) -> Diagnostic {
    if path.is_dir() {
        Diagnostic::error(
            "unreadable-file",
            path,
            "this is a link to a folder outside the project, so ourplan did not look inside it",
        )
        .hint("move the plans into the project instead of linking to them")
    } else {
        Diagnostic::error(
            "unreadable-file",
            path,
            "this is a link to a file outside the project, so ourplan did not read it",
        )
        .hint("copy the plan into the project instead of linking to it")
    }
}

/// Finds the plan files under `paths`. `skip` is the output folder, never searched;
/// `project` is the project's folder: no link leads out of it (see the module's notes).
pub fn find(paths: &[PathBuf], skip: &Path, project: &Path) -> Found {
    let mut found = Found::default();
    let skip_abs = std::path::absolute(skip).ok();
    let project = project
        .canonicalize()
        .unwrap_or_else(|_| project.to_path_buf());
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
        if !named_path_allowed(root, &project) {
            found.diags.push(outside(root));
            continue;
        }
        if root.is_file() || !root.is_dir() {
            // A file named on the command line is checked whatever its name, so that a
            // mistake in it is not silently skipped.
            found.files.push(root.clone());
            continue;
        }
        // A link found inside must lead inside the project, or inside the folder searched.
        let bounds = [
            project.clone(),
            root.canonicalize().unwrap_or_else(|_| root.clone()),
        ];
        let mut links_out: Vec<PathBuf> = Vec::new();
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                if e.path_is_symlink()
                    && !e
                        .path()
                        .canonicalize()
                        .is_ok_and(|real| bounds.iter().any(|b| real.starts_with(b)))
                    && e.path().exists()
                {
                    if !is_hidden(e.file_name()) {
                        links_out.push(e.path().to_path_buf());
                    }
                    return false;
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
        found.diags.extend(
            links_out
                .iter()
                .filter(|p| p.is_dir() || is_plan_name(p))
                .map(|p| outside(p)),
        );
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
        let found = find(&[p.join("plans")], &p.join("plans/out"), p);
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
        let found = find(&[d.path().to_path_buf()], &d.path().join("out"), d.path());
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.diags.len(), 1);
        assert_eq!(found.diags[0].rule, "not-a-file");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_project_are_reported_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "x").unwrap();
        let d = tempfile::tempdir().unwrap();
        let plans = d.path().join("plans");
        std::fs::create_dir_all(&plans).unwrap();
        std::fs::write(plans.join("a.yaml"), "x").unwrap();
        std::fs::write(d.path().join("elsewhere.yaml"), "x").unwrap();
        let link =
            |to: &Path, name: &str| std::os::unix::fs::symlink(to, plans.join(name)).unwrap();
        link(&outside.path().join("secret.yaml"), "leak.yaml");
        link(outside.path(), "team");
        link(&d.path().join("elsewhere.yaml"), "in-project.yaml");
        link(Path::new("a.yaml"), "again.yaml");
        let found = find(
            std::slice::from_ref(&plans),
            &d.path().join("out"),
            d.path(),
        );
        let names: Vec<_> = found
            .files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        // `again.yaml` is `a.yaml` once more: read once.
        assert_eq!(names, ["a.yaml", "in-project.yaml"], "{:?}", found.diags);
        let refused: Vec<_> = found
            .diags
            .iter()
            .map(|d| d.file.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(refused, ["leak.yaml", "team"]);
        // Named on the command line: the same.
        let found = find(&[plans.join("leak.yaml")], &d.path().join("out"), d.path());
        assert!(found.files.is_empty());
        assert_eq!(found.diags.len(), 1);
        // A plain file elsewhere, named, is the reader's own choice.
        let found = find(
            &[outside.path().join("secret.yaml")],
            &d.path().join("out"),
            d.path(),
        );
        assert_eq!(found.files.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("a")).unwrap();
        std::os::unix::fs::symlink(d.path(), d.path().join("a/loop")).unwrap();
        std::fs::write(d.path().join("a/p.yaml"), "x").unwrap();
        let found = find(&[d.path().to_path_buf()], &d.path().join("out"), d.path());
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.diags.len(), 1, "{:?}", found.diags);
        assert!(found.diags[0].message.contains("loop"));
    }
}
