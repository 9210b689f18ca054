//! A language's script: its primary tag, its direction (right to left for Urdu, Arabic...),
//! and the web fonts its pages need.

/// The language a tag like `cy-GB` names: `cy`.
pub fn primary(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Languages written right to left: Arabic, Urdu, Persian, Pashto, Sindhi, Kurdish (Sorani),
/// Uyghur, Dhivehi, Hebrew and Yiddish.
pub(super) const RIGHT_TO_LEFT: &[&str] =
    &["ar", "ur", "fa", "ps", "sd", "ckb", "ug", "dv", "he", "yi"];

/// A tag's language and script subtag (four letters), lower case: `pa-Arab` is `pa`, `arab`.
fn language_and_script(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.trim().split(['-', '_']).map(|p| p.to_ascii_lowercase());
    let lang = parts.next().unwrap_or_default();
    (lang, parts.find(|p| p.len() == 4))
}

/// The direction a language is written in: `rtl` or `ltr`. A script subtag says it when
/// given (`pa-Arab` is right to left, `ur-Latn` left to right).
pub fn direction(tag: &str) -> &'static str {
    let (lang, script) = language_and_script(tag);
    let rtl = match script.as_deref() {
        Some("arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" | "rohg") => true,
        Some(_) => false,
        None => RIGHT_TO_LEFT.contains(&lang.as_str()),
    };
    if rtl { "rtl" } else { "ltr" }
}

/// Languages written in the Arabic script: Arabic, Urdu, Persian, Pashto, Sindhi, Kurdish
/// (Sorani) and Uyghur, or any tag with the `Arab` script (`pa-Arab`).
pub(super) const ARABIC_SCRIPT: &[&str] = &["ar", "ur", "fa", "ps", "sd", "ckb", "ug"];

/// The bundled web fonts a page in the language `tag` needs besides the Latin one: the
/// Arabic-script fonts (file names in `styles/fonts`), empty for other languages.
/// `ourplan.css` uses them for the same languages (`:lang(ur)`, `:lang(ar)`...).
pub fn script_web_fonts(tag: &str) -> &'static [&'static str] {
    let (lang, script) = language_and_script(tag);
    let lang = lang.as_str();
    let arabic = match script.as_deref() {
        Some(s) => s == "arab",
        None => ARABIC_SCRIPT.contains(&lang),
    };
    match (arabic, lang) {
        (false, _) => &[],
        // Urdu is read in Nastaliq, as Urdu books and papers print it.
        (true, "ur") => &["NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"],
        (true, _) => &["NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"],
    }
}
