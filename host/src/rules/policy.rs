//! The one failure policy: what a feature does, and what a person sees, when the
//! municipality's plugin fails to answer one of the questions of [`super::Rules`].
//!
//! | question | the feature does | the person sees |
//! |---|---|---|
//! | `describe` (catalogues) | uses the host's base catalogues (concern categories; fields of action unchecked) | the base catalogue; nothing else |
//! | `form` (`adapt-form`) | checks against the base form; a submission goes to manual review | the base form; the reason beside it (`fallback`) |
//! | `validate` | stores the submission as received, marked for manual review | „wird von einer Person geprüft“ on the receipt |
//! | `route` of a fund application | routes by the base rule; manual review | the base route and the German reason on the application |
//! | `route` of a concern | no department proposed; manual review | „wird von einer Person geprüft“ on the receipt |
//! | `adapt-task-matrix` | shows the base matrix | the base matrix with a German notice |
//! | `build-report` | renders the host's base report | the base report with a German notice |
//!
//! The failure kinds are the same for every question — timeout, out of memory, trap
//! (including stack overflow), panic, invalid output (not JSON, too large, not matching its
//! schema, or a document that lies), busy (the municipality's call slots were taken), a
//! deliberate refusal by the plugin, a stored version that no longer loads, and an internal
//! error of the host — and only change the German words ([`Failure::message_de`]). No
//! plugin failure ever answers 5xx or loses a resident's submission.

use crate::db::Id;
use crate::plugins::{CallError, LoadError};

/// The questions a feature may ask the municipality's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Question {
    Describe,
    Form,
    Validate,
    RouteFundApplication,
    RouteConcern,
    TaskMatrix,
    Report,
}

impl Question {
    pub const ALL: [Question; 7] = [
        Question::Describe,
        Question::Form,
        Question::Validate,
        Question::RouteFundApplication,
        Question::RouteConcern,
        Question::TaskMatrix,
        Question::Report,
    ];
}

/// Why the plugin gave no usable answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailureKind {
    Timeout,
    OutOfMemory,
    Trap,
    Panic,
    InvalidOutput,
    Busy,
    Refused,
    Load,
    Internal,
}

impl FailureKind {
    pub const ALL: [FailureKind; 9] = [
        FailureKind::Timeout,
        FailureKind::OutOfMemory,
        FailureKind::Trap,
        FailureKind::Panic,
        FailureKind::InvalidOutput,
        FailureKind::Busy,
        FailureKind::Refused,
        FailureKind::Load,
        FailureKind::Internal,
    ];
}

/// What the feature does instead of the plugin's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consequence {
    /// The base behaviour applies; people see the base result and nothing else.
    Base,
    /// The base behaviour applies and people see a German notice saying why.
    BaseWithNotice,
    /// The submission is stored as received and waits for a person; its receipt says so.
    ManualReview,
}

/// The policy of the table above.
pub fn consequence(question: Question) -> Consequence {
    match question {
        Question::Describe => Consequence::Base,
        Question::TaskMatrix | Question::Report => Consequence::BaseWithNotice,
        Question::Form
        | Question::Validate
        | Question::RouteFundApplication
        | Question::RouteConcern => Consequence::ManualReview,
    }
}

/// A failed question: which plugin version, what went wrong, and its stable code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub question: Question,
    pub kind: FailureKind,
    /// The stable code stored with a submission and counted in statistics
    /// (`plugin_timeout`, `plugin_output_invalid`, …).
    pub code: String,
    /// The plugin's own German message, for a deliberate refusal.
    refusal: Option<String>,
    /// The version that failed; `None` when the host failed before reaching one.
    pub version: Option<Id>,
}

/// The code of an answer that is no valid document of its kind.
pub const OUTPUT_INVALID: &str = "plugin_output_invalid";
/// The code of a submission whose check against a plugin-adapted schema ran out of time.
pub const FORM_CHECK_TIMEOUT: &str = "plugin_form_check_timeout";
/// The code of an internal failure of the host while asking the plugin.
pub const UNAVAILABLE: &str = "plugin_unavailable";

impl Failure {
    pub fn consequence(&self) -> Consequence {
        consequence(self.question)
    }

    /// A call that failed in the sandbox.
    pub fn call(question: Question, version: Id, error: &CallError) -> Failure {
        let kind = match error {
            CallError::Refused { .. } => FailureKind::Refused,
            CallError::Timeout(_) => FailureKind::Timeout,
            CallError::OutOfMemory(_) => FailureKind::OutOfMemory,
            CallError::StackOverflow | CallError::Trapped(_) => FailureKind::Trap,
            CallError::Panicked => FailureKind::Panic,
            CallError::NotJson(_) | CallError::OutputTooLarge { .. } => FailureKind::InvalidOutput,
            CallError::InputTooLarge { .. } => FailureKind::Internal,
            CallError::Busy => FailureKind::Busy,
        };
        let refusal = match error {
            CallError::Refused { message, .. } => Some(message.clone()),
            _ => None,
        };
        Failure {
            question,
            kind,
            code: error.code().to_owned(),
            refusal,
            version: Some(version),
        }
    }

    /// A stored version that does not load.
    pub fn load(question: Question, version: Id, error: &LoadError) -> Failure {
        Failure {
            question,
            kind: FailureKind::Load,
            code: error.code().to_owned(),
            refusal: None,
            version: Some(version),
        }
    }

    /// An answer that is no valid document of its kind.
    pub fn invalid_output(question: Question, version: Id) -> Failure {
        Failure {
            question,
            kind: FailureKind::InvalidOutput,
            code: OUTPUT_INVALID.to_owned(),
            refusal: None,
            version: Some(version),
        }
    }

    /// Checking a submission against the form `version` adapted ran out of time.
    pub fn form_check_timeout(version: Id) -> Failure {
        Failure {
            question: Question::Form,
            kind: FailureKind::Timeout,
            code: FORM_CHECK_TIMEOUT.to_owned(),
            refusal: None,
            version: Some(version),
        }
    }

    /// The host failed while asking (database, runtime); logged where it happened.
    pub fn internal(question: Question) -> Failure {
        Failure {
            question,
            kind: FailureKind::Internal,
            code: UNAVAILABLE.to_owned(),
            refusal: None,
            version: None,
        }
    }

    /// What people read about the failure, in German.
    pub fn message_de(&self) -> String {
        if let Some(message) = &self.refusal {
            return format!("Die Regeln der Kommune lehnten ab: {message}");
        }
        match self.kind {
            FailureKind::Timeout => "Die Regeln der Kommune antworteten nicht rechtzeitig.",
            FailureKind::OutOfMemory => {
                "Die Regeln der Kommune brauchten zu viel Speicher und wurden abgebrochen."
            }
            FailureKind::Trap => "Die Regeln der Kommune sind unerwartet abgebrochen.",
            FailureKind::Panic => "Die Regeln der Kommune sind mit einem Fehler abgestürzt.",
            FailureKind::InvalidOutput => "Die Regeln der Kommune gaben eine ungültige Antwort.",
            FailureKind::Busy => "Die Regeln der Kommune waren gerade ausgelastet.",
            FailureKind::Refused => "Die Regeln der Kommune lehnten die Anfrage ab.",
            FailureKind::Load => "Die Regeln der Kommune lassen sich nicht mehr laden.",
            FailureKind::Internal => "Die Regeln der Kommune waren nicht erreichbar.",
        }
        .to_owned()
    }

    /// What happens instead, in German, for the notices of [`Consequence::BaseWithNotice`]
    /// and the reason kept with a submission in manual review.
    pub fn notice_de(&self) -> String {
        let instead = match self.question {
            Question::Describe => "Es gelten die Grundeinstellungen.",
            Question::Form => "Es gilt das Grundformular; Einsendungen prüft eine Person.",
            Question::Validate | Question::RouteConcern => {
                "Die Einsendung ist gespeichert und wird von einer Person geprüft."
            }
            Question::RouteFundApplication => {
                "Es gilt die Grundregel des Fonds; eine Person prüft den Antrag."
            }
            Question::TaskMatrix => "Angezeigt wird die Grundfassung der Aufgabenmatrix.",
            Question::Report => "Angezeigt wird der Grundbericht.",
        };
        format!("{} {instead}", self.message_de())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::time::Duration;

    use super::*;

    /// The table of the module documentation, row by row.
    const TABLE: [(Question, Consequence); 7] = [
        (Question::Describe, Consequence::Base),
        (Question::Form, Consequence::ManualReview),
        (Question::Validate, Consequence::ManualReview),
        (Question::RouteFundApplication, Consequence::ManualReview),
        (Question::RouteConcern, Consequence::ManualReview),
        (Question::TaskMatrix, Consequence::BaseWithNotice),
        (Question::Report, Consequence::BaseWithNotice),
    ];

    fn failure_of(question: Question, kind: FailureKind) -> Failure {
        let version = Id::new();
        match kind {
            FailureKind::Timeout => Failure::call(
                question,
                version,
                &CallError::Timeout(Duration::from_millis(50)),
            ),
            FailureKind::OutOfMemory => {
                Failure::call(question, version, &CallError::OutOfMemory(32 << 20))
            }
            FailureKind::Trap => Failure::call(question, version, &CallError::StackOverflow),
            FailureKind::Panic => Failure::call(question, version, &CallError::Panicked),
            FailureKind::InvalidOutput => Failure::invalid_output(question, version),
            FailureKind::Busy => Failure::call(question, version, &CallError::Busy),
            FailureKind::Refused => Failure::call(
                question,
                version,
                &CallError::Refused {
                    code: "nein".to_owned(),
                    message: "Nicht mit uns.".to_owned(),
                },
            ),
            FailureKind::Load => Failure::load(question, version, &LoadError::MissingExport),
            FailureKind::Internal => Failure::internal(question),
        }
    }

    #[test]
    fn every_question_and_failure_kind_has_the_documented_consequence_and_german_words() {
        for (question, expected) in TABLE {
            let mut messages = HashSet::new();
            for kind in FailureKind::ALL {
                let failure = failure_of(question, kind);
                assert_eq!(failure.kind, kind, "{question:?} {kind:?}");
                assert_eq!(failure.consequence(), expected, "{question:?} {kind:?}");
                assert!(failure.code.starts_with("plugin_"), "{}", failure.code);
                let notice = failure.notice_de();
                assert!(notice.starts_with("Die Regeln der Kommune"), "{notice}");
                assert!(notice.len() > failure.message_de().len(), "{notice}");
                messages.insert(failure.message_de());
            }
            // Each kind reads differently, so people and staff can tell them apart.
            assert_eq!(messages.len(), FailureKind::ALL.len(), "{question:?}");
        }
        assert_eq!(TABLE.len(), Question::ALL.len());
    }

    #[test]
    fn a_refusal_carries_the_plugins_own_words() {
        let failure = failure_of(Question::Validate, FailureKind::Refused);
        assert!(failure.message_de().contains("Nicht mit uns."));
        assert_eq!(failure.code, "plugin_refused");
    }
}
