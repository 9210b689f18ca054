//! `ourplan new "Full Name"`: a new plan from the team's skeleton (`templates/plan.yaml`, or
//! the built-in one), with every section present, plain prompts as comments, and dates filled.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::ToSpan as _;

use crate::assets::Assets;
use crate::settings::Project;

/// A YAML double-quoted string holding `s` exactly.
fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the project's schema is from a plan `depth` folders below the project root:
/// `../schema/ourplan.schema.json` for a plan in `plans/`, `../../…` in `plans/sub/`.
pub fn schema_path(depth: usize) -> String {
    format!("{}schema/ourplan.schema.json", "../".repeat(depth))
}

/// The skeleton filled in for `name` on `today`, for a plan `depth` folders below the
/// project root (so the editor line finds the schema).
pub fn fill(skeleton: &str, name: &str, today: jiff::civil::Date, depth: usize) -> String {
    let plus = |span: jiff::Span| today.checked_add(span).unwrap_or(today).to_string();
    let schema = schema_path(depth);
    // Skeletons written before `{{schema}}` existed name the path for `plans/`.
    let skeleton = match skeleton.split_once('\n') {
        Some((first, rest)) if first.starts_with("# yaml-language-server: $schema=") => format!(
            "{}\n{rest}",
            first.replace(
                "$schema=../schema/ourplan.schema.json",
                "$schema={{schema}}"
            )
        ),
        _ => skeleton.to_string(),
    };
    skeleton
        .replace("{{schema}}", &schema)
        .replace("{{name_yaml}}", &yaml_string(name))
        .replace("{{name}}", &name.replace(['\n', '\r'], " "))
        .replace("{{today}}", &today.to_string())
        .replace("{{next_month}}", &plus(1.month()))
        .replace("{{next_review}}", &plus(12.months()))
}

pub fn run(name: &str, today: Option<jiff::civil::Date>, folder: Option<&Path>) -> ExitCode {
    let name = name.trim();
    if name.is_empty() {
        return super::usage_error(
            "the person's name is empty",
            "write it in quotes: ourplan new \"Sam Taylor\"",
        );
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let project = match Project::discover(&cwd) {
        Ok(p) => p,
        Err(d) => return super::problem_error(&d),
    };
    let assets = match Assets::for_project(&project.root) {
        Ok(a) => a,
        Err(d) => return super::problem_error(&d),
    };
    let Some(skeleton) = assets.text("templates/plan.yaml") else {
        return super::usage_error(
            "templates/plan.yaml is not UTF-8 text",
            "check the team's skeleton",
        );
    };
    let today = today.unwrap_or_else(|| jiff::Zoned::now().date());
    let folder = folder.unwrap_or(Path::new(""));
    if !folder
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        return super::usage_error(
            &format!(
                "--folder {} is not a folder inside the plans folder",
                folder.display()
            ),
            "name a folder inside the plans folder, for example --folder north-team",
        );
    }
    let dir = project.plans_dir().join(folder);
    let path = dir.join(format!("{}.yaml", crate::names::file_name(name)));
    let depth = path
        .parent()
        .and_then(|p| p.strip_prefix(&project.root).ok())
        .map_or(1, |p| p.components().count());
    if path.symlink_metadata().is_ok() {
        return super::usage_error(
            &format!("there is a plan at {} already", path.display()),
            "open that plan, or give a fuller name",
        );
    }
    let text = fill(skeleton, name, today, depth);
    let written = std::fs::create_dir_all(&dir).and_then(|()| {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
    });
    match written {
        Ok(()) => {
            println!("wrote {}", path.display());
            println!("Fill it in with the person, then run `ourplan check`.");
            ExitCode::SUCCESS
        }
        Err(e) => super::usage_error(
            &format!("{} could not be written: {e}", path.display()),
            "check that you may write in the plans folder",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_yaml_safe_and_dates_filled() {
        let today: jiff::civil::Date = "2026-11-23".parse().unwrap();
        let out = fill(
            "name: {{name_yaml}}\n# {{name}}\nnext: {{next_review}}\nby: {{next_month}}\n",
            "Zoë \"Z\" O'Neil: #1",
            today,
            1,
        );
        assert_eq!(
            out,
            "name: \"Zoë \\\"Z\\\" O'Neil: #1\"\n# Zoë \"Z\" O'Neil: #1\nnext: 2027-11-23\nby: 2026-12-23\n"
        );
    }

    #[test]
    fn the_editor_line_finds_the_schema_from_any_depth() {
        let today: jiff::civil::Date = "2026-11-23".parse().unwrap();
        let old = "# yaml-language-server: $schema=../schema/ourplan.schema.json\nname: x\n";
        assert_eq!(
            fill(old, "A", today, 2),
            "# yaml-language-server: $schema=../../schema/ourplan.schema.json\nname: x\n"
        );
        let new = "# yaml-language-server: $schema={{schema}}\n";
        assert_eq!(
            fill(new, "A", today, 1),
            "# yaml-language-server: $schema=../schema/ourplan.schema.json\n"
        );
    }
}
