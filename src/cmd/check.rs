//! `ourplan check [PATH ...]`: loads every plan, runs the rules, and shows every problem of
//! every file at once. Exit code 0: no errors; 1: a plan has errors (or warnings with
//! `--strict`); 2: the command itself could not run.

use std::collections::HashMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic, Format, JsonDiagnostic, Renderer, Severity};
use crate::discover;
use crate::load::{self, Loaded};
use crate::rules;
use crate::settings::Project;

/// Options shared by `check` and `build`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Plan files or folders. Default: the plans folder of the project here.
    pub paths: Vec<PathBuf>,
    /// How to show problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// The date to use as today for date rules, YYYY-MM-DD (for reproducible runs).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Also say what each person the plan is shared with will receive, to read back to the
    /// person before anything is printed. With `--format json` the output becomes an object
    /// `{"diagnostics": [...], "sharing": [...], "unknown": [...]}` (`unknown`: plans with
    /// mistakes, whose sharing cannot be read yet).
    #[arg(long)]
    pub sharing: bool,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse()
        .map_err(|_| format!("`{s}` is not a date: write it as YYYY-MM-DD"))
}

/// Every plan found, loaded and checked.
pub struct Checked {
    pub project: Project,
    pub plans: Vec<Loaded>,
    /// Problems that belong to no loaded plan (finding files).
    pub other: Vec<Diagnostic>,
}

impl Checked {
    pub fn all_diags(&self) -> impl Iterator<Item = &Diagnostic> {
        self.other
            .iter()
            .chain(self.plans.iter().flat_map(|p| p.diags.iter()))
    }

    /// The text of every plan, by file, for showing the lines problems are on.
    pub fn sources(&self) -> HashMap<&Path, &str> {
        self.plans
            .iter()
            .map(|p| (p.path.as_path(), p.source.as_str()))
            .collect()
    }
}

/// Finds, loads and checks plans. Err is a problem with the command itself (exit 2).
pub fn run_checks(args: &CheckArgs) -> Result<Checked, ExitCode> {
    run_checks_skipping(args, &|_, _, _| false)
}

/// Says whether a plan can be left alone, given the project, its file and its text.
pub type Skip<'a> = dyn Fn(&Project, &Path, &str) -> bool + Sync + 'a;

/// Like [`run_checks`], but plans for which `skip` says yes are not read further: they come
/// back with `skipped` set, no plan and no problems (`build` skips plans that have not
/// changed since they were last built, and were then free of errors).
pub fn run_checks_skipping(args: &CheckArgs, skip: &Skip) -> Result<Checked, ExitCode> {
    let cwd = std::env::current_dir()
        .map_err(|e| super::usage_error(&format!("cannot read the current folder: {e}"), ""))?;
    let project = match Project::discover(&cwd) {
        Ok(p) => p,
        Err(mut d) => {
            d.file = relative_to(&d.file, &cwd);
            let source = std::fs::read_to_string(&d.file).unwrap_or_default();
            let sources = HashMap::from([(d.file.as_path(), source.as_str())]);
            print_diags(std::slice::from_ref(&*d), args, &sources);
            return Err(ExitCode::from(super::exit::USAGE));
        }
    };
    let paths = if args.paths.is_empty() {
        let dir = project.plans_dir();
        if !dir.is_dir() {
            return Err(super::usage_error(
                &format!("there is no plans folder at {}", dir.display()),
                "name the plan files or folders to check, or run `ourplan init`",
            ));
        }
        vec![relative_to(&dir, &cwd)]
    } else {
        for p in &args.paths {
            if p.symlink_metadata().is_err() {
                return Err(super::usage_error(
                    &format!("there is no file or folder called {}", p.display()),
                    "check the path",
                ));
            }
        }
        args.paths.clone()
    };
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let mut found = discover::find(&paths, &project.output_dir());
    let settings = &project.settings;
    let language = settings.language();
    let assets = match crate::assets::Assets::for_project(&project.root) {
        Ok(a) => a,
        Err(d) => {
            found.diags.push(*d);
            crate::assets::Assets::embedded_only()
        }
    };
    let pictures = assets.pictures();
    let plans: Vec<Loaded> = found
        .files
        .par_iter()
        .map(|file| {
            let clash = found.clashes.get(file);
            let mut loaded = load::load_file_unless(file, &|source| {
                clash.is_none() && skip(&project, file, source)
            });
            loaded.diags.extend(clash.cloned());
            let cx = rules::Context {
                file,
                today,
                settings,
                source: &loaded.source,
                language: &language,
                pictures,
            };
            if let Some(plan) = &loaded.plan {
                let diags = rules::check(plan, &cx);
                loaded.diags.extend(diags);
            } else if let Some(p) = &loaded.partial {
                // Parts could not be read: check the rest, and say what was not checked.
                let diags = rules::check_partial(&p.plan, &cx, &p.unread, &p.meant);
                loaded.diags.extend(diags);
            }
            diagnostic::sort(&mut loaded.diags);
            loaded
        })
        .collect();
    Ok(Checked {
        project,
        plans,
        other: found.diags,
    })
}

fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// True when the diagnostics mean failure.
pub fn failed<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>, strict: bool) -> bool {
    diags
        .into_iter()
        .any(|d| d.severity == Severity::Error || strict)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Prints diagnostics in the chosen format.
pub fn print_diags(diags: &[Diagnostic], args: &CheckArgs, sources: &HashMap<&Path, &str>) {
    let lookup = |p: &Path| sources.get(p).copied();
    let text = render(diags, args.format, use_color(args.color), &lookup);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}

/// Renders diagnostics in a format, as one string.
pub fn render<'a>(
    diags: &[Diagnostic],
    format: Format,
    color: bool,
    sources: &'a dyn Fn(&Path) -> Option<&'a str>,
) -> String {
    let r = Renderer {
        color,
        source: sources,
    };
    match format {
        Format::Human => diags.iter().map(|d| r.human(d) + "\n").collect(),
        Format::Short => diags.iter().map(|d| r.short(d)).collect(),
        Format::Github => diags.iter().map(|d| r.github(d)).collect(),
        Format::Json => {
            let list: Vec<JsonDiagnostic> = diags
                .iter()
                .map(|d| JsonDiagnostic::from(d, sources(&d.file)))
                .collect();
            serde_json::to_string_pretty(&list).expect("diagnostics are JSON") + "\n"
        }
    }
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let checked = match run_checks(args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let sources = checked.sources();
    let diags: Vec<Diagnostic> = checked.all_diags().cloned().collect();
    if args.sharing {
        let report = sharing_report(&checked.plans);
        if args.format == Format::Json {
            let lookup = |p: &Path| sources.get(p).copied();
            let list: Vec<JsonDiagnostic> = diags
                .iter()
                .map(|d| JsonDiagnostic::from(d, lookup(&d.file)))
                .collect();
            let out = serde_json::json!({
                "diagnostics": list,
                "sharing": report,
                "unknown": unreadable(&checked.plans),
            });
            println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
        } else {
            print_diags(&diags, args, &sources);
            print!("{}", sharing_text(&report, &unreadable(&checked.plans)));
        }
    } else {
        print_diags(&diags, args, &sources);
    }
    if checked.plans.is_empty() && checked.other.is_empty() {
        // Said in every format: a check of nothing should not pass unnoticed in CI.
        eprintln!("note: no plan files were found there (plan files end in .yaml or .yml)");
    }
    if args.format == Format::Human {
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diags.len() - errors;
        let n = checked.plans.len();
        eprintln!(
            "checked {n} plan{}: {errors} error{}, {warnings} warning{}",
            if n == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        );
    }
    if failed(&diags, args.strict) {
        ExitCode::from(super::exit::PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}

/// What one person will receive.
#[derive(Debug, serde::Serialize)]
pub struct Receives {
    pub file: String,
    pub plan: String,
    pub recipient: String,
    pub kind: &'static str,
    pub folder: String,
    pub sections: Vec<&'static str>,
    pub formats: Vec<&'static str>,
}

/// What every recipient of every readable plan will receive.
pub fn sharing_report(plans: &[Loaded]) -> Vec<Receives> {
    let mut out = Vec::new();
    for loaded in plans {
        let Some(plan) = &loaded.plan else { continue };
        for (share, folder) in crate::views::recipients(plan) {
            out.push(Receives {
                file: loaded.path.display().to_string(),
                plan: loaded.id.clone(),
                recipient: share.name.trim().to_string(),
                kind: share.kind.value.word(),
                folder,
                sections: share.sections.iter().map(|s| s.value.word()).collect(),
                formats: crate::views::recipient_formats(share)
                    .into_iter()
                    .map(|f| f.word())
                    .collect(),
            });
        }
    }
    out
}

/// The plans that could not be read, so who they are shared with is not known.
pub fn unreadable(plans: &[Loaded]) -> Vec<String> {
    plans
        .iter()
        .filter(|l| l.plan.is_none() && !l.skipped)
        .map(|l| l.path.display().to_string())
        .collect()
}

/// The sharing report in plain words. `unknown`: plans that could not be read.
pub fn sharing_text(report: &[Receives], unknown: &[String]) -> String {
    let w = &crate::words::EN;
    let mut s = String::new();
    let mut last_file = "";
    for r in report {
        if r.file != last_file {
            s.push_str(&format!("\n{}: copies for other people\n", r.file));
            last_file = &r.file;
        }
        let parts: Vec<&str> = r
            .sections
            .iter()
            .filter_map(|id| crate::plan::Section::from_word(id))
            .map(|sec| crate::views::section_name(sec, w))
            .collect();
        s.push_str(&format!(
            "  {} ({}) will get: {}. As: {}. In: {}/{}/\n",
            r.recipient,
            r.kind,
            parts.join(", "),
            r.formats.join(", "),
            r.plan,
            r.folder
        ));
    }
    for file in unknown {
        s.push_str(&format!(
            "\n{file}: this plan has mistakes, so who gets a copy is not known yet. Fix the mistakes above, then ask again.\n"
        ));
    }
    if report.is_empty() && unknown.is_empty() {
        s.push_str("\nNo plan is shared with anyone: only the person's own copy is made.\n");
    }
    s
}
