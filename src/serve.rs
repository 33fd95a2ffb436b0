//! `ecotown serve`: a preview of the site that rebuilds and reloads itself as a publisher edits.
//!
//! Shaped after `zola serve` and mdBook's `serve`, with what they taught in their issue trackers:
//!
//! - **Never a half-built site, and nothing on disk.** A build renders the site into memory (the
//!   same render and checks as `ecotown check`); the server switches to it only after it
//!   succeeded, in one pointer swap, so a request never sees a site being built, and a failed
//!   build leaves the last good one being served. Nothing is written, so `Ctrl-C` leaves nothing
//!   behind and the real `site/` is never touched (the update log is worked out against it, so
//!   the preview shows what the next build would publish).
//! - **Problems where the publisher looks.** A failed build's errors (and warnings) are shown as
//!   an overlay on every page — file:line:column, value and hint, with the overlay's own words in
//!   both languages — and printed in the terminal; the next good build clears them.
//! - **Live reload** over server-sent events (`/__ecotown/events`), opened by a small script the
//!   server adds to each HTML page it serves (never to the files a build writes). The script asks
//!   the page's own host, so the preview works under any name or port, and reloads when the
//!   build generation differs from the one the page was served with (which also catches a build
//!   that finished between serving the page and opening the channel).
//! - **Watching** `site.toml`, `data/`, `content/` and `templates/` (never the output, which lives
//!   outside the site folder, and never mere reads of the inputs, which every build makes: no
//!   rebuild loops), debounced so that an editor's save-rename-touch makes one build; `--poll`
//!   polls instead, for network drives and WSL where change events do not arrive.
//! - **Safe paths.** A request path is percent-decoded, must be UTF-8 without NUL or backslash and
//!   without `.`/`..` segments, and names a file of the rendered site or nothing: there is no
//!   file system behind it to escape into; anything else is 404.
//!
//! Builds are whole-site builds; a build whose `site.toml`, data and strings did not change
//! reuses the last one's charts ([`crate::render::charts::ChartCache`]), which are most of the
//! work, so a narrative or template edit costs little more than rendering the pages.
//! BENCHMARKS.md has the save → reload times. Each request is answered on a
//! thread of its own (tiny_http hands them over one at a time), so a browser that is slow to read
//! one large page, or holds the live-reload channel open, never holds up the next: a preview serves
//! one publisher's few tabs, so threads are cheaper than a pool.

use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::build;
use crate::diagnostics::{Diagnostics, Severity};
use crate::escape::markup as escape;
use crate::output::SiteFiles;

/// How `serve` listens and watches.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// 0 picks a free port (the address is printed).
    pub port: u16,
    /// Poll the files for changes instead of waiting for the system's change events.
    pub poll: bool,
}

/// The folders a site's content comes from: a change in any of them rebuilds.
pub const WATCHED: [&str; 4] = ["site.toml", "data", "content", "templates"];

const EVENTS: &str = "/__ecotown/events";
const SCRIPT: &str = "/__ecotown/live.js";
/// The live-reload client. The channel opens after the page's `load` event: an event stream
/// opened while the page loads keeps Chromium from ever firing `load`.
const LIVE_JS: &str = r#"(() => {
  const me = document.currentScript;
  const served = me ? me.dataset.generation : null;
  const listen = () => {
    const events = new EventSource('/__ecotown/events');
    events.onmessage = (e) => { if (served !== null && e.data !== served) location.reload(); };
  };
  if (document.readyState === 'complete') listen(); else window.addEventListener('load', listen);
})();
"#;

/// What the server shares with the builder.
struct State {
    /// The files of the last good build; `None` until one succeeded.
    site: RwLock<Option<Arc<SiteFiles>>>,
    /// The overlay for the last failed build, empty after a good one.
    overlay: RwLock<String>,
    /// Bumped after every build, good or bad; live-reload clients wait on it.
    generation: Mutex<u64>,
    changed: Condvar,
    /// Held while a build runs; stopping waits for it, so that no build writes into the preview's
    /// folder while it is being removed.
    building: Mutex<()>,
    /// Set by Ctrl-C: no new build starts.
    stopping: AtomicBool,
    /// The last build's charts: an edit that does not change them does not draw them again.
    charts: Arc<crate::render::charts::ChartCache>,
}

impl State {
    fn generation(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn bump(&self) {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.changed.notify_all();
    }
}

/// Serves the site under `root` until `Ctrl-C`. Returns an error message if it cannot start.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), String> {
    // Absolute for the watcher, so that its paths and the site's compare; builds use the root as
    // given, so that problems are named as `ecotown build` names them (`site/en/…`).
    let absolute = root
        .canonicalize()
        .map_err(|e| format!("cannot open the site folder {}: {e}", root.display()))?;
    let state = Arc::new(State {
        site: RwLock::new(None),
        overlay: RwLock::new(String::new()),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        building: Mutex::new(()),
        stopping: AtomicBool::new(false),
        charts: Default::default(),
    });
    rebuild(root, &state);

    let server = tiny_http::Server::http((options.bind, options.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    let server = Arc::new(server);
    let address = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_default();
    if !options.bind.is_loopback() {
        eprintln!(
            "WARNING: serving on {address}, reachable from other computers on the network; \
             use the default --bind 127.0.0.1 to keep the preview on this computer"
        );
    }
    eprintln!("serving the site at http://{address}/ (Ctrl-C to stop)");

    let stop = Arc::new(AtomicBool::new(false));
    {
        let (server, stop, state) = (server.clone(), stop.clone(), state.clone());
        ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            state.stopping.store(true, Ordering::SeqCst);
            state.bump();
            server.unblock();
        })
        .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    }
    let _watcher = watch(&absolute, root, options.poll, state.clone())?;

    for request in server.incoming_requests() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let (state, stop) = (state.clone(), stop.clone());
        if request.url().starts_with(EVENTS) {
            std::thread::spawn(move || events(request, &state, &stop));
        } else {
            std::thread::spawn(move || respond(request, &state));
        }
    }
    drop(_watcher);
    // Let a build that is running finish, so that it prints nothing after this.
    let _idle = state.building.lock().unwrap_or_else(|e| e.into_inner());
    eprintln!("stopped; the preview wrote nothing to disk");
    Ok(())
}

/// Renders the site in memory; on success serves it, else shows the problems.
fn rebuild(root: &Path, state: &State) {
    let _building = state.building.lock().unwrap_or_else(|e| e.into_inner());
    if state.stopping.load(Ordering::SeqCst) {
        return;
    }
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    // Rendered as a build into the site's own output would be: problems are named there, and
    // the update log compares with the site last published from it.
    let out = root.join("site");
    let options = build::BuildOptions {
        pdf: None,
        charts: Some(state.charts.clone()),
    };
    let result = build::render_with(root, &out, &options, &mut diags);
    let shown: Vec<_> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity != Severity::Note)
        .collect();
    for d in &shown {
        eprintln!("{d}\n");
    }
    let took = started.elapsed().as_millis();
    match result {
        Some((_, files)) => {
            *state.site.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(files));
            state
                .overlay
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .clear();
            eprintln!("built in {took} ms ({})", diags.summary());
        }
        None => {
            let has_site = state.site.read().map_or(true, |s| s.is_some());
            *state.overlay.write().unwrap_or_else(|e| e.into_inner()) = overlay(&diags, has_site);
            eprintln!(
                "build failed in {took} ms ({}): still serving the last good site",
                diags.summary()
            );
        }
    }
    state.bump();
}

/// Watches the site's inputs and rebuilds after each burst of changes. Only changes count:
/// creating, writing, renaming or removing a file. Opening and reading do not (a build reads
/// every input, so counting reads would rebuild forever), and neither do access-time updates.
fn watch(
    absolute: &Path,
    root: &Path,
    poll: bool,
    state: Arc<State>,
) -> Result<Box<dyn std::any::Any>, String> {
    use notify::event::{EventKind, MetadataKind, ModifyKind};
    use notify::{RecursiveMode, Watcher};

    let (tx, rx) = std::sync::mpsc::channel::<std::path::PathBuf>();
    // site.toml is watched through the site folder (editors replace a file by renaming a new one
    // over it, which a watch on the file itself would miss); of the folder's own entries only
    // site.toml and the watched folders count.
    let top = absolute.to_path_buf();
    let relevant = move |path: &Path| match path.strip_prefix(&top) {
        Ok(rel) => rel
            .components()
            .next()
            .is_some_and(|c| WATCHED.iter().any(|w| c.as_os_str() == *w)),
        Err(_) => false,
    };
    let handler = move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let counts = match event.kind {
            EventKind::Create(_) | EventKind::Remove(_) => true,
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
            EventKind::Modify(_) => true,
            _ => false,
        };
        if counts && let Some(path) = event.paths.into_iter().find(|p| relevant(p)) {
            let _ = tx.send(path);
        }
    };
    let fail = |e: notify::Error| format!("cannot watch the site's files: {e}");
    let folders: Vec<std::path::PathBuf> = WATCHED[1..]
        .iter()
        .map(|w| absolute.join(w))
        .filter(|p| p.is_dir())
        .collect();
    fn add(w: &mut dyn Watcher, root: &Path, folders: &[std::path::PathBuf]) -> notify::Result<()> {
        w.watch(root, RecursiveMode::NonRecursive)?;
        for f in folders {
            w.watch(f, RecursiveMode::Recursive)?;
        }
        Ok(())
    }
    let watcher: Box<dyn std::any::Any> = if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
        let mut w = notify::PollWatcher::new(handler, config).map_err(fail)?;
        add(&mut w, absolute, &folders).map_err(fail)?;
        Box::new(w)
    } else {
        let mut w = notify::recommended_watcher(handler).map_err(fail)?;
        add(&mut w, absolute, &folders).map_err(fail)?;
        Box::new(w)
    };
    let (root, absolute) = (root.to_path_buf(), absolute.to_path_buf());
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // Debounce: an editor's save is often several events (write, rename, touch); wait
            // until 80 ms pass without one, then build once for all of them.
            while rx.recv_timeout(Duration::from_millis(50)).is_ok() {}
            let rel = first.strip_prefix(&absolute).unwrap_or(&first);
            eprintln!("changed: {}", rel.display());
            rebuild(&root, &state);
        }
    });
    Ok(watcher)
}

/// The problems of a failed build as a box over the page, in words for both languages.
fn overlay(diags: &Diagnostics, has_site: bool) -> String {
    let mut items = String::new();
    for d in diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity != Severity::Note)
    {
        items.push_str(&format!(
            "<li><strong>{}</strong> <code>{}</code> {}",
            escape(d.severity.as_str()),
            escape(&d.location()),
            escape(&d.message)
        ));
        if let Some(v) = &d.value {
            items.push_str(&format!("<br>value · ค่า: <code>{}</code>", escape(v)));
        }
        if let Some(h) = &d.hint {
            items.push_str(&format!("<br>hint · วิธีแก้: {}", escape(h)));
        }
        items.push_str("</li>");
    }
    let plural = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    let counts = format!(
        "{}, {}",
        plural(diags.count(Severity::Error), "error"),
        plural(diags.count(Severity::Warning), "warning")
    );
    let shown = match has_site {
        true => "หน้านี้แสดงผลจากการสร้างครั้งล่าสุดที่สำเร็จ · this page shows the last good build",
        false => "ยังแสดงหน้าเว็บไม่ได้จนกว่าจะแก้ไข · no page can be shown until these are fixed",
    };
    format!(
        "<div id=\"ecotown-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;\
         max-height:60vh;overflow:auto;z-index:2147483647;background:#fff4d6;color:#1b1f24;\
         border-top:3px solid #b3261e;padding:12px 16px;font:15px/1.5 sans-serif\">\
         <p style=\"margin:0 0 8px;font-weight:700\">พบปัญหาในไฟล์ของเว็บไซต์ · Problems in the site's \
         files ({}) — {shown}</p><ol style=\"margin:0;padding-left:1.5em\">{items}</ol></div>",
        escape(&counts)
    )
}

fn respond(request: tiny_http::Request, state: &State) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == SCRIPT {
        answer(
            request,
            200,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        );
        return;
    }
    let Some(site) = state.site.read().unwrap_or_else(|e| e.into_inner()).clone() else {
        let page = format!(
            "<!doctype html><meta charset=utf-8><title>ecotown</title><body>{}<script src=\"{SCRIPT}\" \
             data-generation=\"{}\"></script></body>",
            state.overlay.read().unwrap_or_else(|e| e.into_inner()),
            state.generation()
        );
        answer(request, 503, "text/html; charset=utf-8", page.into_bytes());
        return;
    };
    match lookup(&site, path) {
        Found::File(name) => send_file(request, &name, &site[&name], 200, state),
        Found::Folder(to) => redirect(request, &to),
        Found::Nothing => match site.get("404.html") {
            Some(page) => send_file(request, "404.html", page, 404, state),
            None => answer(
                request,
                404,
                "text/plain; charset=utf-8",
                b"not found".to_vec(),
            ),
        },
    }
}

/// What a request path names in the site.
#[derive(Debug, PartialEq)]
enum Found {
    /// A file, by its path in the site.
    File(String),
    /// A folder asked for without its `/`: the address to send the browser to, so that the
    /// page's relative links resolve.
    Folder(String),
    Nothing,
}

/// The file a request path names in `site`. The path is percent-decoded and must be UTF-8
/// without NUL or backslash, and without `.` or `..` segments; a folder means its `index.html`.
fn lookup(site: &SiteFiles, path: &str) -> Found {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Found::Nothing;
    };
    if decoded.contains(['\0', '\\']) {
        return Found::Nothing;
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." {
            return Found::Nothing;
        }
        parts.push(segment);
    }
    let name = parts.join("/");
    if !name.is_empty() && !decoded.ends_with('/') && site.contains_key(&name) {
        return Found::File(name);
    }
    let index = match name.is_empty() {
        true => "index.html".to_string(),
        false => format!("{name}/index.html"),
    };
    match (site.contains_key(&index), decoded.ends_with('/')) {
        (true, true) => Found::File(index),
        (true, false) => Found::Folder(format!("/{name}/")),
        (false, _) => Found::Nothing,
    }
}

fn send_file(request: tiny_http::Request, name: &str, bytes: &[u8], status: u16, state: &State) {
    let kind = content_type(name);
    let body = if kind.starts_with("text/html") {
        inject(String::from_utf8_lossy(bytes).into_owned(), state).into_bytes()
    } else {
        bytes.to_vec()
    };
    answer(request, status, kind, body);
}

/// Sends the browser to `to` (a folder's address with its `/`).
fn redirect(request: tiny_http::Request, to: &str) {
    let head = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n"
    );
    let mut out = request.into_writer();
    let _ = out.write_all(head.as_bytes()).and_then(|_| out.flush());
}

/// Adds the overlay (if the last build failed) and the live-reload script before `</body>`.
fn inject(mut html: String, state: &State) -> String {
    let addition = format!(
        "{}<script src=\"{SCRIPT}\" data-generation=\"{}\"></script>",
        state.overlay.read().unwrap_or_else(|e| e.into_inner()),
        state.generation()
    );
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &addition),
        None => html.push_str(&addition),
    }
    html
}

/// The live-reload channel: the current generation at once, then each new one.
fn events(request: tiny_http::Request, state: &State, stop: &AtomicBool) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: keep-alive\r\n\r\n";
    let mut seen = state.generation();
    if write!(out, "{head}retry: 500\ndata: {seen}\n\n")
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let guard = state.generation.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = state
            .changed
            .wait_timeout_while(guard, Duration::from_secs(15), |g| *g == seen)
            .unwrap_or_else(|e| e.into_inner());
        let now = *guard;
        drop(guard);
        if stop.load(Ordering::SeqCst) {
            return;
        }
        // A comment line every 15 s finds a closed tab and ends this thread.
        let message = if now == seen {
            ": still here\n\n".to_string()
        } else {
            format!("data: {now}\n\n")
        };
        seen = now;
        if out
            .write_all(message.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" | "topojson" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// Answers `request` and closes the connection. The head is written here rather than by
/// tiny_http: with keep-alive, a browser that had left a connection idle (or held by the
/// previous page's event stream) was seen to wait forever for a font on the next page, so the
/// page's `load` never came and live reload never started. One connection per request costs
/// nothing on the loopback and leaves no connection state to go wrong.
fn answer(request: tiny_http::Request, status: u16, kind: &str, body: Vec<u8>) {
    let head_only = *request.method() == tiny_http::Method::Head;
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut out = request.into_writer();
    let _ = out
        .write_all(head.as_bytes())
        .and_then(|_| match head_only {
            true => Ok(()),
            false => out.write_all(&body),
        })
        .and_then(|_| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_site() {
        let site: SiteFiles = [
            ("index.html", "root"),
            ("th/index.html", "x"),
            ("th/areas/a/index.html", "a"),
            ("static/style.css", "c"),
        ]
        .into_iter()
        .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
        .collect();
        let file = |p: &str| Found::File(p.to_string());
        assert_eq!(lookup(&site, "/"), file("index.html"));
        assert_eq!(lookup(&site, "/th/"), file("th/index.html"));
        assert_eq!(lookup(&site, "/th/index.html"), file("th/index.html"));
        assert_eq!(lookup(&site, "/static/style.css"), file("static/style.css"));
        assert_eq!(
            lookup(&site, "/th/areas/a"),
            Found::Folder("/th/areas/a/".into())
        );
        assert_eq!(lookup(&site, "/static/style.css/"), Found::Nothing);
        for attack in [
            "/../secret.txt",
            "/th/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fth/index.html",
            "/th/%2e%2e/%2e%2e/secret.txt",
            "/..%5cth/index.html",
            "/%00",
            "/th/index.html%00.txt",
            "/./th/index.html",
            "/th/./index.html",
            "/%ff",
        ] {
            assert_eq!(lookup(&site, attack), Found::Nothing, "{attack}");
        }
    }

    #[test]
    fn the_script_and_overlay_go_before_the_end_of_the_body() {
        let state = State {
            site: RwLock::new(None),
            overlay: RwLock::new("<div id=\"ecotown-problems\"></div>".into()),
            generation: Mutex::new(7),
            changed: Condvar::new(),
            building: Mutex::new(()),
            stopping: AtomicBool::new(false),
            charts: Default::default(),
        };
        let html = inject("<html><body><p>x</p></body></html>".into(), &state);
        assert!(html.ends_with(
            "<div id=\"ecotown-problems\"></div><script src=\"/__ecotown/live.js\" data-generation=\"7\"></script></body></html>"
        ));
    }
}
