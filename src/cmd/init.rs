//! `ourplan init [DIR]`: starts a team project: `ourplan.toml` with comments, a `plans/`
//! folder with one example plan, the JSON Schema for editors, a `.gitignore` that keeps `out/`
//! (personal data) out of git, and a CI workflow to copy. Never overwrites a file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::assets::Assets;

const SETTINGS: &str = r#"# ourplan settings. Every key is optional. See the README for what each one does.

# Your organisation's name, shown on every copy.
# organisation = "Northshire NHS Foundation Trust"

# Where plans live, and where copies are written. Keep `out` out of git: copies hold
# personal data.
plans = "plans"
output = "out"

# The UK nation you work in: "england", "wales", "scotland" or "northern-ireland". It chooses
# the numbers anyone can call in a crisis, added to every crisis plan (in England: NHS 111
# option 2, Samaritans 116 123 and 999). A plan for someone in another nation says
# `nation: wales` under `person`.
nation = "england"

# To use your own numbers instead, for plans in your nation, list them like this:
# [[crisis_numbers]]
# name = "NHS 111, option 2"
# phone = "111"
# when = "24 hours"
# note = "Call 111 and choose option 2 for mental health help."

# Make a rule stricter or gentler: "error" or "warning". `ourplan explain` lists the rules.
[rules]
# review-overdue = "error"
"#;

const GITIGNORE: &str = "# Copies of plans hold personal data: never commit them.\n/out/\n";

const WORKFLOW: &str = r#"# Checks every plan on each pull request and each push to main, and shows problems on the
# lines they are on. Copy this file to .github/workflows/ in your repository.
#
# Set two repository variables (Settings, Secrets and variables, Actions, Variables):
#   OURPLAN_GIT      the git address of ourplan, for example https://github.com/your-org/ourplan
#   OURPLAN_VERSION  the tag or commit of ourplan to use, for example v0.1.0
# ourplan is built once for each version (about half an hour), then kept in the cache, so
# later runs restore it instead of building it. The page counts of crisis cards laid out
# before (hashes and numbers, no plan text) are kept too, so unchanged cards are not laid
# out again. The actions are pinned to commits: update them with care. For a private ourplan repository, also add a secret OURPLAN_TOKEN
# that may read it.
name: check plans
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
concurrency:
  group: check-plans-${{ github.ref }}
  cancel-in-progress: true
jobs:
  check:
    name: Check plans
    runs-on: ubuntu-latest
    timeout-minutes: 60
    env:
      OURPLAN_GIT: ${{ vars.OURPLAN_GIT }}
      OURPLAN_VERSION: ${{ vars.OURPLAN_VERSION }}
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - name: Keep ourplan between runs
        id: cache
        uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5
        with:
          path: ~/.cargo/bin/ourplan
          key: ourplan-${{ runner.os }}-${{ runner.arch }}-${{ vars.OURPLAN_VERSION }}
      - name: Install ourplan
        if: steps.cache.outputs.cache-hit != 'true'
        env:
          OURPLAN_TOKEN: ${{ secrets.OURPLAN_TOKEN }}
          CARGO_NET_GIT_FETCH_WITH_CLI: "true"
        run: |
          if [ -z "$OURPLAN_GIT" ] || [ -z "$OURPLAN_VERSION" ]; then
            echo "::error title=ourplan is not set up::set the repository variables OURPLAN_GIT and OURPLAN_VERSION (see the top of this workflow)"
            exit 1
          fi
          if [ -n "$OURPLAN_TOKEN" ]; then
            git config --global url."https://x-access-token:${OURPLAN_TOKEN}@github.com/".insteadOf "https://github.com/"
          fi
          cargo install --locked --git "$OURPLAN_GIT" --rev "$OURPLAN_VERSION" ourplan
      - name: Keep the crisis cards' page counts between runs
        uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5
        with:
          path: ~/.cache/ourplan
          key: ourplan-cards-${{ runner.os }}-${{ github.run_id }}
          restore-keys: ourplan-cards-${{ runner.os }}-
      - name: Check plans
        run: ourplan check --format github
"#;

/// The files `init` writes, by path inside the project.
pub fn files(assets: &Assets) -> Vec<(PathBuf, String)> {
    let names: Vec<&str> = assets.pictures().keys().map(String::as_str).collect();
    let starter = assets
        .text("templates/starter-plan.yaml")
        .unwrap_or_default()
        .to_string();
    vec![
        (PathBuf::from("ourplan.toml"), SETTINGS.to_string()),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (PathBuf::from("plans/sam-taylor.yaml"), starter),
        (
            PathBuf::from("schema/ourplan.schema.json"),
            super::schema::schema_json(&names),
        ),
        (PathBuf::from("ci/check-plans.yml"), WORKFLOW.to_string()),
    ]
}

pub fn run(dir: Option<&Path>) -> ExitCode {
    let dir = dir.unwrap_or(Path::new("."));
    let assets = Assets::embedded_only();
    let files = files(&assets);
    // Most git repositories have a .gitignore already: add the line to it, if it lacks it,
    // rather than refuse (it keeps personal data out of git).
    let gitignore = dir.join(".gitignore");
    let add_ignore = match std::fs::read_to_string(&gitignore) {
        Ok(text) => !text
            .lines()
            .any(|l| matches!(l.trim(), "/out/" | "/out" | "out/" | "out")),
        Err(_) => false,
    };
    let keeps_ignore = gitignore.symlink_metadata().is_ok();
    let files: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter(|(p, _)| !(keeps_ignore && p == Path::new(".gitignore")))
        .collect();
    let existing: Vec<String> = files
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return super::usage_error(
            &format!(
                "these files are there already, so nothing was written: {}",
                existing.join(", ")
            ),
            "run `ourplan init` in a new folder, or move those files first",
        );
    }
    if add_ignore {
        let added = std::fs::read_to_string(&gitignore).and_then(|old| {
            let sep = if old.is_empty() || old.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            std::fs::write(&gitignore, format!("{old}{sep}{GITIGNORE}"))
        });
        if let Err(e) = added {
            return super::usage_error(
                &format!("{} could not be changed: {e}", gitignore.display()),
                "add the line /out/ to it yourself",
            );
        }
        println!("added /out/ to {}", gitignore.display());
    }
    for (path, text) in &files {
        let path = dir.join(path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        if let Err(e) = written {
            return super::usage_error(
                &format!("{} could not be written: {e}", path.display()),
                "check that you may write in this folder",
            );
        }
        println!("wrote {}", path.display());
    }
    println!(
        "\nNext: write a plan with `ourplan new \"Full Name\"`, check with `ourplan check`, \
         and make copies with `ourplan build`."
    );
    ExitCode::SUCCESS
}
