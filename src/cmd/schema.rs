//! `ourplan schema`: prints the JSON Schema (draft-07) of the plan format, for editors.

use std::process::ExitCode;

use schemars::generate::SchemaSettings;

use crate::plan::Plan;

/// A day that exists, written YYYY-MM-DD: months 01 to 12, days up to 28, 29, 30 or 31 as
/// the month has them, and 29 February only in leap years. `check` reads dates the same way.
const DATE_PATTERN: &str = concat!(
    "^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
);

/// A field name in words, for an editor's hover: `preferred_name` → "Preferred name".
fn title_of(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// A whole number, as `check` reads one: a number (`2`, or `2.0`) or digits in quotes
/// (`"2"`), from `lo` to `hi` when the schema says.
fn whole_number(obj: &serde_json::Map<String, serde_json::Value>) -> serde_json::Value {
    use serde_json::{Value, json};
    let nullable = obj
        .get("type")
        .and_then(Value::as_array)
        .is_some_and(|t| t.contains(&json!("null")));
    let lo = obj.get("minimum").and_then(Value::as_u64).unwrap_or(0);
    let hi = obj.get("maximum").and_then(Value::as_u64);
    let mut number = json!({"type": "integer", "minimum": lo});
    let (digits, said) = match hi {
        Some(hi) => {
            number["maximum"] = json!(hi);
            let values: Vec<String> = (lo..=hi).rev().map(|n| n.to_string()).collect();
            (
                format!("^\\s*\\+?0*(?:{})\\s*$", values.join("|")),
                format!("Write a whole number from {lo} to {hi}."),
            )
        }
        None => (
            "^\\s*\\+?[0-9]+\\s*$".to_string(),
            "Write a whole number.".to_string(),
        ),
    };
    let mut branches = vec![
        number,
        json!({"type": "string", "pattern": digits, "patternErrorMessage": said}),
    ];
    if nullable {
        branches.push(json!({"type": "null"}));
    }
    let mut out = serde_json::Map::new();
    for key in ["title", "description"] {
        if let Some(v) = obj.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    out.insert("anyOf".into(), Value::Array(branches));
    Value::Object(out)
}

/// Makes the schema say what `check` says, in the way editors (yaml-language-server) read
/// it best:
/// - a number where text goes is read as text (`phone: 111`), so text is a string or a
///   number; `true`/`false` is not text for `check` either, so editors do not offer it;
/// - an empty optional list (`care_team:`) is nothing, and `ourplan: "1"` is version 1;
/// - a whole number may be `2`, `2.0` or `"2"`, within its range;
/// - a section is a plain `$ref` with its description beside it (not `allOf: [{$ref}]`,
///   which makes completion insert the bare word with no colon);
/// - each field has its own title, so hover text does not start with the plan's title.
fn as_check_reads(value: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let Value::Object(obj) = value else {
        if let Value::Array(items) = value {
            items.iter_mut().for_each(as_check_reads);
        }
        return;
    };
    if obj.get("format") == Some(&json!("uint32")) {
        *value = whole_number(obj);
        return;
    }
    let plain_text = !["enum", "pattern", "format", "const"]
        .iter()
        .any(|k| obj.contains_key(*k));
    match obj.get("type") {
        Some(Value::String(t)) if t == "string" && plain_text => {
            obj.insert("type".into(), json!(["string", "number"]));
        }
        Some(Value::Array(types))
            if plain_text
                && types.contains(&json!("string"))
                && !types.contains(&json!("number")) =>
        {
            let mut wider = types.clone();
            wider.push(json!("number"));
            obj.insert("type".into(), Value::Array(wider));
        }
        _ => {}
    }
    // `allOf: [{$ref}]` → `$ref`, keeping the description beside it.
    let single_ref = obj
        .get("allOf")
        .and_then(Value::as_array)
        .filter(|all| all.len() == 1)
        .and_then(|all| all[0].as_object())
        .filter(|only| only.len() == 1)
        .and_then(|only| only.get("$ref"))
        .cloned();
    if let Some(target) = single_ref {
        obj.remove("allOf");
        obj.insert("$ref".into(), target);
    }
    let required: Vec<String> = obj
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            if !required.contains(name) && prop.get("type") == Some(&json!("array")) {
                prop["type"] = json!(["array", "null"]);
            }
            if let Some(p) = prop.as_object_mut() {
                p.entry("title").or_insert_with(|| json!(title_of(name)));
                // A date field says how to write it, in its own words.
                let date = json!("#/definitions/Date");
                let is_date = p.get("$ref") == Some(&date)
                    || ["allOf", "anyOf"].iter().any(|k| {
                        p.get(*k)
                            .and_then(Value::as_array)
                            .is_some_and(|a| a.iter().any(|b| b.get("$ref") == Some(&date)))
                    });
                if is_date && let Some(Value::String(d)) = p.get_mut("description") {
                    d.push_str(" Write it YYYY-MM-DD, for example 2026-03-14.");
                }
            }
        }
    }
    if obj.get("const") == Some(&json!(1)) {
        obj.remove("const");
        obj.insert("enum".into(), json!([1, "1"]));
    }
    obj.values_mut().for_each(as_check_reads);
}

pub fn schema_json(pictures: &[&str]) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Plan>();
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "title".into(),
            "ourplan care and support plan, format version 1".into(),
        );
        if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert(
                "ourplan".into(),
                serde_json::json!({
                    "description": "The format version: always 1.",
                    "const": 1
                }),
            );
        }
    }
    if let Some(defs) = value.get_mut("definitions").and_then(|d| d.as_object_mut()) {
        // A date that does not exist (2027-02-30, 1986-13-12) is underlined as `check` would.
        // No description of its own: an editor shows the field's ("Date of birth.").
        defs.insert(
            "Date".into(),
            serde_json::json!({
                "type": "string",
                "format": "date",
                "pattern": DATE_PATTERN,
                "patternErrorMessage": "Write a day that exists as year-month-day, for example 2026-03-14.",
            }),
        );
        for def in defs.values_mut() {
            if let Some(picture) = def.pointer_mut("/properties/picture") {
                *picture = serde_json::json!({
                    "description": "A picture for the easy-read copy (`ourplan pictures` lists them).",
                    "type": "string",
                    "enum": pictures,
                });
            }
        }
    }
    as_check_reads(&mut value);
    let mut text = serde_json::to_string_pretty(&value).expect("a schema is always JSON");
    text.push('\n');
    text
}

pub fn run() -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    let assets = crate::settings::Project::discover(&cwd)
        .ok()
        .and_then(|p| crate::assets::Assets::for_project(&p.root).ok())
        .unwrap_or_else(crate::assets::Assets::embedded_only);
    let names: Vec<&str> = assets.pictures().keys().map(String::as_str).collect();
    print!("{}", schema_json(&names));
    ExitCode::SUCCESS
}
