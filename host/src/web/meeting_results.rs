//! The results of a meeting's agenda items on its page — result, resolution and votes per
//! item — sent like the agenda itself (`meeting_agenda.rs`) as the whole list to
//! `network::set_agenda`, each item's number, title and public flag as read. The form
//! carries the meeting's version, so results are never paired with items changed meanwhile.

use super::meeting_fields::{Attempt, Field, FieldErrors, Kind, Posted};
use super::texts::DE;
use crate::api::validate::{NAME_MAX, TEXT_MAX};
use crate::network::{AgendaItem, AgendaItemInput};

/// The form of an item's results.
#[derive(Debug)]
pub(super) struct ResultForm {
    pub legend: String,
    pub public: bool,
    pub prefix: String,
    /// The result and the resolution.
    pub texts: Vec<Field>,
    pub votes: Vec<Field>,
}

/// The result forms of the items (or, after a refused sending, with what it sent).
pub(super) fn result_forms(items: &[AgendaItem], attempt: Option<&Attempt>) -> Vec<ResultForm> {
    let t = DE.meetings;
    items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let prefix = format!("erg-{k}");
            let legend = t.results_item(&item.number, &item.title);
            let field = |name: &str, label: &str, kind: Kind, current: String| {
                Field::new(format!("{prefix}-{name}"), label, kind)
                    .in_summary_as(format!("{legend} – {label}"))
                    .filled(current, attempt)
            };
            let count = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
            let mut result = field(
                "result",
                t.field_result,
                Kind::Line,
                item.result.clone().unwrap_or_default(),
            )
            .hint(t.hint_result)
            .max(NAME_MAX);
            result.list = Some("ergebnisse-vorschlaege");
            let resolution = field(
                "resolution",
                t.field_resolution,
                Kind::Text,
                item.resolution.clone().unwrap_or_default(),
            )
            .max(TEXT_MAX);
            let votes = [
                ("votes_yes", t.field_yes, item.votes_yes),
                ("votes_no", t.field_no, item.votes_no),
                ("votes_abstain", t.field_abstain, item.votes_abstain),
            ]
            .into_iter()
            .map(|(name, label, v)| field(name, label, Kind::Count, count(v)).class("tiny"))
            .collect();
            ResultForm {
                legend,
                public: item.public,
                prefix,
                texts: vec![result, resolution],
                votes,
            }
        })
        .collect()
}

/// The agenda as read with the results the form sent. Vote counts must be whole numbers
/// (checked here: the page knows the field); their range is the API's to check.
pub(super) fn read_results(
    posted: &Posted,
    current: &[AgendaItem],
) -> Result<Vec<AgendaItemInput>, FieldErrors> {
    let mut errors = Vec::new();
    let mut items = Vec::new();
    for (k, item) in current.iter().enumerate() {
        let mut count = |name: &str| {
            let id = format!("erg-{k}-{name}");
            let text = posted.get(&id).trim();
            if text.is_empty() {
                return None;
            }
            let n = text.parse::<i64>().ok();
            if n.is_none() {
                errors.push((id, DE.meetings.not_a_count.to_owned()));
            }
            n
        };
        let (votes_yes, votes_no, votes_abstain) = (
            count("votes_yes"),
            count("votes_no"),
            count("votes_abstain"),
        );
        items.push(AgendaItemInput {
            number: item.number.clone(),
            title: item.title.clone(),
            public: item.public,
            result: posted.text(&format!("erg-{k}-result")),
            resolution: posted.text(&format!("erg-{k}-resolution")),
            votes_yes,
            votes_no,
            votes_abstain,
        });
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
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
    fn results_keep_the_agenda_and_refuse_counts_that_are_no_whole_numbers() {
        let current = [item("1", "Haushalt", None)];
        let read = read_results(
            &posted(&[
                ("erg-0-result", " angenommen "),
                ("erg-0-votes_yes", "7"),
                ("erg-0-votes_no", ""),
                ("erg-0-votes_abstain", "-1"),
            ]),
            &current,
        )
        .expect("whole numbers");
        assert_eq!(read[0].title, "Haushalt");
        assert_eq!(read[0].result.as_deref(), Some("angenommen"));
        assert_eq!((read[0].votes_yes, read[0].votes_no), (Some(7), None));
        assert_eq!(read[0].votes_abstain, Some(-1), "the API refuses the range");
        let refused = read_results(&posted(&[("erg-0-votes_no", "2,5")]), &current);
        assert_eq!(refused.expect_err("refused")[0].0, "erg-0-votes_no");
    }
}
