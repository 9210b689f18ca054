//! Helpers shared by the privacy tests: what a recipient really gets.

use std::path::Path;

/// Every byte of every file in `dir`, the file names, and for PDFs their text and metadata
/// (pdftotext, pdfinfo), as one lossy string.
pub fn everything_in(dir: &Path) -> String {
    let mut all = String::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        all.push_str(&e.file_name().to_string_lossy());
        all.push('\n');
        if e.file_type().is_file() {
            all.push_str(&String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()));
            if e.path().extension().is_some_and(|x| x == "pdf") {
                for tool in [&["pdftotext", "-q"][..], &["pdfinfo", "-meta"][..]] {
                    let mut cmd = std::process::Command::new(tool[0]);
                    cmd.args(&tool[1..]).arg(e.path());
                    if tool[0] == "pdftotext" {
                        cmd.arg("-");
                    }
                    let out = cmd.output().expect("poppler-utils is installed");
                    assert!(
                        out.status.success(),
                        "{} failed on {}",
                        tool[0],
                        e.path().display()
                    );
                    all.push_str(&String::from_utf8_lossy(&out.stdout).replace('\u{200b}', ""));
                }
            }
        }
    }
    all
}
