//! `ourplan export --fhir PLAN [--for NAME]`: one plan as a FHIR R4 Bundle (JSON), the
//! person's whole plan, or what one person they share with may see (see [`crate::export`]).

use std::path::PathBuf;
use std::process::ExitCode;

use super::check::{CheckArgs, run_checks};
use crate::diagnostic::Severity;
use crate::views::{self, Audience};

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The plan file.
    #[arg(value_name = "PLAN", value_hint = clap::ValueHint::FilePath)]
    pub plan: PathBuf,
    /// Export as FHIR R4 (a Bundle, JSON). The only format for now.
    #[arg(long, required = true)]
    pub fhir: bool,
    /// Only what this person's copy holds: a name from the plan's `sharing`.
    #[arg(long = "for", value_name = "NAME")]
    pub recipient: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

pub fn run(args: &ExportArgs) -> ExitCode {
    if !args.plan.is_file() {
        return super::usage_error(
            &format!("there is no plan file called {}", args.plan.display()),
            "check the path",
        );
    }
    let check = CheckArgs::quiet(vec![args.plan.clone()]);
    let checked = match run_checks(&check) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(loaded) = checked.plans.first() else {
        return super::usage_error(
            &format!("{} is not a plan file", args.plan.display()),
            "name a .yaml file in the plans folder",
        );
    };
    let errors = loaded
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let plan = match &loaded.plan {
        Some(plan) if errors == 0 => plan,
        _ => {
            eprintln!(
                "error: {} has {errors} problem{} to fix first, so it is not exported",
                args.plan.display(),
                if errors == 1 { "" } else { "s" }
            );
            eprintln!(
                "  help: run `ourplan check {}` to see them",
                args.plan.display()
            );
            return ExitCode::from(super::exit::PROBLEMS);
        }
    };
    let recipients = views::recipients(plan);
    let audience = match &args.recipient {
        None => Audience::Person,
        Some(name) => {
            if let Some((share, _)) = recipients
                .iter()
                .find(|(s, _)| crate::names::same_recipient(&s.name, name))
            {
                Audience::Recipient(share)
            } else if views::refused(plan)
                .iter()
                .any(|(s, _)| crate::names::same_recipient(&s.name, name))
            {
                return super::usage_error(
                    &format!(
                        "nothing is exported for {name}: the plan says they must not be contacted"
                    ),
                    "take them out of `sharing`",
                );
            } else {
                let names: Vec<&str> = recipients.iter().map(|(s, _)| s.name.as_str()).collect();
                return super::usage_error(
                    &format!("{name} is not in the plan's sharing list"),
                    &if names.is_empty() {
                        "the plan is shared with nobody".to_string()
                    } else {
                        format!("it is shared with: {}", names.join(", "))
                    },
                );
            }
        }
    };
    let assets = match crate::assets::Assets::for_project(&checked.project.root) {
        Ok(a) => a,
        Err(d) => return super::problem_error(&d),
    };
    let settings = &checked.project.settings;
    let bundle = crate::export::fhir::bundle(
        plan,
        &loaded.id,
        audience,
        settings,
        &assets,
        &settings.language(),
    );
    let mut text = serde_json::to_string_pretty(&bundle).unwrap_or_default();
    text.push('\n');
    match &args.out {
        None => {
            use std::io::Write as _;
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Some(file) => match crate::output::write_atomic(file, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => super::usage_error(
                &format!("{} could not be written: {e}", file.display()),
                "check that the folder exists and you may write there",
            ),
        },
    }
}
