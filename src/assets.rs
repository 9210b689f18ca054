//! The templates, stylesheets, fonts and pictures, embedded in the binary. A team overrides
//! any of them by putting a file of the same name in its own `templates/` or `styles/`
//! folder; files that would lead outside the project (links) are refused.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The folders a team may override.
const OVERRIDABLE: [&str; 2] = ["templates", "styles"];

/// Every asset, by its path (`styles/ourplan.css`), after team overrides.
#[derive(Debug, Clone)]
pub struct Assets {
    files: BTreeMap<String, Vec<u8>>,
    pictures: BTreeMap<String, String>,
}

impl Assets {
    /// The embedded assets only.
    pub fn embedded_only() -> Assets {
        let files = EMBEDDED
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        Assets::from_files(files)
    }

    /// The embedded assets, with the team's own files from `root` over them.
    pub fn for_project(root: &Path) -> Result<Assets, Box<Diagnostic>> {
        let mut files: BTreeMap<String, Vec<u8>> = EMBEDDED
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        for top in OVERRIDABLE {
            let dir = root.join(top);
            if !dir.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                if !entry.file_type().is_file() && !entry.path_is_symlink() {
                    continue;
                }
                let path = entry.path();
                let real = path.canonicalize().map_err(|e| {
                    Box::new(Diagnostic::error(
                        "unreadable-file",
                        path,
                        format!("this template or style file could not be read: {e}"),
                    ))
                })?;
                if !real.starts_with(&root_real) || !real.is_file() {
                    return Err(Box::new(
                        Diagnostic::error(
                            "unreadable-file",
                            path,
                            "this file points outside the project, so ourplan will not use it",
                        )
                        .hint("copy the file into the project instead of linking to it"),
                    ));
                }
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&real).map_err(|e| {
                    Box::new(Diagnostic::error(
                        "unreadable-file",
                        path,
                        format!("this template or style file could not be read: {e}"),
                    ))
                })?;
                files.insert(rel, bytes);
            }
        }
        Ok(Assets::from_files(files))
    }

    fn from_files(files: BTreeMap<String, Vec<u8>>) -> Assets {
        let mut pictures = BTreeMap::new();
        if let Some(tsv) = files
            .get("styles/pictures/pictures.tsv")
            .and_then(|b| std::str::from_utf8(b).ok())
        {
            for line in tsv.lines().skip(1) {
                let mut cols = line.split('\t');
                if let (Some(name), Some(alt)) = (cols.next(), cols.next())
                    && files.contains_key(&format!("styles/pictures/{name}.svg"))
                {
                    pictures.insert(name.trim().to_string(), alt.trim().to_string());
                }
            }
        }
        Assets { files, pictures }
    }

    /// A fingerprint of every asset: a change to any of them changes it.
    pub fn fingerprint(&self) -> String {
        let mut h = crate::output::Fingerprint::default();
        for (path, bytes) in &self.files {
            h.part(path.as_bytes()).part(bytes);
        }
        h.hex()
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// Files under a folder, with their paths relative to it.
    pub fn under<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files.iter().filter_map(move |(p, b)| {
            p.strip_prefix(dir)
                .and_then(|r| r.strip_prefix('/'))
                .map(|r| (r, b.as_slice()))
        })
    }

    /// True when the file at `path` is the one ourplan ships: the team has not replaced it
    /// with a file of its own (or its file is the same, byte for byte).
    pub fn is_embedded(&self, path: &str) -> bool {
        EMBEDDED
            .iter()
            .any(|(p, b)| *p == path && self.get(path) == Some(*b))
    }

    /// Picture names with their alt text.
    pub fn pictures(&self) -> &BTreeMap<String, String> {
        &self.pictures
    }
}

impl crate::views::Pictures for Assets {
    fn alt(&self, name: &str) -> Option<&str> {
        self.pictures.get(name).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_assets_are_there() {
        let a = Assets::embedded_only();
        assert!(a.text("templates/page.html").is_some());
        assert!(a.text("styles/ourplan.css").is_some());
        assert!(a.pictures().len() >= 40);
        assert_eq!(
            a.pictures().get("phone").map(String::as_str),
            Some("A telephone")
        );
    }

    #[test]
    fn a_team_file_overrides_and_links_out_are_refused() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("styles")).unwrap();
        std::fs::write(d.path().join("styles/ourplan.css"), "body{}").unwrap();
        let a = Assets::for_project(d.path()).unwrap();
        assert_eq!(a.text("styles/ourplan.css"), Some("body{}"));
        assert!(!a.is_embedded("styles/ourplan.css"));
        assert!(a.is_embedded("templates/large-print.typ"));
        assert!(!a.is_embedded("templates/no-such.typ"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", d.path().join("styles/x.css")).unwrap();
            let e = Assets::for_project(d.path()).unwrap_err();
            assert!(e.message.contains("outside the project"));
        }
    }
}
