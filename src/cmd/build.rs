//! `ourplan build [PATH ...]`: checks every plan, then writes a self-contained folder per
//! person: `out/<plan-id>/index.html` with its styles and fonts, and a `for-<name>/` copy for
//! each person they chose to share with. Plans with errors are not built; the others are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::TypedValueParser;

use super::check::{CheckArgs, Checked, failed, print_diags};
use crate::assets::Assets;
pub use crate::copies::{Builder, EASY_PAGE, Formats, other_copies, pdf_name, pdf_renderer};
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::write_folder;
use crate::plan::{Format, Plan};
use crate::render::html::HtmlRenderer;
use crate::settings::Settings;
use crate::stamp::{Outcome, STAMPS, Stamp, copies_in, fingerprint, gone_plans, needs_no_check};
use crate::timings::{self, Stage};
use crate::views;

#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    /// Plan files or folders. Default: the plans folder of the project here.
    #[arg(value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Where to write the copies. Default: the project's output folder (`out`).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Which copies to make, for everyone: `html`, `large-print`, `easy-read` (comma-separated),
    /// or `all`. Default: the web page plus what each person asked for in `person.formats`, and
    /// for each person they share with, the formats of that sharing entry.
    #[arg(long, value_name = "FORMATS", value_delimiter = ',', value_parser = FormatParser)]
    pub format: Vec<Wanted>,
    /// Build every plan, even those whose inputs have not changed since the last build.
    #[arg(long)]
    pub force: bool,
    /// Treat warnings as errors: a plan with warnings is not built.
    #[arg(long)]
    pub strict: bool,
    /// The date to use as today for date rules, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
    /// How to show problems: human, short, json, github or sarif.
    #[arg(long, value_enum, default_value = "human")]
    pub diagnostics: crate::diagnostic::Format,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: super::check::ColorChoice,
    /// Build only share K of N of the plans (by plan id, the same share every time), for a
    /// build split across CI runners: `--shard 1/4` ... `--shard 4/4` together make what one
    /// build makes. The other plans are left alone.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
}

/// Reads `--shard K/N`.
fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let bad = || format!("`{s}` is not a shard: write K/N, for example 1/4 (K from 1 to N)");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (u64, u64) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// True when the plan `id` is in share `k` of `n`: a stable hash of the id (FNV-1a), so every
/// runner agrees without talking to the others.
pub fn in_shard(id: &str, (k, n): (u64, u64)) -> bool {
    use std::hash::Hasher as _;
    let mut h = fnv::FnvHasher::default();
    h.write(id.as_bytes());
    h.finish() % n == k - 1
}

/// A format asked for on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    One(Format),
    All,
}

/// Reads `--format`, and offers its words to shells (not file names).
#[derive(Clone)]
struct FormatParser;

impl TypedValueParser for FormatParser {
    type Value = Wanted;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Wanted, clap::Error> {
        let parse: fn(&str) -> Result<Wanted, String> = parse_format;
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let words = Format::ALL.iter().map(|f| f.word()).chain(["all"]);
        Some(Box::new(words.map(clap::builder::PossibleValue::new)))
    }
}

fn parse_format(s: &str) -> Result<Wanted, String> {
    match s.trim() {
        "all" => Ok(Wanted::All),
        w => Format::from_word(w).map(Wanted::One).ok_or_else(|| {
            format!("`{w}` is not a format: use html, large-print, easy-read or all")
        }),
    }
}

impl BuildArgs {
    fn check_args(&self) -> CheckArgs {
        CheckArgs {
            paths: self.paths.clone(),
            stdin_filename: None,
            format: self.diagnostics,
            strict: self.strict,
            today: self.today,
            sharing: false,
            color: self.color,
            no_cache: false,
        }
    }
}

/// The result of building each plan, by file.
pub type Results = Vec<(String, Result<Outcome, String>)>;

/// Builds every checked plan that has no errors into `out_dir`. Err: the templates or styles
/// themselves are broken, so nothing could be built.
pub fn build_checked(
    checked: &Checked,
    out_dir: &Path,
    strict: bool,
    force: bool,
    formats: &Formats,
    today: jiff::civil::Date,
) -> Result<Results, Box<Diagnostic>> {
    let today = today.to_string();
    let assets = Assets::for_project(&checked.project.root)?;
    let html = HtmlRenderer::new(&assets).map_err(|e| {
        Box::new(
            Diagnostic::error("template", Path::new(crate::render::html::PAGE), e)
                .hint("fix the template, or remove it to use the built-in one"),
        )
    })?;
    let pdf = pdf_renderer(&assets).map_err(|e| {
        Box::new(Diagnostic::error("template", Path::new("templates"), e).hint(
            "fix the PDF template or the pictures list, or remove yours to use the built-in ones",
        ))
    })?;
    let language = checked.project.settings.language();
    let builder = Builder {
        assets: &assets,
        html,
        pdf: &pdf,
        settings: &checked.project.settings,
        formats,
        language: &language,
    };
    let assets_print = assets.fingerprint();
    let progress = Progress::new(checked.plans.len());
    let results: Results = crate::threads::on_threads(&checked.plans, |loaded| {
        let blocked = loaded.diags.iter().any(|d| d.severity == Severity::Error)
            || (strict && !loaded.diags.is_empty());
        let result = match (&loaded.plan, blocked) {
            _ if loaded.skipped => Ok(Outcome::Skipped),
            (Some(plan), false) => {
                let print = fingerprint(&loaded.source, builder.settings, &assets_print, formats);
                let old = Stamp::read(out_dir, &loaded.id);
                let clean = loaded.diags.is_empty();
                let record = |files: Vec<String>| {
                    Stamp {
                        print: print.clone(),
                        today: today.clone(),
                        clean,
                        files,
                    }
                    .write(out_dir, &loaded.id)
                    .map_err(|e| format!("the build record could not be written: {e}"))
                };
                match old {
                    // Checked again (another day, or it has warnings), but its copies are
                    // as they were: only the record changes.
                    Some(old) if !force && old.copies_fresh(out_dir, &loaded.id, &print) => {
                        record(old.files).map(|()| Outcome::Skipped)
                    }
                    _ => build_one(&builder, loaded, plan, out_dir).and_then(|(notes, files)| {
                        record(files)?;
                        Ok(Outcome::Built(notes))
                    }),
                }
            }
            _ => {
                // A copy made before for someone who must not be contacted goes now, broken
                // plan or not.
                let mut removed = Vec::new();
                if let Some(plan) = &loaded.plan
                    && out_dir.join(STAMPS).join(&loaded.id).is_file()
                {
                    for (_, folder) in views::refused(plan) {
                        let dir = out_dir.join(&loaded.id).join(&folder);
                        if dir.is_dir() && std::fs::remove_dir_all(&dir).is_ok() {
                            removed.push(folder);
                        }
                    }
                }
                // Say what is still there from before: if the fix takes someone off the
                // sharing list, their old copy stays until the plan builds again.
                let old = copies_in(&out_dir.join(&loaded.id));
                let has_errors = loaded.diags.iter().any(|d| d.severity == Severity::Error);
                let why = if has_errors {
                    "not built: fix the errors above first"
                } else {
                    "not built: with --strict, warnings stop a build too; fix the warnings above first"
                };
                let why = if removed.is_empty() {
                    why.to_string()
                } else {
                    format!(
                        "{why}. Removed the copy in {}: they must not be contacted",
                        removed
                            .iter()
                            .map(|c| format!("{c}/"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                Err(if old.is_empty() {
                    why
                } else {
                    format!(
                        "{why}. The copies for other people from its last build are still there until it builds again: {}",
                        old.iter()
                            .map(|c| format!("{c}/"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
            }
        };
        progress.tick();
        (loaded.path.display().to_string(), result)
    });
    progress.finish();
    if results
        .iter()
        .any(|(_, r)| matches!(r, Ok(Outcome::Built(_))))
    {
        crate::output::tidy_shared(out_dir);
    }
    Ok(results)
}

/// The formats the command line names (`--format`), or the default.
fn formats_from_args(wanted: &[Wanted]) -> Formats {
    if wanted.is_empty() {
        Formats::Default
    } else if wanted.contains(&Wanted::All) {
        Formats::These(Format::ALL.to_vec())
    } else {
        let mut f: Vec<Format> = wanted
            .iter()
            .filter_map(|w| match w {
                Wanted::One(f) => Some(*f),
                Wanted::All => None,
            })
            .collect();
        f.sort();
        f.dedup();
        Formats::These(f)
    }
}

pub fn run(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    if args.paths.iter().any(|p| p == Path::new("-")) {
        return super::usage_error(
            "build makes copies of plan files, and `-` (standard input) is not one",
            "save the plan in the plans folder, or check it with `ourplan check -`",
        );
    }
    let check_args = args.check_args();
    let formats = formats_from_args(&args.format);
    let today = check_args
        .today
        .unwrap_or_else(|| jiff::Zoned::now().date());
    // Plans whose inputs are as they were at their last good build are not read again.
    let assets_print = std::sync::OnceLock::new();
    let unchanged = |project: &crate::settings::Project, file: &Path, source: &str| {
        // Another runner builds the plans of the other shards.
        if let Some(shard) = args.shard
            && !in_shard(&crate::load::plan_id(file), shard)
        {
            return true;
        }
        if args.force {
            return false;
        }
        let print = assets_print.get_or_init(|| {
            Assets::for_project(&project.root).map_or_else(|_| String::new(), |a| a.fingerprint())
        });
        let out_dir = args.out.clone().unwrap_or_else(|| project.output_dir());
        let id = crate::load::plan_id(file);
        needs_no_check(
            &out_dir,
            &id,
            &fingerprint(source, &project.settings, print, &formats),
            &today.to_string(),
        )
    };
    let checked = match super::check::run_checks_skipping(&check_args, &unchanged) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let sources = checked.sources();
    let diags: Vec<Diagnostic> = checked.all_diags().cloned().collect();
    print_diags(&diags, &check_args, &sources);
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| checked.project.output_dir());
    // The copies need a folder of their own: never the project, or one holding the plans.
    let claim = match claim_out_dir(&out_dir, &checked.project, &args.paths) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let results = match build_checked(&checked, &out_dir, args.strict, args.force, &formats, today)
    {
        Ok(r) => r,
        Err(d) => {
            print_diags(&[*d], &check_args, &HashMap::new());
            return ExitCode::from(super::exit::USAGE);
        }
    };
    // A plan taken out of the project takes its copies with it: they hold personal data.
    // Only when the whole plans folder was read without trouble, so nothing is taken for gone
    // that could not be seen.
    if args.paths.is_empty()
        && claim.may_prune
        && !checked.other.iter().any(|d| d.severity == Severity::Error)
    {
        let ids: std::collections::HashSet<&str> =
            checked.plans.iter().map(|l| l.id.as_str()).collect();
        for gone in gone_plans(&out_dir, &ids) {
            eprintln!(
                "removed {}/: its plan is no longer in the plans folder",
                out_dir.join(&gone).display()
            );
        }
    }
    let mut built = 0;
    let mut skipped = 0;
    let mut failures = 0;
    for (path, r) in &results {
        match r {
            Ok(Outcome::Skipped) => skipped += 1,
            Ok(Outcome::Built(notes)) => {
                built += 1;
                for n in notes {
                    eprintln!("{path}: {n}");
                }
            }
            Err(e) => {
                failures += 1;
                eprintln!("{path}: {e}");
            }
        }
    }
    drop(claim);
    eprintln!(
        "built {built}, skipped {skipped} ({}), failed {failures}, in {:.2} s: {}",
        if args.shard.is_some() {
            "unchanged, or in another shard"
        } else {
            "unchanged"
        },
        started.elapsed().as_secs_f64(),
        out_dir.display(),
    );
    if failures > 0 || failed(&checked.other, args.strict) {
        ExitCode::from(super::exit::PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks that `out_dir` may hold the copies of `project`'s plans (those in `paths`, or its
/// plans folder) and takes it for this build: see [`crate::output::check_out_dir`] and
/// [`crate::output::Claim::take`]. Says what was tidied after a build that was stopped. Err:
/// the exit code, the problem said.
pub fn claim_out_dir(
    out_dir: &Path,
    project: &crate::settings::Project,
    paths: &[PathBuf],
) -> Result<crate::output::Claim, ExitCode> {
    let mut plans = paths.to_vec();
    plans.push(project.plans_dir());
    crate::output::check_out_dir(out_dir, &project.root, &plans)
        .and_then(|()| crate::output::Claim::take(out_dir, &project.root))
        .inspect(|claim| {
            if let Some(line) = &claim.tidied {
                eprintln!("{line}");
            }
        })
        .map_err(|(message, hint)| super::usage_error(&message, &hint))
}

/// What changed since the last review, for "What is new in your plan" (`whats_new = true`).
pub fn news(loaded: &crate::load::Loaded, settings: &Settings) -> Vec<String> {
    if !settings.whats_new {
        return Vec::new();
    }
    match super::changes::compare(&loaded.path, &loaded.source, None) {
        Ok(super::changes::Compared::Changes(_, changes, _)) => {
            // "What is new" is in the person's own copy, so in their language.
            let lang = loaded.plan.as_ref().map_or("en-GB", |p| p.language());
            let w = settings.words.words(lang, false);
            changes
                .iter()
                .map(|c| super::changes::plain_change(c, w))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Builds one plan's folder; returns warnings and notes about copies that were removed, and
/// the files written (inside the folder).
fn build_one(
    builder: &Builder,
    loaded: &crate::load::Loaded,
    plan: &Plan,
    out_dir: &Path,
) -> Result<(Vec<String>, Vec<String>), String> {
    let id = loaded.id.as_str();
    let (files, mut notes) = builder.files(plan, id, &news(loaded, builder.settings))?;
    let before = copies_in(&out_dir.join(id));
    timings::time(Stage::Write, || write_folder(out_dir, id, &files))
        .map_err(|e| format!("the copies could not be written: {e}"))?;
    let after = copies_in(&out_dir.join(id));
    notes.extend(
        before
            .into_iter()
            .filter(|c| !after.contains(c))
            .map(|c| format!("removed the copy in {c}/: it is no longer shared")),
    );
    Ok((notes, files.into_iter().map(|f| f.rel).collect()))
}

/// A progress bar (indicatif) on a terminal, for long builds; nothing otherwise, so the
/// summary stays one line in logs and pipes. No colour, so `NO_COLOR` has nothing to turn off.
struct Progress {
    bar: indicatif::ProgressBar,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal as _;
        let bar = if total >= 20 && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("[{bar:30}] {pos}/{len} plans, {eta} left")
            {
                bar.set_style(style.progress_chars("#> "));
            }
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        Progress { bar }
    }

    fn tick(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
