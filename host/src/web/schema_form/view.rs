//! The tree of fields as a template walks it — a flat list of fields and the openings and
//! closings of their fieldsets, so the template needs no recursion — with what was entered
//! and the errors placed by their JSON pointers.

use super::leaf::{Choice, Control};
use super::model::{FieldSpec, GroupKind, GroupSpec, Node, Tree};
use super::parse::Raw;
use crate::error::FieldError;
use crate::web::texts::FormTexts;

/// One step of the form.
#[derive(Debug)]
pub enum Item {
    Open(GroupView),
    Close,
    Field(FieldView),
}

#[derive(Debug)]
pub struct GroupView {
    pub id: String,
    pub legend: String,
    pub hint: Option<String>,
    pub required: bool,
    /// A row of an array of objects (shown lighter).
    pub row: bool,
    pub error: Option<String>,
    pub hint_id: String,
    pub error_id: String,
}

#[derive(Debug)]
pub struct FieldView {
    pub id: String,
    /// The name posted: the field's JSON pointer.
    pub name: String,
    pub label: String,
    /// The label in the error summary: in a row, with the row's legend before it.
    pub summary_label: String,
    pub autocomplete: Option<&'static str>,
    pub hint: Option<String>,
    pub required: bool,
    pub control: Control,
    pub max_length: Option<u64>,
    /// What was entered (the first value sent).
    pub value: String,
    /// Choices of a select or of checkboxes, with whether each is chosen.
    pub options: Vec<OptionView>,
    pub checked: bool,
    pub error: Option<String>,
    pub hint_id: String,
    pub error_id: String,
}

#[derive(Debug)]
pub struct OptionView {
    pub id: String,
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

/// A line of the error summary at the top.
#[derive(Debug)]
pub struct SummaryLine {
    /// `#feld-…`, or empty for an error of the whole form.
    pub href: String,
    pub label: String,
    pub text: String,
}

impl FieldView {
    /// The ids of the hint and the error, for `aria-describedby` (empty when neither).
    pub fn described_by(&self) -> String {
        described_by(&self.hint, &self.hint_id, &self.error, &self.error_id)
    }

    pub fn is(&self, control: &str) -> bool {
        let name = match self.control {
            Control::Text => "text",
            Control::Textarea { .. } => "textarea",
            Control::Email => "email",
            Control::Tel => "tel",
            Control::Date => "date",
            Control::Integer => "integer",
            Control::Number => "number",
            Control::Select => "select",
            Control::Checkbox => "checkbox",
            Control::Checkboxes => "checkboxes",
            Control::Lines => "lines",
        };
        name == control
    }

    pub fn rows(&self) -> u32 {
        match self.control {
            Control::Textarea { rows } => rows,
            _ => 4,
        }
    }
}

impl GroupView {
    pub fn described_by(&self) -> String {
        described_by(&self.hint, &self.hint_id, &self.error, &self.error_id)
    }
}

fn described_by(
    hint: &Option<String>,
    hint_id: &str,
    error: &Option<String>,
    error_id: &str,
) -> String {
    let ids: Vec<&str> = [
        hint.as_ref().map(|_| hint_id),
        error.as_ref().map(|_| error_id),
    ]
    .into_iter()
    .flatten()
    .collect();
    ids.join(" ")
}

/// The ids of hint and error next to a field id `feld-x`: `hinweis-x`, `fehler-x`.
fn side_ids(id: &str) -> (String, String) {
    let suffix = id.strip_prefix("feld-").unwrap_or(id);
    (format!("hinweis-{suffix}"), format!("fehler-{suffix}"))
}

/// Whether `pointer` is `at` or lies inside it.
fn within(pointer: &str, at: &str) -> bool {
    pointer
        .strip_prefix(at)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The flat view of `tree` with `raw` entered and `errors` placed: at the field (or
/// fieldset) whose pointer is the error's, else at the innermost one containing it, else in
/// the summary only. The first error of a place is shown there; the summary lists the
/// placed errors in the order of the form, then the rest.
pub fn view(
    tree: &Tree,
    raw: &Raw,
    errors: &[FieldError],
    t: &FormTexts,
) -> (Vec<Item>, Vec<SummaryLine>) {
    let mut items = Vec::new();
    let mut places: Vec<(String, usize)> = Vec::new();
    let mut aliases: Vec<(String, usize)> = Vec::new();
    flatten(&tree.nodes, raw, t, &mut items, &mut places, &mut aliases);
    let mut general: Vec<String> = Vec::new();
    for error in errors {
        let alias = aliases
            .iter()
            .find(|(pointer, _)| *pointer == error.pointer)
            .map(|(_, index)| *index);
        let place = alias.or_else(|| {
            places
                .iter()
                .filter(|(pointer, _)| within(&error.pointer, pointer))
                .max_by_key(|(pointer, _)| pointer.len())
                .map(|(_, index)| *index)
        });
        let slot = match place.map(|i| &mut items[i]) {
            Some(Item::Field(field)) => &mut field.error,
            Some(Item::Open(group)) => &mut group.error,
            _ => {
                if !general.contains(&error.detail) {
                    general.push(error.detail.clone());
                }
                continue;
            }
        };
        slot.get_or_insert_with(|| error.detail.clone());
    }
    let mut summary = Vec::new();
    for item in &items {
        let (id, label, error) = match item {
            Item::Field(f) => (&f.id, &f.summary_label, &f.error),
            Item::Open(g) => (&g.id, &g.legend, &g.error),
            Item::Close => continue,
        };
        if let Some(text) = error {
            summary.push(SummaryLine {
                href: format!("#{id}"),
                label: label.clone(),
                text: text.clone(),
            });
        }
    }
    summary.extend(general.into_iter().map(|text| SummaryLine {
        href: String::new(),
        label: String::new(),
        text,
    }));
    (items, summary)
}

fn flatten(
    nodes: &[Node],
    raw: &Raw,
    t: &FormTexts,
    items: &mut Vec<Item>,
    places: &mut Vec<(String, usize)>,
    aliases: &mut Vec<(String, usize)>,
) {
    for node in nodes {
        match node {
            Node::Field(spec) => {
                places.push((spec.pointer.clone(), items.len()));
                for pointer in &spec.errors_from {
                    aliases.push((pointer.clone(), items.len()));
                }
                items.push(Item::Field(field(spec, raw, t)));
            }
            // Its errors go to its first field (if it has one, else to the summary).
            Node::Group(spec, children) if spec.flat => {
                if matches!(children.first(), Some(Node::Field(_))) {
                    places.push((spec.pointer.clone(), items.len()));
                }
                flatten(children, raw, t, items, places, aliases);
            }
            Node::Group(spec, children) => {
                places.push((spec.pointer.clone(), items.len()));
                items.push(Item::Open(group(spec, t)));
                flatten(children, raw, t, items, places, aliases);
                items.push(Item::Close);
            }
        }
    }
}

/// The schema's description with the form's own advice after it.
fn hint(description: &Option<String>, advice: Option<&str>) -> Option<String> {
    match (description, advice) {
        (Some(d), Some(a)) => Some(format!("{d} {a}")),
        (Some(d), None) => Some(d.clone()),
        (None, a) => a.map(str::to_owned),
    }
}

fn group(spec: &GroupSpec, t: &FormTexts) -> GroupView {
    let (hint_id, error_id) = side_ids(&spec.id);
    let advice = (spec.kind == GroupKind::Rows).then_some(t.rows_hint);
    GroupView {
        id: spec.id.clone(),
        legend: spec.legend.clone(),
        hint: hint(&spec.hint, advice),
        required: spec.required,
        row: spec.kind == GroupKind::Row,
        error: None,
        hint_id,
        error_id,
    }
}

fn field(spec: &FieldSpec, raw: &Raw, t: &FormTexts) -> FieldView {
    let advice = match spec.control {
        Control::Lines => Some(t.lines_hint),
        _ => None,
    };
    let entered: &[String] = raw.get(&spec.pointer).map_or(&[], Vec::as_slice);
    let value = entered.first().cloned().unwrap_or_default();
    let (hint_id, error_id) = side_ids(&spec.id);
    let options = spec
        .choices
        .iter()
        .enumerate()
        .map(|(i, Choice { value, label, .. })| OptionView {
            id: if i == 0 {
                spec.id.clone()
            } else {
                format!("{}--{}", spec.id, i + 1)
            },
            chosen: entered.contains(value),
            value: value.clone(),
            label: label.clone(),
        })
        .collect();
    FieldView {
        id: spec.id.clone(),
        name: spec.name.clone(),
        label: spec.label.clone(),
        summary_label: spec.summary_label.clone(),
        autocomplete: spec.autocomplete,
        hint: hint(&spec.hint, advice),
        required: spec.required,
        control: spec.control,
        max_length: spec.max_length,
        checked: !entered.is_empty(),
        value,
        options,
        error: None,
        hint_id,
        error_id,
    }
}
