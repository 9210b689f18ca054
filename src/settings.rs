//! Team settings: the optional `ourplan.toml` at the project root (organisation, where plans
//! live, the national crisis numbers, and how strict each rule is). Unknown keys are errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity, Span};

/// The settings file name.
pub const FILE_NAME: &str = "ourplan.toml";

/// How strict a rule is, set by a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    pub fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        }
    }
}

pub use crate::nations::CrisisNumber;

/// The contents of `ourplan.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The organisation's name, shown on copies.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Where plans live, relative to the project root.
    #[serde(default = "default_plans")]
    pub plans: PathBuf,
    /// Where copies are written, relative to the project root.
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// The UK nation the team works in: chooses the crisis numbers (default England).
    #[serde(default = "england")]
    pub nation: crate::nations::Nation,
    /// Rules every plan follows besides the usual ones (`wales-ctp`), unless a plan says
    /// its own `person.profile`.
    #[serde(default)]
    pub profile: Option<crate::plan::Profile>,
    /// The team's own crisis numbers, added to every crisis plan of a person in the team's
    /// nation instead of that nation's usual ones.
    #[serde(default)]
    pub crisis_numbers: Option<Vec<CrisisNumber>>,
    /// Rule id to level, to make a rule stricter or gentler.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// The team's own hard words, and words it allows.
    #[serde(default)]
    pub language: LanguageSettings,
    /// Add "What is new in your plan" to the person's copy: what changed since the last
    /// review, read from git history.
    #[serde(default)]
    pub whats_new: bool,
    /// The tool's words in each language: built in, with the team's `words/<lang>.toml`.
    #[serde(skip)]
    pub words: crate::words::Tables,
    /// The sheet a crisis card is printed on (issue 15).
    #[serde(default)]
    pub crisis_card: CardSize,
}

/// `crisis_card` in `ourplan.toml`: the sheet a crisis card is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardSize {
    /// A4 on its side, in four parts: folded like a fan, a pocket card of 74 by 210 mm.
    #[default]
    A4Fold,
    /// One A5 sheet (148 by 210 mm), no fold.
    A5,
    /// One A6 card (105 by 148 mm), no fold.
    A6,
}

/// `[language]` in `ourplan.toml`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSettings {
    /// Hard word to plain words, added to the built-in list.
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
    /// Words never to flag.
    #[serde(default)]
    pub allow: Vec<String>,
    /// At most this many plain-language findings a sentence (default 2; 0 shows all).
    #[serde(default)]
    pub per_sentence: Option<usize>,
}

impl Settings {
    /// The nation a plan's person lives in: the plan's own `person.nation`, else the team's.
    pub fn nation_of(&self, plan: &crate::plan::Plan) -> crate::nations::Nation {
        plan.person
            .nation
            .as_ref()
            .map(|n| n.value)
            .unwrap_or(self.nation)
    }

    /// The profile a plan follows: its own `person.profile`, else the team's.
    pub fn profile_of(&self, plan: &crate::plan::Plan) -> Option<crate::plan::Profile> {
        plan.person
            .profile
            .as_ref()
            .map(|p| p.value)
            .or(self.profile)
    }

    /// The crisis numbers a copy in the language `lang` adds for a person in `nation`: the
    /// team's own for its own nation, else the nation's usual ones (see `src/nations.toml`).
    pub fn crisis_numbers_for(
        &self,
        nation: crate::nations::Nation,
        lang: &str,
    ) -> Vec<CrisisNumber> {
        match &self.crisis_numbers {
            Some(own) if nation == self.nation => own.clone(),
            _ => crate::nations::crisis_numbers(nation, lang),
        }
    }

    /// The plain-language checker with the team's words.
    pub fn language(&self) -> crate::language::Language {
        let terms: Vec<crate::language::Term> = self
            .language
            .terms
            .iter()
            .map(|(term, plain)| crate::language::Term {
                term: term.clone(),
                plain: plain.clone(),
            })
            .collect();
        crate::language::Language::new(&terms, &self.language.allow).with_per_sentence(
            self.language
                .per_sentence
                .unwrap_or(crate::language::PER_SENTENCE),
        )
    }
}

fn england() -> crate::nations::Nation {
    crate::nations::Nation::England
}

fn default_plans() -> PathBuf {
    PathBuf::from("plans")
}

fn default_output() -> PathBuf {
    PathBuf::from("out")
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            organisation: None,
            plans: default_plans(),
            output: default_output(),
            nation: crate::nations::Nation::England,
            profile: None,
            crisis_numbers: None,
            rules: BTreeMap::new(),
            language: LanguageSettings::default(),
            whats_new: false,
            words: crate::words::Tables::default(),
            crisis_card: CardSize::default(),
        }
    }
}

/// A project: its root folder and its settings.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub settings: Settings,
}

impl Project {
    /// Finds the project around `start`: the nearest folder at or above it with an
    /// `ourplan.toml`; without one, the nearest folder with a `plans` folder, looking no
    /// higher than the top of the git repository `start` is in (so `cd plans` works in a
    /// project with no settings file); else `start` itself, with default settings.
    pub fn discover(start: &Path) -> Result<Project, Box<Diagnostic>> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in start.ancestors() {
            let file = dir.join(FILE_NAME);
            if file.is_file() {
                refuse_link_out(&file, dir)?;
                let mut settings = load(&file)?;
                settings.words = crate::words::Tables::for_project(dir)?;
                return Ok(Project {
                    root: dir.to_path_buf(),
                    settings,
                });
            }
        }
        let settings = Settings::default();
        // The top of the git repository (`.git` is a folder, or a file in a worktree).
        let top = start
            .ancestors()
            .position(|dir| dir.join(".git").symlink_metadata().is_ok())
            .unwrap_or(0);
        let root = start
            .ancestors()
            .take(top + 1)
            .find(|dir| dir.join(&settings.plans).is_dir())
            .unwrap_or(&start)
            .to_path_buf();
        let settings = Settings {
            words: crate::words::Tables::for_project(&root)?,
            ..settings
        };
        Ok(Project { root, settings })
    }

    pub fn plans_dir(&self) -> PathBuf {
        self.root.join(&self.settings.plans)
    }

    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.settings.output)
    }
}

/// Refuses a settings file that is a link to a file outside its project, before reading a
/// byte of it (a mistake in it would be shown with its lines).
fn refuse_link_out(file: &Path, root: &Path) -> Result<(), Box<Diagnostic>> {
    let is_link = file
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    let inside = match (file.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        _ => false,
    };
    if is_link && !inside {
        return Err(Box::new(
            Diagnostic::error(
                "settings",
                file,
                "this settings file is a link to a file outside the project, so ourplan will not read it",
            )
            .hint("copy the settings into the project instead of linking to them"),
        ));
    }
    Ok(())
}

/// True when `path`, a path relative to the project root, stays inside it as written:
/// not absolute, and no `..` that climbs above the root.
fn stays_inside(path: &Path) -> bool {
    let mut depth = 0usize;
    for c in path.components() {
        match c {
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            std::path::Component::RootDir | std::path::Component::Prefix(_) => return false,
        }
    }
    true
}

/// Reads and checks a settings file.
pub fn load(file: &Path) -> Result<Settings, Box<Diagnostic>> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Box::new(
            Diagnostic::error(
                "settings",
                file,
                format!("the settings file could not be read: {e}"),
            )
            .hint("check the file is readable UTF-8 text"),
        )
    })?;
    let settings: Settings = toml::from_str(&text).map_err(|e| {
        let span = e
            .span()
            .map(|r| Span::at_offset(&text, r.start, r.len()))
            .unwrap_or(Span::START);
        Box::new(
            Diagnostic::error(
                "settings",
                file,
                format!("the settings file has a mistake: {}", e.message().trim()),
            )
            .at(span)
            .hint("see the settings section of the README for the keys ourplan knows"),
        )
    })?;
    for id in settings.rules.keys() {
        if let Some(rule) = crate::catalog::info(id)
            && let Some(why) = crate::catalog::fixed_level(rule)
        {
            let at = text.find(id.as_str()).unwrap_or(0);
            return Err(Box::new(
                Diagnostic::error(
                    "settings",
                    file,
                    format!("the level of `{id}` cannot be changed: {why}"),
                )
                .at(Span::at_offset(&text, at, id.len()))
                .hint(format!("remove `{id}` from [rules]")),
            ));
        }
        if crate::catalog::info(id).is_none() {
            let ids: Vec<&str> = crate::catalog::all().map(|r| r.id).collect();
            let hint = match crate::load::convert::did_you_mean(id, &ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "run `ourplan explain` to list the rules".to_string(),
            };
            let at = text.find(id.as_str()).unwrap_or(0);
            return Err(Box::new(
                Diagnostic::error(
                    "settings",
                    file,
                    format!("there is no rule called `{id}` in [rules]"),
                )
                .at(Span::at_offset(&text, at, id.len()))
                .hint(hint),
            ));
        }
    }
    // Checked as written, before any folder is looked at: `plans = "../../../.."` would
    // otherwise search the whole disk.
    if !stays_inside(&settings.plans) {
        let shown = settings.plans.display().to_string();
        let at = text.find(&shown).unwrap_or(0);
        return Err(Box::new(
            Diagnostic::error(
                "settings",
                file,
                format!("the plans folder `{shown}` is outside the project"),
            )
            .at(Span::at_offset(&text, at, shown.len()))
            .hint("the plans folder must be inside the project: for example `plans = \"plans\"`"),
        ));
    }
    for n in settings.crisis_numbers.iter().flatten() {
        // Every copy says these numbers can be called at any time.
        let problem = if n.name.trim().is_empty() {
            Some(("has no name", "give each number a `name`"))
        } else if !crate::phone::is_phone(&n.phone) {
            Some((
                "does not have a phone number people can dial",
                "write the number as it is dialled, for example `phone = \"116 123\"`",
            ))
        } else {
            None
        };
        if let Some((what, hint)) = problem {
            let at = text.find(n.phone.as_str()).filter(|_| !n.phone.is_empty());
            let span = at.map_or(Span::START, |at| Span::at_offset(&text, at, n.phone.len()));
            return Err(Box::new(
                Diagnostic::error(
                    "settings",
                    file,
                    format!("the crisis number `{}` {what}", n.name.trim()),
                )
                .at(span)
                .hint(hint),
            ));
        }
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, Box<Diagnostic>> {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join(FILE_NAME);
        std::fs::write(&f, text).unwrap();
        load(&f)
    }

    #[test]
    fn a_crisis_number_must_be_a_number() {
        let e = parse(
            "[[crisis_numbers]]\nname = \"Our line\"\nphone = \"call us\"\nwhen = \"weekdays\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("`Our line`"), "{e:?}");
        assert_eq!(e.span.unwrap().line, 3, "points at the phone");
        assert!(
            parse("[[crisis_numbers]]\nname = \"\"\nphone = \"111\"\nwhen = \"24 hours\"\n")
                .is_err()
        );
        let ok = parse(
            "[[crisis_numbers]]\nname = \"Our line\"\nphone = \"0800 123 4567\"\nwhen = \"24 hours\"\n",
        );
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn defaults_are_englands_numbers() {
        let s = parse("organisation = \"Northshire\"\n").unwrap();
        assert_eq!(s.organisation.as_deref(), Some("Northshire"));
        let n = s.crisis_numbers_for(s.nation, "en-GB");
        assert_eq!(n[0].phone, "111");
        assert_eq!(n.len(), 3);
    }

    #[test]
    fn a_team_adds_and_allows_words() {
        let s = parse("[language]\nterms = { \"duty worker\" = \"the worker on call today\" }\nallow = [\"CMHT\"]\n").unwrap();
        let lang = s.language();
        let found = lang.check(
            "Ring the duty worker or the CMHT.",
            crate::language::TextKind::Ordinary,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "jargon");
        assert_eq!(
            &"Ring the duty worker or the CMHT."[found[0].start..found[0].start + found[0].len],
            "duty worker"
        );
        assert!(parse("[language]\nalow = []\n").is_err());
    }

    #[test]
    fn the_plans_folder_must_be_inside_the_project() {
        for bad in [
            "../outside",
            "../../../..",
            "/",
            "plans/../../x",
            "./plans/../..",
        ] {
            let e = parse(&format!("plans = \"{bad}\"\n")).unwrap_err();
            assert!(e.message.contains("outside the project"), "{bad}: {e:?}");
            assert_eq!(e.span.unwrap().line, 1);
        }
        for good in ["plans", "./plans/../plans", "team/plans", "."] {
            assert!(parse(&format!("plans = \"{good}\"\n")).is_ok(), "{good}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_settings_file_linked_from_outside_is_not_read() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "SECRET = [\n").unwrap();
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), d.path().join(FILE_NAME))
            .unwrap();
        let e = Project::discover(d.path()).unwrap_err();
        assert!(e.message.contains("outside the project"), "{e:?}");
        assert!(e.span.is_none(), "no line of it is shown");
    }

    #[test]
    fn rule_levels_that_cannot_change_are_refused() {
        for (text, words) in [
            (
                "[rules]\nunknown-field = \"warning\"\n",
                "about the file itself",
            ),
            (
                "[rules]\ndo-not-contact-shared = \"warning\"\n",
                "never made",
            ),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains("cannot be changed"), "{}", e.message);
            assert!(e.message.contains(words), "{}", e.message);
        }
        // A level that does change something is still taken.
        assert!(parse("[rules]\njargon = \"error\"\n").is_ok());
    }

    #[test]
    fn unknown_keys_and_rules_are_errors() {
        let e = parse("organisaton = \"x\"\n").unwrap_err();
        assert_eq!(e.span.unwrap().line, 1);
        let e = parse("[rules]\nreview-overdu = \"error\"\n").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `review-overdue`?"));
        assert_eq!(e.span.unwrap().line, 2);
    }
}
