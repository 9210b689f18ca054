//! `ourplan explain [RULE]`: what a rule checks, why (with its source), and how to fix it.

use std::process::ExitCode;

use crate::catalog::{RuleInfo, all, info};
use crate::load::convert::did_you_mean;

/// The explanation of one rule, as plain text.
pub fn explain(r: &RuleInfo) -> String {
    let kind = if r.shape {
        "a problem with the file itself"
    } else {
        "a rule for the plan"
    };
    format!(
        "{id} ({sev}, {kind})\n\nWhat it checks: {summary}\nWhy: {why}\nHow to fix it: {fix}\n",
        id = r.id,
        sev = r.severity.as_str(),
        summary = r.summary,
        why = r.why,
        fix = r.fix,
    )
}

pub fn run(rule: Option<&str>) -> ExitCode {
    match rule {
        None => {
            println!("The rules ourplan checks (run `ourplan explain RULE` for one):\n");
            let width = all().map(|r| r.id.len()).max().unwrap_or(0);
            for r in all() {
                println!(
                    "  {:width$}  {:7}  {}",
                    r.id,
                    r.severity.as_str(),
                    r.summary
                );
            }
            ExitCode::SUCCESS
        }
        Some(id) => match info(id) {
            Some(r) => {
                print!("{}", explain(r));
                ExitCode::SUCCESS
            }
            None => {
                let ids: Vec<&str> = all().map(|r| r.id).collect();
                let hint = match did_you_mean(id, &ids) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "run `ourplan explain` to list every rule".to_string(),
                };
                super::usage_error(&format!("there is no rule called `{id}`"), &hint)
            }
        },
    }
}
