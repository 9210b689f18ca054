//! The four UK nations and each one's crisis numbers (`src/nations.toml`, which cites each
//! service's own page): which numbers a copy adds to the crisis plan, in the copy's language.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use serde::Serialize;

pub use crate::plan::Nation;

/// A phone number everyone can call in a crisis.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisNumber {
    pub name: String,
    pub phone: String,
    pub when: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// `nation = "wales"` in `ourplan.toml`.
impl<'de> Deserialize<'de> for Nation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = String::deserialize(d)?;
        Nation::from_word(w.trim()).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "there is no nation called {w:?}: write one of {}",
                Nation::WORDS.join(", ")
            ))
        })
    }
}

/// Words in each language: `{ en = "...", cy = "..." }`, or one text for every language.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Said {
    Same(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Said {
    /// The words in `lang`; in English, marked as English, when there are none in `lang`.
    fn in_language(&self, lang: &str) -> String {
        match self {
            Said::Same(s) => s.clone(),
            Said::ByLanguage(m) => match m.get(lang) {
                Some(s) => s.clone(),
                None => {
                    let en = m.get("en").cloned().unwrap_or_default();
                    if lang == "en" {
                        en
                    } else {
                        format!("{}{en}{}", crate::words::EN_START, crate::words::EN_END)
                    }
                }
            },
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Number {
    name: Said,
    phone: String,
    when: Said,
    note: Said,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    #[serde(default)]
    checked: Option<String>,
}

fn data() -> &'static BTreeMap<Nation, Vec<Number>> {
    static DATA: OnceLock<BTreeMap<Nation, Vec<Number>>> = OnceLock::new();
    DATA.get_or_init(|| {
        // Read by the tests below; a mistake in the file is a bug in ourplan.
        toml::from_str(include_str!("nations.toml")).unwrap_or_default()
    })
}

/// The crisis numbers for `nation`, in the language of the tag `lang`. `when` is `24h` for a
/// line that answers day and night (the copy says it in its own words).
pub fn crisis_numbers(nation: Nation, lang: &str) -> Vec<CrisisNumber> {
    let lang = crate::words::primary(lang);
    data()
        .get(&nation)
        .map(|list| {
            list.iter()
                .map(|n| CrisisNumber {
                    name: n.name.in_language(&lang),
                    phone: n.phone.clone(),
                    when: n.when.in_language(&lang),
                    note: Some(n.note.in_language(&lang)),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(n: Nation) -> Vec<String> {
        crisis_numbers(n, "en")
            .into_iter()
            .map(|c| c.phone)
            .collect()
    }

    #[test]
    fn every_nation_has_its_own_numbers_and_samaritans() {
        assert_eq!(data().len(), 4);
        assert_eq!(phones(Nation::England), ["111", "116 123", "999"]);
        assert_eq!(
            phones(Nation::Wales),
            ["111", "0800 132 737", "116 123", "999"]
        );
        assert_eq!(
            phones(Nation::Scotland),
            ["111", "0800 83 85 87", "116 123", "999"]
        );
        assert_eq!(
            phones(Nation::NorthernIreland),
            ["0808 808 8000", "116 123", "999"]
        );
    }

    #[test]
    fn every_number_cites_a_page_and_speaks_every_language_ourplan_has() {
        for (nation, list) in data() {
            for n in list {
                assert!(n.source.starts_with("https://"), "{nation:?} {}", n.phone);
                for said in [&n.name, &n.note, &n.when] {
                    if let Said::ByLanguage(m) = said {
                        for lang in ["en", "cy", "ur", "ar"] {
                            assert!(m.contains_key(lang), "{nation:?} has no {lang}: {m:?}");
                        }
                    }
                }
            }
        }
        let cy = crisis_numbers(Nation::Wales, "cy");
        assert_eq!(cy[0].name, "GIG 111 Cymru, pwyso 2");
        let ur = crisis_numbers(Nation::Wales, "ur");
        assert_eq!(ur[0].name, "NHS 111 ویلز، آپشن 2");
        // A language with no words here gets English, marked as English.
        let pl = crisis_numbers(Nation::Wales, "pl");
        assert!(
            pl[0].name.starts_with(crate::words::EN_START),
            "{:?}",
            pl[0].name
        );
    }

    #[test]
    fn nations_read_as_written_in_settings() {
        for w in Nation::WORDS {
            assert_eq!(Nation::from_word(w).map(Nation::word), Some(*w));
        }
        assert_eq!(Nation::from_word("Cymru"), None);
        #[derive(Deserialize)]
        struct S {
            nation: Nation,
        }
        let s: S = toml::from_str("nation = \"northern-ireland\"").unwrap();
        assert_eq!(s.nation, Nation::NorthernIreland);
        let e = toml::from_str::<S>("nation = \"ireland\"").err().unwrap();
        assert!(
            e.to_string()
                .contains("england, wales, scotland, northern-ireland"),
            "{e}"
        );
    }
}
