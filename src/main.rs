//! The `ecotown` command: parses arguments, runs a library phase, prints diagnostics, sets the
//! exit code. Everything else lives in the library so that tests can drive it directly.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use ecotown::build::{self, BuildError, BuildOptions};
use ecotown::diagnostics::{Diagnostics, Severity};
use ecotown::pdf::{PdfError, PdfOptions};

/// mimalloc rather than the system allocator: a build makes and frees millions of small strings
/// from every thread, and glibc's allocator spent a seventh of a large build's time on them
/// (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, which its Rust bindings do not name: entry 15 of
/// `mi_option_t` in the headers of both mimalloc 2 and 3 that libmimalloc-sys 0.1.49 bundles.
#[cfg(target_os = "linux")]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory freed between the phases of a build is reused by the next (the dataset's scratch by
/// the charts, the charts' by the pages). mimalloc hands unused memory back to the system after
/// 10 ms, so the next phase faulted it in again page by page, zeroed by the kernel: a tenth of a
/// large build. A second's delay keeps it for the next phase.
///
/// It must be set before mimalloc makes its first heap (set later, the main heap keeps the old
/// delay and loading a large dataset took twice as long), so it runs as an ELF constructor,
/// before `main` and before the runtime allocates anything.
#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    // SAFETY: sets a plain integer option in mimalloc's option table; allowed at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

/// Exit codes, documented in the README.
const EXIT_OK: u8 = 0;
const EXIT_INVALID_INPUT: u8 = 1;
// 2 is clap's code for a usage error.
const EXIT_WRITE_FAILED: u8 = 3;
const EXIT_PDF_FAILED: u8 = 4;

#[derive(Parser)]
#[command(
    name = "ecotown",
    version,
    about = "Build the bilingual eco-industrial town transparency site"
)]
struct Cli {
    /// The site folder (holding site.toml, data/, content/, templates/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the input and write the site into site/ (nothing is written if there is an error).
    Build {
        /// Output folder (default: site/ inside the root).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also print every provincial brief to PDF with headless Chromium.
        #[arg(long)]
        pdf: bool,
        /// The Chromium to print with (default: $ECOTOWN_CHROMIUM, else chromium,
        /// chromium-browser or google-chrome on PATH).
        #[arg(long, value_name = "PATH", requires = "pdf")]
        chromium: Option<PathBuf>,
    },
    /// Preview the site: build it, serve it on this computer, and rebuild and reload open pages
    /// whenever site.toml, data/, content/ or templates/ change. Problems show over every page.
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. The default keeps the preview on this computer; 0.0.0.0
        /// opens it to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Poll the files for changes (for network drives and WSL, where change events do not
        /// arrive).
        #[arg(long)]
        poll: bool,
    },
    /// Validate the input and report every problem without writing anything.
    Check {
        /// Also show notes (decoded encodings, extra columns, missing narratives, …).
        #[arg(long)]
        verbose: bool,
        /// Fail on warnings too (e.g. a narrative shown in place of a missing translation).
        #[arg(long)]
        strict: bool,
        /// How to print problems: `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(&cli))
}

fn run(cli: &Cli) -> u8 {
    let mut diags = Diagnostics::new();
    match &cli.command {
        Command::Serve { port, bind, poll } => {
            let options = ecotown::serve::ServeOptions {
                bind: *bind,
                port: *port,
                poll: *poll,
            };
            match ecotown::serve::serve(&cli.root, &options) {
                Ok(()) => EXIT_OK,
                Err(message) => {
                    eprintln!("error: {message}");
                    EXIT_WRITE_FAILED
                }
            }
        }
        Command::Check {
            verbose,
            strict,
            format,
        } => {
            // Rendered in memory exactly as a build would, so that problems only visible in the
            // finished pages (a broken link, a template error) are found too.
            build::render(&cli.root, &cli.root.join("site"), &mut diags);
            match format {
                Format::Text => print_diagnostics(&diags, *verbose),
                Format::Json => println!("{}", diags.to_json()),
            }
            let warned = *strict && diags.count(Severity::Warning) > 0;
            if diags.has_errors() || warned {
                EXIT_INVALID_INPUT
            } else {
                EXIT_OK
            }
        }
        Command::Build { out, pdf, chromium } => {
            let out = out.clone().unwrap_or_else(|| cli.root.join("site"));
            let options = BuildOptions {
                pdf: pdf.then(|| PdfOptions {
                    chromium: chromium.clone(),
                    progress: true,
                    ..PdfOptions::default()
                }),
                ..BuildOptions::default()
            };
            let result = build::build_with(&cli.root, &out, &options, &mut diags);
            print_diagnostics(&diags, false);
            match result {
                Ok(report) if report.up_to_date => {
                    eprintln!(
                        "{} is up to date: nothing changed since the last build ({} files, {} bytes)",
                        report.out.display(),
                        report.files,
                        report.bytes
                    );
                    EXIT_OK
                }
                Ok(report) => {
                    eprintln!(
                        "built {} files ({} bytes, {} changed) into {}",
                        report.files,
                        report.bytes,
                        report.written,
                        report.out.display()
                    );
                    EXIT_OK
                }
                Err(BuildError::Invalid) => {
                    eprintln!("build stopped: nothing was written, the previous site is unchanged");
                    EXIT_INVALID_INPUT
                }
                Err(BuildError::Locked(pid)) => {
                    eprintln!(
                        "error: another build (process {pid}) is writing {}; wait for it to finish \
                         (if no build is running, delete {}.lock)",
                        out.display(),
                        out.display()
                    );
                    EXIT_WRITE_FAILED
                }
                Err(BuildError::Io(err)) => {
                    eprintln!("error: cannot write the site into {}: {err}", out.display());
                    EXIT_WRITE_FAILED
                }
                Err(BuildError::Pdf(err)) => {
                    // Pages Chromium failed on are listed above as diagnostics.
                    if !matches!(err, PdfError::Failed(_)) {
                        eprintln!("error: {err}");
                    }
                    eprintln!(
                        "build stopped: no PDF could be made for every brief; nothing was written, \
                         the previous site is unchanged"
                    );
                    EXIT_PDF_FAILED
                }
            }
        }
    }
}

/// Prints diagnostics sorted by place, then a summary line. Notes only with `verbose`. Under
/// GitHub Actions each problem is also printed as a workflow command, so it shows on the diff,
/// unless `ECOTOWN_ANNOTATIONS=off` (a workflow's later steps, after `check` annotated them once).
fn print_diagnostics(diags: &Diagnostics, verbose: bool) {
    let annotate = std::env::var("ECOTOWN_ANNOTATIONS").map_or(true, |v| v != "off");
    let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") && annotate;
    for d in diags.sorted() {
        if d.severity != Severity::Note || verbose {
            eprintln!("{d}\n");
        }
        if github && d.severity != Severity::Note {
            println!("{}", d.github_annotation());
        }
    }
    if !diags.is_empty() {
        eprintln!("{}", diags.summary());
    }
}
