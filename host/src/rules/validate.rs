//! `validate`: the municipality's own checks of a submission that already passed its form's
//! schema. Findings are checked before a feature sees them: a stable code, a message for
//! people and a JSON pointer — a finding without a code could not be told apart by staff.

use serde_json::Value;

pub use crate::plugins::{Finding, Severity};

use super::{OwnedRequest, Question, Rules, Ruling, invalid};
use crate::db::Id;
use crate::keys::is_stable_key;
use crate::plugins::{Answer, FormKind};

/// Findings kept at most: a plugin could otherwise answer one per array item, an
/// amplification (the schema check stops at the same number).
pub const FINDINGS_MAX: usize = 1000;
/// The longest message of a finding, in characters.
const MESSAGE_MAX: usize = 2000;
/// The longest JSON pointer of a finding, in bytes.
const POINTER_MAX: usize = 1000;

impl Rules {
    /// The plugin's findings about a submission of form `kind`.
    pub async fn validate(
        &self,
        municipality: Id,
        slug: &str,
        kind: FormKind,
        submission: &Value,
    ) -> Ruling<Vec<Finding>> {
        let question = Question::Validate;
        let request = OwnedRequest::Validate(kind, submission.to_string());
        match self.ask(question, municipality, slug, request).await {
            Ok(None) => Ruling::Base,
            Ok(Some((version, Answer::Findings(findings)))) => match check(&findings) {
                Ok(()) => Ruling::Answered {
                    version,
                    answer: findings,
                },
                Err(reason) => Ruling::Failed(invalid(question, version, &reason)),
            },
            Ok(Some((version, _))) => Ruling::Failed(invalid(question, version, "no findings")),
            Err(failure) => Ruling::Failed(failure),
        }
    }
}

fn check(findings: &[Finding]) -> Result<(), String> {
    if findings.len() > FINDINGS_MAX {
        return Err(format!("{} findings", findings.len()));
    }
    for f in findings {
        if !is_stable_key(&f.code) {
            return Err(format!("finding code {:?} is no stable key", f.code));
        }
        let message_fine = !f.message.trim().is_empty() && f.message.chars().count() <= MESSAGE_MAX;
        if !message_fine {
            return Err(format!("finding {} has no readable message", f.code));
        }
        let pointer_fine =
            f.pointer.len() <= POINTER_MAX && (f.pointer.is_empty() || f.pointer.starts_with('/'));
        if !pointer_fine {
            return Err(format!("finding {} has no JSON pointer", f.code));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &str, message: &str, pointer: &str) -> Finding {
        Finding {
            pointer: pointer.to_owned(),
            severity: Severity::Warning,
            code: code.to_owned(),
            message: message.to_owned(),
        }
    }

    #[test]
    fn findings_need_a_code_a_message_and_a_pointer() {
        assert!(check(&[finding("betrag-zu-hoch", "Zu hoch.", "/amount_cents")]).is_ok());
        assert!(check(&[finding("hinweis", "Allgemein.", "")]).is_ok());
        assert!(check(&[finding("", "Ohne Code.", "")]).is_err());
        assert!(check(&[finding("a", " ", "")]).is_err());
        assert!(check(&[finding("a", "Text", "amount")]).is_err());
    }
}
