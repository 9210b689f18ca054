//! `ourplan schema` prints a draft-07 JSON Schema that agrees with the loader: every example
//! plan is valid, and the plans broken in their shape (the fixtures in tests/fixtures/rules)
//! are not. This is what editors with yaml-language-server see.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Shape-error fixtures the schema must reject. `duplicate-key` is left out: once YAML is
/// turned into JSON only one of the two keys is left, so a schema cannot see it.
const REJECTED: &[&str] = &[
    "unknown-field",
    "missing-field",
    "wrong-type",
    "invalid-value",
    "unknown-section",
    "unknown-version",
    "invalid-date",
    // A colon in unquoted text: the item is a mapping with no `text`.
    "not-checked",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("`ourplan schema` prints JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("the schema compiles")
}

/// A YAML plan as JSON, the way an editor sees it.
fn plan_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    serde_saphyr::from_str::<Value>(&text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

fn errors(v: &jsonschema::Validator, plan: &Value) -> Vec<String> {
    v.iter_errors(plan)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[test]
fn the_schema_is_draft_07() {
    let s = schema();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    if let Err(e) = jsonschema::draft7::meta::validate(&s) {
        panic!("the schema is not a valid draft-07 schema: {e}");
    }
    assert_eq!(s["type"], "object");
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(
        s["properties"]["ourplan"]["enum"],
        serde_json::json!([1, "1"])
    );
}

#[test]
fn every_example_plan_is_valid() {
    let v = validator();
    let mut plans: Vec<PathBuf> = fs::read_dir(root().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    plans.sort();
    assert!(!plans.is_empty());
    plans.push(root().join("tests/fixtures/valid/minimal.yaml"));
    for path in plans {
        let errs = errors(&v, &plan_json(&path));
        assert!(
            errs.is_empty(),
            "{} breaks the schema:\n{}",
            path.display(),
            errs.join("\n")
        );
    }
}

#[test]
fn shape_errors_break_the_schema() {
    let v = validator();
    for rule in REJECTED {
        let path = root()
            .join("tests/fixtures/rules")
            .join(rule)
            .join("plan.yaml");
        let plan = plan_json(&path);
        assert!(
            !v.is_valid(&plan),
            "the schema accepts tests/fixtures/rules/{rule}/plan.yaml, which ourplan rejects"
        );
    }
}

#[test]
fn every_shape_rule_is_considered() {
    // The rules that are about the YAML itself rather than its fields cannot be seen in JSON.
    let not_json = [
        "yaml-syntax",
        "empty-file",
        "too-deep",
        "alias-limit",
        "too-large",
        "not-utf8",
        "not-a-file",
        "unreadable-file",
        // About two files' names, not what is in either.
        "duplicate-plan-id",
        "duplicate-key",
        "settings",
        "template",
    ];
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .arg("explain")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines().filter(|l| l.starts_with("  ")) {
        let id = line.split_whitespace().next().unwrap();
        let explained = Command::cargo_bin("ourplan")
            .unwrap()
            .args(["explain", id])
            .output()
            .unwrap();
        let is_shape =
            String::from_utf8_lossy(&explained.stdout).contains("a problem with the file itself");
        if is_shape {
            assert!(
                REJECTED.contains(&id) || not_json.contains(&id),
                "`{id}` is a file rule: add its fixture to REJECTED, or say why JSON cannot see it"
            );
        }
    }
}

#[test]
fn the_committed_schema_is_up_to_date() {
    // The example plans point editors at schema/ourplan.schema.json: it must be what
    // `ourplan schema` prints today.
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    let committed = std::fs::read_to_string(root().join("schema/ourplan.schema.json")).unwrap();
    assert!(
        committed == String::from_utf8(out.stdout).unwrap(),
        "schema/ourplan.schema.json is out of date: run `ourplan schema > schema/ourplan.schema.json`"
    );
    for plan in std::fs::read_dir(root().join("plans")).unwrap() {
        let text = std::fs::read_to_string(plan.unwrap().path()).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../schema/ourplan.schema.json"));
    }
}

/// What `check` accepts, an editor must not underline: numbers where text goes, an empty
/// optional list, and the version written as text.
#[test]
fn the_schema_accepts_what_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml"))
        .unwrap()
        .replacen("ourplan: 1", "ourplan: \"1\"", 1)
        .replacen("phone: \"0300 123 4567\"", "phone: 111", 1)
        .replacen("  name: Kim Lee\n", "  name: 42\n", 1)
        + "care_team:\n";
    let file = dir.path().join("plan.yaml");
    fs::write(&file, &plan).unwrap();
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "plan.yaml",
        ])
        .output()
        .unwrap();
    let diags: Value = serde_json::from_slice(&out.stdout).unwrap();
    let shape: Vec<&Value> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter(|d| {
            ["wrong-type", "unknown-version", "missing-field"]
                .contains(&d["rule"].as_str().unwrap())
        })
        .collect();
    assert!(shape.is_empty(), "check accepts it: {shape:?}");
    let json = plan_json(&file);
    assert_eq!(
        json["care_team"],
        Value::Null,
        "the empty list is in the test"
    );
    let found = errors(&validator(), &json);
    assert!(found.is_empty(), "{found:#?}");
}

/// `check`'s problems with a plan's shape (the ones an editor could see), by rule, and the
/// schema's, for the same text.
fn both(text: &str) -> (Vec<String>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.yaml");
    fs::write(&file, text).unwrap();
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "plan.yaml",
        ])
        .output()
        .unwrap();
    let diags: Value = serde_json::from_slice(&out.stdout).unwrap();
    let check: Vec<String> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| format!("{} {}", d["rule"].as_str().unwrap(), d["field"]))
        .collect();
    (check, errors(&validator(), &plan_json(&file)))
}

fn minimal() -> String {
    fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).unwrap()
}

#[test]
fn required_sections_are_plain_refs_with_their_description() {
    let s = schema();
    for section in [
        "person",
        "key_worker",
        "actions",
        "crisis",
        "advance_statement",
        "review",
    ] {
        let p = &s["properties"][section];
        assert!(p.get("allOf").is_none(), "{section}: {p}");
        assert!(p["$ref"].as_str().is_some(), "{section}: {p}");
        assert!(p["description"].as_str().is_some(), "{section}: {p}");
    }
}

/// Every schema in the tree, with where it is.
fn walk<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(o) => {
            out.push((at.clone(), v));
            for (k, x) in o {
                walk(x, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn text_is_never_offered_as_true_or_false() {
    let s = schema();
    let mut all = Vec::new();
    walk(&s, String::new(), &mut all);
    for (at, v) in all {
        let types = v.get("type");
        assert!(
            !types.is_some_and(|t| t.as_array().is_some_and(|a| a
                .contains(&Value::from("boolean"))
                && a.contains(&Value::from("string")))),
            "{at} offers true/false for text: {v}"
        );
    }
    // And `check` agrees: `true` is not text, and a number is.
    let (check, editor) = both(&minimal().replacen("  name: Kim Lee\n", "  name: true\n", 1));
    assert!(
        check.iter().any(|c| c.starts_with("wrong-type")),
        "{check:?}"
    );
    assert!(!editor.is_empty());
    let (check, editor) = both(&minimal().replacen("  name: Kim Lee\n", "  name: 42\n", 1));
    assert!(
        check.is_empty() && editor.is_empty(),
        "{check:?} {editor:?}"
    );
}

#[test]
fn scores_are_whole_numbers_the_same_way_for_check_and_editors() {
    for (score, ok) in [
        ("3", true),
        ("\"3\"", true),
        ("3.0", true),
        ("10", true),
        ("11", false),
        ("\"11\"", false),
        ("2.5", false),
        ("-1", false),
        ("three", false),
    ] {
        let plan = minimal().replace("score: 3}", &format!("score: {score}}}"));
        let (check, editor) = both(&plan);
        assert_eq!(check.is_empty(), ok, "score: {score}: check says {check:?}");
        assert_eq!(
            editor.is_empty(),
            ok,
            "score: {score}: the schema says {editor:?}"
        );
    }
    let s = schema();
    let score = &s["definitions"]["GoalRating"]["properties"]["score"];
    assert!(score.to_string().contains("\"maximum\":10"), "{score}");
}

#[test]
fn dates_that_do_not_exist_are_underlined_as_check_rejects_them() {
    for (date, ok) in [
        ("2026-10-01", true),
        ("2024-02-29", true),
        ("2000-02-29", true),
        ("2026-02-30", false),
        ("2025-02-29", false),
        ("1900-02-29", false),
        ("2026-04-31", false),
        ("1986-13-12", false),
        ("26-10-01", false),
    ] {
        let plan = minimal().replace("date: 2026-10-01", &format!("date: {date}"));
        let (check, editor) = both(&plan);
        assert_eq!(check.is_empty(), ok, "{date}: check says {check:?}");
        assert_eq!(editor.is_empty(), ok, "{date}: the schema says {editor:?}");
    }
    let s = schema();
    let date = &s["definitions"]["Date"];
    assert_eq!(date["format"], "date");
    assert!(date["patternErrorMessage"].as_str().is_some());
    // Hover shows the field's own words ("The next review…"), not a text shared by every
    // date.
    assert!(date.get("description").is_none(), "{date}");
}

#[test]
fn hover_text_is_each_fields_own() {
    let s = schema();
    let title = s["title"].as_str().unwrap().to_string();
    let mut all = Vec::new();
    walk(&s, String::new(), &mut all);
    let mut fields = 0;
    for (at, v) in all {
        if let Some(Value::Object(props)) = v.get("properties") {
            for (name, p) in props {
                fields += 1;
                let t = p["title"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{at}/{name} has no title"));
                assert!(!t.starts_with(&title), "{at}/{name}");
                assert!(
                    p["description"].as_str().is_some(),
                    "{at}/{name} has no description"
                );
            }
        }
    }
    assert!(fields > 50, "{fields}");
    assert_eq!(s["properties"]["key_worker"]["title"], "Key worker");
}

#[test]
fn a_plan_in_a_sub_folder_finds_the_schema() {
    let d = tempfile::tempdir().unwrap();
    let ourplan = |args: &[&str]| {
        Command::cargo_bin("ourplan")
            .unwrap()
            .current_dir(d.path())
            .args(args)
            .assert()
            .success();
    };
    ourplan(&["init"]);
    ourplan(&[
        "new",
        "Ann Lee",
        "--folder",
        "north/team",
        "--today",
        "2026-11-23",
    ]);
    let file = d.path().join("plans/north/team/ann-lee.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let first = text.lines().next().unwrap();
    let path = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{first}"));
    assert_eq!(path, "../../../schema/ourplan.schema.json");
    assert!(file.parent().unwrap().join(path).is_file(), "{path}");
    // In `plans/` itself, as before.
    ourplan(&["new", "Bo Li", "--today", "2026-11-23"]);
    let text = fs::read_to_string(d.path().join("plans/bo-li.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/ourplan.schema.json\n"));
}

/// What the real yaml-language-server (npm, installed by tests/browser/install.sh) offers
/// and reports, driven over its protocol by tests/browser/yaml-ls.mjs, for plans opened in
/// `plans/` of this project (so they use schema/ourplan.schema.json through their first
/// line). None when it is not installed here (it always is in `.ci/run`).
fn language_server(plans: &[(&str, &Path)]) -> Option<Value> {
    let installed = root()
        .join("tests/browser/node_modules/yaml-language-server/package.json")
        .is_file();
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "yaml-language-server is not installed: run tests/browser/install.sh"
        );
        eprintln!("skipped: yaml-language-server is not installed (run tests/browser/install.sh)");
        return None;
    }
    let out = std::process::Command::new("node")
        .arg(root().join("tests/browser/yaml-ls.mjs"))
        .arg(root())
        .args(
            plans
                .iter()
                .map(|(name, file)| format!("{name}={}", file.display())),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn the_real_language_server_completes_sections_and_raises_no_false_alarms() {
    let dir = tempfile::tempdir().unwrap();
    let head = "# yaml-language-server: $schema=../schema/ourplan.schema.json\n";
    let variant = |name: &str, text: String| {
        let file = dir.path().join(name);
        fs::write(&file, format!("{head}{text}")).unwrap();
        file
    };
    // What check accepts, and what it does not.
    let accepted = variant(
        "accepted.yaml",
        minimal()
            .replace("score: 3}", "score: \"3\"}")
            .replace("total: 18}", "total: 18.0}")
            .replacen("  name: Kim Lee\n", "  name: 42\n", 1),
    );
    let rejected = variant(
        "rejected.yaml",
        minimal()
            .replace("date: 2026-10-01", "date: 2027-02-30")
            .replace("score: 3}", "score: 11}")
            .replacen("  name: Kim Lee\n", "  name: true\n", 1),
    );
    let mut plans: Vec<(String, PathBuf)> = fs::read_dir(root().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    plans.sort();
    plans.push(("accepted.yaml".into(), accepted));
    plans.push(("rejected.yaml".into(), rejected));
    let args: Vec<(&str, &Path)> = plans
        .iter()
        .map(|(n, p)| (n.as_str(), p.as_path()))
        .collect();
    let Some(said) = language_server(&args) else {
        return;
    };
    // Each required section completes as a section: its name, a colon and its fields.
    let items = said["completion"].as_array().unwrap();
    for section in [
        "person",
        "key_worker",
        "actions",
        "crisis",
        "advance_statement",
        "review",
    ] {
        let item = items
            .iter()
            .find(|i| i["label"] == section)
            .unwrap_or_else(|| panic!("no completion for {section}: {items:#?}"));
        let text = item["insertText"].as_str().unwrap();
        assert!(
            text.starts_with(&format!("{section}:\n  ")),
            "{section} inserts {text:?}"
        );
    }
    let diags = &said["diagnostics"];
    for (name, _) in &plans {
        let found = diags[name.as_str()].as_array().unwrap();
        if name == "rejected.yaml" {
            let text = serde_json::to_string(found).unwrap();
            assert_eq!(found.len(), 3, "{text}");
            assert!(text.contains("Write a day that exists"), "{text}");
            assert!(text.contains("maximum of 10"), "{text}");
        } else {
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }
}
