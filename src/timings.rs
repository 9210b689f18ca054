//! Timings: where a run's time goes, stage by stage, for the bench (tests/bench/run.sh).
//!
//! Set `OURPLAN_TIMINGS=1` and a command prints, on standard error when it ends, each stage's
//! count and total time, with the run's wall-clock and CPU time. A stage's time is counted
//! twice: the CPU time of the thread that ran it (what the work costs, even on a busy
//! machine; typst may use other threads too, not counted), and the time on the clock. Totals
//! add up every thread, so on 2 cores they can be up to twice the wall-clock time. Without
//! the variable nothing is timed or printed (one flag is read once), and no output changes.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// A stage of the work. `Language` is part of `Rules`: the report shows rules without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading plan files (and making their line ends one kind).
    Read,
    /// Parsing YAML into nodes.
    Parse,
    /// Turning nodes into a checked plan (its shape).
    Shape,
    /// Every rule, the plain-language rules too.
    Rules,
    /// The plain-language rules.
    Language,
    /// Making the view of a copy (what it holds).
    Views,
    /// Writing a web page from its view.
    Html,
    /// typst laying out a PDF.
    Compile,
    /// typst laying out a crisis card for `check`, to count its pages (never exported).
    CardLayout,
    /// A crisis card's page count found in the page memo: not laid out again.
    CardRemembered,
    /// typst writing the PDF file (PDF/UA-1).
    Export,
    /// Writing a plan's folder of copies.
    Write,
}

const STAGES: [(Stage, &str); 12] = [
    (Stage::Read, "read"),
    (Stage::Parse, "parse (YAML)"),
    (Stage::Shape, "shape"),
    (Stage::Rules, "rules (not language)"),
    (Stage::Language, "language"),
    (Stage::Views, "views"),
    (Stage::Html, "HTML"),
    (Stage::Compile, "typst compile"),
    (Stage::CardLayout, "card layout"),
    (Stage::CardRemembered, "card remembered"),
    (Stage::Export, "PDF export"),
    (Stage::Write, "writing"),
];

static ON: LazyLock<bool> = LazyLock::new(|| {
    std::env::var_os("OURPLAN_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0")
});
static START: LazyLock<Instant> = LazyLock::new(Instant::now);
static NANOS: [AtomicU64; 12] = [const { AtomicU64::new(0) }; 12];
static CPU_NANOS: [AtomicU64; 12] = [const { AtomicU64::new(0) }; 12];
static COUNTS: [AtomicU64; 12] = [const { AtomicU64::new(0) }; 12];

/// Runs `f`, adding its time to `stage` when timings are on.
pub fn time<R>(stage: Stage, f: impl FnOnce() -> R) -> R {
    if !*ON {
        return f();
    }
    let (t, c) = (Instant::now(), thread_cpu_nanos());
    let r = f();
    let ns = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
    NANOS[stage as usize].fetch_add(ns, Ordering::Relaxed);
    CPU_NANOS[stage as usize].fetch_add(thread_cpu_nanos().saturating_sub(c), Ordering::Relaxed);
    COUNTS[stage as usize].fetch_add(1, Ordering::Relaxed);
    r
}

/// Counts one `stage` that took no time worth timing (a card found in the page memo).
pub fn count(stage: Stage) {
    if *ON {
        COUNTS[stage as usize].fetch_add(1, Ordering::Relaxed);
    }
}

/// Starts the wall clock (call first thing in `main`).
pub fn start() {
    if *ON {
        LazyLock::force(&START);
    }
}

/// CPU time of this thread so far, in nanoseconds.
fn thread_cpu_nanos() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one struct we own.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return 0;
    }
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// CPU time of the whole process so far (user and system), in seconds.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes one struct we own; RUSAGE_SELF is always valid.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// The report: one line a stage that ran, then the run's wall-clock and CPU time.
pub fn table() -> String {
    let ms = |s: Stage| NANOS[s as usize].load(Ordering::Relaxed) as f64 / 1e6;
    let cpu = |s: Stage| CPU_NANOS[s as usize].load(Ordering::Relaxed) as f64 / 1e6;
    let count = |s: Stage| COUNTS[s as usize].load(Ordering::Relaxed);
    let mut out = format!(
        "timings: {:<22} {:>8} {:>11} {:>10} {:>11}\n",
        "stage", "count", "cpu ms", "cpu ms each", "clock ms"
    );
    for (stage, name) in STAGES {
        let n = count(stage);
        if n == 0 {
            continue;
        }
        let (total, clock) = if stage == Stage::Rules {
            (
                cpu(stage) - cpu(Stage::Language),
                ms(stage) - ms(Stage::Language),
            )
        } else {
            (cpu(stage), ms(stage))
        };
        out.push_str(&format!(
            "timings: {name:<22} {n:>8} {total:>11.1} {:>10.3} {clock:>11.1}\n",
            total / n as f64
        ));
    }
    out.push_str(&format!(
        "timings: wall {:.1} ms, cpu {:.1} ms\n",
        START.elapsed().as_secs_f64() * 1e3,
        cpu_seconds() * 1e3
    ));
    out
}

/// Prints the report on standard error when timings are on.
pub fn report() {
    if *ON {
        eprint!("{}", table());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_each_stage_that_ran_and_takes_language_out_of_rules() {
        // Timings may be off in this process: add to the totals directly.
        NANOS[Stage::Rules as usize].fetch_add(5_000_000, Ordering::Relaxed);
        CPU_NANOS[Stage::Rules as usize].fetch_add(5_000_000, Ordering::Relaxed);
        COUNTS[Stage::Rules as usize].fetch_add(2, Ordering::Relaxed);
        NANOS[Stage::Language as usize].fetch_add(3_000_000, Ordering::Relaxed);
        CPU_NANOS[Stage::Language as usize].fetch_add(3_000_000, Ordering::Relaxed);
        COUNTS[Stage::Language as usize].fetch_add(2, Ordering::Relaxed);
        let t = table();
        let line = |name: &str| {
            t.lines()
                .find(|l| l.starts_with(&format!("timings: {name}")))
                .unwrap_or_else(|| panic!("no {name} line in:\n{t}"))
                .to_string()
        };
        let rules = line("rules (not language)");
        let rules: Vec<&str> = rules.split_whitespace().collect();
        assert_eq!(
            rules[rules.len() - 4..],
            ["2", "2.0", "1.000", "2.0"],
            "{t}"
        );
        let lang = line("language");
        let lang: Vec<&str> = lang.split_whitespace().collect();
        assert_eq!(lang[lang.len() - 4..], ["2", "3.0", "1.500", "3.0"], "{t}");
        assert!(
            !t.contains("typst compile"),
            "a stage that did not run is left out:\n{t}"
        );
        assert!(t.lines().last().unwrap().contains("wall"), "{t}");
    }
}
