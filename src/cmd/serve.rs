//! `ourplan serve [PATH ...]`: a live preview for writing a plan with the person. It builds the
//! plans, serves the output folder on 127.0.0.1, rebuilds when a plan, template or style is
//! saved, and the open page reloads itself. Problems found by `check` are shown at the top of
//! the page in plain words with their line numbers. A broken plan keeps its last good copy,
//! and the preview recovers as soon as the plan is fixed.
//!
//! Saves are seen by `notify` (inotify and the like), debounced by `notify-debouncer-mini`;
//! only when the system cannot watch files does it look at them every 250 ms. The pages are
//! made again in memory with the page template's preview hooks filled (see
//! [`crate::render::html`]), so a team's own `page.html` reloads too; the files on disk are
//! never changed. The HTTP side is small and written here on purpose: `tiny_http` 0.12 reads
//! a request line and headers of any length into memory and starts a thread for every
//! connection, the two attacks this server must bound (16 KB head, 64 connections).

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{IpAddr, Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::build::build_checked;
use super::check::{CheckArgs, ColorChoice, run_checks};
use crate::diagnostic::{Format, Severity};
use crate::render::html::{HtmlRenderer, Preview};
use crate::render::markdown::escape;
use crate::views::{self, Audience, Variant};

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
fn preview_pages(checked: &super::check::Checked) -> Result<Vec<(String, String)>, String> {
    let assets =
        crate::assets::Assets::for_project(&checked.project.root).map_err(|d| d.message.clone())?;
    let html = HtmlRenderer::new(&assets)?.with_preview(preview_hooks());
    let settings = &checked.project.settings;
    let language = settings.language();
    let formats = super::build::Formats::Default;
    let mut pages = Vec::new();
    for loaded in &checked.plans {
        let Some(plan) = &loaded.plan else { continue };
        if loaded.diags.iter().any(|d| d.severity == Severity::Error) {
            continue;
        }
        let id = loaded.id.as_str();
        let news = super::build::news(loaded, settings);
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
            doc.other_copies = super::build::other_copies(
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
    CheckArgs {
        paths: args.paths.clone(),
        stdin_filename: None,
        format: Format::Human,
        strict: false,
        today: None,
        sharing: false,
        color: ColorChoice::Never,
    }
}

/// Checks and builds everything, and records what the page should show.
fn rebuild(args: &ServeArgs, out_dir: &Path, state: &Shared) {
    let mut plans = Vec::new();
    let mut general = Vec::new();
    let checked = run_checks(&check_args(args));
    match &checked {
        Ok(checked) => {
            for loaded in &checked.plans {
                let problems = loaded
                    .diags
                    .iter()
                    .map(|d| Problem {
                        error: d.severity == Severity::Error,
                        line: d.span.map_or(1, |s| s.line),
                        message: d.message.clone(),
                        hint: d.hint.clone(),
                    })
                    .collect();
                plans.push((
                    loaded.id.clone(),
                    loaded.path.display().to_string(),
                    problems,
                ));
            }
            general.extend(checked.other.iter().map(|d| d.message.clone()));
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
                        &super::build::Formats::Default,
                        jiff::Zoned::now().date(),
                    ) {
                        general.push(format!("{}: {}", d.file.display(), d.message));
                    }
                }
                Err((message, hint)) => general.push(format!("{message}. {hint}")),
            }
        }
        Err(_) => general.push("The plans could not be read. Check the settings file.".into()),
    }
    let made = match &checked {
        Ok(checked) => preview_pages(checked).unwrap_or_else(|e| {
            general.push(format!("The preview could not make the pages: {e}"));
            Vec::new()
        }),
        Err(_) => Vec::new(),
    };
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    // A plan made again replaces all its pages (a copy no longer shared goes); a plan that is
    // broken keeps its last good ones; a plan that is gone takes its pages with it.
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
    s.plans = plans;
    s.general = general;
}

/// The files and folders whose changes mean a rebuild: the plans, templates, styles and
/// settings.
fn watched(args: &ServeArgs, root: &Path) -> Vec<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut roots: Vec<PathBuf> = if args.paths.is_empty() {
        vec![root.join("plans")]
    } else {
        args.paths.iter().map(|p| cwd.join(p)).collect()
    };
    roots.push(root.join("templates"));
    roots.push(root.join("styles"));
    roots.push(root.join(crate::settings::FILE_NAME));
    roots
}

/// What the watched files look like now: names, sizes and times changed. Used only when the
/// system cannot tell us of changes.
fn snapshot(roots: &[PathBuf]) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    for r in roots {
        for e in walkdir::WalkDir::new(r)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(m) = e.metadata()
                && m.is_file()
            {
                out.push((e.path().to_path_buf(), m.len(), m.modified().ok()));
            }
        }
    }
    out
}

/// True when a change at `path` is one of `roots` or inside one, and is not an editor's
/// hidden working file (`.sam.yaml.swp`) or backup (`sam.yaml~`).
fn matters(path: &Path, roots: &[PathBuf]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    roots.iter().any(|r| path.starts_with(r))
}

/// Calls `changed` after each burst of saves to the watched files (editors write a file in
/// several steps: one rebuild for them all). With `notify` when the system can tell us of
/// changes; else by looking every 250 ms. Says on `ready` when it is watching. Never returns.
fn watch(
    roots: Vec<PathBuf>,
    root: PathBuf,
    ready: std::sync::mpsc::Sender<()>,
    changed: impl Fn(),
) {
    let (tx, rx) = std::sync::mpsc::channel();
    let watching = notify_debouncer_full::new_debouncer(Duration::from_millis(150), None, tx)
        .map_err(|e| e.to_string())
        .and_then(|mut debouncer| {
            // The project folder itself (not below it) sees `templates/`, `styles/` or
            // `ourplan.toml` appear; each watched folder is watched all the way down; a plan
            // file named on the command line is seen through its folder, as editors often
            // save by writing a new file and renaming it over the old one.
            debouncer
                .watch(&root, notify::RecursiveMode::NonRecursive)
                .map_err(|e| e.to_string())?;
            for r in &roots {
                if r.is_dir() {
                    debouncer
                        .watch(r, notify::RecursiveMode::Recursive)
                        .map_err(|e| e.to_string())?;
                } else if let Some(parent) = r.parent()
                    && parent.is_dir()
                    && parent != root
                {
                    debouncer
                        .watch(parent, notify::RecursiveMode::NonRecursive)
                        .map_err(|e| e.to_string())?;
                }
            }
            Ok(debouncer)
        });
    // A file written, made, moved or removed; not one read (the build reads every plan).
    let saved = |result: &notify_debouncer_full::DebounceEventResult| {
        result.as_ref().is_ok_and(|events| {
            events.iter().any(|e| {
                !matches!(e.kind, notify::EventKind::Access(_))
                    && e.paths.iter().any(|p| matters(p, &roots))
            })
        })
    };
    match watching {
        Ok(_debouncer) => {
            let _ = ready.send(());
            while let Ok(events) = rx.recv() {
                let mut any = saved(&events);
                // Also what came in while the last build ran: one rebuild for all of it.
                while let Ok(more) = rx.try_recv() {
                    any |= saved(&more);
                }
                if any {
                    changed();
                }
            }
        }
        Err(e) => {
            eprintln!(
                "Cannot watch the files ({e}): looking at them every quarter second instead."
            );
            let mut last = snapshot(&roots);
            let _ = ready.send(());
            loop {
                std::thread::sleep(Duration::from_millis(250));
                let now = snapshot(&roots);
                if now != last {
                    last = now;
                    changed();
                }
            }
        }
    }
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
        Err(d) => return super::usage_error(&d.message, d.hint.as_deref().unwrap_or("")),
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
    let roots = watched(args, &project.root);
    // Watching starts before the first build: an edit saved while it runs is still seen.
    {
        let (args, out_dir, state, root) = (
            args.clone(),
            out_dir.clone(),
            state.clone(),
            project.root.clone(),
        );
        let (ready, watching) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || watch(roots, root, ready, || rebuild(&args, &out_dir, &state)));
        let _ = watching.recv_timeout(Duration::from_secs(10));
    }
    rebuild(args, &out_dir, &state);
    // One write, and a closed terminal or pipe is not a reason to stop serving: `println!`
    // would panic on a closed pipe and take the preview down with it.
    let _ = write!(
        std::io::stdout().lock(),
        "Preview: http://{addr}/\nLeave this running. Save a plan and the page updates. Press Ctrl+C to stop.\n"
    );
    let _ = std::io::stdout().flush();
    // At most this many requests at once: more are turned away, not queued in memory.
    const MOST_AT_ONCE: usize = 64;
    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let loopback_only = args.bind.is_loopback();
    for mut stream in listener.incoming().flatten() {
        use std::sync::atomic::Ordering::SeqCst;
        if busy.fetch_add(1, SeqCst) >= MOST_AT_ONCE {
            busy.fetch_sub(1, SeqCst);
            let _ = respond(
                &mut stream,
                "503 Service Unavailable",
                "text/plain",
                b"Busy\n",
            );
            continue;
        }
        let (state, out_dir, busy) = (state.clone(), out_dir.clone(), busy.clone());
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = handle(stream, &state, &out_dir, loopback_only);
            busy.fetch_sub(1, SeqCst);
        });
    }
    ExitCode::SUCCESS
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}

const RELOAD_JS: &str = "(function () {\n  var seen = null;\n  function poll() {\n    fetch('/_ourplan/version', {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (v) {\n      if (seen !== null && v !== seen) { location.reload(); }\n      seen = v;\n    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });\n  }\n  poll();\n})();\n";

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("ttf") => "font/ttf",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The most a request's first line and headers may take, together.
const MOST_HEAD_BYTES: u64 = 16 * 1024;

/// True when a `Host` header names this machine (`localhost`, `127.0.0.1`, `[::1]`, with any
/// port). A web page the user visits could otherwise reach the preview by a name of its own
/// that points here (DNS rebinding) and read every plan.
fn local_host(host: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                host
            }
        })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn handle(
    mut stream: TcpStream,
    state: &Shared,
    out_dir: &Path,
    loopback_only: bool,
) -> std::io::Result<()> {
    use std::io::Read as _;
    let mut line = String::new();
    let mut host = None;
    {
        let mut reader = BufReader::new((&stream).take(MOST_HEAD_BYTES));
        reader.read_line(&mut line)?;
        // Read the headers too: closing with unread bytes would reset the connection.
        let mut header = String::new();
        loop {
            header.clear();
            if reader.read_line(&mut header)? <= 2 {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.trim().eq_ignore_ascii_case("host")
            {
                host = Some(value.trim().to_string());
            }
        }
        if !line.ends_with('\n') || reader.get_ref().limit() == 0 {
            let said = respond(
                &mut stream,
                "431 Request Header Fields Too Large",
                "text/plain",
                b"Request too large\n",
            );
            // Read what is still coming (into a small buffer, not memory), a bounded amount,
            // so that closing does not reset the connection before the answer is read.
            let _ = stream.shutdown(std::net::Shutdown::Write);
            let _ = std::io::copy(&mut (&stream).take(16 * 1024 * 1024), &mut std::io::sink());
            return said;
        }
    }
    if loopback_only && !host.as_deref().is_some_and(local_host) {
        return respond(
            &mut stream,
            "421 Misdirected Request",
            "text/plain",
            b"This preview answers only to localhost.\n",
        );
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match path {
        "/_ourplan/version" => {
            let v = state.lock().unwrap_or_else(|e| e.into_inner()).version;
            respond(
                &mut stream,
                "200 OK",
                "text/plain",
                v.to_string().as_bytes(),
            )
        }
        "/_ourplan/reload.js" => respond(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes(),
        ),
        "/" => {
            let page = index_page(&state.lock().unwrap_or_else(|e| e.into_inner()));
            respond(
                &mut stream,
                "200 OK",
                "text/html; charset=utf-8",
                page.as_bytes(),
            )
        }
        _ => {
            let Some(file) = safe_path(out_dir, path) else {
                return respond(&mut stream, "404 Not Found", "text/plain", b"Not found\n");
            };
            let bytes = std::fs::read(&file)?;
            if file.extension().is_some_and(|e| e == "html") {
                let rel = out_dir
                    .canonicalize()
                    .ok()
                    .and_then(|root| file.strip_prefix(root).ok().map(Path::to_path_buf))
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let s = state.lock().unwrap_or_else(|e| e.into_inner());
                let page = preview_page(&String::from_utf8_lossy(&bytes), &rel, &s, &file);
                respond(&mut stream, "200 OK", content_type(&file), page.as_bytes())
            } else {
                respond(&mut stream, "200 OK", content_type(&file), &bytes)
            }
        }
    }
}

/// `%XX` sequences decoded; None if the result is not UTF-8 or holds a NUL.
fn percent_decode(s: &str) -> Option<String> {
    let text = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    (!text.contains('\0')).then(|| text.into_owned())
}

/// The file under `root` that a request path names, if it is really inside `root`.
fn safe_path(root: &Path, path: &str) -> Option<PathBuf> {
    // Browsers send names in other scripts (`for-王伟/`) %-encoded.
    let decoded = percent_decode(path)?;
    let rel = decoded.trim_start_matches('/');
    if rel
        .split('/')
        .any(|p| p == ".." || p.starts_with('.') || p.contains('\\'))
    {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let real = file.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

fn problems_html(problems: &[Problem], file: &str) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let errors = problems.iter().filter(|p| p.error).count();
    let mut s = String::from(
        "<section class=\"preview-problems\" aria-labelledby=\"preview-problems-heading\">",
    );
    s.push_str(&format!(
        "<h2 id=\"preview-problems-heading\">Things to fix in {}</h2>",
        escape(file)
    ));
    if errors > 0 {
        s.push_str("<p>This page shows the last version that worked. Fix these, save the plan, and the page will update.</p>");
    } else {
        s.push_str("<p>These are suggestions. The page is up to date.</p>");
    }
    s.push_str("<ul>");
    for p in problems {
        s.push_str(&format!(
            "<li><strong>Line {}:</strong> {}{}</li>",
            p.line,
            escape(&p.message),
            p.hint
                .as_deref()
                .map(|h| format!(". {}", escape(h)))
                .unwrap_or_default()
        ));
    }
    s.push_str("</ul></section>");
    s
}

/// A page with the plan's problems at the top and the reload script: the page made for the
/// preview (see [`preview_pages`]) when there is one, else the built page from disk (`html`)
/// with them put in by hand. Only the preview adds these; the files on disk are never changed.
fn preview_page(html: &str, rel: &str, state: &State, file: &Path) -> String {
    let id = rel.split('/').next().unwrap_or("");
    let (plan_file, problems) = state
        .plans
        .iter()
        .find(|(pid, _, _)| pid == id)
        .map(|(_, f, p)| (f.clone(), p.clone()))
        .unwrap_or_default();
    let dir = file.parent().unwrap_or(Path::new("."));
    // A copy for someone else shows no problem text: it may quote what they must not see.
    let recipient = dir
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("for-"));
    let mut banner = if recipient && !problems.is_empty() {
        format!(
            "<section class=\"preview-problems\" aria-labelledby=\"preview-problems-heading\"><h2 id=\"preview-problems-heading\">This plan has things to fix</h2><p>They are listed on <a href=\"/{}/\">the person's own copy</a>.</p></section>",
            escape(id)
        )
    } else {
        problems_html(&problems, &plan_file)
    };
    let mut pdfs: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    pdfs.sort();
    if !pdfs.is_empty() {
        banner.push_str("<nav class=\"preview-pdfs\" aria-label=\"PDF copies\"><ul>");
        for p in pdfs {
            banner.push_str(&format!("<li><a href=\"{0}\">{0}</a></li>", escape(&p)));
        }
        banner.push_str("</ul></nav>");
    }
    if let Some(page) = state.pages.get(rel)
        && page.contains(SCRIPT_TAG)
    {
        return page.replacen(BANNER_MARK, &banner, 1);
    }
    // A page from an earlier run, or a template without the preview hooks: put them in
    // where the built-in template has them.
    let html = html.replace(
        "default-src 'none';",
        "default-src 'none'; script-src 'self'; connect-src 'self';",
    );
    let html = html.replacen(
        "<main id=\"main\" tabindex=\"-1\">",
        &format!("<main id=\"main\" tabindex=\"-1\">{banner}"),
        1,
    );
    html.replacen("</body>", &format!("{SCRIPT_TAG}</body>"), 1)
}

fn index_page(state: &State) -> String {
    let mut items = String::new();
    for (id, file, problems) in &state.plans {
        let errors = problems.iter().filter(|p| p.error).count();
        let status = match (errors, problems.len()) {
            (0, 0) => "No problems.".to_string(),
            (0, n) => format!("{n} suggestion{}.", if n == 1 { "" } else { "s" }),
            (e, _) => format!("{e} thing{} to fix.", if e == 1 { "" } else { "s" }),
        };
        items.push_str(&format!(
            "<li><a href=\"/{0}/\">{1}</a> {2}{3}</li>",
            escape(id),
            escape(file),
            status,
            problems_html(problems, file)
        ));
    }
    let general: String = state
        .general
        .iter()
        .map(|g| format!("<p><strong>{}</strong></p>", escape(g)))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>ourplan preview</title></head><body><main><h1>ourplan preview</h1>{general}<ul>{items}</ul></main><script src=\"/_ourplan/reload.js\"></script></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cannot_leave_the_output_folder() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("out/p")).unwrap();
        std::fs::write(d.path().join("out/p/index.html"), "x").unwrap();
        std::fs::write(d.path().join("secret.txt"), "x").unwrap();
        let out = d.path().join("out");
        assert!(safe_path(&out, "/p/").is_some());
        assert!(safe_path(&out, "/p/index.html").is_some());
        assert!(safe_path(&out, "/../secret.txt").is_none());
        assert!(safe_path(&out, "/p/../../secret.txt").is_none());
        assert!(safe_path(&out, "/.ourplan-build/p").is_none());
        // %-encoded dots are dots.
        assert!(safe_path(&out, "/%2e%2e/secret.txt").is_none());
        assert!(safe_path(&out, "/p/%2E%2E/%2e%2e/secret.txt").is_none());
        assert!(safe_path(&out, "/p/%zz").is_none());
        // Names in other scripts arrive %-encoded.
        std::fs::create_dir_all(out.join("p/for-王伟")).unwrap();
        std::fs::write(out.join("p/for-王伟/index.html"), "x").unwrap();
        assert!(safe_path(&out, "/p/for-%E7%8E%8B%E4%BC%9F/").is_some());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.path().join("secret.txt"), out.join("p/link.txt"))
                .unwrap();
            assert!(safe_path(&out, "/p/link.txt").is_none());
        }
    }
}
