//! Helpers shared by the tests: what a recipient really gets, and what the scripts in
//! `tests/pdf/` read out of a PDF as its reader meets it.

use std::path::Path;

/// Every byte of every file in `dir`, the file names, and for PDFs their text and metadata
/// (pdftotext, pdfinfo), as one lossy string.
#[allow(dead_code)]
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

/// The lines a script of `tests/pdf/` prints for a PDF (`python3 tests/pdf/SCRIPT PDF`).
#[allow(dead_code)]
pub fn script_lines(script: &str, pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("python3")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/pdf")
                .join(script),
        )
        .arg(pdf)
        .output()
        .expect("python3 runs (bash .ci/run installs what the scripts need)");
    assert!(
        out.status.success(),
        "{script} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// What a screen reader says for each picture of a PDF: the alt text of every Figure in its
/// structure tree, in order (`tests/pdf/alts.py`).
#[allow(dead_code)]
pub fn pdf_alts(pdf: &Path) -> Vec<String> {
    script_lines("alts.py", pdf)
}
