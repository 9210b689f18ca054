//! Precision and recall of the plain-language rules on a labelled set of care-plan sentences
//! (`tests/fixtures/plain-language-labelled.tsv`: each sentence labelled `plain` or `hard` by
//! hand). Each sentence is put into a copy of the minimal valid plan, as one need, and all the
//! plans are checked in one run of `ourplan check --format json`: the findings counted are the
//! ones a key worker would see, after the limit of two a sentence.
//!
//! - A finding on a `plain` sentence is a false alarm; on a `hard` sentence it is right.
//! - A `hard` sentence is found when it gets at least one finding.
//! - `needs-easy-read` (the minimal plan asks for an easy-read copy) is counted apart: it says
//!   a text is not easy read, which a plain sentence may also be.
//!
//! Asserts false alarms under 5% of findings and at least 80% of hard sentences found. See the
//! figures with `cargo test --test language_precision -- --nocapture`.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;

const LANGUAGE_RULES: &[&str] = &[
    "jargon",
    "unknown-abbreviation",
    "long-sentence",
    "reading-level",
    "passive-voice",
    "double-negative",
];

struct Labelled {
    hard: bool,
    sentence: String,
}

fn labelled() -> Vec<Labelled> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/plain-language-labelled.tsv"))
        .expect("the labelled set");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let label = cols.next().unwrap_or("");
        let sentence = cols.next().unwrap_or("").trim().to_string();
        assert!(
            matches!(label, "plain" | "hard") && !sentence.is_empty(),
            "line {}: want `plain` or `hard`, a tab and a sentence: {line}",
            i + 1
        );
        out.push(Labelled {
            hard: label == "hard",
            sentence,
        });
    }
    out
}

#[test]
fn plain_language_precision_and_recall_on_the_labelled_set() {
    let set = labelled();
    let hard_total = set.iter().filter(|l| l.hard).count();
    assert!(set.len() >= 300, "{} sentences", set.len());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let minimal = std::fs::read_to_string(root.join("tests/fixtures/valid/minimal.yaml")).unwrap();
    assert!(minimal.contains("\nneeds:\n"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ourplan.toml"),
        std::fs::read_to_string(root.join("tests/fixtures/ourplan.toml")).unwrap(),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    for (i, l) in set.iter().enumerate() {
        // A JSON string is a YAML double-quoted string.
        let quoted = serde_json::to_string(&l.sentence).unwrap();
        let plan = minimal.replacen(
            "\nneeds:\n",
            &format!("\nneeds:\n  other:\n    - {quoted}\n"),
            1,
        );
        std::fs::write(dir.path().join(format!("plans/s{:03}.yaml", i + 1)), plan).unwrap();
    }
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "plans",
        ])
        .output()
        .unwrap();
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    // Findings by sentence: (rule, message).
    let mut by_sentence: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    for d in &diags {
        let file = d["file"].as_str().unwrap_or("");
        let n: usize = file
            .rsplit('/')
            .next()
            .and_then(|f| f.strip_prefix('s'))
            .and_then(|f| f.strip_suffix(".yaml"))
            .and_then(|f| f.parse().ok())
            .unwrap_or_else(|| panic!("{d}"));
        let rule = d["rule"].as_str().unwrap_or("").to_string();
        // About the whole plan (no part has easy-read wording), not about the sentence.
        if rule == "no-easy-read-wording" {
            continue;
        }
        assert_eq!(
            d["field"].as_str(),
            Some("needs.other[0]"),
            "a finding outside the sentence: {d}"
        );
        by_sentence
            .entry(n - 1)
            .or_default()
            .push((rule, d["message"].as_str().unwrap_or("").to_string()));
    }
    let (mut right, mut wrong, mut found) = (0, 0, 0);
    let (mut easy_hard, mut easy_plain) = (0, 0);
    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut false_alarms = Vec::new();
    let mut plain_not_easy = Vec::new();
    let mut missed = Vec::new();
    for (i, l) in set.iter().enumerate() {
        let fs = by_sentence.get(&i).map(Vec::as_slice).unwrap_or(&[]);
        let language: Vec<&(String, String)> = fs
            .iter()
            .filter(|(r, _)| LANGUAGE_RULES.contains(&r.as_str()))
            .collect();
        let easy = fs.iter().any(|(r, _)| r == "needs-easy-read");
        for (r, m) in &language {
            let e = per_rule.entry(r.clone()).or_default();
            if l.hard {
                right += 1;
                e.0 += 1;
            } else {
                wrong += 1;
                e.1 += 1;
                false_alarms.push(format!("  {}  [{r}] {m}", l.sentence));
            }
        }
        if l.hard {
            if language.is_empty() {
                missed.push(format!("  {}", l.sentence));
            } else {
                found += 1;
            }
            easy_hard += usize::from(easy);
        } else {
            easy_plain += usize::from(easy);
            if easy {
                plain_not_easy.push(format!("  {}", l.sentence));
            }
        }
    }
    let findings = right + wrong;
    let false_rate = wrong as f64 / findings.max(1) as f64;
    let recall = found as f64 / hard_total.max(1) as f64;
    println!(
        "labelled set: {} sentences ({} hard, {} plain)",
        set.len(),
        hard_total,
        set.len() - hard_total
    );
    println!(
        "findings: {findings}; on hard sentences {right}, false alarms (on plain sentences) {wrong}: {:.1}% of findings; precision {:.1}%",
        false_rate * 100.0,
        100.0 - false_rate * 100.0
    );
    println!(
        "recall: {found} of {hard_total} hard sentences found ({:.1}%)",
        recall * 100.0
    );
    println!(
        "needs-easy-read: {easy_hard} of {hard_total} hard sentences ({:.1}%), {easy_plain} of {} plain sentences ({:.1}%)",
        easy_hard as f64 * 100.0 / hard_total.max(1) as f64,
        set.len() - hard_total,
        easy_plain as f64 * 100.0 / (set.len() - hard_total).max(1) as f64
    );
    for (rule, (r, w)) in &per_rule {
        println!("  {rule}: {r} on hard sentences, {w} on plain ones");
    }
    println!("false alarms:");
    for f in &false_alarms {
        println!("{f}");
    }
    println!("plain sentences that needs-easy-read says are not easy read (for information):");
    for m in &plain_not_easy {
        println!("{m}");
    }
    println!("hard sentences with no finding:");
    for m in &missed {
        println!("{m}");
    }
    assert!(
        false_rate < 0.05,
        "false alarms are {:.1}% of findings",
        false_rate * 100.0
    );
    assert!(
        recall >= 0.80,
        "only {:.1}% of hard sentences found",
        recall * 100.0
    );
    assert!(
        easy_hard as f64 >= 0.80 * hard_total as f64,
        "needs-easy-read found only {easy_hard} of {hard_total} hard sentences"
    );
}
