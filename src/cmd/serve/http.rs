//! The preview's HTTP side: hyper's HTTP/1 server on a small tokio runtime, answering only
//! GET and HEAD for the output folder, the list of plans and the reload script.
//!
//! What it bounds, and how: a request's first line and headers together take at most 16 KB
//! (hyper's `max_buf_size`; more is answered 431 and never kept in memory); at most 64
//! connections at once (a semaphore: more are told "Busy" at once, not queued); a request's
//! head must arrive within 5 seconds (hyper's `header_read_timeout`) and a connection lasts
//! at most 30. It answers only to loopback host names unless `--bind` says otherwise (DNS
//! rebinding), and serves only real files inside the output folder (no `..`, no hidden
//! files, no symlink out of it).
//!
//! hyper rather than tiny_http 0.12 (which reads a request line of any length into memory and
//! starts a thread for each connection), and rather than axum with tower-http: three routes
//! need no router, and tower-http's `ServeDir` follows symlinks out of its folder, so the
//! folder check here would still be needed.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::sync::Semaphore;

use super::{Shared, page};

/// The most a request's first line and headers may take, together. hyper's smallest is 8 KB.
const MOST_HEAD_BYTES: usize = 16 * 1024;

/// At most this many connections at once: more are turned away, not queued in memory.
const MOST_AT_ONCE: usize = 64;

/// How long a client may take to send its request's head, and to finish altogether.
const HEAD_TIME: Duration = Duration::from_secs(5);
const MOST_TIME: Duration = Duration::from_secs(30);

/// The answer to a connection beyond [`MOST_AT_ONCE`], written without reading anything.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nBusy\n";

/// How long `/_ourplan/version?seen=V` waits for the version to move before it answers with
/// the same one (well within [`MOST_TIME`]); the script then asks again.
const LONG_POLL: Duration = Duration::from_secs(20);

/// The reload script: it asks for the version, and is answered as soon as it moves (a long
/// poll), so the page reloads the moment a rebuild is done, not up to a polling interval
/// later. When the preview cannot be reached, it asks again every 0.7 seconds.
const RELOAD_JS: &str = "(function () {\n  var seen = null;\n  function poll() {\n    var url = '/_ourplan/version' + (seen === null ? '' : '?seen=' + encodeURIComponent(seen));\n    fetch(url, {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (v) {\n      if (seen !== null && v !== seen) { location.reload(); return; }\n      var again = seen === null ? 0 : 100;\n      seen = v;\n      setTimeout(poll, again);\n    }).catch(function () { setTimeout(poll, 700); });\n  }\n  poll();\n})();\n";

/// What the server serves, shared by every connection.
pub(super) struct Site {
    pub(super) state: Shared,
    pub(super) out_dir: PathBuf,
    /// True when listening on a loopback address: then only loopback host names are answered.
    pub(super) loopback_only: bool,
}

/// Serves `site` on `listener` until the process ends. Returns only if the runtime cannot
/// start.
pub(super) fn serve(listener: std::net::TcpListener, site: Site) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("ourplan-preview")
        .enable_io()
        .enable_time()
        .build()?;
    let listener = {
        let _inside = runtime.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    runtime.block_on(accept(listener, Arc::new(site)));
    Ok(())
}

/// Takes each connection, while there is a place for it.
async fn accept(listener: tokio::net::TcpListener, site: Arc<Site>) {
    let slots = Arc::new(Semaphore::new(MOST_AT_ONCE));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles, say: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            let _ = stream.try_write(BUSY);
            continue;
        };
        let site = site.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let _ = tokio::time::timeout(MOST_TIME, connection(stream, &site)).await;
        });
    }
}

/// One connection: one request (no keep-alive, as the answers are small and local).
async fn connection(mut stream: tokio::net::TcpStream, site: &Site) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .max_buf_size(MOST_HEAD_BYTES)
        .keep_alive(false);
    let service = hyper::service::service_fn(|request: Request<Incoming>| async move {
        if let Some(seen) = waits_for(&request, site) {
            let mut changes = site
                .state
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .changes
                .subscribe();
            let _ = tokio::time::timeout(LONG_POLL, changes.wait_for(|v| *v != seen)).await;
        }
        Ok::<_, Infallible>(answer(&request, site))
    });
    let served = http
        .serve_connection(TokioIo::new(&mut stream), service)
        .await;
    if served.is_err() {
        // A request refused before it was read to its end (too large): hyper has answered.
        // Read what is still coming (into a small buffer, a bounded amount) before closing,
        // or closing with unread bytes would reset the connection before the answer is read.
        let _ = stream.shutdown().await;
        let mut sink = [0; 8192];
        let mut left: usize = 16 * 1024 * 1024;
        while left > 0 {
            match tokio::time::timeout(HEAD_TIME, stream.read(&mut sink)).await {
                Ok(Ok(n)) if n > 0 => left = left.saturating_sub(n),
                _ => break,
            }
        }
    }
}

fn reply(
    status: StatusCode,
    kind: &'static str,
    body: impl Into<Bytes>,
) -> Response<http_body_util::Full<Bytes>> {
    let mut r = Response::new(http_body_util::Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// For `/_ourplan/version?seen=V` (from a host it answers to): the version the page has,
/// to wait until the preview's moves on from it.
fn waits_for<B>(request: &Request<B>, site: &Site) -> Option<u64> {
    if request.uri().path() != "/_ourplan/version" || request.method() != Method::GET {
        return None;
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if site.loopback_only && !host.is_some_and(local_host) {
        return None;
    }
    request
        .uri()
        .query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("seen="))?
        .parse()
        .ok()
}

/// The answer to one request.
fn answer<B>(request: &Request<B>, site: &Site) -> Response<http_body_util::Full<Bytes>> {
    let text = "text/plain";
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if site.loopback_only && !host.is_some_and(local_host) {
        return reply(
            StatusCode::MISDIRECTED_REQUEST,
            text,
            "This preview answers only to localhost.\n",
        );
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return reply(StatusCode::METHOD_NOT_ALLOWED, text, "GET only\n");
    }
    let lock = || site.state.lock().unwrap_or_else(|e| e.into_inner());
    let html = "text/html; charset=utf-8";
    match request.uri().path() {
        "/_ourplan/version" => reply(StatusCode::OK, text, lock().version.to_string()),
        "/_ourplan/reload.js" => reply(StatusCode::OK, "text/javascript; charset=utf-8", RELOAD_JS),
        "/" => reply(StatusCode::OK, html, page::index_page(&lock())),
        path => {
            let out_dir = &site.out_dir;
            let Some((file, bytes)) =
                safe_path(out_dir, path).and_then(|f| Some((f.clone(), std::fs::read(f).ok()?)))
            else {
                return reply(StatusCode::NOT_FOUND, text, "Not found\n");
            };
            if file.extension().is_some_and(|e| e == "html") {
                let rel = out_dir
                    .canonicalize()
                    .ok()
                    .and_then(|root| file.strip_prefix(root).ok().map(Path::to_path_buf))
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let shown =
                    page::preview_page(&String::from_utf8_lossy(&bytes), &rel, &lock(), &file);
                reply(StatusCode::OK, content_type(&file), shown)
            } else {
                reply(StatusCode::OK, content_type(&file), bytes)
            }
        }
    }
}

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
