//! Running the benchmark: every scale, every kind of build, one table.
//!
//! For each scale it generates the sites, then times with `/usr/bin/time -v` (for the peak
//! resident memory; the wall time is measured here, to the millisecond): an ecotown full build
//! into a folder that never existed, a no-op rebuild, rebuilds after editing one narrative, one
//! template and one CSV row, `cp -r` of the finished output (the floor: what writing those bytes
//! as files costs on this disk), a Hugo full build of the twin and a Hugo rebuild with nothing
//! changed. Each measurement is repeated and the median run reported. The table goes to stdout and into BENCHMARKS.md between
//! two markers, so the analysis written around it survives a rerun.
//!
//! Every build writes into a fresh folder and nothing is deleted until all measurements are
//! done: on a file system without a journal, ext4 scans recently deleted inodes on every file
//! creation, which made builds just after a large delete several times slower and would measure
//! the disk's housekeeping rather than the site generators.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Options of `ecotown-bench run`.
#[derive(clap::Args)]
pub struct Options {
    /// Scales to run, as multiples of the sample's areas.
    #[arg(long, value_delimiter = ',', default_value = "1,10,100")]
    scales: Vec<u32>,
    /// Times each measurement is repeated (the median is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// The sample site to scale.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where the generated sites and outputs go (emptied first, after the run).
    #[arg(long, default_value = "target/bench")]
    work: PathBuf,
    /// The ecotown program (default: the one built beside this benchmark).
    #[arg(long)]
    ecotown: Option<PathBuf>,
    /// The Hugo program.
    #[arg(long, default_value = "hugo")]
    hugo: PathBuf,
    /// The file whose table is replaced; `-` writes none.
    #[arg(long, default_value = "BENCHMARKS.md")]
    write: PathBuf,
}

/// One timed run of a program.
#[derive(Debug, Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: f64,
    /// Peak resident set size, bytes.
    rss: u64,
}

/// What a build produced.
#[derive(Debug, Clone, Copy, Default)]
struct Output {
    pages: usize,
    charts: usize,
    files: usize,
    bytes: u64,
}

/// One row of the table.
struct Row {
    scale: u32,
    areas: usize,
    tool: &'static str,
    build: &'static str,
    output: Output,
    timing: Timing,
}

pub fn run(options: &Options) -> io::Result<()> {
    let ecotown = match &options.ecotown {
        Some(path) => path.clone(),
        None => std::env::current_exe()?.with_file_name("ecotown"),
    };
    let work = std::path::absolute(&options.work)?;
    // Earlier runs' folders are moved aside now and deleted at the end (see the module comment).
    let old = work.with_extension("old");
    if work.exists() {
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(&work, &old)?;
    }
    let machine = machine(&ecotown, &options.hugo, &options.root);
    eprintln!("{machine}");
    let mut rows = Vec::new();
    for &scale in &options.scales {
        rows.extend(run_scale(options, &ecotown, &work, scale)?);
        eprint!("{}", table(&rows));
    }
    let report = format!("{machine}\n{}\n{}", table(&rows), verdicts(&rows));
    println!("{report}");
    if options.write != Path::new("-") {
        write_report(&options.write, &report)?;
    }
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}

fn run_scale(options: &Options, ecotown: &Path, work: &Path, scale: u32) -> io::Result<Vec<Row>> {
    let dir = work.join(format!("scale-{scale}"));
    crate::generate(&options.root, scale, &dir)?;
    let site = dir.join("ecotown");
    let areas = crate::scale::read_csv(&site.join("data/areas.csv"))?
        .rows
        .len();
    let row = |tool, build, output, timing| Row {
        scale,
        areas,
        tool,
        build,
        output,
        timing,
    };
    let repeat = options.repeat.max(1);
    let mut rows = Vec::new();

    // ecotown: full builds into fresh folders, then a no-op and an edit on the last one.
    let build = |out: &Path| {
        let mut command = Command::new(ecotown);
        command
            .arg("build")
            .arg("--root")
            .arg(&site)
            .arg("--out")
            .arg(out);
        command
    };
    let outs: Vec<PathBuf> = (1..=repeat)
        .map(|r| dir.join(format!("site-{r}")))
        .collect();
    // One untimed build first: it fills the site's PNG folder (`.ecotown-cache/png`), as an
    // author's first build or a CI cache does, so every timed full build is a warm one and the
    // median is not the slower of two (with three runs, a cold first one left only two).
    timed(build(&dir.join("site-warm-up")))?;
    let full = median(
        outs.iter()
            .map(|out| timed(build(out)))
            .collect::<io::Result<_>>()?,
    );
    let out = outs.last().cloned().unwrap_or_default();
    let output = measure(&out)?;
    rows.push(row("ecotown", "full", output, full));
    let noop = (0..repeat)
        .map(|_| timed(build(&out)))
        .collect::<io::Result<_>>()?;
    rows.push(row("ecotown", "no-op", output, median(noop)));
    for edit in [Edit::Narrative, Edit::Template, Edit::CsvRow] {
        edit.prepare(&site)?;
        if edit == Edit::Template {
            // The site's own copy of the template, made before the timed edits: a site that
            // overrides a template for the first time has changed its theme, not one template.
            timed(build(&out))?;
        }
        let mut edits = Vec::new();
        for r in 1..=repeat {
            edit.apply(&site, r)?;
            edits.push(timed(build(&out))?);
        }
        rows.push(row("ecotown", edit.label(), measure(&out)?, median(edits)));
    }
    let copies = (1..=repeat)
        .map(|r| {
            let mut cp = Command::new("cp");
            cp.arg("-r").arg(&out).arg(dir.join(format!("copy-{r}")));
            timed(cp)
        })
        .collect::<io::Result<_>>()?;
    rows.push(row("cp -r", "floor", measure(&out)?, median(copies)));

    // Hugo: full builds into fresh folders, then the same build again.
    let hugo = |dest: &Path| {
        let mut command = Command::new(&options.hugo);
        command.arg("--quiet").arg("--source").arg(dir.join("hugo"));
        command.arg("--destination").arg(dest);
        command
    };
    let dests: Vec<PathBuf> = (1..=repeat)
        .map(|r| dir.join(format!("public-{r}")))
        .collect();
    let full = median(
        dests
            .iter()
            .map(|d| timed(hugo(d)))
            .collect::<io::Result<_>>()?,
    );
    let dest = dests.last().cloned().unwrap_or_default();
    let output = measure(&dest)?;
    rows.push(row("Hugo", "full", output, full));
    let again = (0..repeat)
        .map(|_| timed(hugo(&dest)))
        .collect::<io::Result<_>>()?;
    rows.push(row("Hugo", "no-op", output, median(again)));
    Ok(rows)
}

/// The kinds of one-file edit an author makes between builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edit {
    /// A sentence added to the first area's English narrative.
    Narrative,
    /// A line added to the area page's template (the site's own copy of the built-in one).
    Template,
    /// The first observation's value changed in `data/observations.csv`.
    CsvRow,
}

impl Edit {
    fn label(self) -> &'static str {
        match self {
            Edit::Narrative => "edit: narrative",
            Edit::Template => "edit: template",
            Edit::CsvRow => "edit: CSV row",
        }
    }

    /// Anything the edits need first (the template edit's own copy of the template).
    fn prepare(self, site: &Path) -> io::Result<()> {
        if self == Edit::Template {
            let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/area.html");
            fs::create_dir_all(site.join("templates"))?;
            fs::copy(theme, site.join("templates/area.html"))?;
        }
        Ok(())
    }

    /// Edit `r` (each run changes the file again, so no build can be skipped as a no-op).
    fn apply(self, site: &Path, r: usize) -> io::Result<()> {
        match self {
            Edit::Narrative => {
                let path = first_narrative(site)?;
                let mut text = fs::read_to_string(&path)?;
                text.push_str(&format!("\nEdited for the benchmark, run {r}.\n"));
                fs::write(&path, text)
            }
            Edit::Template => {
                let path = site.join("templates/area.html");
                let text = fs::read_to_string(&path)?;
                let marker = "{% endblock content %}";
                let edited = text.replacen(
                    marker,
                    &format!("<p>Edited for the benchmark, run {r}.</p>\n{marker}"),
                    1,
                );
                if edited == text {
                    return Err(io::Error::other("area.html has no content block to edit"));
                }
                fs::write(&path, edited)
            }
            Edit::CsvRow => {
                let path = site.join("data/observations.csv");
                let mut table = crate::scale::read_csv(&path)?;
                let value = table.column("value")?;
                let row = table
                    .rows
                    .iter_mut()
                    .find(|row| row[value].parse::<f64>().is_ok())
                    .ok_or_else(|| io::Error::other("no observation with a value"))?;
                let old: f64 = row[value].parse().unwrap_or(0.0);
                row[value] = format!("{}", old + 1.0);
                crate::scale::write_csv(&path, &table)
            }
        }
    }
}

/// The narrative edited for the "one edit" build: the first area's English one.
fn first_narrative(site: &Path) -> io::Result<PathBuf> {
    let areas = crate::scale::read_csv(&site.join("data/areas.csv"))?;
    let id = areas.rows.first().map(|r| r[0].clone()).unwrap_or_default();
    Ok(site.join(format!("content/areas/{id}.en.md")))
}

/// Runs `command` under `/usr/bin/time -v`; an unsuccessful run is an error.
fn timed(mut command: Command) -> io::Result<Timing> {
    let report = std::env::temp_dir().join(format!("ecotown-bench-{}.time", std::process::id()));
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-v").arg("-o").arg(&report);
    timed.arg(command.get_program()).args(command.get_args());
    command = timed;
    let start = Instant::now();
    let result = command.output()?;
    let wall = start.elapsed().as_secs_f64();
    if !result.status.success() {
        let stderr = String::from_utf8_lossy(&result.stderr);
        return Err(io::Error::other(format!("{command:?} failed:\n{stderr}")));
    }
    let text = fs::read_to_string(&report)?;
    let field = |name: &str| -> f64 {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0.0)
    };
    Ok(Timing {
        wall,
        cpu: field("User time (seconds):") + field("System time (seconds):"),
        rss: field("Maximum resident set size (kbytes):") as u64 * 1024,
    })
}

/// The run with the median wall time.
fn median(mut runs: Vec<Timing>) -> Timing {
    runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    runs[runs.len() / 2]
}

/// Pages (HTML files), charts (SVG files under `charts/`), files and bytes under `dir`. A chart's
/// embed page (`th/embed/…`) is a file but not a page here: the Hugo twin has none, and counting
/// one small page per chart would make pages per second say more than the build does.
fn measure(dir: &Path) -> io::Result<Output> {
    let mut output = Output::default();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        let rel = rel.to_string_lossy();
        output.files += 1;
        output.bytes += entry.metadata().map_err(io::Error::other)?.len();
        let embed = rel.starts_with("th/embed/") || rel.starts_with("en/embed/");
        output.pages += usize::from(rel.ends_with(".html") && !embed);
        output.charts += usize::from(rel.starts_with("charts/") && rel.ends_with(".svg"));
    }
    Ok(output)
}

/// The machine and the programs, as the table's heading.
fn machine(ecotown: &Path, hugo: &Path, root: &Path) -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse::<u64>()
                .ok()
        })
        .map_or("unknown".into(), |kb| {
            format!("{:.1} GiB", kb as f64 / 1048576.0)
        });
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    let commit = output_of(
        "git",
        &[
            "-C",
            &root.to_string_lossy(),
            "rev-parse",
            "--short",
            "HEAD",
        ],
    );
    let dirty = output_of(
        "git",
        &["-C", &root.to_string_lossy(), "status", "--porcelain"],
    );
    let dirty = if dirty.is_empty() {
        ""
    } else {
        " plus uncommitted changes"
    };
    let hugo = output_of(&hugo.to_string_lossy(), &["version"]);
    let ecotown = output_of(&ecotown.to_string_lossy(), &["--version"]);
    format!(
        "Machine: {cores} cores ({cpu}), {memory} of memory; load average {} at the start.\n\
         Programs: {ecotown} (commit {commit}{dirty}, release build), {hugo}.\n",
        load.join(" ")
    )
}

fn output_of(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn table(rows: &[Row]) -> String {
    let mut text = String::from(
        "| scale | areas | tool | build | pages | charts | files | output (MB) | wall (s) | pages/s | CPU (s) | peak RSS (MiB) |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let t = r.timing;
        let _ = writeln!(
            text,
            "| {}× | {} | {} | {} | {} | {} | {} | {:.1} | {:.3} | {:.0} | {:.2} | {:.0} |",
            r.scale,
            r.areas,
            r.tool,
            r.build,
            r.output.pages,
            r.output.charts,
            r.output.files,
            r.output.bytes as f64 / 1e6,
            t.wall,
            r.output.pages as f64 / t.wall,
            t.cpu,
            t.rss as f64 / 1048576.0,
        );
    }
    text
}

fn find<'r>(rows: &'r [Row], scale: u32, tool: &str, build: &str) -> Option<&'r Row> {
    rows.iter()
        .find(|r| r.scale == scale && r.tool == tool && r.build == build)
}

fn pages_per_second(row: &Row) -> f64 {
    row.output.pages as f64 / row.timing.wall
}

/// Each target of the performance issue (#19), against this run.
fn verdicts(rows: &[Row]) -> String {
    let mut text = String::from("Targets, from this run:\n\n");
    let mut line = |met: Option<bool>, what: String| {
        let mark = match met {
            Some(true) => ": **met**",
            Some(false) => ": **NOT met**",
            None => " (no target at this scale)",
        };
        let _ = writeln!(text, "- {what}{mark}");
    };
    if let Some(full) = find(rows, 1, "ecotown", "full") {
        let wall = full.timing.wall;
        line(
            Some(wall < 0.5),
            format!("1× full build under 0.5 s: {wall:.3} s"),
        );
    }
    for r in rows
        .iter()
        .filter(|r| r.tool == "ecotown" && r.build == "full")
    {
        let scale = r.scale;
        if let Some(hugo) = find(rows, scale, "Hugo", "full") {
            let ratio = pages_per_second(r) / pages_per_second(hugo);
            let target = match scale {
                100 => Some(2.0),
                10 => Some(1.5),
                _ => None,
            };
            line(
                target.map(|t| ratio >= t),
                format!(
                    "{scale}× pages per second, ecotown / Hugo: {ratio:.2}{}",
                    target.map_or(String::new(), |t| format!(" (at least {t})"))
                ),
            );
        }
        if let Some(copy) = find(rows, scale, "cp -r", "floor") {
            let ratio = r.timing.wall / copy.timing.wall;
            line(
                (scale >= 10).then_some(ratio <= 2.0),
                format!(
                    "{scale}× full build / `cp -r` of its output: {ratio:.1} ({:.3} s / {:.3} s; at most 2)",
                    r.timing.wall, copy.timing.wall
                ),
            );
        }
    }
    if let Some(edit) = find(rows, 100, "ecotown", "edit: narrative") {
        let wall = edit.timing.wall;
        line(
            Some(wall < 1.5),
            format!("100× build after one narrative edit: {wall:.2} s (under 1.5 s)"),
        );
    }
    if let Some(full) = find(rows, 100, "ecotown", "full") {
        let gb = full.output.bytes as f64 / 1e9;
        line(
            Some(gb < 1.0),
            format!("100× output: {gb:.2} GB (under GitHub Pages' 1 GB)"),
        );
        let rss = full.timing.rss as f64 / 1048576.0;
        line(
            Some(rss < 512.0),
            format!("100× peak memory: {rss:.0} MiB (under 512 MiB)"),
        );
    }
    if let (Some(ten), Some(hundred)) = (
        find(rows, 10, "ecotown", "full"),
        find(rows, 100, "ecotown", "full"),
    ) {
        // Linear in the input: the areas, and with them the data, narratives and charts. Pages
        // grow less (the indicator, dimension and list pages stay as many, each getting longer),
        // so their ratio is shown but is not the measure.
        let time = hundred.timing.wall / ten.timing.wall;
        let areas = hundred.areas as f64 / ten.areas as f64;
        let pages = hundred.output.pages as f64 / ten.output.pages as f64;
        line(
            Some(time <= areas),
            format!(
                "time from 10× to 100× grows {time:.1}× for {areas:.1}× the areas \
                 ({pages:.1}× the pages; at most linear)"
            ),
        );
    }
    for r in rows
        .iter()
        .filter(|r| r.tool == "ecotown" && r.build == "no-op")
    {
        if let Some(full) = find(rows, r.scale, "ecotown", "full") {
            let speedup = full.timing.wall / r.timing.wall;
            line(
                Some(speedup >= 5.0),
                format!(
                    "{}× no-op rebuild {speedup:.0}× faster than a full build (at least 5×)",
                    r.scale
                ),
            );
        }
    }
    text
}

const BEGIN: &str =
    "<!-- ecotown-bench:begin (generated by `tools/bench/run.sh`; edit outside) -->";
const END: &str = "<!-- ecotown-bench:end -->";

/// Puts `report` between the markers of `path`, or appends it with the markers.
fn write_report(path: &Path, report: &str) -> io::Result<()> {
    let old = fs::read_to_string(path).unwrap_or_default();
    let block = format!("{BEGIN}\n{report}{END}");
    let new = match (old.find(BEGIN), old.find(END)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{block}{}", &old[..start], &old[end + END.len()..])
        }
        _ => format!("{old}{}{block}\n", if old.is_empty() { "" } else { "\n" }),
    };
    fs::write(path, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_replaces_only_its_block() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("B.md");
        fs::write(&path, "# Title\n").unwrap();
        write_report(&path, "one\n").unwrap();
        let first = fs::read_to_string(&path).unwrap();
        assert!(first.starts_with("# Title\n\n") && first.contains("one\n"));
        fs::write(&path, format!("{first}\nAnalysis.\n")).unwrap();
        write_report(&path, "two\n").unwrap();
        let second = fs::read_to_string(&path).unwrap();
        assert!(second.contains("two\n") && !second.contains("one\n"));
        assert!(second.ends_with("\nAnalysis.\n"));
    }
}
