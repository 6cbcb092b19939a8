//! Charts as SVG, drawn from the numbers a chart carries: bars grouped per label, or lines
//! across the labels. The same SVG is inlined in the page and placed in the PDF. It has a
//! `<title>` and `<desc>` for screen readers; the numbers themselves are always shown in a
//! table beside it (`html.rs`, `pdf.rs`), so the drawing never carries information alone.

use std::fmt::Write;

use quartier_documents::report::{Chart, ChartKind, Format};

use super::escape;
use super::number;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
/// Room for the labels along the axis and the legend below them.
const BOTTOM: f64 = 72.0;
/// Colours told apart also by people with the common colour-vision deficiencies (Okabe–Ito).
const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];
const GRID_LINES: usize = 4;

/// The chart as a standalone SVG document; `id` makes its title and description ids unique
/// on a page with several charts.
pub fn svg(chart: &Chart, id: &str) -> String {
    let values = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .filter(|v| v.is_finite());
    let (low, high) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // Grid lines at round steps from a round value below the lowest to one above the highest.
    let step = match nice_ceil((high - low) / GRID_LINES as f64) {
        // Counts and days step by whole numbers: a grid line at 0.5 would read "0" or "1".
        step if step < 1.0 && matches!(chart.format, Format::Count | Format::Days) => 1.0,
        step if step > 0.0 => step,
        _ => 1.0,
    };
    let low = (low / step).floor() * step;
    let high = ((high / step).ceil() * step).max(low + step);
    let span = high - low;
    let lines = ((span / step).round() as usize).clamp(1, 2 * GRID_LINES);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (1.0 - (v - low) / span);

    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{id}-t {id}-d" font-family="sans-serif" font-size="12"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(&chart.title),
        escape(&chart.description)
    );
    out.push_str(r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    for i in 0..=lines {
        let v = low + step * i as f64;
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#d0d0d0"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0,
            escape(&number::number(v, chart.format)),
            y = y(v),
        );
    }
    let labels = chart.labels.len().max(1);
    let slot = plot_w / labels as f64;
    match chart.kind {
        ChartKind::Bar => {
            let series = chart.series.len().max(1);
            let bar = (slot * 0.8) / series as f64;
            for (s, line) in chart.series.iter().enumerate() {
                for (i, value) in line.values.iter().enumerate().take(labels) {
                    let Some(v) = value.filter(|v| v.is_finite()) else {
                        continue;
                    };
                    let x = LEFT + slot * i as f64 + slot * 0.1 + bar * s as f64;
                    let (top, bottom) = (y(v.max(0.0)), y(v.min(0.0)));
                    let _ = write!(
                        out,
                        r#"<rect x="{x:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                        (bar - 1.0).max(1.0),
                        (bottom - top).max(0.5),
                        PALETTE[s % PALETTE.len()]
                    );
                }
            }
        }
        ChartKind::Line => {
            for (s, line) in chart.series.iter().enumerate() {
                let colour = PALETTE[s % PALETTE.len()];
                let points: Vec<(f64, f64)> = line
                    .values
                    .iter()
                    .enumerate()
                    .take(labels)
                    .filter_map(|(i, v)| {
                        let v = v.filter(|v| v.is_finite())?;
                        Some((LEFT + slot * (i as f64 + 0.5), y(v)))
                    })
                    .collect();
                let path: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect();
                let _ = write!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2.5"/>"#,
                    path.join(" ")
                );
                for (x, y) in points {
                    let _ = write!(
                        out,
                        r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/>"#
                    );
                }
            }
        }
    }
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" x2="{}" y1="{:.1}" y2="{:.1}" stroke="#333333"/>"##,
        WIDTH - RIGHT,
        y(0.0),
        y(0.0)
    );
    // Every label when they fit, else every n-th, so they never overlap.
    let step = (labels as f64 * 60.0 / plot_w).ceil().max(1.0) as usize;
    for (i, label) in chart.labels.iter().enumerate().step_by(step) {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            LEFT + slot * (i as f64 + 0.5),
            HEIGHT - BOTTOM + 18.0,
            escape(&shorten(label, 14))
        );
    }
    let mut x = LEFT;
    for (s, line) in chart.series.iter().enumerate() {
        let name = shorten(&line.name, 30);
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            HEIGHT - 26.0,
            PALETTE[s % PALETTE.len()],
            x + 16.0,
            HEIGHT - 16.0,
            escape(&name)
        );
        x += 28.0 + 7.0 * name.chars().count() as f64;
    }
    out.push_str("</svg>");
    out
}

fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(most - 1).collect();
        short.push('…');
        short
    }
}

/// The smallest "round" number (1, 2 or 5 times a power of ten) at or above `v`.
fn nice_ceil(v: f64) -> f64 {
    if v <= 0.0 {
        return 0.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quartier_documents::report::Series;

    fn chart(kind: ChartKind) -> Chart {
        Chart {
            title: "Anliegen <je Jahr>".into(),
            description: "Eingegangene Anliegen & Rückmeldungen".into(),
            kind,
            format: Format::Count,
            labels: vec!["2024".into(), "2025".into(), "2026".into()],
            series: vec![
                Series {
                    name: "Eingegangen".into(),
                    values: vec![Some(12.0), None, Some(40.0)],
                },
                Series {
                    name: "Beantwortet".into(),
                    values: vec![Some(-3.0), Some(f64::NAN), Some(33.0)],
                },
            ],
        }
    }

    #[test]
    fn a_chart_is_labelled_escaped_and_scaled_to_round_numbers() {
        for kind in [ChartKind::Bar, ChartKind::Line] {
            let svg = svg(&chart(kind), "c1");
            assert!(svg.contains(r#"<title id="c1-t">Anliegen &lt;je Jahr&gt;</title>"#));
            assert!(svg.contains("Rückmeldungen") && svg.contains("&amp;"));
            assert!(svg.contains(">40</text>"), "{svg}");
            assert!(svg.contains(">-20</text>"), "{svg}");
            assert!(!svg.contains("NaN"), "{svg}");
        }
    }

    #[test]
    fn round_numbers_cover_the_values() {
        assert_eq!(nice_ceil(40.0), 50.0);
        assert_eq!(nice_ceil(0.3), 0.5);
        assert_eq!(nice_ceil(100.0), 100.0);
        assert_eq!(nice_ceil(0.0), 0.0);
    }
}
