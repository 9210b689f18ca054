//! `ourplan words [PLAN ...]`: the hard words the person's copies of a plan explain under
//! "Words we use" (the same list, made by the same code), with their plain meaning and whether
//! the plan itself explains them, and how easy the plan is to read. `ourplan words --all`
//! lists every hard word ourplan knows. `ourplan pictures` lists the pictures a plan may use,
//! with the idea each stands for and what it shows.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::assets::Assets;
use crate::language::flesch_kincaid_grade;
use crate::settings::Project;

fn project() -> Result<Project, ExitCode> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    Project::discover(&cwd).map_err(|d| super::problem_error(&d))
}

pub fn run(plans: &[PathBuf], all: bool) -> ExitCode {
    let project = match project() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let language = project.settings.language();
    let assets = match Assets::for_project(&project.root) {
        Ok(a) => a,
        Err(d) => return super::problem_error(&d),
    };
    if all {
        println!("Hard words ourplan knows, with plain words for each:\n");
        for t in language.terms() {
            println!("  {}: {}", t.term, t.plain);
        }
        return ExitCode::SUCCESS;
    }
    if plans.is_empty() {
        return super::usage_error(
            "name a plan file",
            "for example: ourplan words plans/sam-taylor.yaml",
        );
    }
    if let Some(missing) = plans.iter().find(|p| !p.is_file()) {
        return super::usage_error(
            &format!("there is no plan file called {}", missing.display()),
            "check the path",
        );
    }
    let mut failed = false;
    for path in plans {
        let loaded = crate::load::load_file(path);
        let plan = match (&loaded.plan, &loaded.partial) {
            (Some(plan), _) => plan,
            (None, Some(crate::load::Partial { plan, .. })) => {
                eprintln!(
                    "{}: parts of the plan could not be read, so their words are not listed; run `ourplan check` to see why",
                    path.display()
                );
                failed = true;
                plan
            }
            (None, None) => {
                eprintln!(
                    "{}: the plan has problems; run `ourplan check` first",
                    path.display()
                );
                failed = true;
                continue;
            }
        };
        // The same reading of the plan as `check` makes: the words it uses, spelt as it
        // spells them, and whether it explains them.
        if crate::words::primary(plan.language()) != "en" {
            println!("{}", path.display());
            println!(
                "  The hard-words list and the reading grade are made for English. This plan is in `{}`, so its words were not checked.\n  Ask someone who speaks the language to read it for hard words.\n",
                plan.language().trim()
            );
            continue;
        }
        let texts = crate::rules::plan_text_kinds(plan);
        let names = crate::rules::plan_names(plan);
        let (found, _) = language.check_plan(&texts, &names);
        // Which of its hard words the plan itself explains, as `check` reads it.
        let unexplained: std::collections::HashSet<String> = language
            .plan_terms(&found)
            .into_iter()
            .filter(|(_, explained)| !explained)
            .map(|(t, _)| t.term.to_lowercase())
            .collect();
        // The words are those the person's copies list under "Words we use": made by the
        // same code, so this list and the copies always agree.
        let id = crate::load::plan_id(path);
        let glossary = |variant| {
            crate::views::build(
                plan,
                &id,
                crate::views::Audience::Person,
                variant,
                &project.settings,
                &assets,
                &language,
            )
            .glossary()
        };
        let full = glossary(crate::views::Variant::Standard);
        let easy = plan
            .person
            .formats
            .iter()
            .any(|f| f.value == crate::plan::Format::EasyRead)
            .then(|| glossary(crate::views::Variant::EasyRead))
            .filter(|easy| *easy != full);
        let text: String = texts.iter().map(|(t, _)| *t).collect::<Vec<_>>().join("\n");
        println!("{}", path.display());
        let list = |terms: &[(String, String)]| {
            for (term, plain) in terms {
                let note = if unexplained.contains(&term.to_lowercase()) {
                    " (not explained in the plan)"
                } else {
                    ""
                };
                println!("    {term}: {plain}{note}");
            }
        };
        if full.is_empty() && easy.as_ref().is_none_or(Vec::is_empty) {
            println!("  No hard words. Well done.");
        } else {
            if !full.is_empty() {
                println!("  Hard words in the person's copy, and what it says they mean:");
                list(&full);
            }
            if let Some(easy) = easy.filter(|e| !e.is_empty()) {
                println!("  In the easy-read copy:");
                list(&easy);
            }
        }
        println!(
            "  Reading grade of the whole plan: {:.1} (aim for 8 or below; easy read 6 or below)\n",
            flesch_kincaid_grade(&text)
        );
    }
    if failed {
        ExitCode::from(super::exit::PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}

/// `ourplan pictures [--lang TAG]`: each picture's name, the idea it stands for (in `lang`
/// when its words table says, else in English, marked), and what it shows.
pub fn pictures(lang: Option<&str>) -> ExitCode {
    let project = match project() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let assets = match Assets::for_project(&project.root) {
        Ok(a) => a,
        Err(d) => return super::problem_error(&d),
    };
    let words = match lang.map(str::trim) {
        Some(tag) if !tag.is_empty() => {
            let tables = match crate::words::Tables::for_project(&project.root) {
                Ok(t) => t,
                Err(d) => return super::problem_error(&d),
            };
            if !tables.has(tag) {
                return super::usage_error(
                    &format!("ourplan has no words in `{tag}`"),
                    "add words/<lang>.toml to the project, with a [pictures] part",
                );
            }
            Some((tag, tables.words(tag, false)))
        }
        _ => None,
    };
    println!("Pictures for easy read. Use the name, for example `picture: phone`.\n");
    let width = assets.pictures().keys().map(String::len).max().unwrap_or(0);
    let mut lacking = 0;
    for (name, idea) in assets.pictures() {
        let said = match words {
            Some((_, w)) => match w.picture(name) {
                Some(own) => own.to_string(),
                None => {
                    lacking += 1;
                    format!("{idea} [English]")
                }
            },
            None => idea.clone(),
        };
        match assets.looks(name).filter(|l| l != idea) {
            Some(looks) => println!("  {name:width$}  {said} ({looks})"),
            None => println!("  {name:width$}  {said}"),
        }
    }
    if let Some((tag, _)) = words
        && lacking > 0
    {
        println!(
            "\n{lacking} with no words in `{tag}` yet: add them under [pictures] in words/{tag}.toml."
        );
    }
    ExitCode::SUCCESS
}
