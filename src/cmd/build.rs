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
use crate::rules::slugify;
use crate::settings::Settings;
use crate::views::{self, Audience, Variant};

#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Where to write the copies. Default: the project's output folder (`out`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Everything needed to build one plan, shared by all plans of a run.
pub struct Builder<'a> {
    pub assets: &'a Assets,
    pub html: HtmlRenderer,
    pub settings: &'a Settings,
}

impl Builder<'_> {
    /// Every file of one plan's folder.
    pub fn files(&self, plan: &Plan, id: &str) -> Result<Vec<OutFile>, String> {
        let mut files = Vec::new();
        let doc = views::build(
            plan,
            id,
            Audience::Person,
            Variant::Standard,
            self.settings,
            self.assets,
        );
        files.push(OutFile {
            rel: "index.html".into(),
            bytes: self.html.render(&doc, "")?.into_bytes(),
        });
        let mut used = Vec::new();
        for share in &plan.sharing {
            let wants_html =
                share.formats.is_empty() || share.formats.iter().any(|f| f.value == Format::Html);
            if !wants_html || share.sections.is_empty() {
                continue;
            }
            let mut slug = format!("for-{}", slugify(&share.name));
            while used.contains(&slug) {
                slug.push_str("-2");
            }
            used.push(slug.clone());
            let doc = views::build(
                plan,
                id,
                Audience::Recipient(share),
                Variant::Standard,
                self.settings,
                self.assets,
            );
            files.push(OutFile {
                rel: format!("{slug}/index.html"),
                bytes: self.html.render(&doc, "../")?.into_bytes(),
            });
        }
        files.extend(self.web_assets());
        Ok(files)
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
    let results: Vec<(String, Result<(), String>)> = checked
        .plans
        .par_iter()
        .map(|loaded| {
            let blocked = loaded.diags.iter().any(|d| d.severity == Severity::Error)
                || (args.check.strict && !loaded.diags.is_empty());
            let result = match (&loaded.plan, blocked) {
                (Some(plan), false) => builder.files(plan, &loaded.id).and_then(|files| {
                    write_folder(&out_dir, &loaded.id, &files)
                        .map(|_| ())
                        .map_err(|e| format!("the copies could not be written: {e}"))
                }),
                _ => Err("not built: fix the errors above first".to_string()),
            };
            (loaded.path.display().to_string(), result)
        })
        .collect();
    let mut built = 0;
    let mut failures = 0;
    for (path, r) in &results {
        match r {
            Ok(()) => built += 1,
            Err(e) => {
                failures += 1;
                eprintln!("{path}: {e}");
            }
        }
    }
    eprintln!(
        "built {built} plan{} into {}, {failures} failed, in {:.2} s",
        if built == 1 { "" } else { "s" },
        out_dir.display(),
        started.elapsed().as_secs_f64()
    );
    if failures > 0 || failed(&checked.other, args.check.strict) {
        ExitCode::from(super::exit::PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}
