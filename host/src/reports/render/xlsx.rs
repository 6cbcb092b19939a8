//! The report as an XLSX workbook: a first sheet with the cover and every key figure, then
//! one sheet per table — real numbers with euro, percent and date formats, a bold frozen
//! header row, widths from the content. Text is always written as text, never as a formula.

use std::collections::HashSet;

use chrono::Datelike;
use quartier_documents::Section;
use quartier_documents::report::{Format, Table};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, Workbook, Worksheet};
use serde_json::Value;

use super::{Cover, DE, RenderError, number};

/// Excel's longest sheet name.
const SHEET_NAME_MAX: usize = 31;
/// Excel's longest text in a cell.
const CELL_TEXT_MAX: usize = 32_767;
/// The widest column, in characters.
const WIDTH_MAX: usize = 60;

/// The workbook's bytes.
pub fn workbook(cover: &Cover, sections: &[Section]) -> Result<Vec<u8>, RenderError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&cover.title)
            .set_company(&cover.municipality),
    );
    let mut names = SheetNames::default();

    let sheet = book.add_worksheet();
    sheet.set_name(names.unique(DE.sheet_cover))?;
    cover_sheet(sheet, cover, sections, &formats)?;

    for (i, table) in sections.iter().flat_map(|s| &s.tables).enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(names.unique(&format!("{} {}", i + 1, table.title)))?;
        table_sheet(sheet, table, &formats)?;
    }
    Ok(book.save_to_buffer()?)
}

struct Formats {
    bold: CellFormat,
    wrap: CellFormat,
    count: CellFormat,
    number: CellFormat,
    euro: CellFormat,
    percent: CellFormat,
    days: CellFormat,
    date: CellFormat,
}

impl Formats {
    fn new() -> Formats {
        let number = |code: &str| CellFormat::new().set_num_format(code);
        Formats {
            bold: CellFormat::new().set_bold(),
            wrap: CellFormat::new().set_text_wrap(),
            count: number("#,##0"),
            number: number("General"),
            euro: number("#,##0.00 \"€\""),
            percent: number("0.0 %"),
            days: number("0.0"),
            date: number("dd.mm.yyyy"),
        }
    }

    fn of(&self, format: Format) -> &CellFormat {
        match format {
            Format::Count => &self.count,
            Format::Euro => &self.euro,
            Format::Percent => &self.percent,
            Format::Days => &self.days,
            Format::Date => &self.date,
            Format::Number | Format::Text => &self.number,
        }
    }
}

fn cover_sheet(
    sheet: &mut Worksheet,
    cover: &Cover,
    sections: &[Section],
    formats: &Formats,
) -> Result<(), RenderError> {
    let area = cover.area.as_deref().unwrap_or(DE.whole_municipality);
    let facts = [
        (DE.kind, cover.kind.as_str()),
        (DE.municipality, cover.municipality.as_str()),
        (DE.area, area),
        (DE.period, cover.period.as_str()),
        (DE.created, cover.created.as_str()),
    ];
    sheet.write_string_with_format(0, 0, text(&cover.title), &formats.bold)?;
    let mut row = 2;
    for (label, value) in facts {
        sheet.write_string_with_format(row, 0, label, &formats.bold)?;
        sheet.write_string(row, 1, text(value))?;
        row += 1;
    }
    if let Some(notice) = &cover.notice {
        sheet.write_string_with_format(row, 0, DE.notice, &formats.bold)?;
        sheet.write_string_with_format(row, 1, text(notice), &formats.wrap)?;
        row += 1;
    }
    row += 1;
    for (column, heading) in [DE.section, DE.figure, DE.value].iter().enumerate() {
        sheet.write_string_with_format(row, column as u16, *heading, &formats.bold)?;
    }
    for section in sections {
        for figure in &section.figures {
            row += 1;
            sheet.write_string(row, 0, text(&section.heading))?;
            sheet.write_string(row, 1, text(&figure.label))?;
            write(sheet, row, 2, &figure.value, figure.format, formats)?;
        }
    }
    sheet.set_column_width(0, 36)?;
    sheet.set_column_width(1, 48)?;
    sheet.set_column_width(2, 18)?;
    Ok(())
}

fn table_sheet(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), RenderError> {
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| c.label.chars().count())
        .collect();
    for (col, column) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, text(&column.label), &formats.bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, column) in table.columns.iter().enumerate() {
            let value = row.get(col).unwrap_or(&Value::Null);
            write(sheet, r, col as u16, value, column.format, formats)?;
            let shown = number::display(value, column.format).chars().count();
            widths[col] = widths[col].max(shown);
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).clamp(8, WIDTH_MAX) as f64 + 2.0)?;
    }
    Ok(())
}

/// One value: numbers as numbers, ISO dates as dates, everything else as text.
fn write(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    format: Format,
    formats: &Formats,
) -> Result<(), RenderError> {
    match value {
        Value::Null => {}
        Value::Number(n) => match n.as_f64().filter(|x| x.is_finite()) {
            Some(x) => {
                sheet.write_number_with_format(row, col, x, formats.of(format))?;
            }
            None => {
                sheet.write_string(row, col, n.to_string())?;
            }
        },
        Value::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
        }
        Value::String(s) if format == Format::Date => match excel_date(s) {
            Some(date) => {
                sheet.write_datetime_with_format(row, col, &date, &formats.date)?;
            }
            None => {
                sheet.write_string(row, col, text(s))?;
            }
        },
        Value::String(s) => {
            sheet.write_string(row, col, text(s))?;
        }
        other => {
            sheet.write_string(row, col, text(&other.to_string()))?;
        }
    }
    Ok(())
}

fn excel_date(iso: &str) -> Option<ExcelDateTime> {
    let day = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    let year = u16::try_from(day.year()).ok()?;
    ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8).ok()
}

/// Text cut to what a cell holds; control characters, which XML cannot carry, dropped.
fn text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .take(CELL_TEXT_MAX)
        .collect()
}

/// Sheet names Excel accepts: no `[]:*?/\`, not starting or ending with `'`, at most 31
/// characters, unique regardless of case.
#[derive(Default)]
struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    fn unique(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim().to_owned();
        let base: String = if clean.is_empty() {
            "Tabelle".to_owned()
        } else {
            clean
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let room = SHEET_NAME_MAX - suffix.chars().count();
            let name: String = base
                .chars()
                .take(room)
                .collect::<String>()
                .trim_end()
                .to_owned()
                + &suffix;
            let name = name.trim_end_matches('\'').to_owned();
            if self.taken.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        let mut names = SheetNames::default();
        assert_eq!(names.unique("Bericht"), "Bericht");
        assert_eq!(names.unique("bericht"), "bericht (2)");
        assert_eq!(names.unique("'a/b:c'"), "a-b-c");
        assert_eq!(names.unique(""), "Tabelle");
        let long = names.unique("1 Anträge nach Fonds und Stand im Berichtsjahr 2026");
        assert!((30..=31).contains(&long.chars().count()), "{long}");
        let again = names.unique("1 Anträge nach Fonds und Stand im Berichtsjahr 2026");
        assert!(
            again.ends_with(" (2)") && again.chars().count() <= 31,
            "{again}"
        );
    }
}
