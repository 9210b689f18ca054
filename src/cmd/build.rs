//! `ourplan build [PATH ...]`: checks every plan, then writes a self-contained folder per
//! person: `out/<plan-id>/index.html` with its styles and fonts, and a `for-<name>/` copy for
//! each person they chose to share with. Plans with errors are not built; the others are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use super::check::{CheckArgs, failed, print_diags, run_checks};
use crate::assets::Assets;
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{OutFile, write_folder};
use crate::plan::{Format, Plan};
use crate::render::html::HtmlRenderer;
use crate::settings::Settings;
use crate::views::{self, Audience, Variant};

#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Where to write the copies. Default: the project's output folder (`out`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build every plan, even those whose inputs have not changed since the last build.
    #[arg(long)]
    pub force: bool,
}

/// Where the inputs' fingerprints of the last build are kept, inside the output folder.
const STAMPS: &str = ".ourplan-build";

/// What happened to one plan.
enum Outcome {
    Built(Vec<String>),
    Skipped,
}

/// A fingerprint of everything a plan's copies are made from: the plan, the settings, every
/// template, style, font and picture, and this version of ourplan.
fn fingerprint(source: &str, settings: &Settings, assets_print: u64) -> String {
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&(source, env!("CARGO_PKG_VERSION"), assets_print), &mut h);
    std::hash::Hash::hash(&serde_json::to_string(settings).unwrap_or_default(), &mut h);
    format!("{:016x}", std::hash::Hasher::finish(&h))
}

/// Everything needed to build one plan, shared by all plans of a run.
pub struct Builder<'a> {
    pub assets: &'a Assets,
    pub html: HtmlRenderer,
    pub settings: &'a Settings,
}

impl Builder<'_> {
    /// Every file of one plan's folder: the person's own copy at the top, and a `for-<name>/`
    /// folder for each person they share with.
    pub fn files(&self, plan: &Plan, id: &str) -> Result<Vec<OutFile>, String> {
        let mut files = Vec::new();
        self.copy(plan, id, Audience::Person, "", &[Format::Html], &mut files)?;
        for (share, slug) in views::recipients(plan) {
            let formats = views::recipient_formats(share);
            self.copy(
                plan,
                id,
                Audience::Recipient(share),
                &slug,
                &formats,
                &mut files,
            )?;
        }
        files.extend(self.web_assets());
        Ok(files)
    }

    /// One audience's copy, in `folder` ("" for the top), in each of `formats`.
    fn copy(
        &self,
        plan: &Plan,
        id: &str,
        audience: Audience,
        folder: &str,
        formats: &[Format],
        files: &mut Vec<OutFile>,
    ) -> Result<(), String> {
        let (prefix, root) = if folder.is_empty() {
            (String::new(), "")
        } else {
            (format!("{folder}/"), "../")
        };
        for format in formats {
            if *format == Format::Html {
                let doc = views::build(
                    plan,
                    id,
                    audience,
                    Variant::Standard,
                    self.settings,
                    self.assets,
                );
                files.push(OutFile {
                    rel: format!("{prefix}index.html"),
                    bytes: self.html.render(&doc, root)?.into_bytes(),
                });
            }
        }
        Ok(())
    }

    fn web_assets(&self) -> Vec<OutFile> {
        let mut out = Vec::new();
        if let Some(css) = self.assets.get("styles/ourplan.css") {
            out.push(OutFile {
                rel: "ourplan.css".into(),
                bytes: css.to_vec(),
            });
        }
        for (name, bytes) in self.assets.under("styles/fonts") {
            let web_font = name.starts_with("AtkinsonHyperlegibleNext-Regular")
                || name.starts_with("AtkinsonHyperlegibleNext-Bold.")
                || name == "OFL.txt";
            if web_font {
                out.push(OutFile {
                    rel: format!("fonts/{name}"),
                    bytes: bytes.to_vec(),
                });
            }
        }
        out
    }
}

pub fn run(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let checked = match run_checks(&args.check) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let sources: HashMap<&Path, &str> = checked
        .plans
        .iter()
        .map(|p| (p.path.as_path(), p.source.as_str()))
        .collect();
    let diags: Vec<Diagnostic> = checked.all_diags().cloned().collect();
    print_diags(&diags, &args.check, &sources);
    let assets = match Assets::for_project(&checked.project.root) {
        Ok(a) => a,
        Err(d) => {
            print_diags(&[*d], &args.check, &HashMap::new());
            return ExitCode::from(super::exit::USAGE);
        }
    };
    let html = match HtmlRenderer::new(&assets) {
        Ok(h) => h,
        Err(e) => return super::usage_error(&e, "check your templates/page.html"),
    };
    let builder = Builder {
        assets: &assets,
        html,
        settings: &checked.project.settings,
    };
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| checked.project.output_dir());
    let assets_print = assets.fingerprint();
    let progress = Progress::new(checked.plans.len());
    let results: Vec<(String, Result<Outcome, String>)> = checked
        .plans
        .par_iter()
        .map(|loaded| {
            let blocked = loaded.diags.iter().any(|d| d.severity == Severity::Error)
                || (args.check.strict && !loaded.diags.is_empty());
            let result = match (&loaded.plan, blocked) {
                (Some(plan), false) => {
                    let print = fingerprint(&loaded.source, builder.settings, assets_print);
                    let stamp = out_dir.join(STAMPS).join(&loaded.id);
                    let fresh = !args.force
                        && out_dir.join(&loaded.id).join("index.html").is_file()
                        && std::fs::read_to_string(&stamp).is_ok_and(|s| s == print);
                    if fresh {
                        Ok(Outcome::Skipped)
                    } else {
                        build_one(&builder, plan, &loaded.id, &out_dir).and_then(|notes| {
                            std::fs::create_dir_all(out_dir.join(STAMPS))
                                .and_then(|()| std::fs::write(&stamp, &print))
                                .map_err(|e| {
                                    format!("the build record could not be written: {e}")
                                })?;
                            Ok(Outcome::Built(notes))
                        })
                    }
                }
                _ => Err("not built: fix the errors above first".to_string()),
            };
            progress.tick();
            (loaded.path.display().to_string(), result)
        })
        .collect();
    progress.finish();
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
    eprintln!(
        "built {built}, skipped {skipped} (unchanged), failed {failures}, in {:.2} s: {}",
        started.elapsed().as_secs_f64(),
        out_dir.display(),
    );
    if failures > 0 || failed(&checked.other, args.check.strict) {
        ExitCode::from(super::exit::PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}

/// The recipient folders (`for-…`) in a plan's output folder.
fn copies_in(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("for-"))
        .collect();
    out.sort();
    out
}

/// Builds one plan's folder; returns notes about copies that were removed.
fn build_one(
    builder: &Builder,
    plan: &Plan,
    id: &str,
    out_dir: &Path,
) -> Result<Vec<String>, String> {
    let files = builder.files(plan, id)?;
    let before = copies_in(&out_dir.join(id));
    write_folder(out_dir, id, &files)
        .map_err(|e| format!("the copies could not be written: {e}"))?;
    let after = copies_in(&out_dir.join(id));
    Ok(before
        .into_iter()
        .filter(|c| !after.contains(c))
        .map(|c| format!("removed the copy in {c}/: it is no longer shared"))
        .collect())
}

/// A one-line progress count on a terminal, for long builds; silent otherwise.
struct Progress {
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    show: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal as _;
        Progress {
            total,
            done: std::sync::atomic::AtomicUsize::new(0),
            show: total >= 20 && std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if self.show && (n % 10 == 0 || n == self.total) {
            let width = 30;
            let filled = n * width / self.total.max(1);
            eprint!(
                "\r[{}{}] {n}/{} plans",
                "#".repeat(filled),
                " ".repeat(width - filled),
                self.total
            );
        }
    }

    fn finish(&self) {
        if self.show {
            eprintln!();
        }
    }
}
