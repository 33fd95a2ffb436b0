//! Phase timings for profiling: with `ECOTOWN_TIMINGS=1` in the environment, each phase of a
//! build prints how long it took to stderr. Nothing is printed otherwise, and nothing ever goes
//! into the output, which must not depend on the clock.

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
            "timing: {phase:<24} {:>8.3} s",
            (now - before).as_secs_f64()
        );
    }
    *last = Some(now);
}
