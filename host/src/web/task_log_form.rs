//! The staff's form on the task log page (`task_log_page.rs`): what it sends, what it shows
//! again after a refusal (the entered values, each error at its field), and its choices —
//! the matrix's tasks and its columns.

use super::task_matrix_page::TaskName;
use super::texts::DE;
use crate::messages::Code;
use crate::task_matrix::MatrixColumn;

/// The form's fields as posted (and shown again after a refusal).
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct Posted {
    #[serde(default)]
    pub jahr: String,
    #[serde(default)]
    pub aufgabe: String,
    #[serde(default)]
    pub bereich: String,
    #[serde(default)]
    pub taetigkeit: String,
}

/// An error at a field of the form (by the field's id).
#[derive(Debug)]
pub(super) struct FieldProblem {
    pub field: &'static str,
    pub text: String,
}

/// An option of a select.
#[derive(Debug)]
pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The staff's form, with what was entered and its errors.
#[derive(Debug)]
pub(super) struct LogForm {
    pub year: String,
    pub tasks: Vec<Choice>,
    pub columns: Vec<Choice>,
    pub activity: String,
    pub errors: Vec<FieldProblem>,
}

impl LogForm {
    /// The form of `posted`, offering the matrix's tasks `names`, with `errors`.
    pub(super) fn new(posted: Posted, names: &[TaskName], errors: Vec<FieldProblem>) -> LogForm {
        LogForm {
            year: posted.jahr,
            tasks: task_choices(names, Some(&posted.aufgabe), None),
            columns: column_choices(&posted.bereich),
            activity: posted.taetigkeit,
            errors,
        }
    }

    pub(super) fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.text.as_str())
    }
}

/// The tasks as options, "group – task"; `any` first when given.
pub(super) fn task_choices(
    names: &[TaskName],
    chosen: Option<&str>,
    any: Option<&str>,
) -> Vec<Choice> {
    let first = any.map(|label| Choice {
        value: String::new(),
        label: label.to_owned(),
        selected: chosen.is_none_or(str::is_empty),
    });
    first
        .into_iter()
        .chain(names.iter().map(|n| Choice {
            value: n.key.clone(),
            label: format!("{} – {}", n.group, n.label),
            selected: chosen == Some(n.key.as_str()),
        }))
        .collect()
}

fn column_choices(chosen: &str) -> Vec<Choice> {
    let whole = Choice {
        value: String::new(),
        label: DE.tasks.whole_task.to_owned(),
        selected: chosen.is_empty(),
    };
    std::iter::once(whole)
        .chain(MatrixColumn::ALL.iter().map(|c| Choice {
            value: c.as_str().to_owned(),
            label: c.label_de().to_owned(),
            selected: chosen == c.as_str(),
        }))
        .collect()
}

/// The error of `field` in the words of `code`.
pub(super) fn problem(field: &'static str, code: Code) -> FieldProblem {
    FieldProblem {
        field,
        text: code.de().to_owned(),
    }
}

/// The form field of an API field pointer.
pub(super) fn field_of(pointer: &str) -> &'static str {
    match pointer {
        "/year" => "jahr",
        "/task_key" => "aufgabe",
        "/column_key" => "bereich",
        _ => "taetigkeit",
    }
}
