//! `ourplan check [PATH ...]`: loads every plan, runs the rules, and shows every problem of
//! every file at once. Exit code 0: no errors; 1: a plan has errors (or warnings with
//! `--strict`); 2: the command itself could not run.

use std::collections::HashMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::{self, Diagnostic, Format, JsonDiagnostic, Renderer, Severity};
use crate::discover;
use crate::load::{self, Loaded};
use crate::rules;
use crate::settings::Project;
use crate::timings::Stage;

mod sharing;
pub use sharing::*;

/// Options shared by `check` and `build`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Plan files or folders; `-` reads one plan from standard input. Default: the plans
    /// folder of the project here.
    #[arg(value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// The file name to use for a plan read from standard input (`-`), in what is said
    /// about it.
    #[arg(long, value_name = "NAME", value_hint = clap::ValueHint::FilePath)]
    pub stdin_filename: Option<PathBuf>,
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
    /// Lay out every crisis card again, and keep no page counts: do not use the cache of
    /// cards laid out before (kept in `$OURPLAN_CACHE_DIR`, else `~/.cache/ourplan`).
    #[arg(long)]
    pub no_cache: bool,
}

impl CheckArgs {
    /// The checks another command runs first (`export`, `serve`): human words, no colour,
    /// today's date, not strict.
    pub fn quiet(paths: Vec<PathBuf>) -> CheckArgs {
        CheckArgs {
            paths,
            stdin_filename: None,
            format: Format::Human,
            strict: false,
            today: None,
            sharing: false,
            color: ColorChoice::Never,
            no_cache: false,
        }
    }
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
    run_checks_keeping(args, skip, true)
}

/// Like [`run_checks_skipping`]; with `keep_plans` false, each plan is let go as soon as it
/// is checked (its `plan` and `partial` are None), keeping only its text and problems.
fn run_checks_keeping(
    args: &CheckArgs,
    skip: &Skip,
    keep_plans: bool,
) -> Result<Checked, ExitCode> {
    let cwd = std::env::current_dir()
        .map_err(|e| super::usage_error(&format!("cannot read the current folder: {e}"), ""))?;
    let project = match Project::discover(&cwd) {
        Ok(p) => p,
        Err(mut d) => {
            d.file = relative_to(&d.file, &cwd);
            // Only to show the line a mistake is on: a file refused unread stays unread.
            let source = if d.span.is_some() {
                std::fs::read_to_string(&d.file).unwrap_or_default()
            } else {
                String::new()
            };
            let sources = HashMap::from([(d.file.as_path(), source.as_str())]);
            print_diags(std::slice::from_ref(&*d), args, &sources);
            return Err(ExitCode::from(super::exit::USAGE));
        }
    };
    let stdin = Path::new("-");
    let from_stdin = args.paths.iter().any(|p| p == stdin);
    if from_stdin && args.paths.len() > 1 {
        return Err(super::usage_error(
            "`-` (a plan from standard input) cannot be mixed with other paths",
            "check the plan from standard input on its own",
        ));
    }
    if args.stdin_filename.is_some() && !from_stdin {
        return Err(super::usage_error(
            "--stdin-filename names a plan read from standard input, but no `-` was given",
            "give `-` as the path: ourplan check - --stdin-filename plans/sam.yaml",
        ));
    }
    let default_paths = args.paths.is_empty();
    let paths = if from_stdin {
        Vec::new()
    } else if default_paths {
        let dir = project.plans_dir();
        if !dir.is_dir() {
            return Err(super::usage_error(
                &format!("there is no plans folder at {}", dir.display()),
                "name the plan files or folders to check, or run `ourplan init`",
            ));
        }
        if !discover::inside(&dir, &project.root) {
            return Err(super::usage_error(
                &format!(
                    "the plans folder {} is a link to a folder outside the project, so ourplan will not read it",
                    dir.display()
                ),
                "the plans folder must be inside the project: move the plans into it",
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
    let mut found = discover::find(&paths, &project.output_dir(), &project.root);
    if default_paths {
        // Plans in the folder we are in are named as `sam.yaml`, not `./sam.yaml`.
        for file in &mut found.files {
            if let Ok(rest) = file.strip_prefix(".") {
                *file = rest.to_path_buf();
            }
        }
        for d in &mut found.diags {
            if let Ok(rest) = d.file.strip_prefix(".")
                && !rest.as_os_str().is_empty()
            {
                d.file = rest.to_path_buf();
            }
        }
        found.clashes = std::mem::take(&mut found.clashes)
            .into_iter()
            .map(|(f, mut d)| {
                let f = f.strip_prefix(".").map_or(f.clone(), Path::to_path_buf);
                d.file = f.clone();
                (f, d)
            })
            .collect();
    }
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
    let glyphs = crate::glyphs::Glyphs::of(&assets);
    // Made at most once, the first time a plan asks for a crisis card
    // (`crisis-card-too-long` lays cards out), and never inside a rayon worker: the checks
    // run on plain threads, and making it lays nothing out. (Made with its templates tried,
    // inside a rayon worker, it let that worker take another plan's check while it waited,
    // and that check waited on it: `check` hung.)
    let card_pdf: std::sync::OnceLock<Option<crate::render::pdf::Renderer>> =
        std::sync::OnceLock::new();
    let card_renderer = || {
        card_pdf
            .get_or_init(|| {
                let memo = crate::render::pdf::memo::PageMemo::open(
                    if args.no_cache {
                        None
                    } else {
                        crate::render::pdf::memo::cache_dir()
                    },
                    &assets.fingerprint(),
                );
                crate::copies::untried_pdf_renderer(&assets)
                    .ok()
                    .map(|r| r.with_page_memo(memo))
            })
            .as_ref()
    };
    let check = |mut loaded: Loaded| {
        let cx = rules::Context {
            file: &loaded.path,
            today,
            settings,
            source: &loaded.source,
            language: &language,
            pictures,
            glyphs: &glyphs,
        };
        if let Some(plan) = &loaded.plan {
            let diags = crate::timings::time(Stage::Rules, || rules::check(plan, &cx));
            loaded.diags.extend(diags);
            loaded.diags.extend(crate::card::check(
                plan,
                &loaded.path,
                settings,
                &assets,
                &language,
                &card_renderer,
            ));
        } else if let Some(p) = &loaded.partial {
            // Parts could not be read: check the rest, and say what was not checked.
            let diags = crate::timings::time(Stage::Rules, || {
                rules::check_partial(&p.plan, &cx, &p.unread, &p.meant)
            });
            loaded.diags.extend(diags);
        }
        diagnostic::sort(&mut loaded.diags);
        if !keep_plans {
            // Only the problems and the text they are on are shown: 5,000 plans held whole
            // until the end took 426 MB.
            loaded.plan = None;
            loaded.partial = None;
        }
        loaded
    };
    // Plain threads, one a core, not rayon: typst lays cards out with rayon itself, and a
    // rayon worker waiting inside typst would take other plans' checks on top of its own.
    let plans: Vec<Loaded> = if from_stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdin>"));
        vec![check(load::load_reader(&name, std::io::stdin().lock()))]
    } else {
        crate::threads::on_threads(&found.files, |file| {
            let clash = found.clashes.get(file);
            let mut loaded = load::load_file_unless(file, &|source| {
                clash.is_none() && skip(&project, file, source)
            });
            loaded.diags.extend(clash.cloned());
            check(loaded)
        })
    };
    if let Some(Some(r)) = card_pdf.get() {
        r.save_page_memo();
    }
    Ok(Checked {
        project,
        plans,
        other: found.diags,
    })
}

/// `path` as seen from `base` (both absolute): `plans`, `.`, or `../plans`.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix(base) {
        return if rest.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            rest.to_path_buf()
        };
    }
    let (mut p, mut b) = (path.components().peekable(), base.components().peekable());
    let mut shared = false;
    while let (Some(x), Some(y)) = (p.peek(), b.peek()) {
        if x != y {
            break;
        }
        shared = true;
        p.next();
        b.next();
    }
    if !shared || !path.is_absolute() {
        return path.to_path_buf();
    }
    let mut out: PathBuf = b.map(|_| std::path::Component::ParentDir).collect();
    out.extend(p);
    out
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
        Format::Sarif => {
            let log = diagnostic::sarif(diags, sources, &describe_rule, None);
            serde_json::to_string_pretty(&log).expect("diagnostics are JSON") + "\n"
        }
    }
}

/// A rule as SARIF describes it.
fn describe_rule(id: &str) -> Option<diagnostic::RuleText> {
    crate::catalog::info(id).map(|r| diagnostic::RuleText {
        summary: r.summary,
        why: r.why,
        fix: r.fix,
        severity: r.severity,
    })
}

pub fn run(args: &CheckArgs) -> ExitCode {
    // The plans themselves are needed only to say what each recipient will get.
    let checked = match run_checks_keeping(args, &|_, _, _| false, args.sharing) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let sources = checked.sources();
    let diags: Vec<Diagnostic> = checked.all_diags().cloned().collect();
    if args.sharing {
        let report = match sharing_report(&checked) {
            Ok(r) => r,
            Err(d) => {
                print_diags(&[*d], args, &HashMap::new());
                return ExitCode::from(super::exit::USAGE);
            }
        };
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
        } else if args.format == Format::Sarif {
            // The report goes in the run's property bag, so the output stays one SARIF log.
            let lookup = |p: &Path| sources.get(p).copied();
            let properties = serde_json::json!({
                "sharing": report,
                "unknown": unreadable(&checked.plans),
            });
            let log = diagnostic::sarif(&diags, &lookup, &describe_rule, Some(properties));
            println!("{}", serde_json::to_string_pretty(&log).expect("JSON"));
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
