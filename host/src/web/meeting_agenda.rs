//! The agenda form on a meeting's page — number, title, position, public and remove per
//! item, with three blank rows below — sent as the whole list to the API's
//! `network::set_agenda` (its `PUT …/agenda`). Each item keeps the results it had, so editing
//! the agenda never loses them; the results have their form in `meeting_results.rs`.
//!
//! Rows are tied to the items they show by their place in the agenda as read; the form
//! carries the meeting's version, so if anyone changed the meeting meanwhile the API refuses
//! the sending (412) instead of pairing a row with another item.

use std::collections::BTreeSet;

use super::meeting_fields::{Attempt, CHECKED, Field, FieldErrors, Kind, Posted};
use super::texts::DE;
use crate::api::validate::NAME_MAX;
use crate::network::{AgendaItem, AgendaItemInput};

/// Blank rows offered below the items, so a short agenda is typed in one go.
const BLANK_ROWS: usize = 3;

/// A row of the agenda form.
#[derive(Debug)]
pub(super) struct AgendaRow {
    pub legend: String,
    /// The field ids' prefix, `top-{row}`.
    pub prefix: String,
    /// The item's place in the agenda as read; none for a new row.
    pub existing: Option<usize>,
    pub fields: Vec<Field>,
}

/// The agenda's sending as the API takes it, with the form row of each item.
#[derive(Debug)]
pub(super) struct AgendaSending {
    pub items: Vec<AgendaItemInput>,
    pub rows: Vec<usize>,
}

fn prefix(row: usize) -> String {
    format!("top-{row}")
}

/// The rows of the agenda form: the items and three blank rows, or after a refused
/// sending the rows it sent.
pub(super) fn agenda_rows(items: &[AgendaItem], attempt: Option<&Attempt>) -> Vec<AgendaRow> {
    match attempt {
        Some(a) => sent_rows(&a.posted)
            .into_iter()
            .map(|row| {
                let existing = existing(&a.posted, row, usize::MAX);
                agenda_row(row, existing, None, Some(a))
            })
            .collect(),
        None => {
            let blanks = (items.len()..items.len() + BLANK_ROWS).map(|row| (row, None));
            items
                .iter()
                .enumerate()
                .map(|(row, item)| (row, Some(item)))
                .chain(blanks)
                .map(|(row, item)| agenda_row(row, item.map(|_| row), item, None))
                .collect()
        }
    }
}

fn agenda_row(
    row: usize,
    existing: Option<usize>,
    item: Option<&AgendaItem>,
    attempt: Option<&Attempt>,
) -> AgendaRow {
    let t = DE.meetings;
    let prefix = prefix(row);
    let legend = match existing {
        Some(_) => t.agenda_row(row + 1),
        None => t.agenda_new_row(row + 1),
    };
    let field = |name: &str, label: &str, kind: Kind| {
        Field::new(format!("{prefix}-{name}"), label, kind)
            .in_summary_as(format!("{} – {label}", t.agenda_row(row + 1)))
    };
    let check = |yes: bool| if yes { CHECKED } else { "" };
    let number = item.map_or_else(|| (row + 1).to_string(), |i| i.number.clone());
    let mut title = field("title", t.field_item_title, Kind::Line)
        .max(NAME_MAX)
        .class("wide")
        .filled(item.map_or("", |i| i.title.as_str()), attempt);
    title.required = existing.is_some();
    let mut fields = vec![
        field("number", t.field_number, Kind::Line)
            .max(NAME_MAX)
            .class("tiny")
            .filled(number, attempt),
        title,
        field("position", t.field_position, Kind::Count)
            .class("tiny")
            .filled((row + 1).to_string(), attempt),
        field("public", t.field_item_public, Kind::Check)
            .filled(check(item.is_none_or(|i| i.public)), attempt),
    ];
    if existing.is_some() {
        fields.push(field("remove", t.field_remove, Kind::Check).filled("", attempt));
    }
    AgendaRow {
        legend,
        prefix,
        existing,
        fields,
    }
}

/// The rows a sending has, in the order of their numbers.
fn sent_rows(posted: &Posted) -> BTreeSet<usize> {
    posted
        .0
        .iter()
        .filter_map(|(name, _)| {
            let rest = name.strip_prefix("top-")?;
            let (row, field) = rest.split_once('-')?;
            (field == "title")
                .then(|| row.parse::<usize>().ok())
                .flatten()
        })
        .collect()
}

/// The place in the agenda as read that row `row` showed, if it is one of `len` items.
fn existing(posted: &Posted, row: usize, len: usize) -> Option<usize> {
    let sent = posted.get(&format!("{}-bisher", prefix(row)));
    sent.parse::<usize>().ok().filter(|k| *k < len)
}

/// The agenda as the form sent it, in the order of the positions (rows of equal position
/// in the form's order), each item with the results it had. Blank new rows and rows marked
/// for removal are left out; what the API checks (numbers, titles) goes to it as sent.
pub(super) fn read_agenda(
    posted: &Posted,
    current: &[AgendaItem],
) -> Result<AgendaSending, FieldErrors> {
    let mut errors = Vec::new();
    let mut kept: Vec<(i64, usize, AgendaItemInput)> = Vec::new();
    for row in sent_rows(posted) {
        let p = prefix(row);
        let item = existing(posted, row, current.len()).map(|k| &current[k]);
        let title = posted.get(&format!("{p}-title"));
        let removed = posted.checked(&format!("{p}-remove")) && item.is_some();
        let blank = item.is_none() && title.trim().is_empty();
        if removed || blank {
            continue;
        }
        let position = posted.get(&format!("{p}-position")).trim();
        let position = if position.is_empty() {
            Ok(i64::try_from(row).unwrap_or(i64::MAX).saturating_add(1))
        } else {
            position.parse::<i64>()
        };
        let Ok(position) = position else {
            errors.push((format!("{p}-position"), DE.meetings.not_a_count.to_owned()));
            continue;
        };
        let input = AgendaItemInput {
            number: posted.get(&format!("{p}-number")).to_owned(),
            title: title.to_owned(),
            public: posted.checked(&format!("{p}-public")),
            result: item.and_then(|i| i.result.clone()),
            resolution: item.and_then(|i| i.resolution.clone()),
            votes_yes: item.and_then(|i| i.votes_yes),
            votes_no: item.and_then(|i| i.votes_no),
            votes_abstain: item.and_then(|i| i.votes_abstain),
        };
        kept.push((position, row, input));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    kept.sort_by_key(|(position, row, _)| (*position, *row));
    let rows = kept.iter().map(|(_, row, _)| *row).collect();
    let items = kept.into_iter().map(|(_, _, item)| item).collect();
    Ok(AgendaSending { items, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Id;

    fn item(number: &str, title: &str, result: Option<&str>) -> AgendaItem {
        AgendaItem {
            id: Id::new(),
            number: number.to_owned(),
            title: title.to_owned(),
            public: true,
            result: result.map(str::to_owned),
            resolution: None,
            votes_yes: result.map(|_| 7),
            votes_no: None,
            votes_abstain: None,
        }
    }

    fn posted(fields: &[(&str, &str)]) -> Posted {
        Posted(
            fields
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn rows_are_ordered_by_position_keep_their_results_and_blank_ones_are_left_out() {
        let current = [
            item("1", "Begrüßung", None),
            item("2", "Haushalt", Some("angenommen")),
        ];
        let sent = read_agenda(
            &posted(&[
                ("top-0-bisher", "0"),
                ("top-0-number", "1"),
                ("top-0-title", "Begrüßung"),
                ("top-0-position", "1"),
                ("top-0-remove", CHECKED),
                ("top-1-bisher", "1"),
                ("top-1-number", "3"),
                ("top-1-title", "Haushalt"),
                ("top-1-position", "9"),
                ("top-2-number", "2"),
                ("top-2-title", "Spielplatz"),
                ("top-2-position", "3"),
                ("top-2-public", CHECKED),
                ("top-3-number", "4"),
                ("top-3-title", " "),
                ("top-3-position", "4"),
            ]),
            &current,
        )
        .expect("a valid agenda");
        let titles: Vec<&str> = sent.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Spielplatz", "Haushalt"]);
        assert_eq!(sent.rows, [2, 1]);
        assert_eq!(sent.items[1].result.as_deref(), Some("angenommen"));
        assert_eq!(sent.items[1].votes_yes, Some(7));
        assert!(!sent.items[1].public, "an unchecked box is not public");
        assert!(sent.items[0].public && sent.items[0].result.is_none());
    }

    #[test]
    fn a_position_that_is_no_number_is_refused_at_its_field() {
        let refused = read_agenda(
            &posted(&[("top-0-title", "Begrüßung"), ("top-0-position", "erst")]),
            &[],
        )
        .expect_err("refused");
        assert_eq!(refused[0].0, "top-0-position");
    }

    #[test]
    fn the_form_offers_the_items_and_three_blank_rows() {
        let rows = agenda_rows(&[item("1", "Begrüßung", None)], None);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].existing, Some(0));
        assert_eq!(rows[3].fields[0].value, "4", "numbered on");
        assert!(rows[3].fields[3].checked(), "new items are public");
    }
}
