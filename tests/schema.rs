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
