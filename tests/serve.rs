//! `ourplan serve`: start it on a free port, fetch the page, change the plan and see the new
//! text served, break the plan and see the problem shown with its line, fix it again.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn try_get(addr: &str, path: &str) -> std::io::Result<String> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    // One write, as a browser sends a request.
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )?;
    let mut body = String::new();
    s.read_to_string(&mut body)?;
    Ok(body)
}

fn get(addr: &str, path: &str) -> String {
    try_get(addr, path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// Fetches `path` until `ok` holds, for at most 10 seconds.
fn eventually(addr: &str, path: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        // A connection refused or reset (the server busy, say) is tried again too.
        let page = try_get(addr, path).unwrap_or_else(|e| format!("GET {path}: {e}"));
        if ok(&page) {
            return page;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out; last page:\n{page}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_preview_follows_the_plan_as_it_is_edited() {
    let (dir, _server, addr) = start();
    let file = dir.path().join("plans/sam.yaml");
    let plan = std::fs::read_to_string(&file).unwrap();
    assert!(addr.starts_with("127.0.0.1:"), "binds to loopback: {addr}");

    // The plan is served, with the reload script.
    let page = eventually(&addr, "/sam/", |p| p.contains("My cat and my allotment"));
    assert!(page.starts_with("HTTP/1.1 200"));
    assert!(page.contains("/_ourplan/reload.js"));
    assert!(get(&addr, "/").contains("/sam/"));

    // An edit shows up by itself.
    std::fs::write(
        &file,
        plan.replace("My cat and my allotment", "My dog and my garden"),
    )
    .unwrap();
    eventually(&addr, "/sam/", |p| p.contains("My dog and my garden"));

    // A broken plan: the last good page stays, with the problem and its line.
    let broken = plan
        .replace("My cat and my allotment", "My dog and my garden")
        .replace("  name: Sam Taylor\n", "  nmae: Sam Taylor\n");
    std::fs::write(&file, broken).unwrap();
    let page = eventually(&addr, "/sam/", |p| p.contains("Things to fix"));
    assert!(page.contains("My dog and my garden"));
    assert!(page.contains("Line 4:"), "{page}");
    assert!(page.contains("did you mean `name`?"));
    // A carer's copy says there is something to fix, without the problems themselves: they
    // may quote what the carer must not see.
    let jo = get(&addr, "/sam/for-jo-taylor/");
    assert!(jo.contains("This plan has things to fix"), "{jo}");
    assert!(!jo.contains("did you mean"), "{jo}");

    // Fixed again: the problem goes.
    std::fs::write(&file, plan.replace("My cat and my allotment", "My fish")).unwrap();
    let page = eventually(&addr, "/sam/", |p| p.contains("My fish"));
    assert!(!page.contains("Things to fix"));

    // Only the output folder is served.
    assert!(get(&addr, "/../plans/sam.yaml").starts_with("HTTP/1.1 404"));
    assert!(get(&addr, "/.ourplan-build/sam").starts_with("HTTP/1.1 404"));
}

#[test]
fn the_server_outlives_its_terminal() {
    // A preview started from a terminal that is then closed: its output pipe is gone before
    // it writes its second line. It must keep serving, not panic on the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
        dir.path().join("plans/sam.yaml"),
    )
    .unwrap();
    // A port chosen up front, as the output that would name it is thrown away.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ourplan"))
        .current_dir(dir.path())
        .args(["serve", "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let _server = Server(child);
    let addr = format!("127.0.0.1:{port}");
    let start = Instant::now();
    let page = loop {
        if let Ok(page) = try_get(&addr, "/") {
            break page;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server never answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(page.contains("/sam/"), "{page}");
    // Still there a moment later.
    std::thread::sleep(Duration::from_millis(600));
    assert!(get(&addr, "/sam/").contains("Sam Taylor"));
}

/// Starts `ourplan serve` on a free port in a new project; returns the server and its address.
fn start() -> (tempfile::TempDir, Server, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("plans/sam.yaml"), plan).unwrap();
    let (server, addr) = start_in(dir.path());
    (dir, server, addr)
}

fn raw(addr: &str, request: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(request);
    let mut body = Vec::new();
    let _ = s.read_to_end(&mut body);
    String::from_utf8_lossy(&body).into_owned()
}

#[test]
fn the_preview_answers_only_to_localhost_and_refuses_huge_requests() {
    let (_dir, _server, addr) = start();
    // A page elsewhere reaching the preview by a name of its own (DNS rebinding).
    let evil = raw(
        &addr,
        b"GET /sam/index.html HTTP/1.1\r\nHost: evil.example:8000\r\nConnection: close\r\n\r\n",
    );
    assert!(evil.starts_with("HTTP/1.1 421"), "{evil}");
    assert!(!evil.contains("Sam"), "the plan reached another host name");
    let none = raw(
        &addr,
        b"GET /sam/index.html HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    assert!(none.starts_with("HTTP/1.1 421"), "{none}");
    for host in ["localhost", &addr, "127.0.0.1", "[::1]:9"] {
        let ok = raw(
            &addr,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert!(ok.starts_with("HTTP/1.1 200"), "{host}: {ok}");
    }
    // A request line of 4 MB is cut off, not kept in memory, and the preview goes on.
    let mut huge = b"GET /".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 4 * 1024 * 1024));
    let big = raw(&addr, &huge);
    assert!(
        big.starts_with("HTTP/1.1 431"),
        "{}",
        &big[..big.len().min(200)]
    );
    assert!(get(&addr, "/").starts_with("HTTP/1.1 200"));
}

/// Starts `ourplan serve` in `dir`, a project made by the test.
fn start_in(dir: &Path) -> (Server, String) {
    launch(dir, None)
}

/// Starts `ourplan serve` in `dir`; its standard error goes to `said`, a line at a time, or
/// nowhere. The reading end of its output stays open while the server runs, as a terminal
/// would. (The server must not die if it closes, either: see
/// `the_server_outlives_its_terminal`.)
fn launch(dir: &Path, said: Option<std::sync::mpsc::Sender<String>>) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ourplan"))
        .current_dir(dir)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(if said.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    if let (Some(tx), Some(stderr)) = (said, child.stderr.take()) {
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let server = Server(child);
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let addr = line
        .trim()
        .strip_prefix("Preview: http://")
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    (server, addr)
}

/// The body of an HTTP answer.
fn body(answer: &str) -> &str {
    answer.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

#[test]
fn a_teams_own_page_template_keeps_the_preview_hooks() {
    // A page.html of a team's own: its `<main>` and its security policy are not written as in
    // the built-in one, so nothing copied from the built-in page can be found in it. The
    // preview hooks are where the preview puts its problems and its reload script.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("plans/sam.yaml"), &plan).unwrap();
    std::fs::write(
        dir.path().join("templates/page.html"),
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"style-src 'self'; img-src 'self'; {{ preview.csp | safe }}default-src 'none'\">\n\
         <title>{{ page_title }}</title></head>\n\
         <body><main class=\"our-team\">{{ preview.banner | safe }}<h1>{{ doc.title }}</h1><p>Our team's page</p></main>\n\
         {{ preview.script | safe }}</body></html>\n",
    )
    .unwrap();
    let (_server, addr) = start_in(dir.path());
    let page = eventually(&addr, "/sam/", |p| p.contains("Our team's page"));
    let page = body(&page);
    assert!(
        !page.contains("{{ preview.csp | safe }}")
            && page.contains(
                "img-src 'self'; script-src 'self'; connect-src 'self'; default-src 'none'"
            ),
        "the page's own policy lets the reload script run and ask for the version:\n{page}"
    );
    assert!(
        page.contains("<script src=\"/_ourplan/reload.js\"></script>\n</body>"),
        "{page}"
    );
    // The built page on disk has none of it: it is the copy handed over.
    let built = std::fs::read_to_string(dir.path().join("out/sam/index.html")).unwrap();
    assert!(!built.contains("script"), "{built}");
    assert!(
        built.contains("img-src 'self'; default-src 'none'"),
        "{built}"
    );

    // A broken plan: the problems are shown inside the team's <main>, on the last good page.
    std::fs::write(
        dir.path().join("plans/sam.yaml"),
        plan.replace("  name: Sam Taylor\n", "  nmae: Sam Taylor\n"),
    )
    .unwrap();
    let page = eventually(&addr, "/sam/", |p| p.contains("Things to fix"));
    let page = body(&page);
    assert!(
        page.contains("<main class=\"our-team\"><section class=\"preview-problems\""),
        "{page}"
    );
    assert!(page.contains("Line 4:"), "{page}");
    assert!(page.contains("Our team's page"), "{page}");
}

#[test]
fn the_preview_shows_the_built_page_with_only_its_hooks_filled() {
    // The preview makes its pages again in memory; they must be the built pages, with the
    // problems, the PDF links and the reload script only.
    let (dir, _server, addr) = start();
    eventually(&addr, "/sam/", |p| p.contains("My cat and my allotment"));
    for (path, file) in [
        ("/sam/", "out/sam/index.html"),
        ("/sam/for-jo-taylor/", "out/sam/for-jo-taylor/index.html"),
    ] {
        let answer = get(&addr, path);
        let mut served = body(&answer)
            .replacen("script-src 'self'; connect-src 'self'; ", "", 1)
            .replacen("<script src=\"/_ourplan/reload.js\"></script>\n", "", 1);
        // The links to the PDF copies beside the page.
        if let Some(start) = served.find("<nav class=\"preview-pdfs\"") {
            let end = start + served[start..].find("</nav>").unwrap() + "</nav>".len();
            served.replace_range(start..end, "");
        }
        let built = std::fs::read_to_string(dir.path().join(file)).unwrap();
        let differ = served
            .char_indices()
            .zip(built.chars())
            .find(|((_, a), b)| a != b)
            .map_or(served.len().min(built.len()), |((i, _), _)| i);
        assert!(
            served == built,
            "{path}: the preview differs from {file} at byte {differ}: {:?} / {:?}",
            &served[differ.saturating_sub(80)..(differ + 80).min(served.len())],
            &built[differ.saturating_sub(80)..(differ + 80).min(built.len())],
        );
    }
}

/// The server's peak memory (`VmHWM`), in KB.
#[cfg(target_os = "linux")]
fn peak_kb(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.0.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_huge_request_does_not_grow_the_previews_memory() {
    // One client sending a 64 MB request line: the preview keeps at most 16 KB of it.
    let (_dir, server, addr) = start();
    assert!(get(&addr, "/").starts_with("HTTP/1.1 200"));
    let before = peak_kb(&server);
    let mut s = TcpStream::connect(&addr).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut line = b"GET /".to_vec();
    line.extend(std::iter::repeat_n(b'a', 64 * 1024 * 1024));
    // The preview answers and closes long before the end: the write fails then.
    let _ = s.write_all(&line);
    drop(s);
    assert!(get(&addr, "/").starts_with("HTTP/1.1 200"));
    let after = peak_kb(&server);
    assert!(
        after < before + 16 * 1024,
        "the preview's peak memory grew from {before} KB to {after} KB"
    );
}

#[test]
fn the_preview_bounds_connections_and_closes_silent_ones() {
    let (_dir, _server, addr) = start();
    assert!(get(&addr, "/").starts_with("HTTP/1.1 200"));
    // 64 clients that connect and say nothing hold every place...
    let mut silent: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    // ...so the next is told at once that the preview is busy, not queued.
    let busy = raw(
        &addr,
        format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy}");
    // A client that says nothing is let go (after 5 seconds): it cannot hold a place for
    // ever. (The 20 seconds are only there so that a failing test ends.)
    let first = &mut silent[0];
    first
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut rest = Vec::new();
    assert!(
        first.read_to_end(&mut rest).is_ok(),
        "a silent connection was kept open"
    );
    drop(silent);
    // The places are free again.
    eventually(&addr, "/", |p| p.starts_with("HTTP/1.1 200"));
    // HEAD gets the head of the answer only.
    let head = raw(
        &addr,
        format!("HEAD / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(body(&head), "", "{head}");
}

#[test]
fn a_save_rechecks_only_the_saved_plan_and_wakes_the_waiting_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap();
    for name in ["sam", "ali", "jo"] {
        std::fs::write(dir.path().join(format!("plans/{name}.yaml")), &plan).unwrap();
    }
    // A fourth plan with a problem: its problem is still shown after the others' saves,
    // though it is not checked again.
    std::fs::write(
        dir.path().join("plans/kim.yaml"),
        plan.replace("  name: Sam Taylor\n", "  nmae: Sam Taylor\n"),
    )
    .unwrap();
    let (tx, said) = std::sync::mpsc::channel::<String>();
    let (_server, addr) = launch(dir.path(), Some(tx));
    let next_check = || loop {
        let l = said
            .recv_timeout(Duration::from_secs(60))
            .expect("the preview said nothing of a check");
        if l.starts_with("Checked ") {
            return l;
        }
    };
    let first = next_check();
    assert!(
        first.starts_with(&next_check_words(4, 4)),
        "the first rebuild checks all: {first}"
    );

    // A page waiting on the version it has is answered when a save moves it on, with the
    // new one (a page that asked without `seen` is answered at once).
    let version: u64 = body(&get(&addr, "/_ourplan/version"))
        .trim()
        .parse()
        .unwrap();
    let waiting = {
        let addr = addr.clone();
        std::thread::spawn(move || get(&addr, &format!("/_ourplan/version?seen={version}")))
    };
    std::thread::sleep(Duration::from_millis(300));
    let file = dir.path().join("plans/ali.yaml");
    std::fs::write(
        &file,
        plan.replace("My cat and my allotment", "My dog and my garden"),
    )
    .unwrap();
    let answer = waiting.join().unwrap();
    let moved: u64 = body(&answer).trim().parse().unwrap();
    assert!(moved > version, "answered {moved}, the page had {version}");

    // Only the saved plan was checked again; the others keep their pages and problems.
    let again = next_check();
    assert!(again.starts_with(&next_check_words(1, 4)), "{again}");
    eventually(&addr, "/ali/", |p| p.contains("My dog and my garden"));
    assert!(get(&addr, "/sam/").contains("My cat and my allotment"));
    let index = get(&addr, "/");
    assert!(index.contains("did you mean `name`?"), "{index}");

    // A problem that rests on another file goes with it, though the plan's text is the same:
    // a second plan named `sam` makes both wrong, and removing it makes `sam` right again.
    std::fs::create_dir_all(dir.path().join("plans/old")).unwrap();
    let twin = dir.path().join("plans/old/sam.yaml");
    std::fs::write(&twin, &plan).unwrap();
    eventually(&addr, "/", |p| p.contains("another plan has the same name"));
    std::fs::remove_file(&twin).unwrap();
    eventually(&addr, "/", |p| {
        !p.contains("another plan has the same name")
    });
}

/// What the preview says after a rebuild that checked `fresh` of `all` plans, less the time.
fn next_check_words(fresh: usize, all: usize) -> String {
    format!(
        "Checked {fresh} of {all} plans ({} not changed) in",
        all - fresh
    )
}
