//! `ourplan build`: snapshots of every example page, same bytes every time, hostile text stays
//! text, privacy of shared copies, and a failed build keeps the last good copy.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-23";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(plans: &Path, out: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(root())
        .args(["build", "--today", TODAY, "--out"])
        .arg(out)
        .arg(plans)
        .assert()
}

/// Every file under `dir`, by relative path, sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn every_example_page_matches_its_reviewed_snapshot() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("plans"), out.path()).success();
    let pages: Vec<_> = files(out.path())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 4, "{pages:?}");
    for (path, bytes) in pages {
        let name = path.replace(['/', '\\'], "__");
        insta::assert_snapshot!(name, String::from_utf8(bytes).unwrap());
    }
}

#[test]
fn same_input_gives_the_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&root().join("plans"), a.path()).success();
    build(&root().join("plans"), b.path()).success();
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert!(!fa.is_empty());
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}

#[test]
fn each_copy_is_self_contained_and_loads_nothing_from_outside() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("plans"), out.path()).success();
    for (path, bytes) in files(out.path()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("Content-Security-Policy"), "{path}");
        assert!(!html.contains("<script"), "{path}");
        for attr in ["src=\"", "href=\""] {
            for part in html.split(attr).skip(1) {
                let url = &part[..part.find('"').unwrap()];
                let local =
                    !url.contains(':') || url.starts_with("tel:") || url.starts_with("mailto:");
                let external_link = attr == "href=\"" && url.starts_with("https://");
                assert!(local || external_link, "{path} loads {url}");
                if local
                    && !url.starts_with('#')
                    && !url.starts_with("tel:")
                    && !url.starts_with("mailto:")
                {
                    let dir = out.path().join(&path);
                    let target = dir.parent().unwrap().join(url);
                    assert!(target.exists(), "{path} refers to missing {url}");
                    // Each copy's folder works on its own: a carer's folder can be handed
                    // over without the person's full copy above it.
                    assert!(
                        !url.contains(".."),
                        "{path} reaches outside its folder: {url}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_crisis_number_is_a_tel_link() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("plans"), out.path()).success();
    let html = read(&out.path().join("imran-ahmed/index.html"));
    let plan = read(&root().join("plans/imran-ahmed.yaml"));
    let mut count = 0;
    for line in plan.lines() {
        if let Some(rest) = line.trim().strip_prefix("phone: ") {
            let number = rest.trim_matches('"');
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            let tel = match digits.strip_prefix('0') {
                Some(r) if digits.len() >= 10 => format!("tel:+44{r}"),
                _ => format!("tel:{digits}"),
            };
            assert!(
                html.contains(&format!("href=\"{tel}\"")),
                "{number} has no {tel} link"
            );
            count += 1;
        }
    }
    assert!(count >= 3);
    // The national numbers from the settings are there too, and the crisis box comes first.
    for tel in ["tel:111", "tel:116123", "tel:999"] {
        assert!(html.contains(tel), "{tel}");
    }
    let crisis = html.find("id=\"crisis-now\"").unwrap();
    let goals = html.find("id=\"goals\"").unwrap();
    assert!(crisis < goals);
}

#[test]
fn each_web_page_links_to_its_copys_pdfs_and_easy_read_page() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("plans"), out.path()).success();
    let all = files(out.path());
    let mut pdfs_linked = 0;
    for (path, _) in all.iter().filter(|(p, _)| p.ends_with("index.html")) {
        let folder = Path::new(path).parent().unwrap();
        let html = read(&out.path().join(path));
        for (other, _) in &all {
            let other = Path::new(other);
            let beside = other.parent() == Some(folder);
            let name = other.file_name().unwrap().to_string_lossy();
            if beside && (name.ends_with(".pdf") || name == "easy-read.html") {
                assert!(
                    html.contains(&format!("href=\"{name}\"")),
                    "{path} has no link to {name}"
                );
                pdfs_linked += name.ends_with(".pdf") as usize;
            }
        }
    }
    assert!(pdfs_linked >= 3, "{pdfs_linked}");
}

#[test]
fn easy_read_is_also_a_web_page_with_pictures_and_the_easy_words() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("plans"), out.path()).success();
    // Jade asked for easy read: her folder has an easy-read page beside the full one.
    let easy = read(&out.path().join("jade-okafor/easy-read.html"));
    let full = read(&out.path().join("jade-okafor/index.html"));
    assert!(easy.contains("<title>Jade&#39;s care and support plan, easy read</title>"));
    assert!(easy.contains(">I want to go back to college in January.<"));
    assert!(!easy.contains("finish my music course"));
    assert!(full.contains("finish my music course"));
    assert!(easy.contains("href=\"index.html\""));
    // A picture beside each point, each one in the folder.
    let pictures: Vec<&str> = easy
        .split("<img class=\"picture\" src=\"")
        .skip(1)
        .map(|p| &p[..p.find('"').unwrap()])
        .collect();
    assert!(pictures.len() >= 20, "{}", pictures.len());
    for p in &pictures {
        assert!(out.path().join("jade-okafor").join(p).is_file(), "{p}");
    }
    // Margaret asked only for large print: no easy-read page for her.
    assert!(!out.path().join("margaret-hughes/easy-read.html").exists());
}

#[test]
fn easy_read_pictures_say_the_idea_not_what_they_show() {
    // "Love and care" beside a point, not "A heart": the words a screen reader says for a
    // picture are the idea it stands for (or, beside a person, who they are to the person).
    let tsv = read(&root().join("styles/pictures/pictures.tsv"));
    let looks: std::collections::HashMap<&str, (&str, &str)> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some((*c.first()?, (*c.get(1)?, *c.get(4)?)))
        })
        .collect();
    let out = tempfile::tempdir().unwrap();
    build(&root().join("plans"), out.path()).success();
    let mut seen = 0;
    for (path, bytes) in files(out.path()) {
        if !path.ends_with("easy-read.html") {
            continue;
        }
        let page = String::from_utf8(bytes).unwrap();
        for img in page.split("<img class=\"picture\" src=\"pictures/").skip(1) {
            let name = &img[..img.find(".svg").unwrap()];
            let alt = img
                .split_once("alt=\"")
                .map(|(_, a)| &a[..a.find('"').unwrap()])
                .unwrap();
            let (shows, idea) = looks[name];
            seen += 1;
            assert!(
                shows == idea || !alt.contains(shows),
                "{path}: the {name} picture is called {alt:?}, what it shows, not {idea:?}"
            );
        }
    }
    assert!(seen >= 40, "only {seen} pictures seen");
}

#[test]
fn hostile_text_stays_text() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("tests/fixtures/build/hostile"), out.path()).success();
    let html = read(&out.path().join("hostile/index.html"));
    for bad in [
        "<script>alert",
        "<img src=x",
        "<iframe",
        "<b onmouseover",
        "<svg onload",
        "<style>body",
        "href=\"javascript",
        "href=\"data:",
        "tracker.example",
        "<a href=\"javascript",
    ] {
        assert!(!html.contains(bad), "{bad} got through");
    }
    for shown in [
        "&lt;script&gt;alert(",
        "{{ 7*7 }}",
        "{% for x in y %}loop{% endfor %}",
        "&lt;img src=x onerror=alert(1)&gt;",
        "مرحبا بالعالم",
        "👩🏽‍⚕️",
        "#read(&quot;/etc/passwd&quot;)",
        "<a href=\"https://example.org\">safe</a>",
        "&lt;a href=&quot;javascript:alert(2)&quot;&gt;raw link&lt;/a&gt;",
        &"a".repeat(3000),
    ] {
        assert!(html.contains(shown), "{shown} is not shown as text");
    }
    // The page title is text too.
    assert!(html.contains("<title>Tes{{ x }}t&#39;s care and support plan</title>"));
}

#[test]
fn a_broken_plan_does_not_stop_the_others_and_keeps_its_old_copy() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let good = read(&root().join("tests/fixtures/build/mixed/good.yaml"));
    std::fs::write(plans.join("good.yaml"), &good).unwrap();
    std::fs::write(plans.join("other.yaml"), &good).unwrap();
    let out = dir.path().join("out");
    build(&plans, &out).success();
    let before = read(&out.join("other/index.html"));
    // Break one plan: the other is still built, the broken one keeps its last good copy.
    std::fs::write(
        plans.join("other.yaml"),
        good.replace("name: Sam Taylor", "nmae: Sam"),
    )
    .unwrap();
    std::fs::write(plans.join("good.yaml"), good.replace("My cat", "My dog")).unwrap();
    build(&plans, &out)
        .code(1)
        .stdout(predicates::str::contains("unknown-field"))
        .stderr(predicates::str::contains("not built"));
    assert_eq!(read(&out.join("other/index.html")), before);
    assert!(read(&out.join("good/index.html")).contains("My dog"));
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".ourplan-build")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn shared_copies_hold_only_what_was_shared() {
    let out = tempfile::tempdir().unwrap();
    build(
        &root().join("tests/fixtures/build/mixed/good.yaml"),
        out.path(),
    )
    .success();
    let own = read(&out.path().join("good/index.html"));
    let jo = read(&out.path().join("good/for-jo-taylor/index.html"));
    // The person's own copy has everything.
    for s in [
        "My cat and my allotment",
        "Sam lives with depression",
        "olanzapine",
        "I will go to the job club",
    ] {
        assert!(own.contains(s), "{s}");
    }
    // Jo was given the crisis plan and goals only.
    assert!(jo.contains("I want to go back to work"));
    assert!(jo.contains("Sam stops answering her phone"));
    for s in [
        "My cat and my allotment",
        "Sam lives with depression",
        "asthma",
        "olanzapine",
        "I will go to the job club",
        "Alex Smith",
        "Ex-partner",
    ] {
        assert!(!jo.contains(s), "{s} leaked into Jo's copy");
    }
    assert!(jo.contains("This copy is for Jo Taylor."));
}

#[test]
fn unchanged_plans_are_skipped_and_force_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let good = read(&root().join("tests/fixtures/build/mixed/good.yaml"));
    for name in ["a", "b", "c"] {
        std::fs::write(plans.join(format!("{name}.yaml")), &good).unwrap();
    }
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("ourplan")
            .unwrap()
            .current_dir(dir.path())
            .args(["build", "--today", TODAY])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stderr
            .clone();
        String::from_utf8(out).unwrap()
    };
    assert!(run(&[]).contains("built 3, skipped 0"));
    assert!(run(&[]).contains("built 0, skipped 3"));
    // Only the changed plan is built again.
    std::fs::write(plans.join("b.yaml"), good.replace("My cat", "My dog")).unwrap();
    assert!(run(&[]).contains("built 1, skipped 2"));
    assert!(read(&dir.path().join("out/b/index.html")).contains("My dog"));
    // A team stylesheet is an input too: every plan is built again.
    std::fs::create_dir_all(dir.path().join("styles")).unwrap();
    std::fs::write(
        dir.path().join("styles/ourplan.css"),
        "body { color: #000; }",
    )
    .unwrap();
    assert!(run(&[]).contains("built 3, skipped 0"));
    assert_eq!(
        read(&dir.path().join("out/a/ourplan.css")),
        "body { color: #000; }"
    );
    // A deleted copy is made again, and --force builds everything.
    std::fs::remove_dir_all(dir.path().join("out/c")).unwrap();
    assert!(run(&[]).contains("built 1, skipped 2"));
    assert!(run(&["--force"]).contains("built 3, skipped 0"));
}

#[test]
fn a_broken_team_template_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/build/mixed/good.yaml"),
        dir.path().join("plans/good.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("templates/page.html"), "<p>{% if %}</p>").unwrap();
    Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir.path())
        .args(["build", "--diagnostics", "short"])
        .assert()
        .code(2)
        .stdout(predicates::str::contains("error[template]"));
    assert!(!dir.path().join("out/good").exists());
}

#[test]
fn side_doors_stay_shut() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let good = read(&root().join("tests/fixtures/build/mixed/good.yaml"));
    // Actions only: the goals they help with must not show, nor the carer (named in actions).
    let plan = good.replace(
        "    sections: [crisis, goals]",
        "    sections: [actions]\n  - name: Pat Goals\n    kind: professional\n    sections: [goals]\n  - name: Rae Review\n    kind: organisation\n    sections: [crisis]",
    );
    std::fs::write(plans.join("sam.yaml"), plan).unwrap();
    let out = dir.path().join("out");
    build(&plans, &out).success();
    let jo = read(&out.join("sam/for-jo-taylor/index.html"));
    assert!(jo.contains("I will go to the job club"));
    assert!(
        !jo.contains("I want to go back to work"),
        "goal title leaked through an action"
    );
    assert!(!jo.contains("Helps with"));
    // Goals without outcomes: no scores.
    let pat = read(&out.join("sam/for-pat-goals/index.html"));
    assert!(pat.contains("I want to go back to work"));
    assert!(
        !pat.contains("How close I am"),
        "goal ratings leaked without outcomes"
    );
    assert!(!pat.contains("Sam stops answering"), "crisis leaked");
    // The crisis plan without the review: no review dates or history.
    let rae = read(&out.join("sam/for-rae-review/index.html"));
    assert!(rae.contains("Sam stops answering"));
    assert!(!rae.contains("Past reviews") && !rae.contains("Next time we will look at it"));
    // Nobody but Sam sees who must not be contacted.
    for page in [&jo, &pat, &rae] {
        assert!(!page.contains("Alex Smith"));
    }
    assert!(read(&out.join("sam/index.html")).contains("Alex Smith"));
}

#[test]
fn a_copy_no_longer_shared_is_removed_and_the_build_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let good = read(&root().join("tests/fixtures/build/mixed/good.yaml"));
    std::fs::write(plans.join("sam.yaml"), &good).unwrap();
    let out = dir.path().join("out");
    build(&plans, &out).success();
    assert!(out.join("sam/for-jo-taylor/index.html").is_file());
    let shrunk = good.replace(
        "sharing:\n  - name: Jo Taylor\n    kind: carer\n    sections: [crisis, goals]\n",
        "",
    );
    assert_ne!(shrunk, good);
    std::fs::write(plans.join("sam.yaml"), shrunk).unwrap();
    build(&plans, &out)
        .success()
        .stderr(predicates::str::contains(
            "removed the copy in for-jo-taylor/",
        ));
    assert!(!out.join("sam/for-jo-taylor").exists());
    // Taken off the list in an edit with a mistake in it: the plan is not built, and the
    // build says the old copy is still there.
    std::fs::write(plans.join("sam.yaml"), &good).unwrap();
    build(&plans, &out).success();
    let broken = good
        .replace(
            "sharing:\n  - name: Jo Taylor\n    kind: carer\n    sections: [crisis, goals]\n",
            "",
        )
        .replace("next: 2027-05-10", "next: 2027-05-1O");
    std::fs::write(plans.join("sam.yaml"), broken).unwrap();
    build(&plans, &out)
        .code(1)
        .stderr(predicates::str::contains(
            "still there until it builds again: for-jo-taylor/",
        ));
}

/// The words of a text, as written (letters and digits; everything else splits).
fn words_of(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn people_who_must_not_be_contacted_never_reach_another_copy_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&root().join("tests/fixtures/build/do-not-contact"), &out).success();
    let copy = out.join("sam/for-jo-taylor");
    let mut texts = vec![
        ("index.html".to_string(), read(&copy.join("index.html"))),
        // Jo asked for easy read and a web page: the easy-read web page too.
        (
            "easy-read.html".to_string(),
            read(&copy.join("easy-read.html")),
        ),
    ];
    for pdf in [
        "sam-large-print-for-jo-taylor.pdf",
        "sam-easy-read-for-jo-taylor.pdf",
    ] {
        let text = std::process::Command::new("pdftotext")
            .arg(copy.join(pdf))
            .arg("-")
            .output()
            .expect("pdftotext runs (bash .ci/run installs poppler-utils)");
        texts.push((
            pdf.to_string(),
            String::from_utf8_lossy(&text.stdout).into(),
        ));
    }
    for (file, text) in &texts {
        let words = words_of(text);
        let lower = words_of(&text.to_lowercase());
        // Names in every form: full, first name alone, title and surname, "Surname, First",
        // without the accent, in a link address, in the easy-read version only, in a
        // contact's hours, and an everyday word used as a name.
        for name in [
            "alex", "smith", "tony", "hart", "al", "brown", "siobhan", "siobhán", "kelly", "hughes",
        ] {
            assert!(!lower.contains(name), "{file} names {name:?}");
        }
        assert!(!words.contains("WILL") && !words.contains("Will"), "{file}");
        // Nor when a left-out goal was scored (a column of the scores table).
        for phrase in [
            "moved away",
            "someone hurt",
            "never visit",
            "turns up",
            "14 september",
        ] {
            assert!(!text.to_lowercase().contains(phrase), "{file}: {phrase:?}");
        }
        // Only what names them is left out: the rest of the copy is still there.
        for kept in [
            "alcohol",
            "banned",
            "Kim Lee",
            "Northshire home team",
            "job club",
        ] {
            assert!(text.contains(kept), "{file} lost {kept:?}");
        }
    }
    // The person's own copy is theirs, whole.
    let own = read(&out.join("sam/index.html"));
    for name in [
        "Tony",
        "Siobhan",
        "mailto:alex.smith@example.com",
        "WILL turns up",
    ] {
        assert!(own.contains(name), "{name}");
    }
}

/// A scratch project: `plans/` with the given files (each the minimal valid plan), and an
/// `ourplan.toml` if given.
fn project(plans: &[&str], settings: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let plan = read(&root().join("tests/fixtures/valid/minimal.yaml"));
    for p in plans {
        let path = dir.path().join("plans").join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &plan).unwrap();
    }
    if let Some(s) = settings {
        std::fs::write(dir.path().join("ourplan.toml"), s).unwrap();
    }
    dir
}

fn build_in(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir)
        .args(["build", "--today", TODAY])
        .args(args)
        .assert()
}

#[test]
fn two_plans_with_one_name_are_an_error_and_neither_overwrites_the_other() {
    let p = project(&["team-a/sam.yaml", "team-b/sam.yaml", "other.yaml"], None);
    let out = build_in(p.path(), &[]).code(1).get_output().clone();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("duplicate-plan-id"), "{said}");
    assert!(said.contains("plans/team-a/sam.yaml"), "{said}");
    assert!(!p.path().join("out/sam").exists(), "neither was built");
    assert!(
        p.path().join("out/other/index.html").is_file(),
        "the others still are"
    );
    // The same file named twice is one plan, built once.
    let q = project(&["sam.yaml"], None);
    build_in(q.path(), &["plans/sam.yaml", "./plans/sam.yaml"]).success();
}

#[test]
fn a_build_never_replaces_a_folder_it_did_not_make() {
    // The output folder set to the project itself, with a plan called `plans`: refused, and
    // the plans are still there.
    let p = project(&["plans.yaml"], Some("output = \".\"\n"));
    let out = build_in(p.path(), &[]).code(2).get_output().clone();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("holds the project or its plans"),
        "{out:?}"
    );
    assert!(p.path().join("plans/plans.yaml").is_file());
    // A folder of someone else's in the output folder, named like a plan: left alone.
    let q = project(&["notes.yaml"], None);
    std::fs::create_dir_all(q.path().join("out/notes")).unwrap();
    std::fs::write(q.path().join("out/notes/mine.txt"), "mine").unwrap();
    let out = build_in(q.path(), &[]).code(1).get_output().clone();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("ourplan did not make it"),
        "{out:?}"
    );
    assert_eq!(read(&q.path().join("out/notes/mine.txt")), "mine");
}

#[test]
fn skipping_an_unchanged_plan_never_hides_a_problem_or_a_missing_copy() {
    let p = project(&["sam.yaml"], None);
    let said = |a: &assert_cmd::assert::Assert| {
        let o = a.get_output();
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    build_in(p.path(), &[]).success();
    assert!(said(&build_in(p.path(), &[]).success()).contains("skipped 1 (unchanged)"));
    // Years later the review is overdue: the unchanged plan is checked again and says so,
    // and with --strict that fails the build.
    let later = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(p.path())
        .args(["build", "--today", "2031-01-01", "--strict"])
        .assert()
        .code(1);
    assert!(said(&later).contains("review-overdue"), "{}", said(&later));
    // A copy deleted by hand is made again, though the plan has not changed.
    std::fs::remove_file(p.path().join("out/sam/index.html")).unwrap();
    assert!(said(&build_in(p.path(), &[]).success()).contains("built 1"));
    assert!(p.path().join("out/sam/index.html").is_file());
}

#[test]
fn the_copies_of_a_plan_taken_out_of_the_project_go_too() {
    let p = project(&["sam.yaml", "kim.yaml"], None);
    build_in(p.path(), &[]).success();
    assert!(p.path().join("out/kim/index.html").is_file());
    std::fs::remove_file(p.path().join("plans/kim.yaml")).unwrap();
    // Building one named plan says nothing about the others.
    build_in(p.path(), &["plans/sam.yaml"]).success();
    assert!(p.path().join("out/kim/index.html").is_file());
    let out = build_in(p.path(), &[]).success().get_output().clone();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no longer in the plans folder"),
        "{out:?}"
    );
    assert!(!p.path().join("out/kim").exists());
    assert!(p.path().join("out/sam/index.html").is_file());
}

/// Everything a run said, stdout and stderr.
fn said(a: &assert_cmd::assert::Assert) -> String {
    let o = a.get_output();
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    n.sort();
    n
}

#[test]
fn an_output_folder_at_or_above_the_project_or_at_its_plans_is_refused() {
    // The project is one level down, so that `..` is still a scratch folder.
    let top = tempfile::tempdir().unwrap();
    let p = top.path().join("project");
    std::fs::create_dir_all(p.join("plans")).unwrap();
    std::fs::write(
        p.join("plans/sam.yaml"),
        read(&root().join("tests/fixtures/valid/minimal.yaml")),
    )
    .unwrap();
    std::fs::write(p.join("ourplan.toml"), "").unwrap();
    let before_top = names_in(top.path());
    let before_plans = names_in(&p.join("plans"));
    let check = |what: &str, a: assert_cmd::assert::Assert| {
        let s = said(&a);
        a.code(2);
        assert!(s.contains("output folder"), "{what}: {s}");
        assert_eq!(
            names_in(top.path()),
            before_top,
            "{what}: wrote above the project"
        );
        assert_eq!(
            names_in(&p.join("plans")),
            before_plans,
            "{what}: wrote into the plans"
        );
    };
    for out in [
        "..",
        ".",
        "./plans/../plans",
        "plans",
        "plans/out",
        "plans/../..",
        "out/../..",
        "../project",
        "not-there-yet/../..",
    ] {
        check(out, build_in(&p, &["--format", "html", "--out", out]));
    }
    for setting in ["output = \"..\"\n", "output = \"plans/../plans\"\n"] {
        std::fs::write(p.join("ourplan.toml"), setting).unwrap();
        check(setting, build_in(&p, &["--format", "html"]));
    }
    std::fs::write(p.join("ourplan.toml"), "").unwrap();
    #[cfg(unix)]
    for target in ["plans", "..", ".", "plans/"] {
        let _ = std::fs::remove_file(p.join("out"));
        std::os::unix::fs::symlink(target, p.join("out")).unwrap();
        check(target, build_in(&p, &["--format", "html"]));
        // `serve` refuses what `build` refuses, at once.
        let served = Command::cargo_bin("ourplan")
            .unwrap()
            .current_dir(&p)
            .args(["serve", "--port", "0"])
            .timeout(std::time::Duration::from_secs(30))
            .assert();
        check(&format!("serve, out -> {target}"), served);
    }
    let _ = std::fs::remove_file(p.join("out"));
    // A folder of its own is fine, inside the project or not, existing or not.
    build_in(&p, &["--format", "html"]).success();
    build_in(&p, &["--format", "html", "--out", "../elsewhere/new"]).success();
    assert!(top.path().join("elsewhere/new/sam/index.html").is_file());
}

#[test]
fn a_build_never_prunes_or_replaces_another_projects_copies() {
    let a = project(&["sam.yaml"], None);
    let b = project(&["kim.yaml"], None);
    let shared = tempfile::tempdir().unwrap();
    let out = shared.path().join("out");
    let out_s = out.to_str().unwrap();
    build_in(b.path(), &["--format", "html", "--out", out_s]).success();
    assert!(out.join("kim/index.html").is_file());
    let run = build_in(a.path(), &["--format", "html", "--out", out_s]);
    let s = said(&run);
    run.code(2);
    assert!(s.contains("another project"), "{s}");
    assert!(
        out.join("kim/index.html").is_file(),
        "B's copies are left alone"
    );
    assert!(!out.join("sam").exists());
    // B still builds there, and A into a folder of its own.
    build_in(b.path(), &["--format", "html", "--out", out_s]).success();
    assert!(out.join("kim/index.html").is_file());
    build_in(a.path(), &["--format", "html"]).success();
}

/// Starts `ourplan build` in `dir` told to stop at `step`, and returns once it has.
fn paused_build(dir: &Path, step: &str) -> std::process::Child {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ourplan"))
        .current_dir(dir)
        .args(["build", "--today", TODAY, "--format", "html"])
        .env("OURPLAN_TEST_PAUSE_AT", step)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufReader::new(stderr).lines();
    loop {
        match lines.next() {
            Some(Ok(l)) if l.contains("paused at") => break,
            Some(Ok(_)) => {}
            _ => panic!("the build never reached {step}: {:?}", child.wait()),
        }
    }
    child
}

/// Hidden folders a build left: anything in the output folder that starts with `.` and is
/// not the build record, and anything in the build record's work folder.
fn leftovers(out: &Path) -> Vec<String> {
    let mut l: Vec<String> = names_in(out)
        .into_iter()
        .filter(|n| n.starts_with('.') && n != ".ourplan-build")
        .collect();
    l.extend(names_in(&out.join(".ourplan-build/.work")));
    l
}

#[test]
fn a_build_killed_at_any_step_loses_no_copy_and_the_next_build_tidies_up() {
    for step in ["written-new", "moved-old", "moved-new"] {
        let p = project(&["sam.yaml"], None);
        let out = p.path().join("out");
        build_in(p.path(), &["--format", "html"]).success();
        assert!(read(&out.join("sam/index.html")).contains("My cat and my allotment."));
        let plan = p.path().join("plans/sam.yaml");
        let v1 = read(&plan);
        let v2 = v1.replace(
            "My cat and my allotment.",
            "My cat, my bike and my allotment.",
        );
        std::fs::write(&plan, &v2).unwrap();
        let mut child = paused_build(p.path(), step);
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(!leftovers(&out).is_empty(), "{step}: nothing to tidy?");
        // The next build cannot build the plan (a mistake in it), yet a copy is there.
        std::fs::write(&plan, v2.replace("next: 2027-05-10", "next: 2027-05-1O")).unwrap();
        let run = build_in(p.path(), &["--format", "html"]);
        let s = said(&run);
        run.code(1);
        assert!(s.contains("stopped part way"), "{step}: {s}");
        assert_eq!(
            s.matches("stopped part way").count(),
            1,
            "one line: {step}: {s}"
        );
        assert!(
            out.join("sam/index.html").is_file(),
            "{step}: the copy was lost"
        );
        assert!(leftovers(&out).is_empty(), "{step}: {:?}", leftovers(&out));
        // Fixed, it builds the new copy.
        std::fs::write(&plan, &v2).unwrap();
        build_in(p.path(), &["--format", "html"]).success();
        assert!(
            read(&out.join("sam/index.html")).contains("my bike"),
            "{step}"
        );
    }
}

#[test]
fn folders_left_by_an_older_build_that_was_killed_are_finished_or_removed() {
    let p = project(&["sam.yaml", "kim.yaml"], None);
    let out = p.path().join("out");
    build_in(p.path(), &["--format", "html"]).success();
    // Killed between moving the old copy aside and putting the new one in place.
    std::fs::rename(out.join("sam"), out.join(".sam.old-4000001")).unwrap();
    std::fs::create_dir_all(out.join(".sam.new-4000001")).unwrap();
    std::fs::write(out.join(".sam.new-4000001/index.html"), "half").unwrap();
    // Killed while writing: a partial new copy beside the good one.
    std::fs::create_dir_all(out.join(".kim.new-4000002/fonts")).unwrap();
    // Killed while removing the old copy, after the new one was in place.
    std::fs::create_dir_all(out.join(".kim.old-4000003")).unwrap();
    let plan = p.path().join("plans/sam.yaml");
    let good = read(&plan);
    std::fs::write(&plan, good.replace("next: 2027-05-10", "next: 2027-05-1O")).unwrap();
    let run = build_in(p.path(), &["--format", "html"]);
    let s = said(&run);
    run.code(1);
    assert!(s.contains("stopped part way"), "{s}");
    assert!(!read(&out.join("sam/index.html")).contains("half"));
    assert!(
        out.join("sam/index.html").is_file(),
        "the old copy is put back"
    );
    assert!(out.join("kim/index.html").is_file());
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
fn two_builds_at_once_take_turns_and_a_stale_lock_is_taken_over() {
    use std::io::BufRead as _;
    let p = project(&["sam.yaml"], None);
    let mut first = paused_build(p.path(), "locked");
    let mut second = std::process::Command::new(assert_cmd::cargo::cargo_bin("ourplan"))
        .current_dir(p.path())
        .args(["build", "--today", TODAY, "--format", "html"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = second.stderr.take().unwrap();
    std::thread::spawn(move || {
        for l in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(l);
        }
    });
    let waiting = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the second build says something");
    assert!(waiting.contains("waiting"), "{waiting}");
    assert!(
        waiting.contains(&first.id().to_string()),
        "names the other build's process: {waiting}"
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(second.try_wait().unwrap().is_none(), "it waits its turn");
    assert!(!p.path().join("out/sam/index.html").exists());
    // The first is killed, leaving its lock file: the second takes over.
    first.kill().unwrap();
    first.wait().unwrap();
    let status = second.wait().unwrap();
    let rest: Vec<String> = rx.try_iter().collect();
    assert!(status.success(), "{rest:?}");
    assert!(p.path().join("out/sam/index.html").is_file());
    // A lock file left by a process that is gone does not stop a build.
    let lock = p.path().join("out/.ourplan-build/.lock");
    assert!(lock.is_file(), "the lock file is at {}", lock.display());
    std::fs::write(&lock, "4000001\n").unwrap();
    let run = build_in(p.path(), &["--format", "html", "--force"]);
    assert!(!said(&run).contains("waiting"));
    run.success();
}

#[test]
fn long_recipient_names_fit_the_file_system_and_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let good = read(&root().join("tests/fixtures/build/mixed/good.yaml"));
    let cyrillic = "Я".repeat(96);
    let latin = "a".repeat(190);
    let long_b = format!("{}b", "a".repeat(189));
    let long_c = format!("{} {}", "Ж".repeat(80), "c".repeat(100));
    let mut sharing = String::from("sharing:\n");
    for name in [&cyrillic, &latin, &long_b, &long_c] {
        sharing.push_str(&format!(
            "  - name: {name}\n    kind: carer\n    sections: [crisis]\n    formats: [html, large-print]\n"
        ));
    }
    let plan = good.replace(
        "sharing:\n  - name: Jo Taylor\n    kind: carer\n    sections: [crisis, goals]\n",
        &sharing,
    );
    assert_ne!(plan, good);
    std::fs::write(plans.join("sam.yaml"), plan).unwrap();
    let out = dir.path().join("out");
    build(&plans, &out).success();
    let folders: Vec<String> = names_in(&out.join("sam"))
        .into_iter()
        .filter(|n| n.starts_with("for-"))
        .collect();
    assert_eq!(folders.len(), 4, "{folders:?}");
    for f in &folders {
        assert!(f.len() <= 110, "{} bytes: {f}", f.len());
        for file in names_in(&out.join("sam").join(f)) {
            assert!(file.len() <= 210, "{} bytes: {file}", file.len());
        }
        assert!(out.join("sam").join(f).join("index.html").is_file());
    }
}

/// The XMP DocumentID of a PDF.
fn document_id(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let at = text
        .find("DocumentID")
        .expect("the PDF has an XMP DocumentID");
    let rest = &text[at + "DocumentID".len()..];
    let start = rest.find(|c: char| c.is_ascii_alphanumeric()).unwrap();
    // Base64 in XMP: up to the next tag.
    rest[start..].chars().take_while(|c| *c != '<').collect()
}

#[test]
fn each_copy_has_its_own_pdf_name_and_document_id() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let good = read(&root().join("tests/fixtures/build/mixed/good.yaml"));
    let plan = good
        .replace("formats: [html, easy-read]", "formats: [html, large-print]")
        .replace(
            "    sections: [crisis, goals]\n",
            "    sections: [crisis, goals]\n    formats: [large-print]\n",
        );
    std::fs::write(plans.join("sam.yaml"), plan).unwrap();
    let out = dir.path().join("out");
    build(&plans, &out).success();
    let own = out.join("sam/sam-large-print.pdf");
    let theirs = out.join("sam/for-jo-taylor/sam-large-print-for-jo-taylor.pdf");
    assert!(own.is_file(), "{:?}", names_in(&out.join("sam")));
    assert!(
        theirs.is_file(),
        "{:?}",
        names_in(&out.join("sam/for-jo-taylor"))
    );
    let (a, b) = (
        document_id(&std::fs::read(&own).unwrap()),
        document_id(&std::fs::read(&theirs).unwrap()),
    );
    assert!(a.len() > 8, "{a}");
    assert_ne!(a, b, "the two copies have one DocumentID");
}

#[test]
fn shards_together_build_what_one_build_makes() {
    let names: Vec<String> = (0..12).map(|i| format!("p{i:02}.yaml")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let p = project(&refs, None);
    let whole = p.path().join("whole");
    build_in(p.path(), &["--out", "whole"]).success();
    let mut merged: Vec<(String, Vec<u8>)> = Vec::new();
    let mut per_shard = Vec::new();
    for k in 1..=3 {
        let dir = format!("shard{k}");
        let out = build_in(p.path(), &["--out", &dir, "--shard", &format!("{k}/3")])
            .success()
            .get_output()
            .clone();
        let got: Vec<_> = files(&p.path().join(&dir))
            .into_iter()
            .filter(|(rel, _)| !rel.starts_with(".ourplan-build"))
            .collect();
        per_shard.push(got.len());
        merged.extend(got);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("in another shard"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    merged.sort();
    let one: Vec<_> = files(&whole)
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(".ourplan-build"))
        .collect();
    assert_eq!(merged.len(), one.len(), "files per shard: {per_shard:?}");
    assert!(
        merged == one,
        "the shards wrote other files or bytes than one build"
    );
    assert!(
        per_shard.iter().all(|n| *n > 0),
        "an empty shard: {per_shard:?}"
    );
    // A shard never removes the copies of plans in the other shards.
    build_in(p.path(), &["--out", "whole", "--shard", "1/3"]).success();
    let after: Vec<_> = files(&whole)
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(".ourplan-build"))
        .collect();
    assert!(
        after == one,
        "a shard build changed the other shards' copies"
    );
    build_in(p.path(), &["--shard", "0/3"]).code(2);
    build_in(p.path(), &["--shard", "4/3"]).code(2);
}

#[test]
fn a_long_build_shows_its_progress_only_on_a_terminal() {
    let names: Vec<String> = (0..24).map(|i| format!("p{i:02}.yaml")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let p = project(&refs, None);
    // Not on a terminal (a log, a pipe): the summary is the one line said.
    let out = build_in(p.path(), &["--format", "html"])
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.starts_with("built 24, skipped 0"), "{err:?}");
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
    // On a terminal (`script` gives the build one), a bar counts the plans, then makes way
    // for the same summary; with NO_COLOR, no colour.
    if Path::new("/usr/bin/script").exists() {
        let cmd = format!(
            "{} build --force --format html 2>&1",
            env!("CARGO_BIN_EXE_ourplan")
        );
        let out = std::process::Command::new("/usr/bin/script")
            .args(["-qec", &cmd, "/dev/null"])
            .current_dir(p.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("/24 plans"), "no progress bar: {text:?}");
        assert!(text.contains("built 24, skipped 0"), "{text:?}");
        // Colour is `ESC [ ... m`; moving the cursor and clearing the line are not colour.
        let colour = text.split('\x1b').skip(1).any(|seq| {
            seq.strip_prefix('[')
                .is_some_and(|s| s.chars().find(|c| !c.is_ascii_digit() && *c != ';') == Some('m'))
        });
        assert!(!colour, "colour despite NO_COLOR: {text:?}");
    }
}

/// An action's "When" is read as Markdown, like every other text of the plan (it is declared
/// in the plan's shape as text, and shown from there): its `**` marks were printed as typed.
#[test]
fn a_labelled_line_reads_its_markdown_like_every_other_text() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/ourplan.toml"),
        dir.path().join("ourplan.toml"),
    )
    .unwrap();
    let jade = read(&root().join("plans/jade-okafor.yaml"));
    assert!(jade.contains("      when: Every night\n"));
    let jade = jade.replacen(
        "      when: Every night\n",
        "      when: \"**Every** night\"\n",
        1,
    );
    std::fs::write(plans.join("jade-okafor.yaml"), jade).unwrap();
    let out = dir.path().join("out");
    build(&plans, &out).success();
    let page = read(&out.join("jade-okafor/index.html"));
    assert!(!page.contains("**Every**"), "the marks are shown as typed");
    assert!(
        page.contains("</strong> Every night"),
        "the line is there, as plain words"
    );
}
