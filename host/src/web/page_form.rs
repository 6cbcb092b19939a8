//! Forms on the project and contract pages, described as data that `_page_form.html`
//! renders alike (fields with label, hint, error and the value entered before a refusal),
//! and the reading of a refused sending: the feature's error placed at the form's fields,
//! or above the form with the API's status (409 wrong state, 412 changed meanwhile, 403 not
//! allowed). What was entered stays; nothing is decided here — the features decide.

use axum::http::StatusCode;

use super::texts::DE;
use super::{PageError, page_error};
use crate::db::Date;
use crate::error::{Error, FieldError};
use crate::messages::Code;

/// A form of a page.
#[derive(Debug)]
pub(super) struct PageForm {
    /// Names the form in the posted `form` field; prefix of its fields' ids, its anchor.
    pub id: &'static str,
    pub heading: &'static str,
    pub hint: Option<&'static str>,
    pub action: String,
    /// The version the form was made from (sent back as `If-Match`), if the step needs one.
    pub version: Option<i64>,
    pub groups: Vec<Group>,
    pub button: &'static str,
}

/// Fields, in a fieldset when they have a legend.
#[derive(Debug)]
pub(super) struct Group {
    pub legend: Option<String>,
    pub fields: Vec<Field>,
}

/// A field: `kind` is `line`, `text` (several lines), `select`, `date`, `number` or `file`
/// (a PDF; the form is then sent as `multipart/form-data`).
#[derive(Debug)]
pub(super) struct Field {
    pub id: String,
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub kind: &'static str,
    pub choices: Vec<Choice>,
    pub value: String,
    pub error: Option<String>,
}

/// An option of a select.
#[derive(Debug)]
pub(super) struct Choice {
    pub value: String,
    pub label: String,
}

impl Field {
    pub fn new(form: &str, name: impl Into<String>, label: impl Into<String>) -> Field {
        let name = name.into();
        Field {
            id: format!("{form}-{name}"),
            name,
            label: label.into(),
            hint: None,
            required: false,
            kind: "line",
            choices: Vec::new(),
            value: String::new(),
            error: None,
        }
    }

    pub fn kind(mut self, kind: &'static str) -> Field {
        self.kind = kind;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = Some(hint.into());
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn value(mut self, value: impl Into<String>) -> Field {
        self.value = value.into();
        self
    }

    pub fn choices(mut self, choices: Vec<Choice>) -> Field {
        self.kind = "select";
        self.choices = choices;
        self
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

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A sending that was refused: what was sent, and why.
#[derive(Debug)]
pub(super) struct Attempt {
    /// The form's id.
    pub form: String,
    pub posted: Vec<(String, String)>,
    /// Errors at fields: (field name, German text).
    pub errors: Vec<(String, String)>,
    /// An error of the whole form (wrong state, changed meanwhile, not allowed).
    pub problem: Option<String>,
}

impl Attempt {
    /// The last value posted for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        posted(&self.posted, name)
    }
}

/// The last value posted for `name`, if any.
pub(super) fn posted<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// An entry of the error summary, linking to its field when it has one.
#[derive(Debug)]
pub(super) struct SummaryEntry {
    pub href: Option<String>,
    pub text: String,
}

impl PageForm {
    /// Whether a field is a file, so the form must be sent as `multipart/form-data`.
    pub fn has_file(&self) -> bool {
        self.groups
            .iter()
            .flat_map(|g| &g.fields)
            .any(|f| f.kind == "file")
    }

    /// Puts a refused `attempt` of this form back into it: the values sent, the errors.
    pub fn refill(&mut self, attempt: Option<&Attempt>) {
        let Some(attempt) = attempt.filter(|a| a.form == self.id) else {
            return;
        };
        for field in self.groups.iter_mut().flat_map(|g| &mut g.fields) {
            if let Some(value) = attempt.value(&field.name) {
                field.value = value.to_owned();
            }
            field.error = attempt
                .errors
                .iter()
                .find(|(n, _)| *n == field.name)
                .map(|(_, e)| e.clone());
        }
    }
}

/// The error summary of a refused `attempt`: the problem (linking to its form), then each
/// field's error (linking to its field).
pub(super) fn summary(attempt: Option<&Attempt>) -> Vec<SummaryEntry> {
    let Some(attempt) = attempt else {
        return Vec::new();
    };
    // A problem of the whole form links to the form.
    let problem = attempt.problem.iter().map(|text| SummaryEntry {
        href: Some(format!("#{}", attempt.form)),
        text: text.clone(),
    });
    let fields = attempt.errors.iter().map(|(name, text)| SummaryEntry {
        href: Some(format!("#{}-{name}", attempt.form)),
        text: text.clone(),
    });
    problem.chain(fields).collect()
}

/// Reads a feature's refusal of a sending of `form`: its status, and its errors placed at
/// the fields `field_of` names for the API's pointers (the rest above the form). `stale`
/// says in the page's words that someone else changed the object first. A missing object
/// and failures stay page errors.
pub(super) fn refused(
    form: &str,
    posted: Vec<(String, String)>,
    error: Error,
    stale: &str,
    field_of: impl Fn(&str) -> Option<String>,
) -> Result<(StatusCode, Attempt), PageError> {
    let mut errors = Vec::new();
    let mut problems = Vec::new();
    let status = match error {
        Error::Client(Code::PreconditionFailed, _) => {
            problems.push(stale.to_owned());
            StatusCode::PRECONDITION_FAILED
        }
        Error::Client(code, detail) => {
            problems.push(detail.unwrap_or_else(|| code.de().to_owned()));
            code.status()
        }
        Error::Invalid(found) | Error::FormInvalid(found) => {
            for e in found {
                match field_of(&e.pointer) {
                    Some(name) if !errors.iter().any(|(n, _)| *n == name) => {
                        errors.push((name, e.detail));
                    }
                    Some(_) => {}
                    None => problems.push(e.detail),
                }
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Error::RateLimited { detail, .. } => {
            problems.push(detail);
            StatusCode::TOO_MANY_REQUESTS
        }
        other => return Err(page_error(other)),
    };
    let attempt = Attempt {
        form: form.to_owned(),
        posted,
        errors,
        problem: (!problems.is_empty()).then(|| problems.join(" ")),
    };
    Ok((status, attempt))
}

/// A field error as the features report one, for what the page itself refuses before it
/// asks the feature (a number or a date it cannot read, a choice not offered).
pub(super) fn invalid(pointer: &str, text: &str) -> Error {
    Error::Invalid(vec![FieldError {
        pointer: pointer.to_owned(),
        code: std::borrow::Cow::Borrowed("invalid"),
        detail: text.to_owned(),
    }])
}

/// Collects the page's own refusals of several fields into one.
pub(super) fn join(errors: Vec<Error>) -> Option<Error> {
    let mut fields = Vec::new();
    for e in errors {
        if let Error::Invalid(found) = e {
            fields.extend(found);
        }
    }
    (!fields.is_empty()).then_some(Error::Invalid(fields))
}

/// A number as people type it: "12,5", "1.234,5" or "12.5"; `Err` with the field's error.
pub(super) fn number(text: &str, pointer: &str) -> Result<f64, Error> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let normal = if text.contains(',') {
        text.replace('.', "").replace(',', ".")
    } else {
        text
    };
    normal
        .parse::<f64>()
        .map_err(|_| invalid(pointer, DE.projects.not_a_number))
}

/// A date as a date field sends it (`2026-12-31`) or as people type it (`31.12.2026`).
pub(super) fn date(text: &str, pointer: &str) -> Result<Date, Error> {
    let text = text.trim();
    let iso = match text.split('.').collect::<Vec<_>>().as_slice() {
        [d, m, y] if !d.is_empty() && !m.is_empty() => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => text.to_owned(),
    };
    Date::parse(&iso).map_err(|_| invalid(pointer, DE.projects.not_a_date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_with_a_decimal_comma_or_point() {
        assert_eq!(number("12,5", "/x").ok(), Some(12.5));
        assert_eq!(number("1.234,5", "/x").ok(), Some(1234.5));
        assert_eq!(number(" 300 ", "/x").ok(), Some(300.0));
        assert_eq!(number("12.5", "/x").ok(), Some(12.5));
        assert!(number("zwölf", "/x").is_err());
        assert!(number("", "/x").is_err());
    }

    #[test]
    fn dates_are_read_in_iso_and_german_form_within_the_years_allowed() {
        let day = |s| date(s, "/d").ok().map(|d| d.to_string());
        assert_eq!(day("2026-12-31").as_deref(), Some("2026-12-31"));
        assert_eq!(day("31.12.2026").as_deref(), Some("2026-12-31"));
        assert_eq!(day("1.2.2027").as_deref(), Some("2027-02-01"));
        assert_eq!(day("30.02.2026"), None);
        assert_eq!(day("2026-13-01"), None);
        assert_eq!(day("99999-01-01"), None);
        assert_eq!(day("gestern"), None);
    }
}
