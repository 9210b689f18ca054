//! Consent, tried as an attacker would: a sharing entry that is, or names, a person who must
//! not be contacted gets no copy however the name is written; single items kept back
//! (`private`, `not_for`, `only_for`) are in no other copy in any format; and `check
//! --sharing` reads back exactly what each copy holds and what it leaves out, and why.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::everything_in;

const TODAY: &str = "2026-11-23";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn minimal() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).unwrap()
}

fn ourplan(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ourplan").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// A scratch project holding one plan, `plans/sam.yaml`.
fn project(plan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/sam.yaml"), plan).unwrap();
    dir
}

/// Replaces `old` (which must be there) with `new`.
fn edit(plan: &str, old: &str, new: &str) -> String {
    assert!(plan.contains(old), "the plan has no {old:?}");
    plan.replacen(old, new, 1)
}

/// The minimal plan, with Ciarán D'Souza and Kelly Marsh on the do-not-contact list.
fn with_hidden() -> String {
    edit(
        &minimal(),
        "  do_not_contact:\n",
        "  do_not_contact:\n    - name: Ciarán D'Souza\n      reason: Non-molestation order.\n    - name: Kelly Marsh\n      reason: Court order.\n",
    )
}

fn share(plan: &str, name: &str) -> String {
    edit(
        plan,
        "sharing:\n",
        &format!(
            "sharing:\n  - name: \"{name}\"\n    kind: carer\n    sections: [crisis, about_me]\n"
        ),
    )
}

#[test]
fn a_recipient_who_is_or_names_a_hidden_person_gets_no_copy_however_written() {
    let variants = [
        "Mr D'Souza",
        "Ciaran DSouza",
        "Ciaran D Souza",
        "C. D'Souza",
        "Ciarán D\u{2019}Souza",
        "D'SOUZA Ciaran",
        "Ms Marsh",
        "K. Marsh",
        "MARSH Kelly",
        "Marsh, Kelly",
        "Kelly and Lee",
        "Kelly's mum",
        "Kel\u{ad}ly Marsh",
        "Kelly\u{200b} Marsh",
    ];
    for name in variants {
        let p = project(&share(&with_hidden(), name));
        let check = ourplan(p.path())
            .args(["check", "--format", "short", "--today", TODAY])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&check.stdout);
        assert_eq!(check.status.code(), Some(1), "{name}: {stdout}");
        assert!(
            stdout.contains("error[do-not-contact-shared]"),
            "{name}: {stdout}"
        );
        let build = ourplan(p.path())
            .args(["build", "--today", TODAY])
            .output()
            .unwrap();
        assert_eq!(build.status.code(), Some(1), "{name}");
        let out = p.path().join("out");
        let folders: Vec<String> = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("for-"))
            .collect();
        assert!(folders.is_empty(), "{name}: {folders:?}");
    }
}

#[test]
fn the_same_surname_is_a_warning_until_the_team_records_who_they_are() {
    let plan = share(&with_hidden(), "Jo Marsh");
    let p = project(&plan);
    let check = ourplan(p.path())
        .args(["check", "--format", "short", "--today", TODAY])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains("warning[do-not-contact-maybe]"), "{stdout}");
    let quiet = edit(
        &plan,
        "    sections: [crisis, about_me]\n",
        "    sections: [crisis, about_me]\n    different_person: Sam's aunt, not Kelly's family.\n",
    );
    std::fs::write(p.path().join("plans/sam.yaml"), quiet).unwrap();
    let check = ourplan(p.path())
        .args(["check", "--format", "short", "--today", TODAY])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(!stdout.contains("do-not-contact"), "{stdout}");
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    ourplan(p.path())
        .args(["build", "--today", TODAY])
        .assert()
        .success();
    assert!(p.path().join("out/sam/for-jo-marsh/index.html").is_file());
}

#[test]
fn a_copy_made_before_a_name_went_on_the_list_is_removed_and_the_build_says_so() {
    let before = share(&minimal(), "Mr D'Souza");
    let p = project(&before);
    ourplan(p.path())
        .args(["build", "--today", TODAY])
        .assert()
        .success();
    let copy = p.path().join("out/sam/for-mr-d-souza");
    assert!(copy.join("index.html").is_file());
    // Now the person says he must not be contacted.
    let after = edit(
        &before,
        "  do_not_contact:\n",
        "  do_not_contact:\n    - name: Ciarán D'Souza\n      reason: Non-molestation order.\n",
    );
    std::fs::write(p.path().join("plans/sam.yaml"), after).unwrap();
    let build = ourplan(p.path())
        .args(["build", "--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert_eq!(build.status.code(), Some(1), "{stderr}");
    assert!(!copy.exists(), "the copy for Mr D'Souza is still there");
    assert!(
        stderr.contains("for-mr-d-souza/") && stderr.contains("must not be contacted"),
        "{stderr}"
    );
    // The person's own copy and the other copies are kept.
    assert!(p.path().join("out/sam/index.html").is_file());
    assert!(p.path().join("out/sam/for-jo-taylor/index.html").is_file());
}

#[test]
fn someone_else_with_the_same_first_name_stays_in_every_copy() {
    let plan = edit(
        &with_hidden(),
        "key_worker:\n  name: Kim Lee",
        "key_worker:\n  name: Kelly Jones",
    );
    let plan = edit(&plan, "      who: Kim Lee\n", "      who: Kelly Jones\n");
    let plan = edit(
        &plan,
        "    - Sam stops answering her phone.\n",
        "    - Sam stops answering her phone.\n    - Kelly keeps turning up at the flat.\n",
    );
    let p = project(&plan);
    ourplan(p.path())
        .args(["build", "--today", TODAY, "--format", "all"])
        .assert()
        .success();
    let theirs = everything_in(&p.path().join("out/sam/for-jo-taylor"));
    assert!(
        theirs.contains("Kelly Jones"),
        "the key worker was left out"
    );
    assert!(
        !theirs.contains("keeps turning up"),
        "Kelly alone is ambiguous: left out"
    );
    let own = everything_in(&p.path().join("out/sam/index.html"));
    assert!(own.contains("keeps turning up"));
}

/// The minimal plan with one goal private, one crisis entry not for Jo Taylor, and one
/// entry only for Moorside Surgery, shared with Jo Taylor and Moorside Surgery.
fn with_choices() -> String {
    let plan = edit(
        &minimal(),
        "    goal: I want to sleep through the night.\n",
        "    goal: I want to sleep through the night, Zqprivategoal.\n    private: true\n",
    );
    let plan = edit(
        &plan,
        "    - Sam stops answering her phone.\n",
        "    - Sam stops answering her phone.\n    - text: Smoking a lot of weed, Zqnotforjo.\n      not_for: [jo taylor]\n    - text: Sam goes quiet at the surgery, Zqonlygp.\n      only_for: [Moorside Surgery]\n",
    );
    edit(
        &plan,
        "    sections: [crisis, goals]\n",
        "    sections: [crisis, goals, actions, outcomes]\n    formats: [html, large-print, easy-read]\n  - name: Moorside Surgery\n    kind: professional\n    sections: [crisis, goals]\n",
    )
}

#[test]
fn items_kept_back_are_in_no_other_copy_in_any_format() {
    let p = project(&with_choices());
    let build = ourplan(p.path())
        .args(["build", "--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    let jo = everything_in(&p.path().join("out/sam/for-jo-taylor"));
    let gp = everything_in(&p.path().join("out/sam/for-moorside-surgery"));
    let own = everything_in(&p.path().join("out/sam/index.html"));
    // The copies are there, and hold what is shared.
    for copy in [&jo, &gp] {
        assert!(copy.contains("I want to go back to work"));
        assert!(copy.contains("Sam stops answering her phone"));
        assert!(!copy.contains("Zqprivategoal"), "a private goal leaked");
    }
    assert!(!jo.contains("sleep through the night"));
    assert!(!jo.contains("Zqnotforjo"));
    assert!(!jo.contains("Zqonlygp"));
    assert!(gp.contains("Zqnotforjo"));
    assert!(gp.contains("Zqonlygp"));
    // The action that serves only the private goal went with it; the one that serves the
    // shared goal is there.
    assert!(!jo.contains("walk with Sam on Sundays"));
    assert!(jo.contains("job club"));
    // The person's own copy is whole.
    for token in [
        "Zqprivategoal",
        "Zqnotforjo",
        "Zqonlygp",
        "walk with Sam",
        "sleep through the night",
    ] {
        assert!(
            own.contains(token),
            "{token} missing from the person's own copy"
        );
    }
    // The build says which copies lost items.
    assert!(
        stderr.contains("for-jo-taylor: 4 items left out, see `ourplan check --sharing`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("for-moorside-surgery: 1 item left out"),
        "{stderr}"
    );
}

#[test]
fn check_sharing_reads_back_every_item_and_what_is_left_out() {
    let p = project(&with_choices());
    let out = ourplan(p.path())
        .args(["check", "--sharing", "--today", TODAY])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let jo = text
        .split("Moorside Surgery (professional)")
        .next()
        .unwrap();
    assert!(jo.contains("Jo Taylor (carer) will get"), "{text}");
    assert!(
        jo.contains("Not shared with them, so nothing of it is in their copy: About me, What I need help with,"),
        "{text}"
    );
    assert!(
        jo.contains("- Signs that Sam is becoming unwell: Sam stops answering her phone."),
        "{text}"
    );
    assert!(jo.contains("- I want to go back to work."), "{text}");
    assert!(
        jo.contains("Left out of the parts they get (4 items):"),
        "{text}"
    );
    // Each with the line of the plan it is on.
    for line in [
        "Sam's goals: I want to sleep through the night, Zqprivategoal. (line 39): marked private",
        "Signs that Sam is becoming unwell: Smoking a lot of weed, Zqnotforjo. (line 59): the person said not for them",
        "Signs that Sam is becoming unwell: Sam goes quiet at the surgery, Zqonlygp. (line 61): the person said it is only for others",
        "What Sam's family and friends will do: Jo will walk with Sam on Sundays. (line 48): it helps only with a goal kept back",
    ] {
        assert!(jo.contains(line), "missing {line:?} in:\n{jo}");
    }
    let json = ourplan(p.path())
        .args(["check", "--sharing", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let jo = &v["sharing"][0];
    assert_eq!(jo["recipient"], "Jo Taylor");
    assert_eq!(jo["refused"], serde_json::Value::Null);
    assert!(
        jo["not_shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "about_me"),
        "{jo}"
    );
    let reasons: Vec<&str> = jo["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        ["private", "serves-hidden-goal", "not-for", "only-for"],
        "{jo}"
    );
    let held: Vec<String> = jo["holds"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["items"].as_array().unwrap().iter())
        .map(|i| i.as_str().unwrap().to_string())
        .collect();
    assert!(
        held.iter().any(|i| i.contains("I want to go back to work")),
        "{held:?}"
    );
    assert!(!held.iter().any(|i| i.contains("Zq")), "{held:?}");
}

#[test]
fn check_sharing_says_who_gets_no_copy() {
    let p = project(&share(&with_hidden(), "Mr D'Souza"));
    let out = ourplan(p.path())
        .args(["check", "--sharing", "--today", TODAY])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Mr D'Souza (carer) gets no copy: they are, or their name names, someone who must not be contacted."),
        "{text}"
    );
}

#[test]
fn a_name_in_not_for_that_is_not_in_sharing_is_an_error_with_the_nearest_name() {
    let plan = edit(
        &minimal(),
        "    goal: I want to sleep through the night.\n",
        "    goal: I want to sleep through the night.\n    not_for: [Jo Tailor]\n",
    );
    let p = project(&plan);
    let out = ourplan(p.path())
        .args(["check", "--format", "short", "--today", TODAY])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.contains(
            "error[unknown-recipient]: `Jo Tailor` is not in `sharing` (did you mean `Jo Taylor`?)"
        ),
        "{text}"
    );
}

#[test]
fn a_copy_for_someone_else_says_whose_plan_it_is_and_never_speaks_as_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    ourplan(&root())
        .args(["build", "--format", "all", "--today", TODAY, "--out"])
        .arg(&out)
        .arg("plans")
        .assert()
        .success();
    let mut checked = 0;
    for plan in std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()) {
        if !plan.is_dir() || plan.file_name().unwrap().to_string_lossy().starts_with('.') {
            continue;
        }
        for copy in std::fs::read_dir(&plan).unwrap().map(|e| e.unwrap().path()) {
            if !copy
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("for-")
            {
                continue;
            }
            let text = everything_in(&copy);
            for second_person in [
                "If you are in crisis",
                "If you feel unsafe",
                "Your key worker",
                "My key worker",
                "My crisis and safety plan",
                "Numbers you can call",
            ] {
                assert!(
                    !text.contains(second_person),
                    "{}: {second_person:?}",
                    copy.display()
                );
            }
            // It names the person instead: "If Imran is in crisis".
            assert!(
                text.contains(" is in crisis") && text.contains("'s key worker")
                    || text.contains("&#39;s key worker"),
                "{}",
                copy.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked} copies for other people checked");
    // The person's own copy speaks to them.
    let own = std::fs::read_to_string(out.join("imran-ahmed/index.html")).unwrap();
    assert!(own.contains("If you are in crisis"));
}

#[test]
fn what_an_attack_on_the_matcher_found_stays_fixed() {
    // A note written into the do-not-contact name still hides her, and refuses her a copy.
    let plan = edit(
        &minimal(),
        "  do_not_contact:\n",
        "  do_not_contact:\n    - name: Kelly Marsh - ex\n",
    );
    // Her full name with a middle name, as an important person.
    let plan = edit(
        &plan,
        "  important_people:\n",
        "  important_people:\n    - name: Kelly Anne Marsh\n      phone: \"07700 900666\"\n",
    );
    // A goal that names her: kept back with its score and the action for it alone.
    let plan = edit(
        &plan,
        "    goal: I want to go back to work.\n",
        "    goal: I want to go back to work, away from Kelly, Zqgoal.\n",
    );
    let plan = edit(
        &plan,
        "    sections: [crisis, goals]\n",
        "    sections: [crisis, goals, about_me, actions, outcomes]\n",
    );
    let p = project(&share(&plan, "Kelly/Lee"));
    let check = ourplan(p.path())
        .args(["check", "--format", "short", "--today", TODAY])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        text.contains("error[do-not-contact-shared]: `Kelly/Lee`"),
        "{text}"
    );
    assert!(text.contains("warning[do-not-contact-one-name]"), "{text}");
    assert!(
        text.contains("warning[do-not-contact-named]: Kelly Anne Marsh is listed"),
        "{text}"
    );
    // Without the entry for her, the plan builds, and Jo's copy holds none of it.
    std::fs::write(p.path().join("plans/sam.yaml"), &plan).unwrap();
    ourplan(p.path())
        .args(["build", "--today", TODAY, "--format", "all"])
        .assert()
        .success();
    let jo = everything_in(&p.path().join("out/sam/for-jo-taylor"));
    for leak in [
        "Kelly",
        "07700 900666",
        "Zqgoal",
        "job club",
        "go back to work",
    ] {
        assert!(!jo.contains(leak), "{leak} reached Jo's copy");
    }
    assert!(
        jo.contains("sleep through the night"),
        "the other goal is kept"
    );
    // Each of them is in the person's own copy, so its absence above is the choice at work,
    // not a label that changed.
    let own = everything_in(&p.path().join("out/sam/index.html"));
    for kept in [
        "Kelly",
        "07700 900666",
        "Zqgoal",
        "job club",
        "go back to work",
    ] {
        assert!(own.contains(kept), "{kept} is missing from Sam's own copy");
    }
}

#[test]
fn every_phone_link_says_whose_number_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    ourplan(&root())
        .args(["build", "--today", TODAY, "--out"])
        .arg(&out)
        .arg("plans")
        .assert()
        .success();
    let mut links = 0;
    for e in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_name() != "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        // Each contact: its name, then its phone link, whose name carries the contact's name.
        for contact in html.split("<strong class=\"contact-name\">").skip(1) {
            // The name as text: it is isolated (`<bdi>`) for right-to-left pages.
            let name = contact
                .split("</strong>")
                .next()
                .unwrap()
                .replace("<bdi>", "")
                .replace("</bdi>", "");
            if let Some(link) = contact.split("<a class=\"tel\"").nth(1) {
                let label = link
                    .split("aria-label=\"")
                    .nth(1)
                    .and_then(|l| l.split('"').next())
                    .unwrap_or_else(|| {
                        panic!("{}: a phone link has no name: {link}", e.path().display())
                    });
                assert!(label.ends_with(&format!(", {name}")), "{label} / {name}");
                links += 1;
            }
        }
    }
    assert!(links > 20, "{links} phone links checked");
}
