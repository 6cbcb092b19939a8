//! Everything a rendered report says of its own, beside what the report document brings:
//! German first, in one place so other languages can follow (like `web::texts`).

/// The words of a rendered report.
#[derive(Debug, serde::Serialize)]
pub struct RenderTexts {
    pub lang: &'static str,
    pub municipality: &'static str,
    pub area: &'static str,
    pub whole_municipality: &'static str,
    pub period: &'static str,
    pub created: &'static str,
    pub kind: &'static str,
    pub contents: &'static str,
    pub notice: &'static str,
    pub downloads: &'static str,
    pub key_figures: &'static str,
    pub csv_download: &'static str,
    /// The first column of a chart's number table.
    pub chart_category: &'static str,
    /// Added to a chart's title for its number table.
    pub chart_numbers: &'static str,
    /// "Seite 3 von 12" in the PDF's footer: the words around the numbers.
    pub page: &'static str,
    pub page_of: &'static str,
    /// The cover sheet of a workbook.
    pub sheet_cover: &'static str,
    pub sheet_figures: &'static str,
    pub section: &'static str,
    pub figure: &'static str,
    pub value: &'static str,
}

pub const DE: RenderTexts = RenderTexts {
    lang: "de",
    municipality: "Kommune",
    area: "Gebiet",
    whole_municipality: "gesamte Kommune",
    period: "Zeitraum",
    created: "Erstellt am",
    kind: "Berichtsart",
    contents: "Inhalt",
    notice: "Hinweis",
    downloads: "Herunterladen",
    key_figures: "Kennzahlen",
    csv_download: "Tabelle als CSV",
    chart_category: "Kategorie",
    chart_numbers: "Zahlen",
    page: "Seite",
    page_of: "von",
    sheet_cover: "Bericht",
    sheet_figures: "Kennzahlen",
    section: "Abschnitt",
    figure: "Kennzahl",
    value: "Wert",
};
