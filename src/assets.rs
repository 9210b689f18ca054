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
    /// Each picture's words in a copy: the idea it stands for (`idea` in pictures.tsv), or,
    /// when a team's list has no such column, what it shows (`alt`).
    pictures: BTreeMap<String, String>,
    /// What each picture shows ("A bus"), for choosing one.
    looks: BTreeMap<String, String>,
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
        let mut looks = BTreeMap::new();
        if let Some(tsv) = files
            .get("styles/pictures/pictures.tsv")
            .and_then(|b| std::str::from_utf8(b).ok())
        {
            // name, alt (what it shows), source, licence, idea (what it stands for).
            for line in tsv.lines().skip(1) {
                let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
                if let [name, alt, rest @ ..] = cols.as_slice()
                    && files.contains_key(&format!("styles/pictures/{name}.svg"))
                {
                    let idea = rest.get(2).filter(|i| !i.is_empty()).unwrap_or(alt);
                    pictures.insert(name.to_string(), idea.to_string());
                    looks.insert(name.to_string(), alt.to_string());
                }
            }
        }
        Assets {
            files,
            pictures,
            looks,
        }
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

    /// What a picture shows ("A bus"), beside the idea it stands for ("Getting about").
    pub fn looks(&self, name: &str) -> Option<&str> {
        self.looks.get(name).map(String::as_str)
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
        // A copy says the idea a picture stands for; choosing one, a team sees what it shows.
        assert_eq!(
            a.pictures().get("phone").map(String::as_str),
            Some("Phones")
        );
        assert_eq!(a.looks("phone"), Some("A telephone"));
    }

    #[test]
    fn every_picture_says_an_idea_not_only_what_it_shows() {
        let a = Assets::embedded_only();
        let tsv = a.text("styles/pictures/pictures.tsv").unwrap();
        assert!(
            tsv.starts_with("name\talt\tsource\tlicence\tidea\n"),
            "{tsv}"
        );
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line}");
            assert!(!cols[4].trim().is_empty(), "{line}: no idea");
        }
        // Most ideas differ from the picture's looks ("Love and care", not "A heart"); a few
        // are the same thing ("A dog").
        let differ = a
            .pictures()
            .iter()
            .filter(|(name, idea)| a.looks(name) != Some(idea.as_str()))
            .count();
        assert!(differ * 10 >= a.pictures().len() * 8, "{differ}");
        // A team's list of four columns still works: its alt text is what a copy says.
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        files.insert(
            "styles/pictures/pictures.tsv".into(),
            b"name\talt\tsource\tlicence\nowl\tAn owl\tmine\tCC0\n".to_vec(),
        );
        files.insert("styles/pictures/owl.svg".into(), b"<svg/>".to_vec());
        let team = Assets::from_files(files);
        assert_eq!(
            team.pictures().get("owl").map(String::as_str),
            Some("An owl")
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
