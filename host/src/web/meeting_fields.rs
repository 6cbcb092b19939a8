//! The building blocks of the meeting pages' forms: a field as `_meeting_field.html` renders
//! it, what a sending carried, and a refused sending with its errors at the fields that
//! caused them, gathered in the error summary. The meeting's own fields are in
//! `meeting_details.rs`.

/// Errors found in a sending: (field id, what to say), in the order of the form.
pub(super) type FieldErrors = Vec<(String, String)>;

/// The value a checked checkbox sends.
pub(super) const CHECKED: &str = "ja";

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// One line of text.
    Line,
    /// Several lines.
    Text,
    /// A day, typed as people write it (`10.12.2026`): a plain text field, so the format
    /// does not depend on the browser's language as a date picker's does.
    Date,
    /// A clock time (`18:00`), likewise typed.
    Time,
    /// A head count: digits only.
    Count,
    Select,
    Check,
}

/// A field of a form, with what it shows after a refused sending.
#[derive(Debug)]
pub(super) struct Field {
    /// Also its `name`: the names are unique on a page.
    pub id: String,
    pub label: String,
    /// What the error summary calls it, where the label alone is ambiguous ("Punkt 2 –
    /// Titel des Punkts").
    pub summary_label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub kind: Kind,
    pub value: String,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
    /// `maxlength`, where the API has a limit.
    pub max: Option<usize>,
    /// The id of a `datalist` of suggestions.
    pub list: Option<&'static str>,
    /// A class setting the width of a short field.
    pub class: &'static str,
}

/// An option of a select.
#[derive(Debug)]
pub(super) struct Choice {
    pub value: String,
    pub label: String,
}

impl Field {
    pub fn new(id: impl Into<String>, label: impl Into<String>, kind: Kind) -> Field {
        let label = label.into();
        Field {
            id: id.into(),
            summary_label: label.clone(),
            label,
            hint: None,
            required: false,
            kind,
            value: String::new(),
            choices: Vec::new(),
            error: None,
            max: None,
            list: None,
            class: "",
        }
    }

    pub fn hint(mut self, hint: &str) -> Field {
        self.hint = Some(hint.to_owned());
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn max(mut self, max: usize) -> Field {
        self.max = Some(max);
        self
    }

    pub fn class(mut self, class: &'static str) -> Field {
        self.class = class;
        self
    }

    pub fn in_summary_as(mut self, label: String) -> Field {
        self.summary_label = label;
        self
    }

    /// Shows `current`, or after a refused sending of this form what was sent, and the
    /// error found at this field.
    pub fn filled(mut self, current: impl Into<String>, attempt: Option<&Attempt>) -> Field {
        match attempt {
            Some(a) => {
                self.value = a.posted.get(&self.id).to_owned();
                self.error = a.error(&self.id);
            }
            None => self.value = current.into(),
        }
        self
    }

    pub fn is_text(&self) -> bool {
        self.kind == Kind::Text
    }

    pub fn is_select(&self) -> bool {
        self.kind == Kind::Select
    }

    pub fn is_check(&self) -> bool {
        self.kind == Kind::Check
    }

    pub fn checked(&self) -> bool {
        self.value == CHECKED
    }

    /// A date or a time: nothing to complete or spell-check.
    pub fn is_when(&self) -> bool {
        matches!(self.kind, Kind::Date | Kind::Time)
    }

    /// Digits only: a phone shows its number pad.
    pub fn numeric(&self) -> bool {
        self.kind == Kind::Count
    }

    /// The ids of its hint and its error, for `aria-describedby` (empty: none).
    pub fn described(&self) -> String {
        let hint = self.hint.as_ref().map(|_| format!("{}-hinweis", self.id));
        let error = self.error.as_ref().map(|_| format!("{}-fehler", self.id));
        [hint, error]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What a form sent, field by field (its token was checked before, by `csrf::guard`).
#[derive(Debug, Default)]
pub(super) struct Posted(pub Vec<(String, String)>);

impl Posted {
    /// The value of field `name`; empty when it was not sent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// A checkbox: whether it was sent checked.
    pub fn checked(&self, name: &str) -> bool {
        self.get(name) == CHECKED
    }

    /// The value of `name`, trimmed, or none when it is empty.
    pub fn text(&self, name: &str) -> Option<String> {
        Some(self.get(name).trim().to_owned()).filter(|v| !v.is_empty())
    }
}

/// A refused sending: what it sent, the errors at its fields (by field id) and those of the
/// whole form (changed meanwhile, not allowed, too many items).
#[derive(Debug, Default)]
pub(super) struct Attempt {
    pub posted: Posted,
    pub errors: FieldErrors,
    pub problems: Vec<String>,
}

/// An entry of the error summary above the forms, linking to its field when it has one.
#[derive(Debug)]
pub(super) struct SummaryLine {
    pub href: Option<String>,
    pub text: String,
}

/// The error summary of a page: the problems of the whole form, then every field with an
/// error, in the order of the page.
pub(super) fn summary<'a>(
    problems: &[String],
    fields: impl Iterator<Item = &'a Field>,
) -> Vec<SummaryLine> {
    let problems = problems.iter().map(|text| SummaryLine {
        href: None,
        text: text.clone(),
    });
    let fields = fields.filter_map(|f| {
        f.error.as_ref().map(|e| SummaryLine {
            href: Some(format!("#{}", f.id)),
            text: format!("{}: {e}", f.summary_label),
        })
    });
    problems.chain(fields).collect()
}

impl Attempt {
    pub fn error(&self, id: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(field, _)| field == id)
            .map(|(_, text)| text.clone())
    }
}
