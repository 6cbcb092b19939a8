//! What `adapt-form` and `validate` are about: the form kinds, a submission read by JSON
//! pointer, and the findings a check returns.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The forms a municipality may adapt and check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// *Verfügungsfonds / Aktionsfonds / Stadtteilfonds* application.
    FundApplication,
    /// A resident's concern (*Anliegen*).
    Concern,
    /// A project dossier (*Maßnahme*).
    ProjectDossier,
    /// A contract (*Kontrakt*).
    Contract,
    /// Meeting minutes (*Protokoll*).
    MeetingMinutes,
    /// A self-evaluation.
    SelfEvaluation,
}

/// How serious a finding is. Errors block a submission; warnings are kept and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the submission.
    Error,
    /// Kept with the submission and shown to the staff.
    Warning,
    /// A hint.
    Info,
}

/// One result of checking a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// JSON pointer to the field concerned (`/amount_cents`); empty for the whole document.
    pub pointer: String,
    /// How serious it is.
    pub severity: Severity,
    /// A stable machine code, e.g. `betrag-ueber-obergrenze`.
    pub code: String,
    /// The message for people.
    pub message: String,
}

impl Finding {
    fn new(severity: Severity, pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding {
            pointer: pointer.into(),
            severity,
            code: code.into(),
            message: message.into(),
        }
    }
    /// A finding that blocks the submission.
    pub fn error(pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, pointer, code, message)
    }
    /// A finding kept with the submission and shown to the staff.
    pub fn warning(pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Warning, pointer, code, message)
    }
    /// A hint.
    pub fn info(pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Info, pointer, code, message)
    }
}

/// A form submission (already valid against the form's JSON Schema), read by JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission(pub Value);

impl Submission {
    /// The value at a JSON pointer, e.g. `/applicant/name`.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.0.pointer(pointer)
    }
    /// An integer at a JSON pointer.
    pub fn i64(&self, pointer: &str) -> Option<i64> {
        self.get(pointer).and_then(Value::as_i64)
    }
    /// A string at a JSON pointer.
    pub fn str(&self, pointer: &str) -> Option<&str> {
        self.get(pointer).and_then(Value::as_str)
    }
    /// A boolean at a JSON pointer.
    pub fn bool(&self, pointer: &str) -> Option<bool> {
        self.get(pointer).and_then(Value::as_bool)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_travels_with_its_severity_in_snake_case() {
        let finding = Finding::warning("/amount_cents", "betrag-hoch", "Recht viel.");
        let json = serde_json::to_value(&finding).unwrap();
        assert_eq!(json["severity"], "warning");
        assert_eq!(serde_json::from_value::<Finding>(json).unwrap(), finding);
    }

    #[test]
    fn errors_sort_before_warnings_before_hints() {
        let mut severities = [Severity::Info, Severity::Error, Severity::Warning];
        severities.sort();
        assert_eq!(
            severities,
            [Severity::Error, Severity::Warning, Severity::Info]
        );
    }
}
