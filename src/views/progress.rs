//! The outcome charts of a view: for the scores a copy may show (chosen by `views`), a chart
//! block with its name, a summary in plain words that says the change ("Back in a kitchen: 2
//! out of 10 in November 2025, 6 now"), and the SVG drawn by `render::chart`. The summary is
//! the chart's text alternative in every format. Only totals are charted: never a ReQoL item.

use serde::Serialize;

use crate::load::convert::Date;
use crate::plan::Variant;
use crate::render::chart::{self, Bar, Style};
use crate::words::Words;

/// One chart of a view, ready for any renderer.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// `goal`, `dialog`, `reqol` or `dots`.
    pub kind: &'static str,
    /// Its name (the web page's `aria-label`, a heading in the PDFs).
    pub title: String,
    /// What it shows, in words: shown beside it, and its alt text.
    pub summary: String,
    /// The picture (SVG, escaped, no script).
    pub svg: String,
    /// Its natural width in points (PDFs place it at this width, or narrower).
    pub width: f64,
}

/// The chart style for a view's layout.
pub fn style(v: Variant) -> Style {
    match v {
        Variant::Standard => Style::Standard,
        Variant::LargePrint => Style::LargePrint,
        Variant::EasyRead => Style::EasyRead,
    }
}

/// "November 2025".
pub fn month(w: &Words, d: &Date) -> String {
    let name = w.months[usize::from(d.0.month().unsigned_abs()) - 1];
    format!("{name} {}", d.0.year())
}

/// "Nov 2025", under a chart's marks. Only names in Latin letters are cut: three letters of
/// an Urdu or Arabic month ("نوم" for نومبر) are no word at all.
fn short_month(w: &Words, d: &Date) -> String {
    let full = w.months[usize::from(d.0.month().unsigned_abs()) - 1];
    let name: String = if full
        .chars()
        .all(|c| (c as u32) < 0x0250 || !c.is_alphabetic())
    {
        full.chars().take(3).collect()
    } else {
        full.to_string()
    };
    format!("{name} {}", d.0.year())
}

/// The words for a score over time: "What: 2 out of 10 in November 2025, 6 now." (one score:
/// "What: 6 out of 10 in March 2026.").
pub fn over_time(w: &Words, what: &str, points: &[(Date, u32)], max: u32) -> String {
    let what = what.trim().trim_end_matches(['.', ':']);
    match (points.first(), points.last()) {
        (Some((d0, v0)), Some((_, v1))) if points.len() > 1 => format!(
            "{what}: {v0} {} {max} {} {}, {v1} {}.",
            w.chart_out_of,
            w.chart_in,
            month(w, d0),
            w.chart_now
        ),
        (Some((d0, v0)), _) => format!(
            "{what}: {v0} {} {max} {} {}.",
            w.chart_out_of,
            w.chart_in,
            month(w, d0)
        ),
        _ => String::new(),
    }
}

fn fill(s: &str, name: &str) -> String {
    s.replace("{name}", name)
}

/// A goal's scores over time (0 to 10).
pub fn goal(w: &Words, v: Variant, name: &str, goal: &str, ratings: &[(Date, u32)]) -> Chart {
    let title = format!("{}: {}", w.chart, goal.trim());
    let points: Vec<(String, u32)> = ratings
        .iter()
        .map(|(d, s)| (short_month(w, d), *s))
        .collect();
    Chart {
        kind: "goal",
        svg: chart::line(style(v), &title, &points, (0, 10), &[0, 5, 10]),
        summary: over_time(w, goal, ratings, 10),
        title: fill(&title, name),
        width: style(v).width(),
    }
}

/// ReQoL-10 totals over time (0 to 40).
pub fn reqol(w: &Words, v: Variant, name: &str, totals: &[(Date, u32)]) -> Chart {
    let what = fill(w.reqol_short, name);
    let title = format!("{}: {what}", w.chart);
    let points: Vec<(String, u32)> = totals
        .iter()
        .map(|(d, s)| (short_month(w, d), *s))
        .collect();
    Chart {
        kind: "reqol",
        svg: chart::line(style(v), &title, &points, (0, 40), &[0, 10, 20, 30, 40]),
        summary: over_time(w, &what, totals, 40),
        title,
        width: style(v).width(),
    }
}

/// DIALOG, the latest ratings against the ones before, by area: (area, before, latest).
pub fn dialog(
    w: &Words,
    v: Variant,
    name: &str,
    areas: &[(String, Option<u32>, u32)],
    latest: Date,
    before: Option<Date>,
) -> Chart {
    let what = fill(w.dialog, name);
    let title = format!("{}: {what}", w.chart);
    let bars: Vec<Bar> = areas
        .iter()
        .map(|(a, b, n)| Bar {
            name: a.clone(),
            before: before.and(*b),
            now: *n,
        })
        .collect();
    let latest_words = format!("{} ({})", w.chart_latest, month(w, &latest));
    let before_words = before
        .map(|d| format!("{} ({})", w.chart_before, month(w, &d)))
        .unwrap_or_default();
    let summary = match before {
        None => {
            let each: Vec<String> = areas.iter().map(|(a, _, n)| format!("{a} {n}")).collect();
            format!(
                "{} {} {}: {}, {} 7.",
                what_short(&what),
                w.chart_in,
                month(w, &latest),
                each.join(", "),
                w.chart_out_of
            )
        }
        Some(b) => {
            let mut up = Vec::new();
            let mut down = Vec::new();
            let mut same = Vec::new();
            for (a, was, n) in areas {
                match was {
                    Some(was) if n > was => up.push(format!("{a} ({was} to {n})")),
                    Some(was) if n < was => down.push(format!("{a} ({was} to {n})")),
                    Some(_) => same.push(format!("{a} ({n})")),
                    None => same.push(format!("{a} ({n})")),
                }
            }
            let mut parts = vec![format!(
                "{}: {} {} {}.",
                what_short(&what),
                month(w, &latest),
                w.chart_against,
                month(w, &b)
            )];
            for (label, list) in [
                (w.chart_higher, up),
                (w.chart_lower, down),
                (w.chart_same, same),
            ] {
                if !list.is_empty() {
                    parts.push(format!("{label}: {}.", list.join(", ")));
                }
            }
            parts.join(" ")
        }
    };
    Chart {
        kind: "dialog",
        svg: chart::bars(style(v), &title, &bars, 7, (&latest_words, &before_words)),
        summary,
        title,
        width: style(v).width(),
    }
}

/// "How happy I am with my life, scored out of 7" without "scored out of 7": what the bars
/// are, for the summary's first words.
fn what_short(what: &str) -> &str {
    what.split(", ").next().unwrap_or(what)
}

/// Easy read: a goal as then and now, dots out of 10.
pub fn dots(w: &Words, v: Variant, goal: &str, ratings: &[(Date, u32)]) -> Chart {
    let mut rows = Vec::new();
    if let (Some((d0, v0)), true) = (ratings.first(), ratings.len() > 1) {
        rows.push((
            format!("{} ({}): {v0}", w.chart_then_word, month(w, d0)),
            *v0,
        ));
    }
    if let Some((_, v1)) = ratings.last() {
        rows.push((format!("{}: {v1}", w.chart_now_word), *v1));
    }
    Chart {
        kind: "dots",
        svg: chart::dots(style(v), goal, &rows),
        summary: over_time(w, goal, ratings, 10),
        title: goal.trim().to_string(),
        width: style(v).width(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{en, en_others};

    fn d(s: &str) -> Date {
        Date(s.parse().unwrap())
    }

    #[test]
    fn a_summary_says_the_change_in_words() {
        let pts = [
            (d("2025-11-03"), 2),
            (d("2026-01-10"), 4),
            (d("2026-03-01"), 6),
        ];
        assert_eq!(
            over_time(en(), "Back in a kitchen", &pts, 10),
            "Back in a kitchen: 2 out of 10 in November 2025, 6 now."
        );
        assert_eq!(
            over_time(en(), "Back in a kitchen.", &pts[2..], 10),
            "Back in a kitchen: 6 out of 10 in March 2026."
        );
    }

    #[test]
    fn dialog_summary_names_what_went_up_down_and_stayed() {
        let areas = vec![
            ("My job".to_string(), Some(2), 4),
            ("Feeling safe".to_string(), Some(5), 4),
            ("My friends".to_string(), Some(3), 3),
        ];
        let c = dialog(
            en(),
            Variant::Standard,
            "Sam",
            &areas,
            d("2026-03-01"),
            Some(d("2025-10-01")),
        );
        assert_eq!(
            c.summary,
            "How happy I am with my life: March 2026 compared with October 2025. Higher: My job (2 to 4). Lower: Feeling safe (5 to 4). The same: My friends (3)."
        );
        assert!(c.svg.contains("Before (October 2025)"));
        let c = dialog(
            en_others(),
            Variant::Standard,
            "Sam",
            &areas,
            d("2026-03-01"),
            None,
        );
        assert!(
            c.title.contains("How happy Sam is with life"),
            "{}",
            c.title
        );
        assert!(!c.svg.contains("chart-bar-then"));
    }

    #[test]
    fn easy_read_dots_show_then_and_now() {
        let c = dots(
            en(),
            Variant::EasyRead,
            "Cook again",
            &[(d("2025-11-03"), 2), (d("2026-03-01"), 6)],
        );
        assert!(c.svg.contains("Then (November 2025): 2") && c.svg.contains("Now: 6"));
        assert_eq!(c.svg.matches("chart-dot-on").count(), 8);
        assert_eq!(
            c.summary,
            "Cook again: 2 out of 10 in November 2025, 6 now."
        );
    }
}
