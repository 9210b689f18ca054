//! Draws outcome charts as small SVG documents from numbers a view has already chosen: a
//! line over time (goal ratings, ReQoL-10 totals), paired bars by area (DIALOG, latest against
//! the one before) and dots out of ten (easy read: then and now). Every word is escaped; the
//! SVG holds no script, no style sheet and no link, so it is safe inline in a page and as a
//! picture in a PDF. Colours are presentation attributes the web page's style sheet may
//! override (dark mode); values are always written beside their marks, never told by colour.

use std::fmt::Write as _;

/// How a chart is drawn: for the web page, large print or easy read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Standard,
    LargePrint,
    EasyRead,
}

impl Style {
    /// Letter size in SVG units. Large print and easy read charts are placed at their width
    /// in points (see `width`), so these are the printed sizes: 18 pt and 16 pt or more.
    fn font(self) -> f64 {
        match self {
            Style::Standard => 13.0,
            Style::LargePrint => 18.0,
            Style::EasyRead => 18.0,
        }
    }

    fn line(self) -> f64 {
        match self {
            Style::Standard => 3.0,
            Style::LargePrint | Style::EasyRead => 5.0,
        }
    }

    /// The chart's width in SVG units (points, when printed at its natural size).
    pub fn width(self) -> f64 {
        match self {
            // Narrow, so that its letters are still about 12 px on a 320 px phone.
            Style::Standard => 320.0,
            Style::LargePrint => 460.0,
            Style::EasyRead => 380.0,
        }
    }
}

const INK: &str = "#1a1a1a";
const LINE: &str = "#004a8f";
const GRID: &str = "#767676";

/// Escapes text for SVG (XML): `&`, `<`, `>`, quotes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn open(out: &mut String, w: f64, h: f64, name: &str) {
    // `aria-hidden`: the page gives the chart its name and summary on the figure around it;
    // in a PDF the picture's alt text does. The title is for a picture opened on its own.
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true" focusable="false" font-family="Atkinson Hyperlegible Next, DejaVu Sans, sans-serif"><title>{}</title>"#,
        escape(name)
    );
}

fn text(out: &mut String, x: f64, y: f64, size: f64, anchor: &str, bold: bool, s: &str) {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let _ = write!(
        out,
        r#"<text class="chart-text" x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{anchor}" fill="{INK}"{weight}>{}</text>"#,
        escape(s)
    );
}

/// A line of values over time: `points` are (label under the mark, value), oldest first, on
/// a scale from `min` to `max` with grid lines at `ticks`.
pub fn line(
    style: Style,
    name: &str,
    points: &[(String, u32)],
    (min, max): (u32, u32),
    ticks: &[u32],
) -> String {
    let f = style.font();
    let w = style.width();
    let h = f * 14.0;
    let (left, right, top, bottom) = (f * 2.5, f * 2.0, f * 1.8, f * 3.6);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let span = f64::from(max.saturating_sub(min).max(1));
    let y_of = |v: u32| top + plot_h - f64::from(v.clamp(min, max) - min) / span * plot_h;
    let n = points.len();
    let x_of = |i: usize| {
        if n <= 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let mut out = String::new();
    open(&mut out, w, h, name);
    for &t in ticks {
        let y = y_of(t);
        let _ = write!(
            out,
            r#"<line class="chart-grid" x1="{left:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{GRID}" stroke-width="1" stroke-dasharray="4 4"/>"#,
            w - right
        );
        text(
            &mut out,
            left - f * 0.5,
            y + f * 0.35,
            f,
            "end",
            false,
            &t.to_string(),
        );
    }
    let _ = write!(
        out,
        r#"<line class="chart-axis" x1="{left:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{INK}" stroke-width="2"/>"#,
        top + plot_h,
        w - right,
        top + plot_h
    );
    if n > 1 {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, (_, v))| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
            .collect();
        let _ = write!(
            out,
            r#"<polyline class="chart-line" points="{}" fill="none" stroke="{LINE}" stroke-width="{}" stroke-linejoin="round"/>"#,
            path.join(" "),
            style.line()
        );
    }
    for (i, (label, v)) in points.iter().enumerate() {
        let (x, y) = (x_of(i), y_of(*v));
        let r = style.line() * 1.8;
        let _ = write!(
            out,
            r#"<circle class="chart-point" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{LINE}" stroke="{INK}" stroke-width="1.5"/>"#
        );
        // The value beside its mark: above it, or below it at the top of the scale.
        let vy = if y - r - f * 0.4 < f {
            y + r + f * 1.1
        } else {
            y - r - f * 0.4
        };
        text(&mut out, x, vy, f, "middle", true, &v.to_string());
        // Dates under the axis, the first and last kept inside the picture.
        let anchor = if n > 1 && i == 0 {
            "start"
        } else if n > 1 && i == n - 1 {
            "end"
        } else {
            "middle"
        };
        let lx = match anchor {
            "start" => x - r,
            "end" => x + r,
            _ => x,
        };
        // With many dates, every other one is named, so the names never overlap.
        if n <= 4 || i % 2 == 0 || i == n - 1 {
            text(
                &mut out,
                lx,
                top + plot_h + f * 1.4,
                f,
                anchor,
                false,
                label,
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// One area of a bar chart: its name, the score before (if any) and the latest.
pub struct Bar {
    pub name: String,
    pub before: Option<u32>,
    pub now: u32,
}

/// Paired bars by area on a scale 0 to `max`: the latest filled, the one before outlined,
/// each with its number at its end. `legend` names the two (latest first).
pub fn bars(style: Style, name: &str, bars: &[Bar], max: u32, legend: (&str, &str)) -> String {
    let f = style.font();
    let w = style.width();
    let bar_h = f * 1.2;
    let paired = bars.iter().any(|b| b.before.is_some());
    let row = f * 1.5 + bar_h * if paired { 2.0 } else { 1.0 } + f * 0.8;
    let legend_h = f * 2.2;
    let h = legend_h + row * bars.len() as f64 + f * 0.5;
    let left = f * 0.2;
    let number_room = f * 2.0;
    let plot_w = w - left - number_room;
    let len = |v: u32| plot_w * f64::from(v.min(max)) / f64::from(max.max(1));
    let mut out = String::new();
    open(&mut out, w, h, name);
    // Legend: a filled box for the latest, an outlined one for before.
    let lx = left;
    let _ = write!(
        out,
        r#"<rect class="chart-bar-now" x="{lx:.1}" y="{:.1}" width="{f:.1}" height="{f:.1}" fill="{LINE}" stroke="{INK}" stroke-width="1.5"/>"#,
        f * 0.4
    );
    text(
        &mut out,
        lx + f * 1.4,
        f * 1.25,
        f,
        "start",
        false,
        legend.0,
    );
    if paired {
        let x2 = w / 2.0 + f;
        let _ = write!(
            out,
            r#"<rect class="chart-bar-then" x="{x2:.1}" y="{:.1}" width="{f:.1}" height="{f:.1}" fill="none" stroke="{INK}" stroke-width="2" stroke-dasharray="3 2"/>"#,
            f * 0.4
        );
        text(
            &mut out,
            x2 + f * 1.4,
            f * 1.25,
            f,
            "start",
            false,
            legend.1,
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y0 = legend_h + row * i as f64;
        text(&mut out, left, y0 + f * 1.1, f, "start", true, &b.name);
        let mut y = y0 + f * 1.5;
        let _ = write!(
            out,
            r#"<rect class="chart-bar-now" x="{left:.1}" y="{y:.1}" width="{:.1}" height="{bar_h:.1}" fill="{LINE}" stroke="{INK}" stroke-width="1.5"/>"#,
            len(b.now).max(2.0)
        );
        text(
            &mut out,
            left + len(b.now) + f * 0.4,
            y + bar_h * 0.8,
            f,
            "start",
            true,
            &b.now.to_string(),
        );
        if let Some(before) = b.before {
            y += bar_h;
            let _ = write!(
                out,
                r#"<rect class="chart-bar-then" x="{left:.1}" y="{y:.1}" width="{:.1}" height="{bar_h:.1}" fill="none" stroke="{INK}" stroke-width="2" stroke-dasharray="3 2"/>"#,
                len(before).max(2.0)
            );
            text(
                &mut out,
                left + len(before) + f * 0.4,
                y + bar_h * 0.8,
                f,
                "start",
                false,
                &before.to_string(),
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Rows of ten dots, as many filled as the score: for easy read, "then" and "now". Each row
/// is (its words, the score out of 10).
pub fn dots(style: Style, name: &str, rows: &[(String, u32)]) -> String {
    let f = style.font();
    let w = style.width();
    let r = f * 0.75;
    let gap = r * 2.0 + f * 0.5;
    let row_h = f * 1.4 + r * 2.0 + f * 0.9;
    let h = row_h * rows.len() as f64 + f * 0.3;
    let mut out = String::new();
    open(&mut out, w, h, name);
    for (i, (words, score)) in rows.iter().enumerate() {
        let y0 = row_h * i as f64;
        text(&mut out, 0.0, y0 + f * 1.1, f, "start", true, words);
        let cy = y0 + f * 1.4 + r + 2.0;
        for d in 0..10u32 {
            let cx = r + 2.0 + gap * f64::from(d);
            let fill = if d < *score { LINE } else { "none" };
            let class = if d < *score {
                "chart-dot-on"
            } else {
                "chart-dot-off"
            };
            let _ = write!(
                out,
                r#"<circle class="{class}" cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="{fill}" stroke="{INK}" stroke-width="2"/>"#
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[u32]) -> Vec<(String, u32)> {
        v.iter()
            .enumerate()
            .map(|(i, v)| (format!("D{i}"), *v))
            .collect()
    }

    #[test]
    fn words_are_escaped() {
        let svg = line(
            Style::Standard,
            "<script>alert(1)</script> & \"x\"",
            &[("<b>".into(), 3)],
            (0, 10),
            &[0, 10],
        );
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&amp;") && svg.contains("&quot;x"));
        let b = bars(
            Style::Standard,
            "n",
            &[Bar {
                name: "</text><a href='x'>".into(),
                before: None,
                now: 2,
            }],
            7,
            ("a", "b"),
        );
        assert!(!b.contains("<a "), "{b}");
    }

    #[test]
    fn a_line_marks_and_names_every_value() {
        let svg = line(Style::Standard, "n", &pts(&[2, 4, 6]), (0, 10), &[0, 5, 10]);
        assert_eq!(svg.matches("<circle").count(), 3);
        for v in [">2<", ">4<", ">6<", ">D0<", ">D1<", ">D2<"] {
            assert!(svg.contains(v), "{v} in {svg}");
        }
        // Higher scores are higher up (smaller y).
        let ys: Vec<f64> = svg
            .split("<circle")
            .skip(1)
            .map(|c| {
                let at = c.find("cy=\"").unwrap() + 4;
                c[at..].split('"').next().unwrap().parse().unwrap()
            })
            .collect();
        assert!(ys[0] > ys[1] && ys[1] > ys[2], "{ys:?}");
    }

    #[test]
    fn large_print_letters_are_18_points_and_lines_thick() {
        let svg = line(Style::LargePrint, "n", &pts(&[1, 9]), (0, 10), &[0, 10]);
        assert!(svg.contains(r#"font-size="18""#));
        assert!(!svg.contains(r#"font-size="14""#));
        assert!(svg.contains(r#"stroke-width="5""#));
    }

    #[test]
    fn dots_fill_as_many_as_the_score() {
        let svg = dots(
            Style::EasyRead,
            "n",
            &[("Then".into(), 2), ("Now".into(), 6)],
        );
        assert_eq!(svg.matches("chart-dot-on").count(), 8);
        assert_eq!(svg.matches("chart-dot-off").count(), 12);
    }

    #[test]
    fn bars_show_both_numbers_and_only_one_bar_without_a_before() {
        let two = bars(
            Style::Standard,
            "n",
            &[Bar {
                name: "Job".into(),
                before: Some(3),
                now: 5,
            }],
            7,
            ("Now", "Before"),
        );
        assert!(two.contains(">5<") && two.contains(">3<") && two.contains(">Before<"));
        let one = bars(
            Style::Standard,
            "n",
            &[Bar {
                name: "Job".into(),
                before: None,
                now: 5,
            }],
            7,
            ("Now", "Before"),
        );
        assert!(!one.contains("chart-bar-then"));
    }
}
