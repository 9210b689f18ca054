//! The bench's two hooks into ourplan, through the real binary: `OURPLAN_TIMINGS=1` prints each
//! stage's time on standard error and changes nothing else, and `OURPLAN_DUMP_TYPST=DIR`
//! writes exactly what typst is given for each PDF, and changes no PDF.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-23";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A project holding one example plan, which asks for both PDFs.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/ourplan.toml"),
        dir.path().join("ourplan.toml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("plans/jade-okafor.yaml"),
        dir.path().join("plans/jade-okafor.yaml"),
    )
    .unwrap();
    dir
}

fn ourplan(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ourplan").unwrap();
    cmd.current_dir(dir)
        .env_remove("OURPLAN_TIMINGS")
        .env_remove("OURPLAN_DUMP_TYPST");
    cmd
}

/// Every file under `dir`, by path inside it, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .filter(|(rel, _)| !rel.contains(".ourplan-build"))
        .collect();
    out.sort();
    out
}

#[test]
fn timings_name_each_stage_and_change_nothing_else() {
    let dir = project();
    let args = ["check", "--format", "json", "--today", TODAY, "plans"];
    let plain = ourplan(dir.path()).args(args).output().unwrap();
    let timed = ourplan(dir.path())
        .env("OURPLAN_TIMINGS", "1")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), timed.status.code());
    assert_eq!(
        plain.stdout, timed.stdout,
        "timings changed what check prints"
    );
    let plain_err = String::from_utf8(plain.stderr).unwrap();
    let err = String::from_utf8(timed.stderr).unwrap();
    assert!(!plain_err.contains("timings:"), "{plain_err}");
    for stage in [
        "read",
        "parse (YAML)",
        "shape",
        "rules (not language)",
        "language",
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("timings: {stage} ")))
            .unwrap_or_else(|| panic!("no line for {stage}:\n{err}"));
        // One plan: a count of 1, then times.
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 4], "1", "{line}");
    }
    assert!(err.contains("timings: wall "), "{err}");
    let rest: String = err
        .lines()
        .filter(|l| !l.starts_with("timings:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(rest, plain_err, "timings changed what else check says");

    let out = dir.path().join("out");
    ourplan(dir.path())
        .env("OURPLAN_TIMINGS", "1")
        .args(["build", "--today", TODAY, "--out"])
        .arg(&out)
        .arg("plans")
        .assert()
        .success()
        .stderr(predicates::str::contains("timings: typst compile"))
        .stderr(predicates::str::contains("timings: PDF export"))
        .stderr(predicates::str::contains("timings: views"))
        .stderr(predicates::str::contains("timings: HTML"))
        .stderr(predicates::str::contains("timings: writing"));
}

/// The count of the stage named `stage` in a timings report, when it ran.
fn stage_count(report: &str, stage: &str) -> Option<u64> {
    let line = report
        .lines()
        .find(|l| l.starts_with(&format!("timings: {stage} ")))?;
    let cols: Vec<&str> = line.split_whitespace().collect();
    cols[cols.len() - 4].parse().ok()
}

#[test]
fn a_build_lays_out_only_the_pdfs_it_makes() {
    // ourplan's own templates are tried by its tests, not laid out on a sample view at the
    // start of every build (three documents more for typst, before the first plan's).
    let dir = project();
    let out = dir.path().join("out");
    let run = ourplan(dir.path())
        .env("OURPLAN_TIMINGS", "1")
        .args(["build", "--format", "all", "--today", TODAY, "--out"])
        .arg(&out)
        .arg("plans")
        .output()
        .unwrap();
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(run.status.success(), "{err}");
    let pdfs = files(&out)
        .iter()
        .filter(|(p, _)| p.ends_with(".pdf"))
        .count() as u64;
    assert!(
        pdfs >= 3,
        "{pdfs} PDFs: large print, easy read and a card were asked for"
    );
    assert_eq!(stage_count(&err, "typst compile"), Some(pdfs), "{err}");
    assert_eq!(stage_count(&err, "PDF export"), Some(pdfs), "{err}");
    // `check` lays out each card the plan asks for, to see that it fits its sheet (its own
    // stage, never counted as a PDF); `build` then lays each card out once, to make it, and
    // not first again to count its sides.
    let cards = files(&out)
        .iter()
        .filter(|(p, _)| p.ends_with("-crisis-card.pdf"))
        .count() as u64;
    assert!(cards >= 1, "a card was asked for");
    assert_eq!(stage_count(&err, "card layout"), Some(cards), "{err}");

    // A team's own template is still tried first, so a broken one is named before any plan.
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/easy-read.typ"), "#let x = (").unwrap();
    ourplan(dir.path())
        .args([
            "build",
            "--force",
            "--diagnostics",
            "short",
            "--today",
            TODAY,
            "--out",
        ])
        .arg(&out)
        .arg("plans")
        .assert()
        .code(2)
        .stdout(predicates::str::contains("error[template]"))
        .stdout(predicates::str::contains("easy-read.typ"));
}

#[test]
fn the_dump_holds_what_typst_is_given_and_changes_no_pdf() {
    let dir = project();
    let plain = dir.path().join("plain");
    ourplan(dir.path())
        .args([
            "build",
            "--format",
            "large-print,easy-read",
            "--today",
            TODAY,
            "--out",
        ])
        .arg(&plain)
        .arg("plans")
        .assert()
        .success();
    let dumped = dir.path().join("dumped");
    let dump = dir.path().join("dump");
    ourplan(dir.path())
        .env("OURPLAN_DUMP_TYPST", &dump)
        .args([
            "build",
            "--format",
            "large-print,easy-read",
            "--today",
            TODAY,
            "--out",
        ])
        .arg(&dumped)
        .arg("plans")
        .assert()
        .success();
    let pdfs = files(&plain);
    assert!(
        pdfs.iter().filter(|(p, _)| p.ends_with(".pdf")).count() >= 2,
        "{:?}",
        pdfs.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    assert!(pdfs == files(&dumped), "dumping changed a copy");
    let docs: Vec<String> = files(&dump.join("docs"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let n_pdfs = pdfs.iter().filter(|(p, _)| p.ends_with(".pdf")).count();
    assert_eq!(docs.len(), n_pdfs, "one data file a PDF: {docs:?}");
    assert!(
        docs.iter().any(|d| d.starts_with("large-print--")),
        "{docs:?}"
    );
    assert!(
        docs.iter().any(|d| d.starts_with("easy-read--")),
        "{docs:?}"
    );
    for (_, data) in files(&dump.join("docs")) {
        let v: serde_json::Value = serde_json::from_slice(&data).unwrap();
        assert!(v["title"].as_str().is_some_and(|t| !t.is_empty()), "{v}");
    }
    let template = std::fs::read_to_string(dump.join("large-print.typ")).unwrap();
    assert_eq!(
        template,
        std::fs::read_to_string(root().join("templates/large-print.typ")).unwrap()
    );
    let alts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dump.join("pictures.json")).unwrap())
            .unwrap();
    let names = alts.as_object().unwrap();
    assert!(!names.is_empty());
    for name in names.keys() {
        assert!(
            dump.join("pictures").join(format!("{name}.svg")).is_file(),
            "{name}"
        );
    }
    assert!(std::fs::read_dir(dump.join("fonts")).unwrap().count() > 0);
}
