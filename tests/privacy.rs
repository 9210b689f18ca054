//! The person decides who sees what. A property test: for random plans and random sharing
//! choices, no distinctive string of an unshared section reaches that recipient's copy (any
//! byte of any file in their folder, or its file names), and people who must not be contacted
//! never appear in anyone else's copy. The cases are built in one run of the real binary.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const SECTIONS: [&str; 11] = [
    "about_me",
    "needs",
    "goals",
    "actions",
    "crisis",
    "advance_statement",
    "care_team",
    "carers",
    "agreement",
    "review",
    "outcomes",
];

/// One generated case: which optional parts the plan has, and what is shared.
#[derive(Debug, Clone)]
struct Case {
    shared: Vec<bool>,
    extra_items: usize,
    mention_hidden_in_crisis: bool,
    goal_ratings: bool,
    formats: Vec<&'static str>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(any::<bool>(), 11),
        0usize..3,
        any::<bool>(),
        any::<bool>(),
        prop::sample::subsequence(vec!["html", "large-print", "easy-read"], 0..=3),
    )
        .prop_map(
            |(shared, extra_items, mention, goal_ratings, formats)| Case {
                shared,
                extra_items,
                mention_hidden_in_crisis: mention,
                goal_ratings,
                formats,
            },
        )
}

/// A distinctive token for a section in case `n`.
fn tok(section: &str, n: usize, i: usize) -> String {
    format!("Zq{}{n}x{i}", section.replace('_', ""))
}

fn plan_yaml(n: usize, c: &Case) -> String {
    let t = |s: &str, i: usize| tok(s, n, i);
    let items = |s: &str| {
        (0..=c.extra_items)
            .map(|i| format!("    - Item {}.\n", t(s, i)))
            .collect::<String>()
    };
    let shared: Vec<&str> = SECTIONS
        .iter()
        .zip(&c.shared)
        .filter(|(_, s)| **s)
        .map(|(n, _)| *n)
        .collect();
    let hidden = format!("Hiddenperson{n} Nevershown");
    let crisis_extra = if c.mention_hidden_in_crisis {
        format!("    - Do not let Hiddenperson{n} Nevershown near me.\n")
    } else {
        String::new()
    };
    let ratings = if c.goal_ratings {
        "    ratings:\n      - {date: 2026-05-01, score: 4}\n"
    } else {
        ""
    };
    let formats = if c.formats.is_empty() {
        String::new()
    } else {
        format!("    formats: [{}]\n", c.formats.join(", "))
    };
    format!(
        r#"ourplan: 1
person:
  name: Person {n}
  communication: Talk slowly {about0}.
key_worker:
  name: Kim Worker
  role: Nurse
  phone: "0300 123 4567"
care_team:
  - name: Teammate {team0}
    role: Doctor
about_me:
  what_matters: Matters {about1}.
  strengths:
{about_items}  do_not_contact:
    - name: {hidden}
      reason: Reason {about2}.
needs:
  physical_health:
{needs_items}  housing:
    - Flat {needs9}.
goals:
  - id: g1
    goal: Goal {goals0}.
    why: Why {goals1}.
{ratings}actions:
  me:
    - what: Me action {actions0}.
      goal: g1
  family_and_friends:
    why_none: Nobody {actions1}.
  services:
    - what: Service action {actions2}.
      who: Team {actions3}
crisis:
  warning_signs:
{crisis_items}{crisis_extra}  who_can_help:
    - name: Helper {crisis8}
      phone: "07700 900123"
  contacts:
    - name: Line {crisis9}
      phone: "0800 123 4567"
      when: 24 hours
advance_statement:
  status: made
  date: 2026-01-01
  kept_at: Kept {advance0}.
  treatment:
{advance_items}carers:
  - name: Carer {carers0}
    involved_in_planning: true
    copy_offered: true
sharing:
  - name: Recipient {n}
    kind: carer
    sections: [{shared}]
{formats}agreement:
  my_views: Views {agreement0}.
  agreed_on: 2026-06-01
review:
  last: 2026-06-01
  next: 2027-05-01
  history:
    - date: 2025-06-01
      summary: History {review0}.
outcomes:
  reqol10:
    - {{date: 2026-06-01, total: 31}}
"#,
        about0 = t("about_me", 90),
        about1 = t("about_me", 91),
        about2 = t("about_me", 92),
        about_items = items("about_me"),
        team0 = t("care_team", 0),
        needs_items = items("needs"),
        needs9 = t("needs", 9),
        goals0 = t("goals", 0),
        goals1 = t("goals", 1),
        actions0 = t("actions", 0),
        actions1 = t("actions", 1),
        actions2 = t("actions", 2),
        actions3 = t("actions", 3),
        crisis_items = items("crisis"),
        crisis8 = t("crisis", 8),
        crisis9 = t("crisis", 9),
        advance0 = t("advance_statement", 0),
        advance_items = items("advance_statement"),
        carers0 = t("carers", 0),
        agreement0 = t("agreement", 0),
        review0 = t("review", 0),
        shared = shared.join(", "),
    )
}

/// Every byte of every file in `dir`, the file names, and for PDFs their text and metadata
/// (pdftotext, pdfinfo), as one lossy string.
fn everything_in(dir: &Path) -> String {
    let mut all = String::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        all.push_str(&e.file_name().to_string_lossy());
        all.push('\n');
        if e.file_type().is_file() {
            all.push_str(&String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()));
            if e.path().extension().is_some_and(|x| x == "pdf") {
                for tool in [&["pdftotext", "-q"][..], &["pdfinfo", "-meta"][..]] {
                    let mut cmd = std::process::Command::new(tool[0]);
                    cmd.args(&tool[1..]).arg(e.path());
                    if tool[0] == "pdftotext" {
                        cmd.arg("-");
                    }
                    let out = cmd.output().expect("poppler-utils is installed");
                    assert!(
                        out.status.success(),
                        "{} failed on {}",
                        tool[0],
                        e.path().display()
                    );
                    all.push_str(&String::from_utf8_lossy(&out.stdout).replace('\u{200b}', ""));
                }
            }
        }
    }
    all
}

#[test]
fn unshared_sections_never_reach_a_recipient() {
    let cases_wanted: usize = std::env::var("PRIVACY_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let mut cases = Vec::new();
    for n in 0..cases_wanted {
        let c = case().new_tree(&mut runner).unwrap().current();
        std::fs::write(plans.join(format!("p{n}.yaml")), plan_yaml(n, &c)).unwrap();
        cases.push(c);
    }
    let out = dir.path().join("out");
    let run = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args(["build", "--today", "2026-11-23", "--out"])
        .arg(&out)
        .arg(&plans)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let mut copies_checked = 0;
    for (n, c) in cases.iter().enumerate() {
        let own = everything_in(&out.join(format!("p{n}")));
        let any_shared = c.shared.iter().any(|s| *s);
        let folder = out.join(format!("p{n}/for-recipient-{n}"));
        assert_eq!(folder.exists(), any_shared, "case {n}: {c:?}");
        if !any_shared {
            continue;
        }
        copies_checked += 1;
        let theirs = everything_in(&folder);
        let shared: BTreeSet<&str> = SECTIONS
            .iter()
            .zip(&c.shared)
            .filter(|(_, s)| **s)
            .map(|(n, _)| *n)
            .collect();
        for section in SECTIONS {
            for i in [0, 1, 2, 3, 8, 9, 90, 91, 92] {
                let token = tok(section, n, i);
                if !own.contains(&token) {
                    continue; // not in the plan at all (or only in other variants)
                }
                if !shared.contains(section) {
                    assert!(
                        !theirs.contains(&token),
                        "case {n}: `{token}` of unshared section {section} leaked: {c:?}"
                    );
                }
            }
        }
        assert!(
            !theirs.contains(&format!("Hiddenperson{n}")),
            "case {n}: a person who must not be contacted appears: {c:?}"
        );
        assert!(
            own.contains(&format!("Hiddenperson{n}")),
            "case {n}: own copy is complete"
        );
        assert!(theirs.contains(&format!("This copy is for Recipient {n}.")));
    }
    assert!(copies_checked > cases_wanted / 2, "{copies_checked}");
    let pdfs = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().to_string_lossy().contains("/for-"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    assert!(pdfs > cases_wanted / 4, "recipient PDFs checked: {pdfs}");
}
