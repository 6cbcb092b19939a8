//! A submitted document read back by its schema, for the people who check it (a fund
//! application's page): the same fields, labels and choices the submitter saw in the form,
//! each with the value given — a choice by its label, a date the German way, yes or no, an
//! amount in cents (a property named `…_cents`, the host's unit of money) in euros. Empty
//! fields and groups with nothing in them are left out; values the schema does not describe
//! (any longer) are not shown. Bounded by the same walk and caps as the form.

use chrono::NaiveDate;
use serde_json::Value;

use super::leaf::{Choice, Control};
use super::model::{self, Node};
use super::presentation::Presentation;
use crate::web::format::euros;
use crate::web::texts::Texts;

/// A run of answers under one heading (none for the fields before the first group).
#[derive(Debug, PartialEq)]
pub struct AnswerBlock {
    pub heading: Option<String>,
    /// The heading's level: 3 for a group of the form, one more per group around it (≤ 6;
    /// a list's rows stand one level below the list).
    pub level: usize,
    /// (label, value) in the order of the form.
    pub entries: Vec<(String, String)>,
}

/// The answers of `document` by `schema`, in the form's order.
pub fn answers(
    schema: &Value,
    look: &Presentation,
    document: &Value,
    t: &Texts,
) -> Vec<AnswerBlock> {
    let rows = |at: &str| {
        document
            .pointer(at)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    };
    let tree = model::tree(schema, look, &rows, t.forms.row);
    let mut blocks = vec![AnswerBlock {
        heading: None,
        level: 3,
        entries: Vec::new(),
    }];
    walk(&tree.nodes, document, 3, t, &mut blocks);
    blocks.retain(|b| !b.entries.is_empty());
    blocks
}

fn walk(nodes: &[Node], document: &Value, level: usize, t: &Texts, out: &mut Vec<AnswerBlock>) {
    for node in nodes {
        match node {
            Node::Field(field) => {
                let shown = document
                    .pointer(&field.pointer)
                    .and_then(|v| shown(field.control, &field.choices, &field.pointer, v, t));
                if let Some(value) = shown
                    && let Some(block) = out.last_mut()
                {
                    block.entries.push((field.label.clone(), value));
                }
            }
            Node::Group(group, children) => {
                out.push(AnswerBlock {
                    heading: Some(group.legend.clone()),
                    level: level.min(6),
                    entries: Vec::new(),
                });
                let before = out.len();
                walk(children, document, level + 1, t, out);
                // A list's heading stays when a row below it has answers.
                let answered = out[before - 1..].iter().any(|b| !b.entries.is_empty());
                if !answered {
                    out.truncate(before - 1);
                }
                // Fields after the group continue without a heading of their own.
                out.push(AnswerBlock {
                    heading: None,
                    level,
                    entries: Vec::new(),
                });
            }
        }
    }
}

/// A value as people read it; `None` for an empty one.
fn shown(
    control: Control,
    choices: &[Choice],
    pointer: &str,
    value: &Value,
    t: &Texts,
) -> Option<String> {
    let label = |v: &str| {
        choices
            .iter()
            .find(|c| c.value == v)
            .map_or_else(|| v.to_owned(), |c| c.label.clone())
    };
    match value {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) if control == Control::Date => Some(
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_or_else(|_| s.clone(), |d| d.format("%d.%m.%Y").to_string()),
        ),
        Value::String(s) => Some(label(s)),
        Value::Bool(b) => Some(if *b { t.yes } else { t.no }.to_owned()),
        Value::Number(n) if !choices.is_empty() => Some(label(&n.to_string())),
        Value::Number(n) => match n.as_i64() {
            Some(cents) if pointer.ends_with("_cents") => Some(euros(cents)),
            _ => Some(n.to_string().replace('.', ",")),
        },
        Value::Array(items) => {
            let texts: Vec<String> = items
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(label)
                .collect();
            (!texts.is_empty()).then(|| texts.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::texts::DE;
    use serde_json::json;

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "title": {"type": "string", "title": "Titel"},
                "amount_cents": {"type": "integer", "title": "Betrag"},
                "field": {"type": "string", "title": "Handlungsfeld",
                          "oneOf": [{"const": "kultur", "title": "Stadtteilkultur"}]},
                "public": {"type": "boolean", "title": "Öffentlich"},
                "schedule": {"type": "object", "title": "Zeitplan", "properties": {
                    "start": {"type": "string", "format": "date", "title": "Beginn"}}},
                "costs": {"type": "array", "title": "Kostenplan", "items": {
                    "type": "object", "title": "Position", "properties": {
                        "label": {"type": "string", "title": "Wofür?"}}}},
                "venue": {"type": "string", "title": "Ort"}
            }
        })
    }

    #[test]
    fn values_read_as_the_form_names_them_and_empty_ones_are_left_out() {
        let document = json!({
            "title": "Hoffest", "amount_cents": 80_050, "field": "kultur", "public": true,
            "schedule": {"start": "2100-06-01"},
            "costs": [{"label": "Bänke"}], "venue": "  "
        });
        let blocks = answers(&schema(), &Presentation::default(), &document, &DE);
        let entry = |label: &str, value: &str| (label.to_owned(), value.to_owned());
        let headings: Vec<Option<&str>> = blocks.iter().map(|b| b.heading.as_deref()).collect();
        assert!(headings.contains(&Some("Zeitplan")), "{blocks:?}");
        assert!(headings.contains(&Some("Position 1")), "{blocks:?}");
        assert!(
            !headings.contains(&Some("Position 2")),
            "empty rows are left out"
        );
        let all: Vec<(String, String)> = blocks.into_iter().flat_map(|b| b.entries).collect();
        for expected in [
            entry("Titel", "Hoffest"),
            entry("Betrag", "800,50 €"),
            entry("Handlungsfeld", "Stadtteilkultur"),
            entry("Öffentlich", "ja"),
            entry("Beginn", "01.06.2100"),
            entry("Wofür?", "Bänke"),
        ] {
            assert!(all.contains(&expected), "{expected:?} in {all:?}");
        }
        assert!(all.iter().all(|(label, _)| label != "Ort"), "{all:?}");
    }
}
