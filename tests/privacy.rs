//! The person decides who sees what. A property test: for random plans and random sharing
//! choices, no distinctive string of an unshared section reaches that recipient's copy (any
//! byte of any file in their folder, or its file names), nor an item kept back from them
//! (`private`, `not_for`, `only_for`, an action serving only a private goal), and people who
//! must not be contacted never appear in anyone else's copy, however their name is written in
//! the text or in a sharing entry (titles, initials, surname first, apostrophes, accents,
//! invisible characters, run together in a handle). Each check is paired with one on the copy
//! that must hold the same text, so a renamed label cannot make it pass. The cases are built in
//! one run of the real binary.

use std::collections::BTreeSet;

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

mod common;
use common::everything_in;

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
    /// How the hidden person is named in the crisis plan (an index into `variant`).
    mention_as: usize,
    /// A sharing entry for the hidden person, written as `variant(share_as)`.
    share_as: Option<usize>,
    /// Single items kept back: a private goal (with an action for it alone), a crisis item
    /// not for the recipient, and one only for another reader.
    choices: bool,
}

/// Ways of writing the hidden person `Hiddenperson{n} O'Nevershown` (listed as
/// `Hiddenpersón{n} O'Nevershown`).
fn variant(n: usize, i: usize) -> String {
    match i % 9 {
        0 => format!("Hiddenperson{n} O'Nevershown"),
        1 => "Mr O'Nevershown".to_string(),
        2 => "H. ONevershown".to_string(),
        3 => format!("O NEVERSHOWN Hiddenperson{n}"),
        // As YAML escapes, inside double quotes: a soft hyphen, a zero-width space.
        4 => format!("Hidden\\u00adperson{n} O Nevershown"),
        5 => format!("hiddenperson{n}onevershown@example.com"),
        6 => format!("HIDDENPERSON{n}"),
        7 => format!("Hiddenperson{n}\\u200b O\u{2019}Nevershown"),
        _ => "Ms O\u{2019}Nevershown".to_string(),
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(any::<bool>(), 11),
        0usize..3,
        any::<bool>(),
        any::<bool>(),
        prop::sample::subsequence(vec!["html", "large-print", "easy-read"], 0..=3),
        (
            0usize..9,
            prop::option::weighted(0.1, 0usize..9),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                shared,
                extra_items,
                mention,
                goal_ratings,
                formats,
                (mention_as, share_as, choices),
            )| Case {
                shared,
                extra_items,
                mention_hidden_in_crisis: mention,
                goal_ratings,
                formats,
                mention_as,
                share_as,
                choices,
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
    let hidden = format!("\"Hiddenpersón{n} O'Nevershown\"");
    let mut crisis_extra = if c.mention_hidden_in_crisis {
        format!(
            "    - \"Do not let {} near me, Zqhidden{n}.\"\n",
            variant(n, c.mention_as)
        )
    } else {
        String::new()
    };
    let mut goal_extra = String::new();
    let mut action_extra = String::new();
    let mut share_extra = String::new();
    if c.choices {
        crisis_extra.push_str(&format!(
            "    - text: Not for them Zqnotfor{n}.\n      not_for: [Recipient {n}]\n    - text: Only for the other Zqonlyfor{n}.\n      only_for: [Other Reader {n}]\n"
        ));
        goal_extra =
            format!("  - id: g2\n    goal: Private goal Zqprivate{n}.\n    private: true\n");
        action_extra = format!("    - what: For the private goal Zqserves{n}.\n      goal: g2\n");
        share_extra = format!(
            "  - name: Other Reader {n}\n    kind: carer\n    sections: [crisis, goals, actions]\n"
        );
    }
    if let Some(i) = c.share_as {
        share_extra.push_str(&format!(
            "  - name: \"{}\"\n    kind: carer\n    sections: [crisis]\n",
            variant(n, i)
        ));
    }
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
{ratings}{goal_extra}actions:
  me:
    - what: Me action {actions0}.
      goal: g1
{action_extra}  family_and_friends:
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
{formats}{share_extra}agreement:
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

#[test]
fn unshared_sections_never_reach_a_recipient() {
    let test_started = std::time::Instant::now();
    let cases_wanted: usize = std::env::var("PRIVACY_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
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
    let started = std::time::Instant::now();
    let run = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args(["build", "--today", "2026-11-23", "--out"])
        .arg(&out)
        .arg(&plans)
        .output()
        .unwrap();
    let build_took = started.elapsed();
    // A sharing entry for the hidden person is an error: that plan is not built at all.
    let refused = cases.iter().filter(|c| c.share_as.is_some()).count();
    assert_eq!(
        run.status.code(),
        Some(if refused > 0 { 1 } else { 0 }),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let mut copies_checked = 0;
    let mut choices_checked = 0;
    for (n, c) in cases.iter().enumerate() {
        if c.share_as.is_some() {
            assert!(
                !out.join(format!("p{n}")).exists(),
                "case {n}: a plan sharing with a hidden person was built: {c:?}"
            );
            continue;
        }
        let own = everything_in(&out.join(format!("p{n}")));
        let any_shared = c.shared.iter().any(|s| *s);
        let folder = out.join(format!("p{n}/for-recipient-{n}"));
        assert_eq!(folder.exists(), any_shared, "case {n}: {c:?}");
        if c.choices {
            let other = everything_in(&out.join(format!("p{n}/for-other-reader-{n}")));
            let theirs = everything_in(&folder);
            for token in ["Zqnotfor", "Zqonlyfor", "Zqprivate", "Zqserves"] {
                let token = format!("{token}{n}");
                assert!(own.contains(&token), "case {n}: own copy lacks {token}");
                assert!(
                    !theirs.contains(&token),
                    "case {n}: {token}, kept back, reached the recipient: {c:?}"
                );
            }
            // The other reader gets what is only for them and what is not for the
            // recipient, but never the private goal or its action.
            assert!(other.contains(&format!("Zqonlyfor{n}")), "case {n}");
            assert!(other.contains(&format!("Zqnotfor{n}")), "case {n}");
            assert!(!other.contains(&format!("Zqprivate{n}")), "case {n}");
            assert!(!other.contains(&format!("Zqserves{n}")), "case {n}");
            choices_checked += 1;
        }
        if c.mention_hidden_in_crisis {
            assert!(
                own.contains(&format!("Zqhidden{n}")),
                "case {n}: own copy is complete"
            );
            for reader in ["recipient", "other-reader"] {
                let folder = out.join(format!("p{n}/for-{reader}-{n}"));
                if !folder.exists() {
                    continue;
                }
                let theirs = everything_in(&folder);
                assert!(
                    !theirs.contains(&format!("Zqhidden{n}")),
                    "case {n}: the hidden person, written as {:?}, reached {reader}: {c:?}",
                    variant(n, c.mention_as)
                );
            }
        }
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
            // A shared section reaches them: what is missing from an unshared one is missing
            // because it is not shared, not because the copy lost everything.
            let in_own: Vec<String> = [0, 1, 2, 3, 8, 9, 90, 91, 92]
                .iter()
                .map(|i| tok(section, n, *i))
                .filter(|t| own.contains(t))
                .collect();
            // (An easy-read copy alone leaves some parts out by design: the care team beyond
            // the key worker, past reviews.)
            let full = c.formats.is_empty() || c.formats.iter().any(|f| *f != "easy-read");
            if shared.contains(section) && !in_own.is_empty() && full {
                assert!(
                    in_own.iter().any(|t| theirs.contains(t)),
                    "case {n}: nothing of shared section {section} reached them ({in_own:?}): {c:?}"
                );
            }
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
        let lower = theirs.to_lowercase();
        assert!(
            !lower.contains("hiddenpers") && !lower.contains("nevershown"),
            "case {n}: a person who must not be contacted appears: {c:?}"
        );
        assert!(
            own.contains(&format!("Hiddenpersón{n}")) && own.contains("Nevershown"),
            "case {n}: own copy is complete"
        );
        assert!(theirs.contains(&format!("This copy is for Recipient {n}.")));
    }
    assert!(copies_checked > cases_wanted / 2, "{copies_checked}");
    assert!(choices_checked > cases_wanted / 4, "{choices_checked}");
    assert!(
        refused > 0 || cases_wanted < 50,
        "no case shared with a hidden person"
    );
    eprintln!(
        "privacy: {cases_wanted} plans, {copies_checked} copies checked, {choices_checked} with item choices, {refused} refused; build {:.1} s, whole test {:.1} s",
        build_took.as_secs_f64(),
        test_started.elapsed().as_secs_f64()
    );
    let pdfs = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().to_string_lossy().contains("/for-"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    assert!(pdfs > cases_wanted / 4, "recipient PDFs checked: {pdfs}");
}
