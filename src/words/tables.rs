//! The tables of words: reading a `words/<lang>.toml` (its `[person]` and `[others]` parts),
//! the built-in tables with a team's over them, and the words of one language and audience
//! made from them.

use super::*;

/// Keys that have been renamed: the old name, and the new one (a team's words file may still
/// use the old).
pub(super) const RENAMED: &[(&str, &str)] = &[
    ("advance", "advance_statement"),
    ("beliefs", "beliefs_and_culture"),
    ("needs_mental", "mental_health"),
    ("needs_physical", "physical_health"),
    ("needs_housing", "housing"),
    ("needs_money", "money"),
    ("needs_work", "work"),
    ("needs_relationships", "relationships"),
    ("needs_other", "other"),
];

/// Keeps one copy of each text for the life of the program: the tables are made once a
/// language, and a team's tables once a change to them, so this stays small.
pub(super) fn intern(s: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(s) = seen.get(s) {
        return s;
    }
    let kept: &'static str = Box::leak(s.to_string().into_boxed_str());
    seen.insert(s.to_string(), kept);
    kept
}

/// One value in a table: a text, or a list of texts.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    One(String),
    Many(Vec<String>),
}

/// One language's table: `[person]`, `[others]`, and `[pictures]` (what each easy-read
/// picture stands for, said in this language: its alt text).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub person: BTreeMap<String, Value>,
    pub others: BTreeMap<String, Value>,
    pub pictures: BTreeMap<String, String>,
}

impl Table {
    /// Reads a table; `file` names it in errors.
    pub fn parse(text: &str, file: &Path) -> Result<Table, Box<Diagnostic>> {
        let err = |line: Span, msg: String, hint: &str| {
            Box::new(
                Diagnostic::error("settings", file, msg)
                    .at(line)
                    .hint(hint.to_string()),
            )
        };
        let doc: toml::Table = toml::from_str(text).map_err(|e| {
            let span = e
                .span()
                .map(|r| Span::at_offset(text, r.start, r.len()))
                .unwrap_or(Span::START);
            err(
                span,
                format!("this words file is not valid TOML: {}", e.message()),
                "write each word as key = \"words\", under [person] or [others]",
            )
        })?;
        let line_of = |key: &str| {
            text.find(&format!("\n{key}"))
                .map(|i| Span::at_offset(text, i + 1, key.len()))
                .unwrap_or(Span::START)
        };
        let mut table = Table::default();
        for (part, value) in doc {
            if part == "pictures" {
                let toml::Value::Table(keys) = &value else {
                    return Err(err(
                        line_of(&part),
                        "`pictures` must be a part, written [pictures]".to_string(),
                        "write the part name in square brackets on its own line",
                    ));
                };
                for (name, idea) in keys {
                    let toml::Value::String(idea) = idea else {
                        return Err(err(
                            line_of(name),
                            format!("`{name}` under [pictures] must be words in double quotes"),
                            "write what the picture stands for, as name = \"words\"",
                        ));
                    };
                    if idea.trim().is_empty() {
                        return Err(err(
                            line_of(name),
                            format!("the picture `{name}` has no words"),
                            "write what the picture stands for, or leave the line out",
                        ));
                    }
                    table.pictures.insert(name.clone(), idea.trim().to_string());
                }
                continue;
            }
            let slot = match part.as_str() {
                "person" => &mut table.person,
                "others" => &mut table.others,
                _ => {
                    return Err(err(
                        line_of(&format!("[{part}]")),
                        format!("a words file has [person], [others] and [pictures], not [{part}]"),
                        "put each word under [person] (the person's own copy) or [others] (copies for other people), and what a picture stands for under [pictures]",
                    ));
                }
            };
            let toml::Value::Table(keys) = value else {
                return Err(err(
                    line_of(&part),
                    format!("`{part}` must be a part, written [{part}]"),
                    "write the part name in square brackets on its own line",
                ));
            };
            for (key, value) in keys {
                let value = match (value, LISTS.iter().find(|(k, _)| *k == key)) {
                    (toml::Value::String(s), None) if KEYS.contains(&key.as_str()) => Value::One(s),
                    (toml::Value::Array(a), Some((_, n))) if a.len() == *n => Value::Many(
                        a.into_iter()
                            .map(|v| match v {
                                toml::Value::String(s) => Ok(s),
                                _ => Err(()),
                            })
                            .collect::<Result<_, _>>()
                            .map_err(|()| {
                                err(
                                    line_of(&key),
                                    format!("`{key}` must be a list of words in quotes"),
                                    "write each item in double quotes",
                                )
                            })?,
                    ),
                    (_, Some((_, n))) => {
                        return Err(err(
                            line_of(&key),
                            format!("`{key}` must be a list of {n} words in quotes"),
                            "copy the list from src/words/en.toml in ourplan and translate each item",
                        ));
                    }
                    (toml::Value::String(_), None) => {
                        if let Some((_, now)) = RENAMED.iter().find(|(old, _)| *old == key) {
                            return Err(err(
                                line_of(&key),
                                format!("the word `{key}` is now called `{now}`"),
                                &format!("rename `{key}` to `{now}`"),
                            ));
                        }
                        return Err(err(
                            line_of(&key),
                            format!("ourplan has no word called `{key}`"),
                            "check the spelling against src/words/en.toml in ourplan",
                        ));
                    }
                    (_, None) => {
                        return Err(err(
                            line_of(&key),
                            format!("`{key}` must be words in double quotes"),
                            "write it as key = \"words\"",
                        ));
                    }
                };
                slot.insert(key, value);
            }
        }
        Ok(table)
    }

    /// This table with `over`'s words over it.
    pub(super) fn with(mut self, over: &Table) -> Table {
        self.person.extend(over.person.clone());
        self.others.extend(over.others.clone());
        self.pictures.extend(over.pictures.clone());
        self
    }
}

/// The tables a project uses: the built-in ones, with the team's `words/<lang>.toml` over them.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    pub(super) langs: BTreeMap<String, Table>,
    /// Tells one project's tables from another's, for the cache of made [`Words`].
    pub(super) id: u64,
}

impl Default for Tables {
    fn default() -> Self {
        built_in().clone()
    }
}

pub(super) fn built_in() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let langs = BUILT_IN
            .iter()
            .map(|(lang, text)| {
                let file = Path::new("words").join(format!("{lang}.toml"));
                // The built-in tables are read by the tests; a mistake in one is a bug.
                let table = Table::parse(text, &file).unwrap_or_default();
                (lang.to_string(), table)
            })
            .collect();
        Tables { langs, id: 0 }
    })
}

/// The words made so far: by tables, language and audience.
pub(super) type Made = HashMap<(u64, String, bool), &'static Words>;

impl Tables {
    /// The built-in tables with the project's `words/*.toml` over them.
    pub fn for_project(root: &Path) -> Result<Tables, Box<Diagnostic>> {
        let dir = root.join("words");
        let mut tables = built_in().clone();
        if !dir.is_dir() {
            return Ok(tables);
        }
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| {
                Box::new(Diagnostic::error(
                    "settings",
                    &dir,
                    format!("the words folder could not be read: {e}"),
                ))
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut hash = std::hash::DefaultHasher::new();
        for path in paths {
            let inside = path
                .canonicalize()
                .is_ok_and(|real| real.starts_with(&root_real));
            if !inside {
                return Err(Box::new(
                    Diagnostic::error(
                        "settings",
                        &path,
                        "this words file points outside the project, so ourplan will not use it",
                    )
                    .hint("copy the file into the project instead of linking to it"),
                ));
            }
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Box::new(
                    Diagnostic::error(
                        "settings",
                        &path,
                        format!("this words file could not be read: {e}"),
                    )
                    .hint("check the file is readable UTF-8 text"),
                )
            })?;
            let lang = primary(&path.file_stem().unwrap_or_default().to_string_lossy());
            let table = Table::parse(&text, &path)?;
            std::hash::Hash::hash(&(&lang, &text), &mut hash);
            let old = tables.langs.remove(&lang).unwrap_or_default();
            tables.langs.insert(lang, old.with(&table));
        }
        tables.id = std::hash::Hasher::finish(&hash) | 1;
        Ok(tables)
    }

    /// True when there is a table for the language of `tag`.
    pub fn has(&self, tag: &str) -> bool {
        self.langs.contains_key(&primary(tag))
    }

    /// The words for a copy in the language `tag`: for the person (`others` false) or for
    /// someone else. Words the language lacks are English, marked (see [`EN_START`]).
    pub fn words(&self, tag: &str, others: bool) -> &'static Words {
        static MADE: OnceLock<Mutex<Made>> = OnceLock::new();
        let lang = primary(tag);
        let key = (self.id, lang.clone(), others);
        let mut made = MADE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(w) = made.get(&key) {
            return w;
        }
        let w: &'static Words = Box::leak(Box::new(self.make(&lang, others)));
        made.insert(key, w);
        w
    }

    fn make(&self, lang: &str, others: bool) -> Words {
        let empty = Table::default();
        let en = self.langs.get("en").unwrap_or(&empty);
        let own = self.langs.get(lang);
        let mut w = Words::EMPTY;
        let keys = KEYS.iter().copied().chain(LISTS.iter().map(|(k, _)| *k));
        for key in keys {
            // English is never marked; another language's gap is.
            let mark = lang != "en";
            let done = match own {
                Some(t) if others && en.others.contains_key(key) => {
                    w.set(key, t.others.get(key), false)
                }
                Some(t) if others => {
                    w.set(key, t.others.get(key), false) || w.set(key, t.person.get(key), false)
                }
                Some(t) => w.set(key, t.person.get(key), false),
                None => false,
            };
            if !done {
                let from_en = others && w.set(key, en.others.get(key), mark);
                if !from_en {
                    w.set(key, en.person.get(key), mark);
                }
            }
        }
        // What the pictures stand for: this language's words, or none (the copy then says the
        // English idea from pictures.tsv; an alt text cannot be marked as English).
        if let Some(t) = own {
            for (name, idea) in &t.pictures {
                w.pictures.insert(intern(name), intern(idea));
            }
        }
        w
    }

    /// The words a language's table lacks, so that they show in English: `person.key`,
    /// `others.key`, or `pictures.name` for one of `pictures` (the names a plan may use).
    /// Empty for English and for a language with no table at all (see [`Tables::has`]).
    pub fn missing<'p>(
        &self,
        tag: &str,
        pictures: impl IntoIterator<Item = &'p str>,
    ) -> Vec<String> {
        let lang = primary(tag);
        let (Some(t), Some(en)) = (self.langs.get(&lang), self.langs.get("en")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for key in KEYS.iter().copied().chain(LISTS.iter().map(|(k, _)| *k)) {
            if !t.person.contains_key(key) {
                out.push(format!("person.{key}"));
            }
            if en.others.contains_key(key) && !t.others.contains_key(key) {
                out.push(format!("others.{key}"));
            }
        }
        if lang != "en" {
            for name in pictures {
                if !t.pictures.contains_key(name) {
                    out.push(format!("pictures.{name}"));
                }
            }
        }
        out
    }
}
