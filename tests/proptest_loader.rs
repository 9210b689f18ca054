//! Property tests of the loader and rules through the real binary: whatever bytes a plan file
//! holds, `check` reports problems as diagnostics and exits 0 or 1; it never panics, never
//! dies of a signal, and its JSON output always parses.
//!
//! Starting the binary for every file would be slow, so each case is a batch of files written
//! to one folder and checked with one run.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use serde_json::Value;

/// Files in each batch.
const BATCH: usize = 8;

fn config(seed: u64) -> Config {
    Config {
        cases: 256,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        // Every shrinking step runs the binary: keep a failure's report quick.
        max_shrink_iters: 200,
        ..Config::default()
    }
}

/// The example plans and the minimal plan: the starting points for mutations.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = fs::read_dir(root.join("plans"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.sort();
        paths.push(root.join("tests/fixtures/valid/minimal.yaml"));
        paths
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect()
    })
}

/// Every rule id `ourplan explain` lists.
fn rule_ids() -> &'static BTreeSet<String> {
    static IDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        let out = Command::cargo_bin("ourplan")
            .unwrap()
            .arg("explain")
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("  "))
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect()
    })
}

/// Writes the batch to a fresh folder, runs `check --format json` once, and checks the result.
fn check_batch(files: &[Vec<u8>]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..files.len())
        .map(|i| format!("case-{i:02}.yaml"))
        .collect();
    for (name, bytes) in names.iter().zip(files) {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--today", "2026-11-23", "."])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    prop_assert!(
        matches!(code, Some(0 | 1)),
        "exit status {:?} (a panic is 101, None is a signal or timeout)\n{}",
        out.status,
        stderr
    );
    prop_assert!(!stderr.contains("panicked"), "{}", stderr);
    let stdout = String::from_utf8(out.stdout);
    prop_assert!(stdout.is_ok(), "stdout is not UTF-8");
    let stdout = stdout.unwrap();
    let parsed: Result<Vec<Value>, _> = serde_json::from_str(&stdout);
    prop_assert!(
        parsed.is_ok(),
        "stdout is not a JSON array: {:?}\n{}",
        parsed.err(),
        stdout
    );
    let diags = parsed.unwrap();
    let mut errors = 0;
    for d in &diags {
        let file = d["file"].as_str().unwrap_or("");
        let file = file.strip_prefix("./").unwrap_or(file);
        let index = names.iter().position(|n| n == file);
        prop_assert!(index.is_some(), "a diagnostic for an unknown file: {}", d);
        let rule = d["rule"].as_str().unwrap_or("");
        prop_assert!(rule_ids().contains(rule), "an unknown rule: {}", d);
        let severity = d["severity"].as_str().unwrap_or("");
        prop_assert!(matches!(severity, "error" | "warning"), "{}", d);
        if severity == "error" {
            errors += 1;
        }
        prop_assert!(!d["message"].as_str().unwrap_or("").is_empty(), "{}", d);
        let line = d["line"].as_u64().unwrap_or(0);
        let column = d["column"].as_u64().unwrap_or(0);
        prop_assert!(line >= 1 && column >= 1, "{}", d);
        let bytes = &files[index.unwrap()];
        let end = (
            d["end_line"].as_u64().unwrap_or(0),
            d["end_column"].as_u64().unwrap_or(0),
        );
        prop_assert!(end >= (line, column), "the end is before the start: {}", d);
        // The place is inside the file (a lone CR counts as a line break in YAML).
        let lines = bytes.iter().filter(|b| matches!(b, b'\n' | b'\r')).count() as u64 + 1;
        prop_assert!(
            line <= lines,
            "line {} of a file with {} lines: {}",
            line,
            lines,
            d
        );
    }
    prop_assert_eq!(
        code == Some(1),
        errors > 0,
        "exit code and errors disagree: {}",
        stdout
    );
    Ok(())
}

/// Bytes that may or may not be a plan: random bytes, or text made of YAML's punctuation.
fn random_file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        "[a-z0-9 :\\-\\[\\]{},&*!|>'\"#?%@`~\\n\\t\\r]{0,400}".prop_map(String::into_bytes),
        any::<String>().prop_map(String::into_bytes),
    ]
}

/// Something to insert into a plan.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\t".to_string()),
        Just(":".to_string()),
        Just(": ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("---\n".to_string()),
        Just("...\n".to_string()),
        Just("- ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("# ".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\u{feff}".to_string()),
        Just("\0".to_string()),
        Just("? ".to_string()),
        Just("|\n".to_string()),
        Just("!!binary ".to_string()),
        Just("!!str ".to_string()),
        Just("<<: *a\n".to_string()),
        Just("~".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("-1".to_string()),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    Insert(Index, String),
    SwapLines(Index, Index),
    Indent(Index, i8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        3 => (any::<Index>(), token()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), -4i8..=4).prop_map(|(i, d)| Mutation::Indent(i, d)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    for m in mutations {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(i.index(n));
            }
            Mutation::DuplicateLine(i) => {
                let i = i.index(n);
                lines.insert(i, lines[i].clone());
            }
            Mutation::Insert(i, token) => {
                let joined = lines.concat();
                let bounds: Vec<usize> = joined
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain([joined.len()])
                    .collect();
                let at = bounds[i.index(bounds.len())];
                let mut s = joined;
                s.insert_str(at, token);
                lines = s.split_inclusive('\n').map(str::to_string).collect();
            }
            Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
            Mutation::Indent(i, d) => {
                let line = &mut lines[i.index(n)];
                if *d >= 0 {
                    line.insert_str(0, &" ".repeat(*d as usize));
                } else {
                    let spaces = line.len() - line.trim_start_matches(' ').len();
                    line.drain(..spaces.min(d.unsigned_abs() as usize));
                }
            }
        }
    }
    lines.concat()
}

fn mutated_plan() -> impl Strategy<Value = Vec<u8>> {
    (any::<Index>(), prop::collection::vec(mutation(), 1..6)).prop_map(|(i, ms)| {
        let seeds = seeds();
        apply(&seeds[i.index(seeds.len())], &ms).into_bytes()
    })
}

proptest! {
    #![proptest_config(config(0x6f75_7270_6c61_6e01))]

    #[test]
    fn random_bytes_never_crash(files in prop::collection::vec(random_file(), BATCH)) {
        check_batch(&files)?;
    }
}

proptest! {
    #![proptest_config(config(0x6f75_7270_6c61_6e02))]

    #[test]
    fn mutated_plans_never_crash(files in prop::collection::vec(mutated_plan(), BATCH)) {
        check_batch(&files)?;
    }
}

#[test]
fn the_unmutated_plans_are_clean() {
    let files: Vec<Vec<u8>> = seeds().iter().map(|s| s.clone().into_bytes()).collect();
    let dir = tempfile::tempdir().unwrap();
    for (i, f) in files.iter().enumerate() {
        fs::write(dir.path().join(format!("p{i}.yaml")), f).unwrap();
    }
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--strict",
            "--today",
            "2026-11-23",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}
