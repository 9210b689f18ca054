//! The `ourplan` program: parses the command line and runs one command of the library.

use ourplan::{cmd, timings};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turns care and support plans (YAML) into copies people can read.
#[derive(Debug, Parser)]
#[command(name = "ourplan", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check plans and show every problem, with the line it is on.
    Check(cmd::check::CheckArgs),
    /// Build readable copies of plans (HTML; large print and easy read PDFs).
    Build(cmd::build::BuildArgs),
    /// A live preview on this computer that updates as you save a plan.
    Serve(cmd::serve::ServeArgs),
    /// Export a plan for another system (FHIR R4), whole or as one person's copy holds it.
    Export(cmd::export::ExportArgs),
    /// Start a new team project here (or in DIR): settings, a plans folder, and more.
    Init {
        /// The folder for the project. Default: this one.
        #[arg(value_hint = clap::ValueHint::DirPath)]
        dir: Option<std::path::PathBuf>,
    },
    /// Start a new plan for a person, from the team's skeleton.
    New {
        /// The person's full name, in quotes.
        name: String,
        /// The date to use as today, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        today: Option<jiff::civil::Date>,
        /// A folder inside the plans folder to put the plan in (made if it is not there).
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        folder: Option<std::path::PathBuf>,
    },
    /// Show what changed in a plan since its last review, from git history.
    Changes {
        /// The plan file.
        #[arg(value_hint = clap::ValueHint::FilePath)]
        plan: std::path::PathBuf,
        /// Compare with this git revision, or the version saved on this date (YYYY-MM-DD).
        #[arg(long, value_name = "REV|DATE")]
        since: Option<String>,
    },
    /// List the hard words a plan uses, with what they mean.
    Words {
        /// Plan files.
        #[arg(value_hint = clap::ValueHint::FilePath)]
        plans: Vec<std::path::PathBuf>,
        /// List every hard word ourplan knows instead.
        #[arg(long)]
        all: bool,
    },
    /// List the pictures a plan can use: what each stands for, and what it shows.
    Pictures {
        /// Say what each stands for in this language (its alt text in easy read), for
        /// example `cy`, from the words tables (`[pictures]` in words/<lang>.toml).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    Man,
    /// Print the JSON Schema of the plan format (for editor autocomplete).
    Schema,
    /// Explain a rule: what it checks, why, and how to fix it.
    Explain {
        /// The rule id, for example `missing-24-hour-contact`. Leave out to list all rules.
        #[arg(value_name = "RULE", value_parser = cmd::Offer(cmd::rule_ids), hide_possible_values = true)]
        rule: Option<String>,
    },
}

/// Stack for worker threads: reading YAML is recursive, and debug builds use deep frames.
const WORKER_STACK_BYTES: usize = 16 * 1024 * 1024;

fn main() -> ExitCode {
    timings::start();
    // Like other command-line tools, stop quietly when the reader of our output goes away
    // (`ourplan explain | head`), instead of failing to print.
    #[cfg(unix)]
    // SAFETY: setting a signal's handler to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Ignore the error: it only says a pool already exists (as in tests).
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build_global();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(cmd::exit::USAGE),
            };
        }
    };
    let code = match &cli.command {
        Command::Check(args) => cmd::check::run(args),
        Command::Build(args) => cmd::build::run(args),
        Command::Schema => cmd::schema::run(),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Words { plans, all } => cmd::words::run(plans, *all),
        Command::Pictures { lang } => cmd::words::pictures(lang.as_deref()),
        Command::Changes { plan, since } => cmd::changes::run(plan, since.as_deref()),
        Command::Init { dir } => cmd::init::run(dir.as_deref()),
        Command::New {
            name,
            today,
            folder,
        } => cmd::new::run(name, *today, folder.as_deref()),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "ourplan", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => cmd::man::run(<Cli as clap::CommandFactory>::command()),
        Command::Explain { rule } => cmd::explain::run(rule.as_deref()),
    };
    timings::report();
    code
}
