//! `ourplan changes PLAN [--since REV|DATE]`: what was added, removed or changed in a plan since
//! its last review (or since a git revision or date), section by section, in plain words. It
//! reads history with the `git` command; outside git, or with no history, it says so.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, ExitCode};

use crate::load::node::{self, Kind, Node};
use crate::render::markdown::{plain, rich};

/// One change, in a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub section: String,
    pub added: bool,
    pub text: String,
}

/// Section names in plain words.
fn section_words(key: &str) -> String {
    let w = &crate::words::EN;
    match key {
        "person" => "About you".to_string(),
        "key_worker" => w.key_worker.to_string(),
        "care_team" => w.care_team.to_string(),
        "about_me" => w.about_me.to_string(),
        "needs" => w.needs.to_string(),
        "goals" => w.goals.to_string(),
        "actions" => w.actions.to_string(),
        "crisis" => w.crisis.to_string(),
        "advance_statement" => w.advance.to_string(),
        "carers" => w.carers.to_string(),
        "sharing" => "Who gets a copy".to_string(),
        "agreement" => w.agreement.to_string(),
        "review" => w.review.to_string(),
        "outcomes" => w.outcomes.to_string(),
        other => other.replace('_', " "),
    }
}

/// The facts of a plan as `(section, "field: value")`, so two versions can be compared as sets.
fn facts(root: &Node) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    if let Kind::Map(entries) = &root.kind {
        for (k, v) in entries {
            let Kind::Str(key) = &k.kind else { continue };
            if key == "ourplan" {
                continue;
            }
            let mut leaves = Vec::new();
            flatten(v, "", &mut leaves);
            for leaf in leaves {
                out.insert((key.clone(), leaf));
            }
        }
    }
    out
}

fn flatten(node: &Node, label: &str, out: &mut Vec<String>) {
    let scalar = |s: String, out: &mut Vec<String>| {
        let text = plain(&rich(&s).blocks);
        if text.trim().is_empty() {
            return;
        }
        if label.is_empty() {
            out.push(text);
        } else {
            out.push(format!("{label}: {text}"));
        }
    };
    match &node.kind {
        Kind::Null => {}
        Kind::Bool(b) => scalar(if *b { "yes".into() } else { "no".into() }, out),
        Kind::Int(i) => scalar(i.to_string(), out),
        Kind::Float(f) => scalar(f.to_string(), out),
        Kind::Str(s) => scalar(s.clone(), out),
        Kind::Seq(items) => {
            for item in items {
                flatten(item, label, out);
            }
        }
        Kind::Map(entries) => {
            // An item written in full is one fact: its fields together.
            let mut parts = Vec::new();
            for (k, v) in entries {
                let Kind::Str(key) = &k.kind else { continue };
                if matches!(v.kind, Kind::Seq(_) | Kind::Map(_)) {
                    let sub = if label.is_empty() {
                        key.replace('_', " ")
                    } else {
                        format!("{label}, {}", key.replace('_', " "))
                    };
                    flatten(v, &sub, out);
                } else {
                    let mut leaf = Vec::new();
                    flatten(v, "", &mut leaf);
                    if let Some(text) = leaf.pop() {
                        parts.push(format!("{}: {text}", key.replace('_', " ")));
                    }
                }
            }
            if !parts.is_empty() {
                let joined = parts.join("; ");
                if label.is_empty() {
                    out.push(joined);
                } else {
                    out.push(format!("{label}: {joined}"));
                }
            }
        }
    }
}

/// What changed between two versions of a plan's text.
pub fn diff(old: &str, new: &str) -> Result<Vec<Change>, String> {
    let parse = |s: &str| node::parse(Path::new("plan"), s).map_err(|d| d.message.clone());
    let (old, new) = (facts(&parse(old)?), facts(&parse(new)?));
    let mut changes: Vec<Change> = Vec::new();
    for (section, text) in new.difference(&old) {
        changes.push(Change {
            section: section.clone(),
            added: true,
            text: text.clone(),
        });
    }
    for (section, text) in old.difference(&new) {
        changes.push(Change {
            section: section.clone(),
            added: false,
            text: text.clone(),
        });
    }
    changes.sort_by(|a, b| (&a.section, !a.added, &a.text).cmp(&(&b.section, !b.added, &b.text)));
    Ok(changes)
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// The date to compare with by default: the last review, else the date agreed.
fn default_since(text: &str) -> Option<String> {
    let (plan, _) = crate::load::load_str(Path::new("plan"), text);
    let plan = plan?;
    plan.review
        .last
        .as_ref()
        .or(plan.agreement.as_ref().and_then(|a| a.agreed_on.as_ref()))
        .map(|d| d.iso())
}

/// The changes in a plan, or why there is nothing to compare with.
pub enum Compared {
    /// What the old version was (`on 2026-03-14`), and what changed since.
    Changes(String, Vec<Change>),
    /// Plain words on why there is nothing to compare.
    Nothing(String),
}

/// Compares a plan's text with its version in git at `since` (a revision or a date), or at
/// its last review when `since` is not given.
pub fn compare(plan: &Path, text: &str, since: Option<&str>) -> Result<Compared, String> {
    let dir = plan
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = plan
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if git(dir, &["rev-parse", "--is-inside-work-tree"]).is_err() {
        return Ok(Compared::Nothing(format!(
            "{} is not in a git repository, so there is no history to compare with.\nKeep plans in git to see what changed between reviews.",
            plan.display()
        )));
    }
    let since = since.map(str::to_string).or_else(|| default_since(text));
    let looks_like_date = |s: &str| {
        s.len() == 10
            && s.chars().enumerate().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            })
    };
    let (rev, what) = match &since {
        Some(s) if looks_like_date(s) => {
            if s.parse::<jiff::civil::Date>().is_err() {
                return Err(format!(
                    "`{s}` is not a real date: write it as YYYY-MM-DD, for example 2026-05-10"
                ));
            }
            let before = format!("--before={s} 23:59:59");
            let found =
                git(dir, &["rev-list", "-1", &before, "HEAD", "--", &file]).unwrap_or_default();
            (found.trim().to_string(), format!("on {s}"))
        }
        Some(r) => {
            if r.starts_with('-')
                || git(
                    dir,
                    &[
                        "rev-parse",
                        "--verify",
                        "--quiet",
                        &format!("{r}^{{commit}}"),
                    ],
                )
                .is_err()
            {
                return Err(format!(
                    "git has no saved version called `{r}`: give a commit, a tag, or a date as YYYY-MM-DD"
                ));
            }
            (r.clone(), format!("at {r}"))
        }
        None => {
            let first =
                git(dir, &["rev-list", "--max-parents=0", "HEAD", "--", &file]).unwrap_or_default();
            (
                first.lines().last().unwrap_or("").to_string(),
                "when it was first saved".to_string(),
            )
        }
    };
    if rev.is_empty() {
        return Ok(Compared::Nothing(format!(
            "There is no saved version of {} {what} or before.\nNothing to compare with yet: this may be a new plan.",
            plan.display()
        )));
    }
    let Ok(old) = git(dir, &["show", &format!("{rev}:./{file}")]) else {
        return Ok(Compared::Nothing(format!(
            "{} did not exist {what}: all of it is new.",
            plan.display()
        )));
    };
    let changes = diff(&old, text).map_err(|e| {
        format!("a version could not be read: {e}; run `ourplan check` on the plan")
    })?;
    Ok(Compared::Changes(what, changes))
}

/// The plain words for a change, for the person's copy: whether it was added or taken out,
/// and where; ids left out.
pub fn plain_change(c: &Change) -> String {
    let w = &crate::words::EN;
    let text = c
        .text
        .split("; ")
        .filter(|p| !p.starts_with("id: "))
        .collect::<Vec<_>>()
        .join("; ");
    let how = if c.added {
        w.news_added
    } else {
        w.news_removed
    };
    format!("{how} {}: {text}", section_words(&c.section))
}

pub fn run(plan: &Path, since: Option<&str>) -> ExitCode {
    let text = match crate::load::read_text(plan) {
        Ok(t) => t,
        Err(d) => return super::usage_error(&d.message, d.hint.as_deref().unwrap_or("")),
    };
    let (what, changes) = match compare(plan, &text, since) {
        Ok(Compared::Changes(what, changes)) => (what, changes),
        Ok(Compared::Nothing(note)) => {
            println!("{note}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return super::usage_error(&e, ""),
    };
    println!(
        "What changed in {} since the version {what}:",
        plan.display()
    );
    if changes.is_empty() {
        println!("\nNothing has changed.");
    }
    let mut last = String::new();
    for c in &changes {
        if c.section != last {
            println!("\n{}", section_words(&c.section));
            last = c.section.clone();
        }
        println!(
            "  {} {}",
            if c.added { "Added:  " } else { "Removed:" },
            c.text
        );
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_found_by_section() {
        let old = "ourplan: 1\ngoals:\n  - id: a\n    goal: Walk more.\ncrisis:\n  warning_signs: [I stop eating.]\n";
        let new = "ourplan: 1\ngoals:\n  - id: a\n    goal: Walk more.\n  - id: b\n    goal: Sleep well.\ncrisis:\n  warning_signs: [I stop sleeping.]\n";
        let c = diff(old, new).unwrap();
        assert_eq!(
            c,
            vec![
                Change {
                    section: "crisis".into(),
                    added: true,
                    text: "warning signs: I stop sleeping.".into()
                },
                Change {
                    section: "crisis".into(),
                    added: false,
                    text: "warning signs: I stop eating.".into()
                },
                Change {
                    section: "goals".into(),
                    added: true,
                    text: "id: b; goal: Sleep well.".into()
                },
            ]
        );
        assert!(diff(new, new).unwrap().is_empty());
    }
}
