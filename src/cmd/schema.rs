//! `ourplan schema`: prints the JSON Schema (draft-07) of the plan format, for editors.

use std::process::ExitCode;

use schemars::generate::SchemaSettings;

use crate::plan::Plan;

/// The JSON Schema of the plan format, version 1, as pretty JSON. `pictures` are the picture
/// names a plan may use: editors offer them for every `picture` field.
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
