//! `ourplan serve [PATH ...]`: a live preview for writing a plan with the person. It builds the
//! plans, serves the output folder on 127.0.0.1, rebuilds when a plan, template or style is
//! saved, and the open page reloads itself. Problems found by `check` are shown at the top of
//! the page in plain words with their line numbers. A broken plan keeps its last good copy,
//! and the preview recovers as soon as the plan is fixed.
//!
//! This file rebuilds and keeps what the pages show; [`watch`] sees the saves, [`http`]
//! serves the pages (hyper), [`page`] adds the problems and the reload script to them. The
//! pages are made again in memory with the page template's preview hooks filled (see
//! [`crate::render::html`]), so a team's own `page.html` reloads too; the files on disk are
//! never changed.

mod http;
mod page;
mod watch;

use std::collections::HashMap;
use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::cmd::build::build_checked;
use crate::cmd::check::{CheckArgs, run_checks_skipping};
use crate::diagnostic::Severity;
use crate::render::html::{HtmlRenderer, Preview};
use crate::views::{self, Audience, Variant};
use watch::{watch, watched};

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Plan files or folders. Default: the plans folder of the project here.
    pub paths: Vec<PathBuf>,
    /// The port. Default: a free one, printed at the start.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The address to listen on. Only change this if you know who else can reach it.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Where to write the copies. Default: the project's output folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// A problem, ready to show on the page.
#[derive(Debug, Clone)]
struct Problem {
    error: bool,
    line: u32,
    message: String,
    hint: Option<String>,
}

#[derive(Debug, Default)]
struct State {
    /// Goes up by one at each rebuild; the page reloads when it changes.
    version: u64,
    /// Told each new version, for the pages waiting on it (`/_ourplan/version?seen=V`).
    changes: tokio::sync::watch::Sender<u64>,
    /// Plan id, file, and its problems.
    plans: Vec<(String, String, Vec<Problem>)>,
    /// Problems not tied to one plan (a broken template, say).
    general: Vec<String>,
    /// The web pages, made with the preview hooks filled, by their path in the output folder
    /// (`sam/index.html`, `sam/for-jo-taylor/index.html`). A plan that is broken now keeps
    /// those of its last good version, as its copies on disk do.
    pages: HashMap<String, String>,
}

/// Where the problems go in a page made for the preview: replaced at each request, as the
/// problems change while the last good page stays.
const BANNER_MARK: &str = "<!--ourplan-preview-banner-->";

/// The reload script's tag, put before `</body>` by the preview hook.
const SCRIPT_TAG: &str = "<script src=\"/_ourplan/reload.js\"></script>\n";

/// What the page template's preview hooks hold in the preview.
fn preview_hooks() -> Preview {
    Preview {
        csp: "script-src 'self'; connect-src 'self'; ".into(),
        banner: BANNER_MARK.into(),
        script: SCRIPT_TAG.into(),
    }
}

/// The web pages of the plans that build, made as `build` makes them but with the preview
/// hooks filled, by path in the output folder.
fn preview_pages(checked: &crate::cmd::check::Checked) -> Result<Vec<(String, String)>, String> {
    let assets =
        crate::assets::Assets::for_project(&checked.project.root).map_err(|d| d.message.clone())?;
    let html = HtmlRenderer::new(&assets)?.with_preview(preview_hooks());
    let settings = &checked.project.settings;
    let language = settings.language();
    let formats = crate::copies::Formats::Default;
    let mut pages = Vec::new();
    for loaded in &checked.plans {
        let Some(plan) = &loaded.plan else { continue };
        if loaded.diags.iter().any(|d| d.severity == Severity::Error) {
            continue;
        }
        let id = loaded.id.as_str();
        let news = crate::cmd::build::news(loaded, settings);
        let mut copies = vec![(Audience::Person, String::new(), formats.for_person(plan))];
        for (share, slug) in views::recipients(plan) {
            copies.push((
                Audience::Recipient(share),
                slug,
                formats.for_recipient(share),
            ));
        }
        for (audience, folder, formats) in copies {
            if !formats.contains(&crate::plan::Format::Html) {
                continue;
            }
            let mut doc = views::build(
                plan,
                id,
                audience,
                Variant::from(crate::plan::Format::Html),
                settings,
                &assets,
                &language,
            );
            if folder.is_empty() {
                views::add_news(&mut doc, &news);
            }
            doc.copy = folder.clone();
            // The same links to the copy's other forms as the built page.
            doc.other_copies = crate::copies::other_copies(
                id,
                &folder,
                &formats,
                audience,
                doc.labels,
                "index.html",
            );
            let rel = if folder.is_empty() {
                format!("{id}/index.html")
            } else {
                format!("{id}/{folder}/index.html")
            };
            pages.push((rel, html.render(&doc, "")?));
        }
    }
    Ok(pages)
}

type Shared = Arc<Mutex<State>>;

fn check_args(args: &ServeArgs) -> CheckArgs {
    CheckArgs::quiet(args.paths.clone())
}

/// What the last rebuild learnt of each plan, so that the next leaves the plans that have not
/// changed alone: a save re-checks and re-makes the page of the saved plan only, not of every
/// plan in the project.
#[derive(Debug, Default)]
struct Memo {
    /// What every plan's check depends on besides its own text: the settings, the templates
    /// and styles, and the day (rules about dates). When this changes, every plan is checked.
    inputs: String,
    /// By plan file: its text when it was checked, and the problems found in it.
    plans: HashMap<PathBuf, (String, Vec<Problem>)>,
}

/// What a plan's check depends on besides its own text (see [`Memo::inputs`]).
fn inputs_print(project: &crate::settings::Project, today: jiff::civil::Date) -> String {
    let assets = crate::assets::Assets::for_project(&project.root)
        .map_or_else(|d| format!("broken: {}", d.message), |a| a.fingerprint());
    format!(
        "{today}\n{assets}\n{}",
        serde_json::to_string(&project.settings).unwrap_or_default()
    )
}

/// Checks the plans that changed since the last rebuild, shows their new pages at once (the
/// browser reloads then), and then builds their copies on disk, PDFs too.
fn rebuild(args: &ServeArgs, out_dir: &Path, state: &Shared, memo: &Mutex<Memo>) {
    // One rebuild at a time: a save during one is taken up by the next.
    let mut memo = memo.lock().unwrap_or_else(|e| e.into_inner());
    let today = jiff::Zoned::now().date();
    let inputs = std::sync::OnceLock::new();
    let unchanged = |project: &crate::settings::Project, file: &Path, source: &str| {
        let now = inputs.get_or_init(|| inputs_print(project, today));
        *now == memo.inputs && memo.plans.get(file).is_some_and(|(old, _)| old == source)
    };
    let started = std::time::Instant::now();
    let checked = run_checks_skipping(&check_args(args), &unchanged);
    let mut plans = Vec::new();
    let mut general = Vec::new();
    let mut made = Vec::new();
    if let Ok(checked) = &checked {
        let mut seen = HashMap::new();
        let mut fresh = 0;
        for loaded in &checked.plans {
            let problems: Vec<Problem> = if loaded.skipped {
                memo.plans
                    .get(&loaded.path)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_default()
            } else {
                fresh += 1;
                loaded
                    .diags
                    .iter()
                    .map(|d| Problem {
                        error: d.severity == Severity::Error,
                        line: d.span.map_or(1, |s| s.line),
                        message: d.message.clone(),
                        hint: d.hint.clone(),
                    })
                    .collect()
            };
            // A plan whose problems rest on another file (two plans with one name) is not
            // kept: when that file goes, its text is the same but the problem is gone.
            let alone = !loaded.diags.iter().any(|d| d.rule == "duplicate-plan-id");
            if loaded.skipped || alone {
                seen.insert(
                    loaded.path.clone(),
                    (loaded.source.clone(), problems.clone()),
                );
            }
            plans.push((
                loaded.id.clone(),
                loaded.path.display().to_string(),
                problems,
            ));
        }
        memo.plans = seen;
        memo.inputs = inputs.get().cloned().unwrap_or_default();
        general.extend(checked.other.iter().map(|d| d.message.clone()));
        made = preview_pages(checked).unwrap_or_else(|e| {
            general.push(format!("The preview could not make the pages: {e}"));
            Vec::new()
        });
        eprintln!(
            "Checked {fresh} of {} plan{} ({} not changed) in {} ms.",
            checked.plans.len(),
            if checked.plans.len() == 1 { "" } else { "s" },
            checked.plans.len() - fresh,
            started.elapsed().as_millis()
        );
    } else {
        // Next time, every plan is checked again.
        memo.inputs.clear();
        general.push("The plans could not be read. Check the settings file.".into());
    }
    show(state, plans, general.clone(), made);
    // Then the copies on disk: PDFs take longer than the page, which is already shown.
    let Ok(checked) = &checked else { return };
    let before = general.len();
    // One build at a time in the output folder, this one's or a `build` run beside it.
    match crate::output::Claim::take(out_dir, &checked.project.root) {
        Ok(claim) => {
            if let Some(line) = &claim.tidied {
                eprintln!("{line}");
            }
            if let Err(d) = build_checked(
                checked,
                out_dir,
                false,
                false,
                &crate::copies::Formats::Default,
                today,
            ) {
                general.push(format!("{}: {}", d.file.display(), d.message));
            }
        }
        Err((message, hint)) => general.push(format!("{message}. {hint}")),
    }
    if general.len() > before {
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        s.general = general;
        s.version += 1;
        s.changes.send_replace(s.version);
    }
}

/// Puts a rebuild's problems and pages in the state, and moves the version on (the open
/// pages reload).
fn show(
    state: &Shared,
    plans: Vec<(String, String, Vec<Problem>)>,
    mut general: Vec<String>,
    made: Vec<(String, String)>,
) {
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    // A plan made again replaces all its pages (a copy no longer shared goes); a plan that is
    // broken, or has not changed, keeps its last ones; a plan that is gone takes its pages
    // with it.
    let ids: Vec<&str> = plans.iter().map(|(id, _, _)| id.as_str()).collect();
    let remade: std::collections::HashSet<&str> = made
        .iter()
        .filter_map(|(rel, _)| rel.split('/').next())
        .collect();
    s.pages.retain(|rel, _| {
        let id = rel.split('/').next().unwrap_or("");
        ids.contains(&id) && !remade.contains(id)
    });
    if made.iter().any(|(_, page)| !page.contains(SCRIPT_TAG)) {
        general.push(
            "Your page template (templates/page.html) has no {{ preview.script | safe }} before </body>, so the preview may not update by itself. Add the preview lines from the built-in page.html (see the README)."
                .into(),
        );
    }
    s.pages.extend(made);
    s.version += 1;
    s.changes.send_replace(s.version);
    s.plans = plans;
    s.general = general;
}

pub fn run(args: &ServeArgs) -> ExitCode {
    // The other commands stop quietly when their reader goes away (see `main`). A preview
    // server must not: if the terminal that started it closes, it keeps serving, and a
    // failed write to it is simply ignored.
    #[cfg(unix)]
    // SAFETY: `signal` only changes how this process treats SIGPIPE; no handler code runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let project = match crate::settings::Project::discover(&cwd) {
        Ok(p) => p,
        Err(d) => return super::problem_error(&d),
    };
    let out_dir = args.out.clone().unwrap_or_else(|| project.output_dir());
    // What `build` refuses, `serve` refuses too.
    let mut plans = args.paths.clone();
    plans.push(project.plans_dir());
    if let Err((message, hint)) = crate::output::check_out_dir(&out_dir, &project.root, &plans) {
        return super::usage_error(&message, &hint);
    }
    let listener = match TcpListener::bind((args.bind, args.port)) {
        Ok(l) => l,
        Err(e) => {
            return super::usage_error(
                &format!("cannot listen on {}:{}: {e}", args.bind, args.port),
                "choose another port with --port",
            );
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => return super::usage_error(&format!("no address: {e}"), ""),
    };
    let state: Shared = Arc::default();
    let memo: Arc<Mutex<Memo>> = Arc::default();
    let roots = watched(args, &project.root);
    // Watching starts before the first build: an edit saved while it runs is still seen.
    {
        let (args, out_dir, state, root, memo) = (
            args.clone(),
            out_dir.clone(),
            state.clone(),
            project.root.clone(),
            memo.clone(),
        );
        let (ready, watching) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            watch(roots, root, ready, || {
                rebuild(&args, &out_dir, &state, &memo)
            })
        });
        let _ = watching.recv_timeout(Duration::from_secs(10));
    }
    rebuild(args, &out_dir, &state, &memo);
    // One write, and a closed terminal or pipe is not a reason to stop serving: `println!`
    // would panic on a closed pipe and take the preview down with it.
    let _ = write!(
        std::io::stdout().lock(),
        "Preview: http://{addr}/\nLeave this running. Save a plan and the page updates. Press Ctrl+C to stop.\n"
    );
    let _ = std::io::stdout().flush();
    let site = http::Site {
        state,
        out_dir,
        loopback_only: args.bind.is_loopback(),
    };
    if let Err(e) = http::serve(listener, site) {
        return super::usage_error(&format!("the preview could not start: {e}"), "");
    }
    ExitCode::SUCCESS
}
