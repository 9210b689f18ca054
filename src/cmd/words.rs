//! `ourplan words [PLAN ...]`: the hard words a plan uses, with their plain meaning, and how
//! easy the plan is to read; `ourplan words --all` lists every hard word ourplan knows.
//! `ourplan pictures` lists the pictures a plan may use, with their alt text.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::assets::Assets;
use crate::language::flesch_kincaid_grade;
use crate::settings::Project;

fn project() -> Result<Project, ExitCode> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    Project::discover(&cwd)
        .map_err(|d| super::usage_error(&d.message, d.hint.as_deref().unwrap_or("")))
}

pub fn run(plans: &[PathBuf], all: bool) -> ExitCode {
    let project = match project() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let language = project.settings.language();
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
        let terms = language.plan_terms(&found);
        let text: String = texts.iter().map(|(t, _)| *t).collect::<Vec<_>>().join("\n");
        println!("{}", path.display());
        if terms.is_empty() {
            println!("  No hard words. Well done.");
        } else {
            println!("  Hard words in this plan, and what they mean:");
            for (t, explained) in terms {
                let note = if explained {
                    ""
                } else {
                    " (not explained in the plan)"
                };
                println!("    {}: {}{note}", t.term, t.plain);
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

pub fn pictures() -> ExitCode {
    let project = match project() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let assets = match Assets::for_project(&project.root) {
        Ok(a) => a,
        Err(d) => return super::usage_error(&d.message, d.hint.as_deref().unwrap_or("")),
    };
    println!("Pictures for easy read. Use the name, for example `picture: phone`.\n");
    let width = assets.pictures().keys().map(String::len).max().unwrap_or(0);
    for (name, alt) in assets.pictures() {
        println!("  {name:width$}  {alt}");
    }
    ExitCode::SUCCESS
}
