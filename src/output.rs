//! Writes a plan's output folder all at once: every file goes to a temporary folder beside it,
//! which then replaces the old folder. A failed build never leaves a half-written folder, and
//! the previous good copy stays when the new one fails.

use std::path::{Path, PathBuf};

/// One file of a plan's output, by its path inside the plan's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub rel: String,
    pub bytes: Vec<u8>,
    /// The same in every plan's folder (fonts, styles): kept once and hard-linked, so a build
    /// of many plans does not write the same bytes again and again. Each folder still holds
    /// every file it needs.
    pub shared: bool,
}

/// Where shared files are kept, inside the output folder.
pub const SHARED_DIR: &str = ".ourplan-build/shared";

/// Removes shared files that no plan's folder uses any more (an old stylesheet, say).
pub fn tidy_shared(out_dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        for entry in std::fs::read_dir(out_dir.join(SHARED_DIR))
            .into_iter()
            .flatten()
            .flatten()
        {
            if entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.nlink() == 1)
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    #[cfg(not(unix))]
    let _ = out_dir;
}

/// Puts `f` at `path`: a hard link to the one shared copy when it can, else a copy.
fn place_shared(out_dir: &Path, f: &OutFile, path: &Path) -> std::io::Result<()> {
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&f.bytes, &mut h);
    let name = format!(
        "{:016x}-{}",
        std::hash::Hasher::finish(&h),
        f.rel.replace('/', "_")
    );
    let dir = out_dir.join(SHARED_DIR);
    let shared = dir.join(&name);
    let fresh = std::fs::metadata(&shared).is_ok_and(|m| m.len() == f.bytes.len() as u64);
    if !fresh {
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!(
            ".{name}.{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&tmp, &f.bytes)?;
        std::fs::rename(&tmp, &shared)?;
    }
    if std::fs::hard_link(&shared, path).is_err() {
        std::fs::write(path, &f.bytes)?;
    }
    Ok(())
}

fn check_rel(rel: &str) -> std::io::Result<()> {
    let bad = rel.is_empty()
        || rel.starts_with('/')
        || rel
            .split('/')
            .any(|p| p.is_empty() || p == ".." || p == ".");
    if bad {
        return Err(std::io::Error::other(format!("unsafe output path: {rel}")));
    }
    Ok(())
}

/// Replaces `out_dir/id` with exactly `files`.
/// A file in every folder ourplan writes, so that it only ever replaces its own folders.
pub const MARKER: &str = ".ourplan-copy";

/// True when the folder at `target` was made by ourplan (or does not exist).
fn ours(out_dir: &Path, id: &str, target: &Path) -> bool {
    !target.exists()
        || target.join(MARKER).is_file()
        // Built before the marker was written: the build record says it is ours.
        || (target.is_dir() && out_dir.join(".ourplan-build").join(id).is_file())
}

pub fn write_folder(out_dir: &Path, id: &str, files: &[OutFile]) -> std::io::Result<PathBuf> {
    check_rel(id)?;
    std::fs::create_dir_all(out_dir)?;
    let target = out_dir.join(id);
    if !ours(out_dir, id, &target) {
        return Err(std::io::Error::other(format!(
            "{} is there already and ourplan did not make it, so it was left alone; \
             move it, or choose another output folder",
            target.display()
        )));
    }
    let tmp = out_dir.join(format!(".{id}.new-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    let written = (|| {
        std::fs::create_dir_all(&tmp)?;
        std::fs::write(
            tmp.join(MARKER),
            "Made by ourplan. The next build replaces this whole folder.\n",
        )?;
        for f in files {
            check_rel(&f.rel)?;
            let path = tmp.join(&f.rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            if f.shared {
                place_shared(out_dir, f, &path)?;
            } else {
                std::fs::write(&path, &f.bytes)?;
            }
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let old = out_dir.join(format!(".{id}.old-{}", std::process::id()));
    if target.exists() {
        std::fs::rename(&target, &old)?;
    }
    if let Err(e) = std::fs::rename(&tmp, &target) {
        // Put the old copy back.
        let _ = std::fs::rename(&old, &target);
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(rel: &str, s: &str) -> OutFile {
        OutFile {
            rel: rel.into(),
            bytes: s.as_bytes().to_vec(),
            shared: false,
        }
    }

    #[test]
    fn replaces_the_whole_folder() {
        let d = tempfile::tempdir().unwrap();
        write_folder(
            d.path(),
            "p",
            &[f("index.html", "one"), f("for-a/index.html", "a")],
        )
        .unwrap();
        write_folder(d.path(), "p", &[f("index.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(d.path().join("p/index.html")).unwrap(),
            "two"
        );
        assert!(!d.path().join("p/for-a").exists(), "stale copies go");
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary folders left: {names:?}");
    }

    #[test]
    fn a_folder_ourplan_did_not_make_is_never_replaced() {
        let d = tempfile::tempdir().unwrap();
        // Say the output folder is the project and a plan is called `plans`.
        std::fs::create_dir_all(d.path().join("plans")).unwrap();
        std::fs::write(d.path().join("plans/plans.yaml"), "the plan").unwrap();
        let e = write_folder(d.path(), "plans", &[f("index.html", "copy")]).unwrap_err();
        assert!(e.to_string().contains("ourplan did not make it"), "{e}");
        assert_eq!(
            std::fs::read_to_string(d.path().join("plans/plans.yaml")).unwrap(),
            "the plan"
        );
        // Its own folders it replaces, as ever.
        write_folder(d.path(), "p", &[f("index.html", "one")]).unwrap();
        write_folder(d.path(), "p", &[f("index.html", "two")]).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_old_copy() {
        let d = tempfile::tempdir().unwrap();
        write_folder(d.path(), "p", &[f("index.html", "good")]).unwrap();
        assert!(
            write_folder(
                d.path(),
                "p",
                &[f("index.html", "new"), f("../escape", "x")]
            )
            .is_err()
        );
        assert_eq!(
            std::fs::read_to_string(d.path().join("p/index.html")).unwrap(),
            "good"
        );
        assert!(!d.path().join("escape").exists());
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
