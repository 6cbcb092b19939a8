//! Rendering a shaped report — the same sections — as a page (`html.rs`), CSV per table
//! (`csv.rs`), an XLSX workbook (`xlsx.rs`) and a tagged PDF typeset by Typst (`pdf.rs`).
//! The page and the PDF show values the German way (`number.rs`) and draw charts as SVG
//! (`chart.rs`), each with its numbers in a table beside it; CSV and XLSX keep numbers as
//! numbers.
//!
//! A report document comes from a municipality's plugin and is only as small as the report
//! schema's limits, so the page and the PDF refuse documents with more than [`MAX_ROWS`]
//! table rows in all ([`RenderError::TooLarge`]) rather than typeset for minutes.

pub mod chart;
pub mod csv;
pub mod html;
pub mod number;
pub mod pdf;
mod texts;
pub mod view;
pub mod xlsx;

use quartier_documents::Section;

pub use texts::{DE, RenderTexts};

/// The most table rows (the report's tables and the charts' number tables together) a page
/// or a PDF shows: about 300 printed pages.
pub const MAX_ROWS: usize = 10_000;

/// What the title page (and the page's head) says about a report.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cover {
    /// The report's title.
    pub title: String,
    /// The report kind as people read it ("Jahresbericht").
    pub kind: String,
    /// The municipality's name.
    pub municipality: String,
    /// The area's name, when the report is about one area.
    pub area: Option<String>,
    /// The period, e.g. "01.01.2025 – 31.12.2025".
    pub period: String,
    /// When it was made, e.g. "04.12.2026".
    pub created: String,
    /// Why the host's base report is shown instead of the plugin's, in German.
    pub notice: Option<String>,
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The document has more rows than the format shows.
    #[error("the report has {rows} table rows; at most {MAX_ROWS} can be shown")]
    TooLarge { rows: usize },
    /// The page's template failed.
    #[error("page: {0}")]
    Html(#[from] askama::Error),
    /// The workbook could not be written.
    #[error("workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Typst refused the document.
    #[error("pdf: {0}")]
    Pdf(String),
}

impl RenderError {
    /// Why, in a German phrase for the notice of the report that stands in.
    pub fn reason_de(&self) -> String {
        match self {
            RenderError::TooLarge { rows } => {
                let count = |n: usize| number::grouped(n as f64, 0);
                format!(
                    "{} Tabellenzeilen, höchstens {} sind darstellbar",
                    count(*rows),
                    count(MAX_ROWS)
                )
            }
            RenderError::Pdf(_) => "der Textsatz des PDF hat das Dokument abgelehnt".to_owned(),
            RenderError::Html(_) | RenderError::Xlsx(_) => {
                "ein Fehler beim Darstellen; er wurde protokolliert".to_owned()
            }
        }
    }
}

/// Refuses a document the page or the PDF would take too long to show.
pub fn check_size(sections: &[Section]) -> Result<(), RenderError> {
    let rows: usize = sections
        .iter()
        .map(|s| {
            let tables: usize = s.tables.iter().map(|t| t.rows.len()).sum();
            let charts: usize = s.charts.iter().map(|c| c.labels.len()).sum();
            tables + charts
        })
        .sum();
    if rows > MAX_ROWS {
        return Err(RenderError::TooLarge { rows });
    }
    Ok(())
}

/// `text` safe inside XML and HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0 (SVG); drop them.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quartier_documents::report::{Column, Format, Table};
    use serde_json::json;

    #[test]
    fn a_document_over_the_row_limit_is_refused_with_a_german_reason() {
        let mut table = Table::new("Zeilen", vec![Column::new("Nr.", Format::Count)]);
        table.rows = vec![vec![json!(1)]; MAX_ROWS];
        let fits = vec![Section::new("Teil", vec![], vec![]).with_table(table.clone())];
        assert!(check_size(&fits).is_ok());
        let over = vec![
            Section::new("Teil", vec![], vec![]).with_table(table),
            Section::new("Mehr", vec![], vec![]).with_table(Table::new("Eine", vec![]).row(vec![])),
        ];
        let refused = check_size(&over).unwrap_err();
        assert!(matches!(refused, RenderError::TooLarge { rows } if rows == MAX_ROWS + 1));
        assert_eq!(
            refused.reason_de(),
            "10.001 Tabellenzeilen, höchstens 10.000 sind darstellbar"
        );
    }
}
