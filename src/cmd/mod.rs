//! The commands of the `ourplan` program, one file each. Each command returns its exit code.

pub mod build;
pub mod changes;
pub mod check;
pub mod explain;
pub mod export;
pub mod init;
pub mod man;
pub mod new;
pub mod schema;
pub mod serve;
pub mod words;

use std::process::ExitCode;

/// Exit codes shared by every command.
pub mod exit {
    /// A plan has problems.
    pub const PROBLEMS: u8 = 1;
    /// The command itself could not run.
    pub const USAGE: u8 = 2;
}

/// Prints a problem with the command itself and returns exit code 2.
pub fn usage_error(message: &str, hint: &str) -> ExitCode {
    eprintln!("error: {message}");
    if !hint.is_empty() {
        eprintln!("  help: {hint}");
    }
    ExitCode::from(exit::USAGE)
}

/// Prints a problem found before the command could run (in `ourplan.toml`, a words file, the
/// templates...), naming its file and line, and returns exit code 2.
pub fn problem_error(d: &crate::diagnostic::Diagnostic) -> ExitCode {
    let mut at = d.file.display().to_string();
    if let Some(span) = d.span.filter(|_| !at.is_empty()) {
        at.push_str(&format!(":{}", span.line));
    }
    let message = if at.is_empty() {
        d.message.clone()
    } else {
        format!("{at}: {}", d.message)
    };
    usage_error(&message, d.hint.as_deref().unwrap_or(""))
}

/// Takes any text, but tells shells and the manual the words it knows: `explain <TAB>` offers
/// the rule ids, while a wrong one still gets ourplan's own "did you mean".
#[derive(Clone)]
pub struct Offer(pub fn() -> Vec<&'static str>);

impl clap::builder::TypedValueParser for Offer {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// The rule ids, for completion.
pub fn rule_ids() -> Vec<&'static str> {
    crate::catalog::all().map(|r| r.id).collect()
}
