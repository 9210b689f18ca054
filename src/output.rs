//! Writes a plan's output folder all at once: every file goes to a temporary folder in
//! `.ourplan-build/.work/`, which then replaces the old folder. A failed build never leaves a
//! half-written folder, and the previous good copy stays when the new one fails.
//!
//! Around a build: [`check_out_dir`] refuses an output folder that is or holds the project or
//! its plans, however it is spelled; [`Claim::take`] locks the output folder (one build at a
//! time), checks that this project owns it, and finishes or removes what a build that was
//! stopped part way (`kill -9`, a power cut) left behind.

use std::path::{Component, Path, PathBuf};

/// The build record's folder, inside the output folder.
pub const BUILD_DIR: &str = ".ourplan-build";
/// The lock file, inside [`BUILD_DIR`]: the process id of the build that holds it.
pub const LOCK: &str = ".lock";
/// Which project owns the output folder (its folder, made canonical), inside [`BUILD_DIR`].
pub const OWNER: &str = ".owner";
/// Where copies are written before they are moved into place, inside [`BUILD_DIR`].
const WORK: &str = ".work";

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

/// A content hash that stays the same from one version of Rust (and of ourplan) to the next,
/// for the fingerprints kept on disk between builds: BLAKE3 over length-prefixed parts, so
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Default)]
pub struct Fingerprint(blake3::Hasher);

impl Fingerprint {
    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }
    /// The hash so far, as 32 hex digits.
    pub fn hex(&self) -> String {
        self.0.finalize().to_hex()[..32].to_string()
    }
}

/// Puts `f` at `path`: a hard link to the one shared copy when it can, else a copy.
fn place_shared(out_dir: &Path, f: &OutFile, path: &Path) -> std::io::Result<()> {
    let mut h = Fingerprint::default();
    h.part(&f.bytes);
    let name = format!("{}-{}", &h.hex()[..16], f.rel.replace('/', "_"));
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

/// A file in every folder ourplan writes, so that it only ever replaces its own folders.
pub const MARKER: &str = ".ourplan-copy";

/// True when the folder at `target` was made by ourplan (or does not exist).
fn ours(out_dir: &Path, id: &str, target: &Path) -> bool {
    !target.exists()
        || target.join(MARKER).is_file()
        // Built before the marker was written: the build record says it is ours.
        || (target.is_dir() && out_dir.join(".ourplan-build").join(id).is_file())
}

/// Replaces `out_dir/id` with exactly `files`.
pub fn write_folder(out_dir: &Path, id: &str, files: &[OutFile]) -> std::io::Result<PathBuf> {
    check_rel(id)?;
    if id.starts_with('.') {
        return Err(std::io::Error::other(format!(
            "a plan's file name cannot start with a dot (`{id}`): rename the file"
        )));
    }
    std::fs::create_dir_all(out_dir)?;
    let target = out_dir.join(id);
    if !ours(out_dir, id, &target) {
        return Err(std::io::Error::other(format!(
            "{} is there already and ourplan did not make it, so it was left alone; \
             move it, or choose another output folder",
            target.display()
        )));
    }
    // `.work/new-<pid>/<id>` and `.work/old-<pid>/<id>`: the id as a name of its own, so a
    // long one still fits, and a build stopped part way is easy to tidy up after.
    let work = out_dir.join(BUILD_DIR).join(WORK);
    let pid = std::process::id();
    let tmp = work.join(format!("new-{pid}")).join(id);
    let old = work.join(format!("old-{pid}")).join(id);
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
    pause_at("written-new");
    if target.symlink_metadata().is_ok() {
        if let Some(parent) = old.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if old.symlink_metadata().is_ok() {
            std::fs::remove_dir_all(&old)?;
        }
        std::fs::rename(&target, &old)?;
    }
    pause_at("moved-old");
    if let Err(e) = std::fs::rename(&tmp, &target) {
        // Put the old copy back.
        let _ = std::fs::rename(&old, &target);
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    pause_at("moved-new");
    if old.symlink_metadata().is_ok() {
        // The new copy is in place; an old one left by a failure here goes at the next build.
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(target)
}

/// For tests of builds that are killed part way: with `OURPLAN_TEST_PAUSE_AT=<step>` the
/// build says so on stderr and waits there for ever, to be killed. Steps: `locked`,
/// `written-new`, `moved-old`, `moved-new`.
pub fn pause_at(step: &str) {
    static WANTED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let wanted = WANTED.get_or_init(|| std::env::var("OURPLAN_TEST_PAUSE_AT").ok());
    if wanted.as_deref() == Some(step) {
        eprintln!("ourplan: paused at {step} (OURPLAN_TEST_PAUSE_AT is set, for tests)");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

/// `path` made absolute and canonical, links followed, whether or not all of it exists yet:
/// the nearest part that exists is made canonical, and the rest (`..` and `.` too) is added
/// to it as written. None when a part that exists cannot be followed (a broken link).
pub fn resolve(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    let comps: Vec<Component> = abs.components().collect();
    for n in (1..=comps.len()).rev() {
        let head: PathBuf = comps[..n].iter().collect();
        if head.symlink_metadata().is_err() {
            continue;
        }
        let mut out = head.canonicalize().ok()?;
        for c in &comps[n..] {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(name) => out.push(name),
                _ => {}
            }
        }
        return Some(out);
    }
    None
}

/// Why `out_dir` cannot hold the copies of the project at `root` with its plans in
/// `plans` (folders of plans, or plan files), if it cannot: it is, holds, or is inside a
/// folder of plans, or is or holds a plan file's folder, or it is the project or a folder
/// above it, however the path is spelled and wherever links lead. The problem and how to
/// fix it.
pub fn check_out_dir(
    out_dir: &Path,
    root: &Path,
    plans: &[PathBuf],
) -> Result<(), (String, String)> {
    let hint = "copies need a folder of their own, outside the plans: set `output = \"out\"` in \
                ourplan.toml, or use --out"
        .to_string();
    let Some(out) = resolve(out_dir) else {
        return Err((
            format!(
                "the output folder {} is a link to something that does not exist",
                out_dir.display()
            ),
            "fix or remove the link, or choose another output folder with --out".into(),
        ));
    };
    let shown = |what: &str| {
        let plain = std::path::absolute(out_dir).ok();
        if plain.as_deref() == Some(out.as_path()) {
            format!("the output folder {} {what}", out_dir.display())
        } else {
            format!(
                "the output folder {} (which is {}) {what}",
                out_dir.display(),
                out.display()
            )
        }
    };
    let root = resolve(root).unwrap_or_else(|| root.to_path_buf());
    if root.starts_with(&out) {
        return Err((shown("holds the project or its plans"), hint));
    }
    for p in plans {
        // A plan file named: the output folder must not be or hold its folder (a folder
        // beside the file, `out` next to `sam.yaml`, is fine).
        let file = !p.is_dir();
        let folder = if file {
            match p.parent() {
                Some(f) if !f.as_os_str().is_empty() => f.to_path_buf(),
                _ => PathBuf::from("."),
            }
        } else {
            p.clone()
        };
        let Some(folder) = resolve(&folder) else {
            continue;
        };
        if folder.starts_with(&out) {
            return Err((shown("holds the project or its plans"), hint));
        }
        if !file && out.starts_with(&folder) {
            return Err((
                shown(&format!("is inside the plans folder {}", folder.display())),
                hint,
            ));
        }
    }
    Ok(())
}

/// A build's hold on its output folder: the lock, taken until this is dropped.
#[derive(Debug)]
pub struct Claim {
    lock: Option<std::fs::File>,
    dir: PathBuf,
    /// One plain line about what a build that was stopped part way left, if it left anything.
    pub tidied: Option<String>,
    /// False when this build took over an output folder from before folders recorded their
    /// project: it does not remove copies it cannot be sure are this project's.
    pub may_prune: bool,
}

impl Claim {
    /// Locks `out_dir` (waiting, and saying so, while another build holds it), checks that it
    /// belongs to the project at `root` (or to none yet: then it does), and tidies up after a
    /// build that was stopped part way. Err: the problem and how to fix it.
    pub fn take(out_dir: &Path, root: &Path) -> Result<Claim, (String, String)> {
        let io = |e: std::io::Error| {
            (
                format!(
                    "the output folder {} could not be used: {e}",
                    out_dir.display()
                ),
                "check that you may write there, or choose another output folder with --out"
                    .to_string(),
            )
        };
        let dir = out_dir.join(BUILD_DIR);
        if dir.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
            return Err((
                format!("{} is not a folder ourplan made", dir.display()),
                "remove it (ourplan keeps its build record there), or choose another output folder"
                    .into(),
            ));
        }
        let had_record = dir.is_dir();
        std::fs::create_dir_all(&dir).map_err(io)?;
        let lock = lock(&dir.join(LOCK)).map_err(io)?;
        pause_at("locked");
        let mut claim = Claim {
            lock,
            dir: dir.clone(),
            tidied: None,
            may_prune: true,
        };
        let root = resolve(root).unwrap_or_else(|| root.to_path_buf());
        let me = format!("{}\n", root.display());
        match std::fs::read_to_string(dir.join(OWNER)) {
            Ok(owner) if owner == me => {}
            Ok(owner) => {
                return Err((
                    format!(
                        "the output folder {} holds the copies of another project, at {}",
                        out_dir.display(),
                        owner.trim_end()
                    ),
                    format!(
                        "a build only writes over its own project's copies: choose another output \
                         folder with --out; if this project was moved from there, delete {}",
                        dir.join(OWNER).display()
                    ),
                ));
            }
            Err(_) => {
                // A record from before output folders said whose they are: this project
                // takes it over, but removes nothing it cannot be sure it made.
                claim.may_prune = !had_record
                    || !std::fs::read_dir(&dir)
                        .map_err(io)?
                        .filter_map(Result::ok)
                        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
                write_atomic(&dir.join(OWNER), me.as_bytes()).map_err(io)?;
            }
        }
        claim.tidied = tidy_after_a_stop(out_dir);
        Ok(claim)
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        // Empty work folders go; the lock file stays (removing it while another build waits
        // on it would let a third one in), emptied: nobody holds it now.
        let work = self.dir.join(WORK);
        let pid = std::process::id();
        for kind in ["new", "old"] {
            let _ = std::fs::remove_dir(work.join(format!("{kind}-{pid}")));
        }
        let _ = std::fs::remove_dir(&work);
        if let Some(f) = self.lock.take() {
            let _ = f.set_len(0);
            let _ = f.unlock();
        }
    }
}

/// Takes the lock file at `path`: at once if no build holds it, else after saying which
/// build is holding it and waiting for it. A lock file left by a build that was killed is
/// not held by anyone (the system lets go of a lock when its process ends), so it is simply
/// taken over. None when this file system cannot lock files: the build goes on without.
fn lock(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    use std::io::{Read as _, Seek as _, Write as _};
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    match f.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut pid = String::new();
            let _ = f.read_to_string(&mut pid);
            let who = match pid.trim() {
                "" => "another build".to_string(),
                p => format!("another build (process {p})"),
            };
            eprintln!(
                "waiting for {who} to finish writing to {}",
                path.parent()
                    .and_then(Path::parent)
                    .unwrap_or(path)
                    .display()
            );
            f.lock()?;
        }
        Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            eprintln!(
                "note: this file system cannot lock {}, so make sure no other build writes there at the same time",
                path.display()
            );
            return Ok(None);
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    f.set_len(0)?;
    f.rewind()?;
    writeln!(f, "{}", std::process::id())?;
    Ok(Some(f))
}

/// Writes a file whole or not at all: to a temporary file beside it, then moved into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".tmp-{}-{n}", std::process::id()));
    // A write that fails part way (a full disk) leaves no temporary file behind either.
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// What a stopped build left: `(id, folder, is_old)` for each copy being written (new) or
/// moved aside (old). Both today's places (`.ourplan-build/.work/new-<pid>/<id>`) and those
/// of earlier versions of ourplan (`.<id>.new-<pid>` beside the copies).
fn left_behind(out_dir: &Path) -> Vec<(String, PathBuf, bool)> {
    let mut found = Vec::new();
    let work = out_dir.join(BUILD_DIR).join(WORK);
    for entry in std::fs::read_dir(&work).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_old = name.starts_with("old-");
        for copy in std::fs::read_dir(entry.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let id = copy.file_name().to_string_lossy().into_owned();
            found.push((id, copy.path(), is_old));
        }
    }
    for entry in std::fs::read_dir(out_dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix('.') else {
            continue;
        };
        for (mark, is_old) in [(".new-", false), (".old-", true)] {
            if let Some((id, pid)) = rest.rsplit_once(mark)
                && !id.is_empty()
                && !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && entry.file_type().is_ok_and(|t| t.is_dir())
            {
                found.push((id.to_string(), entry.path(), is_old));
            }
        }
    }
    found.sort();
    found
}

/// Finishes what a build that was stopped part way left (called with the lock held, so no
/// build is still writing): a copy moved aside whose new copy never took its place is put
/// back; unfinished new copies and old copies already replaced are removed, as are
/// half-written shared files and records. Returns one plain line saying what was done, if
/// anything was.
fn tidy_after_a_stop(out_dir: &Path) -> Option<String> {
    let mut put_back = Vec::new();
    let mut removed = 0;
    for (id, folder, is_old) in left_behind(out_dir) {
        let target = out_dir.join(&id);
        if is_old
            && target.symlink_metadata().is_err()
            && check_rel(&id).is_ok()
            && std::fs::rename(&folder, &target).is_ok()
        {
            put_back.push(format!("{id}/"));
            continue;
        }
        if std::fs::remove_dir_all(&folder).is_ok() {
            removed += 1;
        }
    }
    let work = out_dir.join(BUILD_DIR).join(WORK);
    for entry in std::fs::read_dir(&work).into_iter().flatten().flatten() {
        let _ = std::fs::remove_dir(entry.path());
    }
    let _ = std::fs::remove_dir(&work);
    for dir in [out_dir.join(BUILD_DIR), out_dir.join(SHARED_DIR)] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let half =
                name.starts_with(".tmp-") || (dir.ends_with("shared") && name.starts_with('.'));
            if half && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    if put_back.is_empty() && removed == 0 {
        return None;
    }
    let mut done = Vec::new();
    if !put_back.is_empty() {
        done.push(format!(
            "put back the last good copy of {}",
            put_back.join(", ")
        ));
    }
    if removed > 0 {
        done.push(format!(
            "removed {removed} unfinished or replaced {}",
            if removed == 1 { "folder" } else { "folders" }
        ));
    }
    Some(format!(
        "an earlier build into {} was stopped part way: {}",
        out_dir.display(),
        done.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_keep_parts_apart() {
        let mut a = Fingerprint::default();
        a.part(b"ab").part(b"c");
        let mut b = Fingerprint::default();
        b.part(b"a").part(b"bc");
        assert_ne!(a.hex(), b.hex());
        // Written to disk and compared by the next build, maybe by a newer ourplan: the
        // same parts must always give the same digits.
        assert_eq!(a.hex(), a.hex());
        assert_eq!(
            Fingerprint::default().hex(),
            "af1349b9f5f9a1a6a0404dea36dcc949"
        );
    }

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
            .filter(|n| n != BUILD_DIR)
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
    fn an_output_folder_over_the_project_or_its_plans_is_refused_however_written() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("p");
        std::fs::create_dir_all(root.join("plans")).unwrap();
        std::fs::write(root.join("plans/a.yaml"), "x").unwrap();
        let plans = [root.join("plans")];
        for bad in [
            "p",
            "p/plans",
            "p/./plans/../plans",
            "p/plans/out",
            "p/plans/not/yet/made",
            ".",
            "p/out/../..",
            "p/new/../../p",
        ] {
            assert!(
                check_out_dir(&d.path().join(bad), &root, &plans).is_err(),
                "{bad}"
            );
        }
        for good in ["p/out", "p/new/out", "elsewhere"] {
            let r = check_out_dir(&d.path().join(good), &root, &plans);
            assert!(r.is_ok(), "{good}: {r:?}");
        }
        // A plan file named: a folder beside it is fine, its own folder is not.
        let file = [root.join("plans/a.yaml")];
        assert!(check_out_dir(&root.join("plans/out"), &root, &file).is_ok());
        assert!(check_out_dir(&root.join("plans"), &root, &file).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("plans"), root.join("out")).unwrap();
            assert!(check_out_dir(&root.join("out"), &root, &plans).is_err());
            std::os::unix::fs::symlink("nowhere", root.join("broken")).unwrap();
            assert!(check_out_dir(&root.join("broken"), &root, &plans).is_err());
        }
    }

    #[test]
    fn a_claim_is_refused_for_another_projects_folder() {
        let d = tempfile::tempdir().unwrap();
        let (a, b) = (d.path().join("a"), d.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let out = d.path().join("out");
        drop(Claim::take(&out, &a).unwrap());
        drop(Claim::take(&out, &a).unwrap());
        let (message, hint) = Claim::take(&out, &b).unwrap_err();
        assert!(message.contains("another project"), "{message}");
        assert!(hint.contains(OWNER), "{hint}");
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
            .filter(|n| n != BUILD_DIR)
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
