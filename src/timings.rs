//! Phase timings for profiling: with `ECOTOWN_TIMINGS=1` in the environment, each phase of a
//! build prints how long it took to stderr, and on Linux the memory the process holds at its end
//! and has held at most so far (for finding what sets the peak). Nothing is printed otherwise,
//! and nothing ever goes into the output, which must not depend on the clock.

use std::sync::Mutex;
use std::time::Instant;

/// When the previous phase ended (or the program started), if timings are on.
static LAST: Mutex<Option<Instant>> = Mutex::new(None);

fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ECOTOWN_TIMINGS").is_some_and(|v| v != "0"))
}

/// Marks the end of `phase`: prints the time since the previous mark.
pub fn mark(phase: &str) {
    if !enabled() {
        return;
    }
    let now = Instant::now();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(before) = *last {
        eprintln!(
            "timing: {phase:<32} {:>8.3} s{}",
            (now - before).as_secs_f64(),
            memory()
        );
    }
    *last = Some(now);
}

/// ", now N MiB, peak M MiB" from `/proc/self/status`, or nothing where there is none.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: u64 = line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kib / 1024)
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!(", now {now} MiB, peak {peak} MiB"),
        _ => String::new(),
    }
}
