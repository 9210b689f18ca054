//! `ourplan schema`: prints the JSON Schema (draft-07) of the plan format, for editors.

use std::process::ExitCode;

use schemars::generate::SchemaSettings;

use crate::plan::Plan;

/// The JSON Schema of the plan format, version 1, as pretty JSON.
pub fn schema_json() -> String {
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
    let mut text = serde_json::to_string_pretty(&value).expect("a schema is always JSON");
    text.push('\n');
    text
}

pub fn run() -> ExitCode {
    print!("{}", schema_json());
    ExitCode::SUCCESS
}
