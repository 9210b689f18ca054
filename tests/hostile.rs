//! Hostile and odd input: one `check` run over a folder of broken files must report each one
//! with the right rule, still check the good plans, exit 1, and never crash or hang. Also the
//! exit codes and output formats of `check`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-23";

fn minimal() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .expect("the minimal plan exists")
}

fn ourplan() -> Command {
    let mut cmd = Command::cargo_bin("ourplan").expect("the ourplan binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// `text` with `old` (which must be there once) replaced by `new`.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert_eq!(
        text.matches(old).count(),
        1,
        "`{old}` must be in the plan once"
    );
    text.replacen(old, new, 1)
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// An alias bomb: each anchor holds ten aliases of the one before, 10^9 values in all.
fn alias_bomb() -> String {
    let mut s = String::from("ourplan: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names: Vec<char> = "abcdefghij".chars().collect();
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 10].join(", ");
        s.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    s
}

/// True when this process can read a file whatever its permissions (root).
#[cfg(unix)]
fn permissions_are_ignored(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    let probe = dir.join(".probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::File::open(&probe).is_ok();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o600)).unwrap();
    fs::remove_file(&probe).unwrap();
    readable
}

struct Hostile {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// File (relative to `root`) → the rule it must get.
    bad: BTreeMap<&'static str, &'static str>,
    /// Plans that must pass with no diagnostics.
    good: Vec<&'static str>,
    /// How many plan files `check` loads.
    plans: usize,
}

/// Writes the hostile folder.
fn hostile() -> Hostile {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let plan = minimal();
    let mut bad = BTreeMap::new();
    let mut good = Vec::new();
    let mut plans = 0;
    let mut write = |name: &'static str, bytes: &[u8]| {
        fs::write(root.join(name), bytes).unwrap();
        plans += 1;
    };

    write("valid.yaml", plan.as_bytes());
    good.push("valid.yaml");
    write("bom.yaml", format!("\u{feff}{plan}").as_bytes());
    good.push("bom.yaml");
    write("crlf.yaml", crlf(&plan).as_bytes());
    good.push("crlf.yaml");
    fs::create_dir(root.join("x.yaml")).unwrap();
    write("x.yaml/inside.yaml", plan.as_bytes());
    good.push("x.yaml/inside.yaml");
    bad.insert("x.yaml", "not-a-file");

    let typo = edit(&plan, "  role: Community", "  rol: Community");
    write("crlf-error.yaml", crlf(&typo).as_bytes());
    bad.insert("crlf-error.yaml", "unknown-field");
    write("malformed.yaml", b"ourplan: 1\nperson: [\n  name: Sam\n");
    bad.insert("malformed.yaml", "yaml-syntax");
    write(
        "tab.yaml",
        edit(&plan, "  name: Sam Taylor", "\tname: Sam Taylor").as_bytes(),
    );
    bad.insert("tab.yaml", "yaml-syntax");
    let mut latin1 = plan.clone().into_bytes();
    let at = plan.find("Sam Taylor").unwrap() + 3;
    latin1[at] = 0xA0; // a Latin-1 no-break space
    write("latin1.yaml", &latin1);
    bad.insert("latin1.yaml", "not-utf8");
    write("empty.yaml", b"");
    bad.insert("empty.yaml", "empty-file");
    write(
        "duplicate.yaml",
        edit(
            &plan,
            "  name: Sam Taylor\n",
            "  name: Sam Taylor\n  name: Sam T\n",
        )
        .as_bytes(),
    );
    bad.insert("duplicate.yaml", "duplicate-key");
    write(
        "types.yaml",
        edit(
            &plan,
            "  formats: [html, easy-read]",
            "  formats: {html: yes}",
        )
        .as_bytes(),
    );
    bad.insert("types.yaml", "wrong-type");
    write("bomb.yaml", alias_bomb().as_bytes());
    bad.insert("bomb.yaml", "alias-limit");
    write(
        "deep-block.yaml",
        format!("ourplan: 1\nperson:\n{}x\n", "- ".repeat(10_000)).as_bytes(),
    );
    bad.insert("deep-block.yaml", "too-deep");
    let mut indented = String::from("ourplan: 1\n");
    for i in 0..200 {
        indented.push_str(&format!("{}a:\n", "  ".repeat(i)));
    }
    write("deep-indent.yaml", indented.as_bytes());
    bad.insert("deep-indent.yaml", "too-deep");
    write(
        "deep-flow.yaml",
        format!(
            "ourplan: 1\nperson: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .as_bytes(),
    );
    bad.insert("deep-flow.yaml", "too-deep");
    write(
        "deep-flow-map.yaml",
        format!(
            "ourplan: 1\nperson: {}x{}\n",
            "{a: ".repeat(10_000),
            "}".repeat(10_000)
        )
        .as_bytes(),
    );
    bad.insert("deep-flow-map.yaml", "too-deep");
    // Under 2 MB, but more values than the parser's budget allows.
    write(
        "many-values.yaml",
        format!("ourplan: 1\nx: [{}]\n", "0,".repeat(250_001)).as_bytes(),
    );
    bad.insert("many-values.yaml", "too-large");
    // 100 MB, but sparse: cheap to make, and never read.
    let huge = fs::File::create(root.join("huge.yaml")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    drop(huge);
    plans += 1;
    bad.insert("huge.yaml", "too-large");

    #[cfg(unix)]
    {
        use std::os::unix::fs::{PermissionsExt as _, symlink};
        symlink("nowhere.yaml", root.join("broken.yaml")).unwrap();
        bad.insert("broken.yaml", "unreadable-file");
        symlink("self.yaml", root.join("self.yaml")).unwrap();
        bad.insert("self.yaml", "unreadable-file");
        symlink(".", root.join("loop")).unwrap();
        bad.insert("loop", "unreadable-file");
        if !permissions_are_ignored(&root) {
            fs::write(root.join("locked.yaml"), plan.as_bytes()).unwrap();
            fs::set_permissions(root.join("locked.yaml"), fs::Permissions::from_mode(0o000))
                .unwrap();
            plans += 1;
            bad.insert("locked.yaml", "unreadable-file");
        }
    }
    Hostile {
        _dir: dir,
        root,
        bad,
        good,
        plans,
    }
}

/// The file a diagnostic is about, relative to the folder checked.
fn rel(file: &str) -> String {
    file.strip_prefix("./").unwrap_or(file).to_string()
}

#[test]
fn one_run_over_many_hostile_files() {
    let h = hostile();
    // The time-out only stops a hang (an alias bomb that was not caught) from stalling the
    // suite; how fast the check is is measured in tests/bench/run.sh, not asserted.
    let out = ourplan()
        .current_dir(&h.root)
        .args(["check", "--format", "json", "--today", TODAY, "."])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).expect("JSON output is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let diags: Vec<Value> = serde_json::from_str(&stdout).expect("stdout is a JSON array");
    let found: Vec<(String, String)> = diags
        .iter()
        .map(|d| {
            (
                rel(d["file"].as_str().expect("file is text")),
                d["rule"].as_str().expect("rule is text").to_string(),
            )
        })
        .collect();
    for (file, rule) in &h.bad {
        assert!(
            found.iter().any(|(f, r)| f == file && r == rule),
            "{file} should get [{rule}]; got:\n{}",
            serde_json::to_string_pretty(&diags).unwrap()
        );
    }
    for file in &h.good {
        let mine: Vec<_> = found.iter().filter(|(f, _)| f == file).collect();
        assert!(mine.is_empty(), "{file} is a valid plan but got {mine:?}");
    }
    // Every diagnostic is about one of the files written, and has a place and a message.
    for d in &diags {
        let file = rel(d["file"].as_str().unwrap());
        assert!(
            h.bad.contains_key(file.as_str()),
            "a diagnostic for an unexpected file: {d}"
        );
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        assert!(!d["message"].as_str().unwrap().is_empty());
        assert!(matches!(d["severity"].as_str(), Some("error" | "warning")));
    }
    // The CRLF file's error is on the right line and column (`rol:` on line 11).
    let typo = diags
        .iter()
        .find(|d| rel(d["file"].as_str().unwrap()) == "crlf-error.yaml")
        .unwrap();
    assert_eq!(
        (typo["line"].as_u64(), typo["column"].as_u64()),
        (Some(11), Some(3)),
        "{typo}"
    );
    assert_eq!(typo["end_line"].as_u64(), Some(11));
    // The tab is on line 4.
    let tab = diags
        .iter()
        .find(|d| rel(d["file"].as_str().unwrap()) == "tab.yaml")
        .unwrap();
    assert_eq!(
        (tab["line"].as_u64(), tab["column"].as_u64()),
        (Some(4), Some(1)),
        "{tab}"
    );
    assert!(tab["message"].as_str().unwrap().contains("tab"), "{tab}");
    // The bad byte is in the name on line 4, after `  name: Sam`.
    let latin1 = diags
        .iter()
        .find(|d| rel(d["file"].as_str().unwrap()) == "latin1.yaml")
        .unwrap();
    assert_eq!(
        (latin1["line"].as_u64(), latin1["column"].as_u64()),
        (Some(4), Some(12))
    );
}

#[test]
fn human_output_counts_plans_and_shows_both_duplicate_keys() {
    let h = hostile();
    let out = ourplan()
        .current_dir(&h.root)
        .args([
            "check", "--format", "human", "--color", "never", "--today", TODAY, ".",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors = stdout.matches("\nerror[").count() + usize::from(stdout.starts_with("error["));
    let warnings =
        stdout.matches("\nwarning[").count() + usize::from(stdout.starts_with("warning["));
    assert_eq!(
        stderr.trim_end(),
        format!(
            "checked {} plans: {errors} error{}, {warnings} warning{}",
            h.plans,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "escape codes with --color never");
    // Both places of the duplicate key: the second `name` (line 5) and the first (line 4).
    let dup = stdout
        .split("\n\n")
        .find(|block| block.contains("[duplicate-key]"))
        .unwrap_or_else(|| panic!("no duplicate-key block:\n{stdout}"));
    assert!(dup.contains("duplicate.yaml:5:3"), "{dup}");
    assert!(dup.contains("5 |   name: Sam T"), "{dup}");
    assert!(dup.contains("4 |   name: Sam Taylor"), "{dup}");
    assert!(dup.contains("it was first written here"), "{dup}");
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = ourplan()
        .current_dir(dir.path())
        .args(["check", "--today", TODAY, "no-such-plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-plan.yaml"), "{stderr}");
}

#[test]
fn no_plans_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = ourplan()
        .current_dir(dir.path())
        .args(["check", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("plan.yaml"), minimal()).unwrap();
    for bad in ["2026-13-01", "23/11/2026", "tomorrow", ""] {
        let out = ourplan()
            .current_dir(dir.path())
            .args(["check", "--today", bad, "plan.yaml"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--today {bad:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    }
}

#[test]
fn strict_turns_a_warning_into_failure() {
    let dir = tempfile::tempdir().unwrap();
    let overdue = edit(&minimal(), "  next: 2027-05-10", "  next: 2026-11-20");
    fs::write(dir.path().join("plan.yaml"), overdue).unwrap();
    let run = |strict: bool| {
        let mut cmd = ourplan();
        cmd.current_dir(dir.path())
            .args(["check", "--format", "short", "--today", TODAY]);
        if strict {
            cmd.arg("--strict");
        }
        cmd.arg("plan.yaml").output().unwrap()
    };
    let lenient = run(false);
    assert_eq!(lenient.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&lenient.stdout).contains("warning[review-overdue]"));
    let strict = run(true);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(
        strict.stdout, lenient.stdout,
        "--strict changes the exit code only"
    );
}

#[test]
fn github_format_gives_workflow_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let plan = minimal();
    let broken = edit(
        &plan,
        "  email: kim.lee@example.nhs.uk",
        "  email: kim.lee.example",
    );
    let broken = edit(&broken, "  next: 2027-05-10", "  next: 2026-11-20");
    fs::write(dir.path().join("plan.yaml"), broken).unwrap();
    let out = ourplan()
        .current_dir(dir.path())
        .args(["check", "--format", "github", "--today", TODAY, "plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(
            "::error file=plan.yaml,line=13,endLine=13,col=10,endColumn=25,title=invalid-email::"
        ),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(
            "::warning file=plan.yaml,line=92,endLine=92,col=9,endColumn=19,title=review-overdue::"
        ),
        "{stdout}"
    );
    // The hint goes on a second line of the message, escaped.
    assert!(lines[0].contains("%0A"), "{stdout}");
}

#[test]
fn no_escape_codes_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let broken = edit(&minimal(), "  next: 2027-05-10", "  next: 2027-12-10");
    fs::write(dir.path().join("plan.yaml"), broken).unwrap();
    let run = |color: &str, no_color: bool| {
        let mut cmd = ourplan();
        cmd.current_dir(dir.path()).args([
            "check",
            "--today",
            TODAY,
            "--color",
            color,
            "plan.yaml",
        ]);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    // Output to a pipe is not a terminal.
    let piped = run("auto", false);
    assert!(piped.contains("error[review-too-late]"), "{piped}");
    assert!(!piped.contains('\x1b'), "{piped:?}");
    let no_color = run("auto", true);
    assert!(!no_color.contains('\x1b'), "{no_color:?}");
    assert_eq!(no_color, piped);
    // The check above would catch colour: `always` does use escape codes.
    assert!(run("always", false).contains("\x1b["));
    for format in ["short", "json", "github"] {
        let out = ourplan()
            .current_dir(dir.path())
            .args(["check", "--today", TODAY, "--format", format, "plan.yaml"])
            .output()
            .unwrap();
        assert!(
            !out.stdout.contains(&0x1b),
            "{format} output has escape codes"
        );
        assert!(
            !out.stderr.contains(&0x1b),
            "{format} errors have escape codes"
        );
    }
}

/// A file with two YAML documents should be a syntax error ("more than one YAML document"),
/// but the parser's document budget is hit first and the loader calls it `too-large`.
#[test]
fn two_documents_are_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("plan.yaml"),
        format!("{}---\nourplan: 1\n", minimal()),
    )
    .unwrap();
    let out = ourplan()
        .current_dir(dir.path())
        .args(["check", "--format", "short", "--today", TODAY, "plan.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("error[yaml-syntax]"), "{stdout}");
    assert!(stdout.contains("more than one YAML document"), "{stdout}");
}

/// The JSON diagnostics for one file.
fn json_for(name: &str, bytes: &[u8]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let out = ourplan()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--today", TODAY, name])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn place(d: &Value, key: &str) -> u64 {
    d[key].as_u64().unwrap()
}

/// After a byte-order mark, the byte offsets of a span are 3 bytes off the text they are
/// shown in: the end of the span (and the `^^^` under it) is wrong.
#[test]
fn a_byte_order_mark_does_not_shift_spans() {
    let typo = edit(&minimal(), "  role: Community", "  rol: Community");
    let diags = json_for("plan.yaml", format!("\u{feff}{typo}").as_bytes());
    let d = &diags[0];
    assert_eq!((place(d, "line"), place(d, "column")), (11, 3), "{d}");
    assert_eq!(
        (place(d, "end_line"), place(d, "end_column")),
        (11, 6),
        "{d}"
    );
}

/// YAML counts a lone CR as a line break, the byte-offset code does not: line numbers from the
/// parser and from offsets disagree, and the end of a span can come before its start.
#[test]
fn a_lone_cr_gives_consistent_places() {
    let diags = json_for("plan.yaml", b"ourplan: 1\rzzz: 2\nyyy: 3\n");
    for d in &diags {
        let start = (place(d, "line"), place(d, "column"));
        let end = (place(d, "end_line"), place(d, "end_column"));
        assert!(end >= start, "{d}");
    }
}

/// The end of a `not-utf8` problem is computed in the empty text kept for the file.
#[test]
fn not_utf8_ends_after_it_starts() {
    let diags = json_for("plan.yaml", b"ourplan: 1\nperson:\n  name: Sam \xff\n");
    let d = &diags[0];
    assert_eq!(d["rule"], "not-utf8");
    assert_eq!((place(d, "line"), place(d, "column")), (3, 13), "{d}");
    assert!(
        (place(d, "end_line"), place(d, "end_column")) >= (3, 13),
        "{d}"
    );
}

/// A secret outside the project, in a file that would make `check` quote its lines if it
/// were read as a plan or as settings.
#[cfg(unix)]
const SECRET: &str = "TOPSECRET-7f3a: root:x:0:0:root\n";

/// Everything `check` says about `args` in every output format (and `build`'s too), run in
/// `dir`, as one string; and the exit codes seen.
#[cfg(unix)]
fn said_in_every_format(dir: &Path, args: &[&str]) -> (String, Vec<i32>) {
    let mut said = String::new();
    let mut codes = Vec::new();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "--format", "human", "--color", "always"],
        vec!["check", "--format", "short"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "github"],
        vec!["check", "--format", "json", "--sharing"],
        vec!["build", "--diagnostics", "human"],
        vec!["build", "--diagnostics", "json"],
    ];
    for run in runs {
        let out = ourplan()
            .current_dir(dir)
            .args(&run)
            .args(["--today", TODAY])
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        said.push_str(&String::from_utf8_lossy(&out.stdout));
        said.push_str(&String::from_utf8_lossy(&out.stderr));
        codes.push(out.status.code().unwrap_or(-1));
    }
    (said, codes)
}

#[cfg(unix)]
#[test]
fn a_plan_that_links_outside_the_project_is_refused_unread() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.yaml"), SECRET).unwrap();
    fs::create_dir_all(outside.path().join("more")).unwrap();
    fs::write(outside.path().join("more/deep.yaml"), SECRET).unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ourplan.toml"), "").unwrap();
    fs::create_dir_all(dir.path().join("plans")).unwrap();
    fs::write(dir.path().join("plans/sam.yaml"), minimal()).unwrap();
    symlink(
        outside.path().join("secret.yaml"),
        dir.path().join("plans/leak.yaml"),
    )
    .unwrap();
    symlink(outside.path().join("more"), dir.path().join("plans/team")).unwrap();
    // A link to a file inside the project is fine.
    symlink("sam.yaml", dir.path().join("plans/same.yml")).unwrap();
    for args in [&[][..], &["plans/leak.yaml"][..], &["plans"][..]] {
        let (said, codes) = said_in_every_format(dir.path(), args);
        assert!(!said.contains("TOPSECRET"), "{args:?}: {said}");
        assert!(!said.contains("root:x:0:0"), "{args:?}: {said}");
        assert!(said.contains("leak.yaml"), "the link is named: {said}");
        assert!(said.contains("outside the project"), "{said}");
        assert!(codes.iter().all(|c| *c == 1), "{args:?}: {codes:?}");
    }
    let (said, _) = said_in_every_format(dir.path(), &[]);
    assert!(
        said.contains("plans/team"),
        "the linked folder is named: {said}"
    );
    assert!(!said.contains("deep.yaml"), "nothing in it is read: {said}");
    // The good plans are still checked and built.
    assert!(dir.path().join("out/sam/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn settings_and_overrides_that_link_outside_the_project_are_refused_unread() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret"), SECRET).unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("plans")).unwrap();
    fs::write(dir.path().join("plans/sam.yaml"), minimal()).unwrap();
    symlink(
        outside.path().join("secret"),
        dir.path().join("ourplan.toml"),
    )
    .unwrap();
    let (said, codes) = said_in_every_format(dir.path(), &[]);
    assert!(!said.contains("TOPSECRET"), "{said}");
    assert!(said.contains("ourplan.toml"), "{said}");
    assert!(said.contains("outside the project"), "{said}");
    assert!(codes.iter().all(|c| *c == 2), "{codes:?}");
    // A team template that is a link out.
    fs::remove_file(dir.path().join("ourplan.toml")).unwrap();
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    symlink(
        outside.path().join("secret"),
        dir.path().join("templates/page.html"),
    )
    .unwrap();
    let (said, _) = said_in_every_format(dir.path(), &[]);
    assert!(!said.contains("TOPSECRET"), "{said}");
    assert!(said.contains("templates/page.html"), "{said}");
    assert!(!dir.path().join("out/sam/index.html").exists());
}

#[test]
fn a_plans_folder_outside_the_project_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    fs::create_dir_all(project.join("plans")).unwrap();
    fs::create_dir_all(dir.path().join("outside")).unwrap();
    fs::write(dir.path().join("outside/secret.yaml"), "TOPSECRET: [\n").unwrap();
    for plans in [
        "../outside",
        "../../../..",
        "/",
        "plans/../../outside",
        "./plans/../..",
    ] {
        fs::write(
            project.join("ourplan.toml"),
            format!("plans = \"{plans}\"\n"),
        )
        .unwrap();
        let started = std::time::Instant::now();
        let out = ourplan()
            .current_dir(&project)
            .args(["check", "--today", TODAY])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "plans = {plans:?}: {said}");
        assert!(!said.contains("TOPSECRET"), "{said}");
        assert!(said.contains("inside the project"), "{plans}: {said}");
        assert!(said.contains("ourplan.toml"), "{plans}: {said}");
        assert!(started.elapsed().as_secs() < 10, "{plans}: no disk walk");
    }
    // Inside is fine, however it is written.
    fs::write(
        project.join("ourplan.toml"),
        "plans = \"./plans/../plans\"\n",
    )
    .unwrap();
    ourplan()
        .current_dir(&project)
        .args(["check", "--today", TODAY])
        .assert()
        .code(0);
}

/// The JSON diagnostics of `check` for one plan text.
fn check_json(plan: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("plan.yaml"), plan).unwrap();
    let out = ourplan()
        .current_dir(dir.path())
        .args(["check", "--today", TODAY, "--format", "json", "plan.yaml"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn recipients_are_the_same_only_when_they_would_share_a_folder() {
    let plan = edit(
        &minimal(),
        "  - name: Jo Taylor\n    kind: carer\n    sections: [crisis, goals]\n",
        "  - name: Jo Taylor\n    kind: carer\n    sections: [crisis, goals]\n  - name: Mind (Leeds)\n    kind: organisation\n    sections: [crisis]\n  - name: Mind (Bradford)\n    kind: organisation\n    sections: [crisis]\n",
    );
    let diags = check_json(&plan);
    assert!(
        !diags.iter().any(|d| d["rule"] == "duplicate-recipient"),
        "{diags:?}"
    );
    // Written another way, but the same folder: the same recipient.
    let twice = edit(
        &minimal(),
        "  - name: Jo Taylor\n    kind: carer\n    sections: [crisis, goals]\n",
        "  - name: Jo Taylor\n    kind: carer\n    sections: [crisis, goals]\n  - name: \"JO TAYLOR!\"\n    kind: carer\n    sections: [crisis]\n",
    );
    let diags = check_json(&twice);
    assert!(
        diags.iter().any(|d| d["rule"] == "duplicate-recipient"),
        "{diags:?}"
    );
}

#[test]
fn an_unknown_goal_lists_only_the_nearest_goal_ids() {
    let mut goals = String::from("goals:\n");
    for i in 0..5000 {
        goals.push_str(&format!(
            "  - id: goal-number-{i}\n    goal: I want thing {i}.\n"
        ));
    }
    let plan = edit(
        &minimal(),
        "goals:\n  - id: back-to-work\n    goal: I want to go back to work.\n    ratings:\n      - {date: 2026-11-10, score: 3}\n  - id: sleep-better\n    goal: I want to sleep through the night.\n",
        &goals,
    )
    .replace("goal: back-to-work", "goal: completely-different")
    .replace("goal: [sleep-better]", "goal: [goal-number-12x]");
    let diags = check_json(&plan);
    let unknown: Vec<&Value> = diags
        .iter()
        .filter(|d| d["rule"] == "unknown-goal")
        .collect();
    assert_eq!(unknown.len(), 2, "{unknown:?}");
    for d in unknown {
        let hint = d["hint"].as_str().unwrap();
        assert!(hint.len() < 300, "{} bytes: {hint}", hint.len());
        assert!(
            hint.matches("goal-number-").count() <= 5,
            "only the nearest few: {hint}"
        );
    }
}
