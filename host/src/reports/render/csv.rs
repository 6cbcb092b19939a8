//! One table as CSV for a German Excel: UTF-8 with a byte-order mark (without it Excel reads
//! umlauts as Windows-1252), `;` between fields (a German Excel's list separator, since the
//! comma is its decimal mark), CRLF line ends, decimal commas and no thousands points — so
//! numbers open as numbers. Euros and days are plain numbers (the column heading says the
//! unit), shares are percent numbers, dates `31.12.2026`. A text cell that a spreadsheet
//! would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.

use quartier_documents::report::{Format, Table};
use serde_json::Value;

use super::number;

/// The table as CSV bytes.
pub fn table(table: &Table) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let headings: Vec<String> = table.columns.iter().map(heading_of).collect();
    line(&mut out, headings.iter().map(String::as_str));
    for row in &table.rows {
        let cells: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| cell(row.get(i).unwrap_or(&Value::Null), c.format))
            .collect();
        line(&mut out, cells.iter().map(String::as_str));
    }
    out.into_bytes()
}

/// A file name for table `number` titled `title`: `bericht-2026-tabelle-3-antraege.csv`.
pub fn file_name(stem: &str, number: usize, title: &str) -> String {
    format!("{stem}-tabelle-{number}-{}.csv", slug(title))
}

/// Lower-case ASCII letters and digits joined by `-`, umlauts spelled out; at most 40.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let part = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if part == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(part);
    }
    let mut out: String = out.trim_end_matches('-').chars().take(40).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "bericht".into()
    } else {
        out
    }
}

fn heading_of(column: &quartier_documents::Column) -> String {
    match column.format {
        Format::Euro => format!("{} (€)", column.label),
        Format::Percent => format!("{} (%)", column.label),
        _ => column.label.clone(),
    }
}

fn cell(value: &Value, format: Format) -> String {
    match (value, format) {
        (Value::Null, _) => String::new(),
        (Value::Number(n), _) => match n.as_f64() {
            Some(x) if x.is_finite() => {
                let x = if format == Format::Percent {
                    x * 100.0
                } else {
                    x
                };
                plain(x, format)
            }
            _ => String::new(),
        },
        (Value::String(text), Format::Date) => number::date(text).unwrap_or_else(|| defused(text)),
        (Value::String(text), _) => defused(text),
        (other, format) => number::display(other, format),
    }
}

/// A number with a decimal comma and no grouping.
fn plain(x: f64, format: Format) -> String {
    let text = match format {
        Format::Euro => format!("{x:.2}"),
        Format::Count => format!("{x:.0}"),
        _ => {
            let text = format!("{x:.4}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    };
    text.replace('.', ",")
}

/// Text a spreadsheet shows as text, never evaluates.
fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(';');
        }
        if field.contains([';', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use quartier_documents::Column;
    use serde_json::json;

    #[test]
    fn a_table_opens_in_a_german_excel_as_numbers() {
        let table = Table::new(
            "Anträge",
            vec![
                Column::new("Fonds; Art", Format::Text),
                Column::new("Anträge", Format::Count),
                Column::new("Bewilligt", Format::Euro),
                Column::new("Anteil", Format::Percent),
                Column::new("Frist", Format::Date),
            ],
        )
        .row(vec![
            json!("Verfügungsfonds \"Nord\""),
            json!(12),
            json!(1234.5),
            json!(0.125),
            json!("2026-03-31"),
        ])
        .row(vec![json!("=HYPERLINK(\"x\")"), json!(null), json!(-3)]);
        let bytes = table_bytes(&table);
        assert!(
            bytes.starts_with("\u{feff}Fonds; Art".as_bytes())
                || bytes.starts_with("\u{feff}\"Fonds; Art\"".as_bytes())
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}\"Fonds; Art\";Anträge;Bewilligt (€);Anteil (%);Frist\r\n\
             \"Verfügungsfonds \"\"Nord\"\"\";12;1234,50;12,5;31.03.2026\r\n\
             \"'=HYPERLINK(\"\"x\"\")\";;-3,00;;\r\n"
        );
        assert_eq!(
            slug("Anträge & Auszahlungen 2026 (Nord)"),
            "antraege-auszahlungen-2026-nord"
        );
        assert_eq!(
            file_name("jahresbericht-2026", 3, "!!!"),
            "jahresbericht-2026-tabelle-3-bericht.csv"
        );
    }

    fn table_bytes(t: &Table) -> Vec<u8> {
        table(t)
    }
}
