//! Everyday commands as a new team member would use them: init, new, changes (in a real
//! temporary git repository), completions and the manual page.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn ourplan(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("ourplan").unwrap();
    c.current_dir(dir);
    c
}

#[test]
fn init_adds_to_a_gitignore_that_is_there_already() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join(".gitignore"), "target/").unwrap();
    ourplan(d.path()).arg("init").assert().success();
    assert_eq!(
        std::fs::read_to_string(d.path().join(".gitignore")).unwrap(),
        "target/\n# Copies of plans hold personal data: never commit them.\n/out/\n"
    );
    assert!(d.path().join("ourplan.toml").is_file());
}

#[test]
fn init_makes_a_project_that_checks_clean_and_refuses_to_overwrite() {
    let d = tempfile::tempdir().unwrap();
    ourplan(d.path()).arg("init").assert().success();
    for f in [
        "ourplan.toml",
        ".gitignore",
        "plans/sam-taylor.yaml",
        "schema/ourplan.schema.json",
        "ci/check-plans.yml",
    ] {
        assert!(d.path().join(f).is_file(), "{f}");
    }
    assert!(
        std::fs::read_to_string(d.path().join(".gitignore"))
            .unwrap()
            .contains("/out/")
    );
    assert!(
        std::fs::read_to_string(d.path().join("ci/check-plans.yml"))
            .unwrap()
            .contains("ourplan check --format github")
    );
    // The new project's plan is clean, and builds.
    ourplan(d.path())
        .args(["check", "--strict", "--today", "2026-11-23"])
        .assert()
        .success();
    ourplan(d.path())
        .args(["build", "--today", "2026-11-23"])
        .assert()
        .success();
    assert!(d.path().join("out/sam-taylor/index.html").is_file());
    // A second init changes nothing.
    std::fs::write(d.path().join("ourplan.toml"), "# mine\n").unwrap();
    ourplan(d.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(contains("nothing was written"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("ourplan.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn new_makes_a_plan_from_the_skeleton_and_never_overwrites() {
    let d = tempfile::tempdir().unwrap();
    ourplan(d.path()).arg("init").assert().success();
    ourplan(d.path())
        .args(["new", "Zoë O'Neil", "--today", "2026-11-23"])
        .assert()
        .success()
        .stdout(contains("plans/zo-o-neil.yaml").or(contains("zo")));
    let path = std::fs::read_dir(d.path().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.ends_with("sam-taylor.yaml"))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/ourplan.schema.json"));
    assert!(text.contains("name: \"Zoë O'Neil\""));
    assert!(text.contains("agreed_on: 2026-11-23"));
    assert!(text.contains("next: 2027-11-23"));
    for section in [
        "person:",
        "key_worker:",
        "goals:",
        "actions:",
        "crisis:",
        "advance_statement:",
        "review:",
    ] {
        assert!(text.contains(section), "{section}");
    }
    // It is a plan to fill in: check points at the empty parts, with lines.
    ourplan(d.path())
        .args(["check", "--format", "short", "--today", "2026-11-23"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains("missing-field"));
    // The same name again is refused.
    ourplan(d.path())
        .args(["new", "Zoë O'Neil"])
        .assert()
        .code(2)
        .stderr(contains("already"));
    // A team skeleton is used when there is one.
    std::fs::create_dir_all(d.path().join("templates")).unwrap();
    std::fs::write(
        d.path().join("templates/plan.yaml"),
        "ourplan: 1\n# team skeleton for {{name}}\n",
    )
    .unwrap();
    ourplan(d.path())
        .args(["new", "Ann Lee"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(d.path().join("plans/ann-lee.yaml")).unwrap(),
        "ourplan: 1\n# team skeleton for Ann Lee\n"
    );
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .env("GIT_COMMITTER_DATE", "2026-06-01T12:00:00")
        .env("GIT_AUTHOR_DATE", "2026-06-01T12:00:00")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn changes_since_the_last_review_come_from_git() {
    let d = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(d.path().join("plans")).unwrap();
    let file = d.path().join("plans/sam.yaml");
    // Outside git: a clear note.
    std::fs::write(&file, &plan).unwrap();
    ourplan(d.path())
        .args(["changes", "plans/sam.yaml"])
        .assert()
        .success()
        .stdout(contains("not in a git repository"));
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "first"]);
    let changed = plan
        .replace(
            "I want to sleep through the night.",
            "I want to feel rested.",
        )
        .replace(
            "    - Sam stops answering her phone.\n",
            "    - Sam stops answering her phone.\n    - Sam stops eating.\n",
        );
    std::fs::write(&file, &changed).unwrap();
    let out = ourplan(d.path())
        .args(["changes", "plans/sam.yaml", "--since", "HEAD"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("My goals"), "{out}");
    // The same goal in new words is one change, with what it was.
    assert!(
        out.contains(
            "Changed: goal: I want to feel rested. (was: goal: I want to sleep through the night.)"
        ),
        "{out}"
    );
    assert!(
        out.contains("Added:   warning signs: Sam stops eating."),
        "{out}"
    );
    assert!(
        !out.contains("Sam has asthma"),
        "unchanged parts are not listed: {out}"
    );
    // With the team setting, the person's own copy says what is new (and no one else's does).
    std::fs::write(d.path().join("ourplan.toml"), "whats_new = true\n").unwrap();
    ourplan(d.path())
        .args(["build", "--today", "2026-11-23"])
        .assert()
        .success();
    let own = std::fs::read_to_string(d.path().join("out/sam/index.html")).unwrap();
    assert!(own.contains("What is new in your plan"), "{own}");
    // Each line says whether it was added, changed or taken out: an old goal must not read
    // as new.
    assert!(
        own.contains("Changed in My goals: goal: I want to feel rested."),
        "{own}"
    );
    assert!(!own.contains("I want to sleep through the night"), "{own}");
    assert!(
        own.contains("Added to My crisis and safety plan: warning signs: Sam stops eating."),
        "{own}"
    );
    let jo = std::fs::read_to_string(d.path().join("out/sam/for-jo-taylor/index.html")).unwrap();
    assert!(!jo.contains("What is new in your plan"));
    // A date before the plan existed: a clear note.
    ourplan(d.path())
        .args(["changes", "plans/sam.yaml", "--since", "2020-01-01"])
        .assert()
        .success()
        .stdout(contains("There is no saved version"));
    // Bad input is said to be bad, not read as "all of it is new".
    for bad in ["nosuchrev", "HEAD~5", "2026-13-01", "--output=x"] {
        ourplan(d.path())
            .args(["changes", "plans/sam.yaml", "--since", bad])
            .assert()
            .code(2)
            .stdout(contains("all of it is new").not());
    }
}

#[test]
fn completions_and_manual() {
    let d = tempfile::tempdir().unwrap();
    ourplan(d.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("_ourplan()"));
    ourplan(d.path())
        .args(["completions", "fish"])
        .assert()
        .success()
        .stdout(contains("complete -c ourplan"));
    ourplan(d.path())
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH ourplan"))
        // Each command's own options are on the page, and the exit codes; no pointers to
        // pages that do not exist.
        .stdout(contains(".SH \"OURPLAN BUILD\""))
        .stdout(contains("\\-\\-strict"))
        .stdout(contains(".SH \"EXIT STATUS\""))
        .stdout(contains("ourplan\\-check(1)").not());
}

#[test]
fn words_and_pictures_help_writers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ourplan(root)
        .args(["words", "plans/daniel-price.yaml"])
        .assert()
        .success()
        // As the plan spells it: it never writes "CTO" (issue 16).
        .stdout(contains(
            "community treatment order: rules to follow to live at home",
        ))
        .stdout(contains("CTO:").not())
        .stdout(contains("Reading grade of the whole plan"));
    ourplan(root)
        .args(["words", "--all"])
        .assert()
        .success()
        .stdout(contains("CMHT: community mental health team"));
    let empty = tempfile::tempdir().unwrap();
    ourplan(empty.path())
        .args(["check", "."])
        .assert()
        .success()
        .stderr(contains("no plan files were found"));
    ourplan(root)
        .args(["words", "plans/no-such-plan.yaml"])
        .assert()
        .code(2)
        .stderr(contains(
            "there is no plan file called plans/no-such-plan.yaml",
        ));
    ourplan(root)
        .arg("pictures")
        .assert()
        .success()
        .stdout(contains("phone"))
        .stdout(contains("A telephone"));
}

#[test]
fn check_reads_back_what_each_person_will_get() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ourplan(root)
        .args([
            "check",
            "--sharing",
            "--today",
            "2026-11-23",
            "plans/imran-ahmed.yaml",
        ])
        .assert()
        .success()
        .stdout(contains(
            "Amira Ahmed (carer) will get: My crisis and safety plan, My goals, Who does what.",
        ))
        .stdout(contains(
            "Kirkgate Homes (organisation) will get: Who does what.",
        ));
    let out = ourplan(root)
        .args([
            "check",
            "--sharing",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "plans",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["diagnostics"].as_array().unwrap().is_empty());
    let sharing = v["sharing"].as_array().unwrap();
    let grace = sharing
        .iter()
        .find(|r| r["recipient"] == "Grace Okafor")
        .unwrap();
    assert_eq!(grace["sections"], serde_json::json!(["crisis"]));
    assert_eq!(grace["formats"], serde_json::json!(["easy-read"]));
    assert_eq!(grace["folder"], "for-grace-okafor");
    assert!(!sharing.iter().any(|r| r["recipient"] == "Kelly Marsh"));
    // A plan with a mistake: its sharing is not known, and it does not read as "shared with
    // no one".
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("plans")).unwrap();
    let plan = std::fs::read_to_string(root.join("plans/imran-ahmed.yaml"))
        .unwrap()
        .replacen(
            "ourplan: 1",
            "ourplan: 1
status: nope",
            1,
        );
    std::fs::write(d.path().join("plans/imran.yaml"), plan).unwrap();
    let said = ourplan(d.path())
        .args(["check", "--sharing", "--today", "2026-11-23"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let said = String::from_utf8_lossy(&said);
    assert!(said.contains("who gets a copy is not known yet"), "{said}");
    assert!(!said.contains("No plan is shared with anyone"), "{said}");
}
