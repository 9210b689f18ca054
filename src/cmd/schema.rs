//! `ourplan schema`: prints the JSON Schema (draft-07) of the plan format, for editors.

use std::process::ExitCode;

use schemars::generate::SchemaSettings;

use crate::plan::Plan;

/// The JSON Schema of the plan format, version 1, as pretty JSON. `pictures` are the picture
/// names a plan may use: editors offer them for every `picture` field.
/// Makes the schema accept what `check` accepts, so an editor never underlines a plan that
/// `check` passes: a number or `true`/`false` where text goes (`phone: 111`, read as the
/// text "111"), an empty optional list (`care_team:`), and `ourplan: "1"`.
fn as_lenient_as_check(value: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let Value::Object(obj) = value else {
        if let Value::Array(items) = value {
            items.iter_mut().for_each(as_lenient_as_check);
        }
        return;
    };
    let plain_text = !["enum", "pattern", "format", "const"]
        .iter()
        .any(|k| obj.contains_key(*k));
    match obj.get("type") {
        Some(Value::String(t)) if t == "string" && plain_text => {
            obj.insert("type".into(), json!(["string", "number", "boolean"]));
        }
        Some(Value::Array(types))
            if plain_text
                && types.contains(&json!("string"))
                && !types.contains(&json!("number")) =>
        {
            let mut wider = types.clone();
            wider.extend([json!("number"), json!("boolean")]);
            obj.insert("type".into(), Value::Array(wider));
        }
        _ => {}
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
        }
    }
    if obj.get("const") == Some(&json!(1)) {
        obj.remove("const");
        obj.insert("enum".into(), json!([1, "1"]));
    }
    obj.values_mut().for_each(as_lenient_as_check);
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
    as_lenient_as_check(&mut value);
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
