//! One fixture folder per rule: `tests/fixtures/rules/<rule-id>/plan.yaml` is the valid plan
//! `tests/fixtures/valid/minimal.yaml` broken in exactly one way, and `expected.txt` is what
//! `ourplan check --format short --today 2026-11-23 plan.yaml` prints, run from inside the
//! folder. The `settings` folder also holds a broken `ourplan.toml`; `tests/fixtures/ourplan.toml`
//! (default settings) keeps any settings file higher up from changing what the fixtures print.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the expected files, then read every changed one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-23";

/// Rules that have no fixture folder, and why. Every other rule in `ourplan explain` has one.
const NO_FIXTURE: &[(&str, &str)] = &[
    (
        "duplicate-plan-id",
        "it needs two plan files, and a fixture checks one; tests/build.rs \
         two_plans_with_one_name_are_an_error_and_neither_overwrites_the_other covers it",
    ),
    (
        "too-large",
        "it needs a plan file over 2 MB (or with over 250,000 values), too big to keep in the \
         repository; tests/hostile.rs makes both at test time",
    ),
    (
        "template",
        "it is about a team's template, found by `build`, not by `check`; tests/build.rs \
         breaks a template at test time",
    ),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/rules")
}

fn ourplan() -> Command {
    let mut cmd = Command::cargo_bin("ourplan").expect("the ourplan binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Every fixture folder, sorted by name.
fn fixture_folders() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(fixtures())
        .expect("tests/fixtures/rules exists")
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixture folders found");
    out
}

/// The rule ids listed by `ourplan explain`, in its order.
fn explained_rule_ids() -> Vec<String> {
    let out = ourplan().arg("explain").output().unwrap();
    assert!(out.status.success(), "`ourplan explain` failed: {out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert!(ids.len() > 20, "could not parse `ourplan explain`:\n{text}");
    for id in &ids {
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "`{id}` does not look like a rule id:\n{text}"
        );
    }
    ids
}

/// The output of `check` for one fixture folder, with its exit code.
fn run_fixture(dir: &Path) -> (String, Option<i32>, String) {
    let out = ourplan()
        .current_dir(dir)
        .args(["check", "--format", "short", "--today", TODAY, "plan.yaml"])
        .output()
        .unwrap();
    let mut stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    // The settings file is found by walking up from the current folder, and its path is
    // shown in full; keep expected files independent of where the repository is.
    for base in [Some(dir.to_path_buf()), dir.canonicalize().ok()]
        .into_iter()
        .flatten()
    {
        stdout = stdout.replace(
            &format!("{}{}", base.display(), std::path::MAIN_SEPARATOR),
            "",
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (stdout, out.status.code(), stderr)
}

#[test]
fn every_fixture_prints_its_expected_output() {
    let update = updating();
    let mut failures = Vec::new();
    for (name, dir) in fixture_folders() {
        let (stdout, code, stderr) = run_fixture(&dir);
        assert!(
            !stderr.contains("panicked"),
            "{name}: ourplan panicked:\n{stderr}"
        );
        let expected_path = dir.join("expected.txt");
        if update {
            std::fs::write(&expected_path, &stdout).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|e| panic!("{name}: cannot read {}: {e}", expected_path.display()));
            if stdout != expected {
                failures.push(format!(
                    "{name}:\n--- expected\n{expected}--- got\n{stdout}---"
                ));
            }
        }
        // Exit 2 when the command cannot run (bad settings), 1 for errors, 0 for warnings.
        let want = if name == "settings" {
            2
        } else if stdout.contains(": error[") {
            1
        } else {
            0
        };
        assert_eq!(
            code,
            Some(want),
            "{name}: wrong exit code\n{stdout}{stderr}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ (run with UPDATE_EXPECT=1 to rewrite, then review):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| !v.is_empty() && v != "0")
}

#[test]
fn every_fixture_fires_its_own_rule_and_only_it() {
    if updating() {
        return; // the expected files are being rewritten by the test above; run again
    }
    for (name, dir) in fixture_folders() {
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        let tag = format!("[{name}]");
        assert!(
            expected.contains(&tag),
            "{name}/expected.txt does not contain {tag}:\n{expected}"
        );
        // Broken in exactly one way: every line is a diagnostic of this rule, or (for a
        // problem that leaves part of the plan unread) the `not-checked` warning naming it;
        // the `not-checked` fixture shows the mistake that left the part unread.
        let companions: &[&str] = if name == "not-checked" {
            &["[unknown-field]"]
        } else if name == "missing-words" {
            // Words are missing only in a language ourplan has no table for, whose plain
            // words it cannot check either.
            &["[not-checked]", "[language-not-checked]"]
        } else if name == "no-easy-read-wording" {
            // It is said when some text is not easy read, and that text is pointed out too.
            &["[not-checked]", "[needs-easy-read]"]
        } else {
            &["[not-checked]"]
        };
        for line in expected.lines() {
            assert!(
                line.contains(&format!("error{tag}: "))
                    || line.contains(&format!("warning{tag}: "))
                    || companions.iter().any(|c| line.contains(c)),
                "{name}/expected.txt has a line for another rule:\n{line}"
            );
            let file = if name == "settings" {
                "ourplan.toml:"
            } else {
                "plan.yaml:"
            };
            assert!(
                line.starts_with(file),
                "{name}: a short path is expected:\n{line}"
            );
        }
    }
}

#[test]
fn every_rule_has_a_fixture() {
    let ids = explained_rule_ids();
    let folders: BTreeSet<String> = fixture_folders().into_iter().map(|(n, _)| n).collect();
    for (id, why) in NO_FIXTURE {
        assert!(
            ids.iter().any(|i| i == id),
            "{id} is listed as an exception but is no rule"
        );
        assert!(!why.is_empty());
        assert!(
            !folders.contains(*id),
            "{id} has a fixture now: remove it from NO_FIXTURE"
        );
    }
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !folders.contains(*id) && !NO_FIXTURE.iter().any(|(n, _)| n == id))
        .collect();
    assert!(
        missing.is_empty(),
        "rules with no fixture folder: {missing:?}"
    );
    let stray: Vec<&String> = folders.iter().filter(|f| !ids.contains(f)).collect();
    assert!(
        stray.is_empty(),
        "fixture folders that name no rule: {stray:?}"
    );
}

/// Runs `check --strict` in `dir` on `target`: it must pass with nothing on stdout, and the
/// summary on stderr must say `checked {summary}: 0 errors, 0 warnings`.
fn passes_strict(dir: &Path, target: &str, summary: &str) {
    let out = ourplan()
        .current_dir(dir)
        .args(["check", "--strict", "--today", TODAY, target])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("checked {summary}: 0 errors, 0 warnings")),
        "{stderr}"
    );
}

#[test]
fn the_minimal_plan_passes_strict() {
    passes_strict(
        &root().join("tests/fixtures/valid"),
        "minimal.yaml",
        "1 plan",
    );
}

#[test]
fn the_example_plans_pass_strict() {
    let plans = std::fs::read_dir(root().join("plans"))
        .unwrap()
        .filter(|e| {
            let p = e.as_ref().unwrap().path();
            p.extension().is_some_and(|x| x == "yaml" || x == "yml")
        })
        .count();
    assert!(plans > 0);
    passes_strict(root(), "plans", &format!("{plans} plans"));
}

/// `no-goals` points at the `goals:` list, not at the top of the file.
#[test]
fn no_goals_points_at_the_goals_line() {
    let dir = fixtures().join("no-goals");
    let line = std::fs::read_to_string(dir.join("plan.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("goals:"))
        .unwrap()
        + 1;
    let (stdout, _, _) = run_fixture(&dir);
    assert!(
        stdout.starts_with(&format!("plan.yaml:{line}:")),
        "no-goals should be on line {line}: {stdout}"
    );
}

/// Issue 16: a mistake in one part of a plan (here a colon in unquoted text) no longer hides
/// the policy problems in the rest; `not-checked` names the part that was not checked, and
/// the same input gives the same output.
#[test]
fn a_broken_part_does_not_hide_the_rest() {
    let minimal =
        std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).unwrap();
    let plan = minimal
        .replacen(
            "  what_matters: My cat and my allotment.\n",
            "  what_matters: My cat and my allotment.\n  strengths:\n    - میرے تین بچے ہیں: علی، سارہ\n",
            1,
        )
        .replacen("      when: 24 hours\n", "      when: 9am to 5pm\n", 1)
        .replacen("  phone: \"0300 123 4567\"\n", "  phone: 0113 496 041\n", 1);
    assert_ne!(plan, minimal);
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/ourplan.toml"),
        dir.path().join("ourplan.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("plan.yaml"), &plan).unwrap();
    let (first, code, _) = run_fixture(dir.path());
    let (again, _, _) = run_fixture(dir.path());
    assert_eq!(first, again);
    assert_eq!(code, Some(1));
    for want in [
        "error[unknown-field]: `about_me.strengths[0]` is read as a field called `میرے تین بچے ہیں`",
        "put the whole line in quotes: \"میرے تین بچے ہیں: علی، سارہ\"",
        "warning[not-checked]: ourplan could not read `about_me.strengths[0]`",
        "error[missing-24-hour-contact]",
        "error[invalid-phone]: `key_worker.phone` is `0113 496 041`: it has 10 digits, but a UK number starting 0113 has 11",
    ] {
        assert!(first.contains(want), "{want}\n{first}");
    }
    assert_eq!(first.lines().count(), 4, "{first}");
}
