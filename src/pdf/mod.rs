//! Printing pages to PDF with headless Chromium, for `ecotown build --pdf`.
//!
//! Provincial officers take the briefs to meetings as paper or as an e-mailed PDF. The briefs are
//! HTML pages with the site's own fonts and print style sheet, and only a browser engine shapes
//! Thai, breaks it at word boundaries and honours `@page` rules (page size, margins, the running
//! footer), so a browser prints them. Chromium's command line (`--print-to-pdf`) is enough: no
//! DevTools client, no extra dependency. Each page gets its own browser process with a fresh
//! profile, so one job cannot disturb another; a few run at once, each with a time limit.
//!
//! Chromium's PDFs are byte-identical from run to run (same Chromium, same fonts) except in two
//! places: the creation and modification dates, and the ids of the tagged-PDF structure elements
//! (`(node00000036)`), which come from the browser's DOM node counter and shift by a few between
//! runs. [`fix_dates`] sets both dates to the build date and [`fix_node_ids`] renumbers the ids by
//! rank (keeping their order, which the name tree relies on); both rewrite in place at the same
//! length, so the cross-reference offsets stay valid. That keeps builds reproducible and lets
//! unchanged PDFs keep their modification time on the server like every other file.

pub mod fix;
pub mod metadata;

pub use fix::{fix_creator, fix_dates, fix_node_ids, page_count};
pub use metadata::Metadata;

use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What to say when no browser is found.
pub const INSTALL_HINT: &str = "Chromium is needed for --pdf: install it with `apt-get install chromium` (Debian/Ubuntu) or pass --chromium PATH";

/// The environment variable naming the browser, when `--chromium` is not given.
pub const CHROMIUM_ENV: &str = "ECOTOWN_CHROMIUM";

/// Browser names looked up on `PATH`, in this order.
const CANDIDATES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// How to print.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The browser (`--chromium`); otherwise `ECOTOWN_CHROMIUM`, otherwise found on `PATH`.
    pub chromium: Option<PathBuf>,
    /// Browsers running at once; 0 picks from the number of cores.
    pub workers: usize,
    /// How long one page may take before its browser is killed.
    pub timeout: Duration,
    /// Show a progress line on stderr.
    pub progress: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            chromium: None,
            workers: 0,
            timeout: Duration::from_secs(60),
            progress: false,
        }
    }
}

/// One page to print: the HTML file on disk and the site path its PDF is published at.
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub page: PathBuf,
    pub pdf: String,
    /// The XMP metadata the PDF gets ([`metadata::add`]); its `date` is the build's.
    pub metadata: Metadata,
}

/// A page Chromium could not print, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub pdf: String,
    pub page: PathBuf,
    pub reason: String,
}

/// Why no PDFs were made.
#[derive(Debug)]
pub enum PdfError {
    /// No browser: the message says where we looked and how to install one.
    NoChromium(String),
    /// These pages failed (every other page printed).
    Failed(Vec<Failure>),
    /// The work folder for the browsers could not be made.
    Io(std::io::Error),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NoChromium(message) => f.write_str(message),
            PdfError::Failed(failures) => {
                write!(f, "Chromium could not print {} PDF(s):", failures.len())?;
                for failure in failures {
                    write!(f, "\n  {}: {}", failure.pdf, failure.reason)?;
                }
                Ok(())
            }
            PdfError::Io(err) => write!(f, "cannot prepare a work folder for Chromium: {err}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The browser to use: `explicit` (a path, or a name looked up on `PATH`), else
/// `ECOTOWN_CHROMIUM`, else the first of chromium, chromium-browser, google-chrome on `PATH`.
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf, PdfError> {
    let from_env = std::env::var_os(CHROMIUM_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    if let Some(given) = explicit.map(Path::to_path_buf).or(from_env) {
        return resolve(&given).ok_or_else(|| {
            PdfError::NoChromium(format!(
                "{} is not an executable file. {INSTALL_HINT}",
                given.display()
            ))
        });
    }
    CANDIDATES
        .iter()
        .find_map(|name| on_path(name))
        .ok_or_else(|| {
            PdfError::NoChromium(format!(
                "none of {} was found on PATH. {INSTALL_HINT}",
                CANDIDATES.join(", ")
            ))
        })
}

/// A path with a folder in it is taken as it is; a bare name is looked up on `PATH` (the `which`
/// crate, which also knows Windows' executable extensions).
fn resolve(given: &Path) -> Option<PathBuf> {
    which::which(given).ok()
}

fn on_path(name: &str) -> Option<PathBuf> {
    which::which(name).ok()
}

/// Prints every job with `chromium`, a few at a time, and returns each PDF's site path and
/// bytes in job order, dated `date` (`YYYY-MM-DD`). If any page fails, every failure is returned
/// and no PDF at all, so a build never publishes half a set.
pub fn print_all(
    chromium: &Path,
    jobs: &[PrintJob],
    options: &PdfOptions,
    date: &str,
) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    // The browsers' profiles and output, removed when dropped.
    let work = tempfile::Builder::new()
        .prefix("ecotown-pdf-")
        .tempdir()
        .map_err(PdfError::Io)?;
    let results: Vec<Slot> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let progress = Progress::new(options.progress, jobs.len());
    std::thread::scope(|scope| {
        for _ in 0..workers(options.workers, jobs.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(i) else { break };
                    let folder = work.path().join(i.to_string());
                    let result = print_one(chromium, job, &folder, options.timeout);
                    let _ = std::fs::remove_dir_all(&folder);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(result);
                    }
                    progress.show(done.fetch_add(1, Ordering::SeqCst) + 1, &job.pdf);
                }
            });
        }
    });
    progress.finish();
    collect(jobs, results, date)
}

/// Browsers to run at once: as asked, else one per core up to four (each browser is itself
/// multi-threaded, and more mostly adds memory), never more than there are pages.
fn workers(asked: usize, jobs: usize) -> usize {
    let auto = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let n = if asked == 0 { auto } else { asked };
    n.clamp(1, jobs.max(1))
}

/// One brief's outcome, filled in by whichever worker printed it: the PDF, or why not.
type Slot = Mutex<Option<Result<Vec<u8>, String>>>;

fn collect(
    jobs: &[PrintJob],
    results: Vec<Slot>,
    date: &str,
) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    let mut pdfs = Vec::new();
    let mut failures = Vec::new();
    for (job, slot) in jobs.iter().zip(results) {
        let result = slot
            .into_inner()
            .ok()
            .flatten()
            .unwrap_or_else(|| Err("the print job did not run".into()));
        match result {
            Ok(mut bytes) => {
                fix_dates(&mut bytes, date);
                fix_node_ids(&mut bytes);
                fix_creator(&mut bytes);
                let meta = Metadata {
                    date: date.to_string(),
                    ..job.metadata.clone()
                };
                metadata::add(&mut bytes, &meta);
                pdfs.push((job.pdf.clone(), bytes));
            }
            Err(reason) => failures.push(Failure {
                pdf: job.pdf.clone(),
                page: job.page.clone(),
                reason,
            }),
        }
    }
    if failures.is_empty() {
        Ok(pdfs)
    } else {
        Err(PdfError::Failed(failures))
    }
}

/// Prints one page in `folder` (the browser's profile, log and output live there).
fn print_one(
    chromium: &Path,
    job: &PrintJob,
    folder: &Path,
    timeout: Duration,
) -> Result<Vec<u8>, String> {
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let page = std::fs::canonicalize(&job.page)
        .map_err(|e| format!("cannot read {}: {e}", job.page.display()))?;
    let out = folder.join("out.pdf");
    let log_path = folder.join("chromium.log");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let mut command = Command::new(chromium);
    command
        .args(FLAGS)
        .arg(format!(
            "--user-data-dir={}",
            folder.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    // Its own process group, so that a browser that hangs is killed with all its helpers.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", chromium.display()))?;
    let log_text = || std::fs::read_to_string(&log_path).unwrap_or_default();
    let status = wait(child, timeout).map_err(|e| format!("{e}{}", log_excerpt(&log_text())))?;
    if !status.success() {
        return Err(format!(
            "Chromium exited with {status}{}",
            log_excerpt(&log_text())
        ));
    }
    match std::fs::read(&out) {
        Ok(bytes) if bytes.starts_with(b"%PDF-") => Ok(bytes),
        Ok(_) => Err(format!(
            "Chromium wrote a file that is not a PDF{}",
            log_excerpt(&log_text())
        )),
        Err(_) => Err(format!("Chromium wrote no PDF{}", log_excerpt(&log_text()))),
    }
}

/// Chromium's flags: headless, no network or background activity, no default header and footer
/// (the briefs print their own footer from `@page` rules). `--no-sandbox` because CI runs as root,
/// where the sandbox refuses to start; the pages printed are our own, from local files.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pdf-header-footer",
];

/// Waits for `child`, killing it (and its process group) after `timeout`.
fn wait(mut child: Child, timeout: Duration) -> Result<ExitStatus, String> {
    use wait_timeout::ChildExt;
    match child.wait_timeout(timeout) {
        Ok(Some(status)) => Ok(status),
        Ok(None) => {
            kill(&mut child);
            Err(format!(
                "Chromium did not finish within {} s and was stopped",
                timeout.as_secs()
            ))
        }
        Err(err) => {
            kill(&mut child);
            Err(format!("cannot wait for Chromium: {err}"))
        }
    }
}

fn kill(child: &mut Child) {
    #[cfg(unix)]
    {
        // The browser leads its own process group (see `print_one`): end the group by its id.
        let group = format!("-{}", child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The lines of Chromium's log that explain a failure (it also logs harmless complaints about
/// D-Bus and GPU in containers), as ": …" to append to a message, or nothing.
fn log_excerpt(log: &str) -> String {
    let lines: Vec<&str> = log
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains("dbus") && !l.contains("unexpected operator"))
        .collect();
    let telling: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("Page load failed") || l.contains("FATAL"))
        .collect();
    let chosen = if telling.is_empty() {
        &lines[lines.len().saturating_sub(3)..]
    } else {
        &telling[..]
    };
    if chosen.is_empty() {
        String::new()
    } else {
        format!(": {}", chosen.join(" | "))
    }
}

/// `file:///path/to/page.html`, with every byte outside the unreserved set percent-encoded.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// "PDF 12/30 th/briefs/th-21.pdf" on stderr: rewritten in place on a terminal, one line per
/// PDF otherwise (CI logs).
struct Progress {
    enabled: bool,
    terminal: bool,
    total: usize,
    out: Mutex<()>,
}

impl Progress {
    fn new(enabled: bool, total: usize) -> Progress {
        Progress {
            enabled,
            terminal: std::io::stderr().is_terminal(),
            total,
            out: Mutex::new(()),
        }
    }

    fn show(&self, done: usize, pdf: &str) {
        if !self.enabled {
            return;
        }
        let _guard = self.out.lock();
        let mut err = std::io::stderr().lock();
        let line = format!("PDF {done}/{} {pdf}", self.total);
        let _ = if self.terminal {
            write!(err, "\r\x1b[K{line}")
        } else {
            writeln!(err, "{line}")
        };
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.enabled && self.terminal {
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/my site/th/index.html")),
            "file:///tmp/my%20site/th/index.html"
        );
        assert_eq!(file_url(Path::new("/ก")), "file:///%E0%B8%81");
    }

    #[test]
    fn the_log_excerpt_skips_noise() {
        let log = "[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n[3:4:ERROR:headless_command_handler.cc:403] Page load failed: net::ERR_FILE_NOT_FOUND\n";
        assert_eq!(
            log_excerpt(log),
            ": [3:4:ERROR:headless_command_handler.cc:403] Page load failed: net::ERR_FILE_NOT_FOUND"
        );
        assert_eq!(log_excerpt(""), "");
    }

    #[test]
    fn a_missing_browser_says_how_to_install_one() {
        let err = find_chromium(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("apt-get install chromium"), "{message}");
        assert!(message.contains("--chromium PATH"), "{message}");
    }

    #[test]
    fn workers_are_bounded() {
        assert_eq!(workers(3, 30), 3);
        assert_eq!(workers(8, 2), 2);
        assert!((1..=4).contains(&workers(0, 30)));
        assert_eq!(workers(0, 0), 1);
    }
}
