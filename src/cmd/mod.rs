//! The commands of the `ourplan` program, one file each. Each command returns its exit code.

pub mod build;
pub mod changes;
pub mod check;
pub mod explain;
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
