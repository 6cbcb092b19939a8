//! Forms: each municipality's effective form schema (the base of `schemas/forms/` as its
//! rules adapt it, `Rules::form`), served at
//! `GET /api/v1/municipalities/{municipality}/forms/{kind}`, and the check every submission
//! passes — the schema first, then the rules' `validate` ([`check_submission`]).
//! [`public`] holds what anonymous intake needs besides (rate limit, honeypot, reference,
//! status token). Storing submissions is the features' business (funds, concerns).

mod api;
pub mod messages;
pub mod public;

use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;

use crate::db::Id;
use crate::error::{Error, FieldError};
use crate::plugins::FormKind;
use crate::rules::{Effective, Failure, Form, Ruling, Severity};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    api::router()
}

/// How long checking one submission against a plugin-adapted schema may take. The schema's
/// expanded size is bounded; this is the backstop. A check that runs out of time sends the
/// submission to a person (it is stored, never lost).
const ADAPTED_CHECK_DEADLINE: std::time::Duration = std::time::Duration::from_millis(500);

/// Schema violations reported for one submission at most: a document within the body limit
/// could otherwise produce tens of thousands (one per array item), an amplification.
pub const MAX_REPORTED: usize = 1000;

/// A warning or error the plugin found, kept with a submission and shown to staff.
#[derive(Clone, Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Finding {
    /// The plugin's stable code, e.g. `betrag-ueber-obergrenze`.
    pub code: String,
    /// German text for people.
    pub message: String,
    /// JSON pointer into the submission, when the finding concerns one field.
    pub pointer: Option<String>,
}

/// Whether the municipal rules could check a submission.
#[derive(Clone, Debug, PartialEq)]
pub enum Review {
    /// Schema and plugin checks passed (or no plugin is active).
    Checked,
    /// The plugin failed (trap, timeout, garbage …): the submission is stored as received
    /// and waits for a person, who re-runs the check once the plugin is fixed.
    Manual {
        /// The plugin error's stable code, e.g. `plugin_timeout`.
        reason: String,
    },
}

crate::text_enum! {
    /// Whether the municipal rules could check a submission (see [`Review`]).
    pub enum ReviewState {
        Geprueft = ("geprueft", "geprüft"),
        ManuellePruefung = ("manuelle_pruefung", "manuelle Prüfung"),
    }
}

impl Review {
    /// The review after the rules failed a later question about the same submission
    /// (routing): a submission already waiting for a person keeps its first reason.
    pub fn and(self, later: Option<&Failure>) -> Review {
        match (self, later) {
            (Review::Checked, Some(failure)) => Review::Manual {
                reason: failure.code.clone(),
            },
            (review, _) => review,
        }
    }

    pub fn is_manual(&self) -> bool {
        matches!(self, Review::Manual { .. })
    }

    /// The state stored with the submission.
    pub fn state(&self) -> ReviewState {
        match self {
            Review::Checked => ReviewState::Geprueft,
            Review::Manual { .. } => ReviewState::ManuellePruefung,
        }
    }

    /// The stable code of why a person reviews the submission, if one does.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Review::Manual { reason } => Some(reason),
            Review::Checked => None,
        }
    }
}

/// The outcome of a check that did not reject the submission.
#[derive(Clone, Debug)]
pub struct Checked {
    pub warnings: Vec<Finding>,
    pub review: Review,
}

/// Checks `data` as a submission of form `kind` for the municipality: the effective JSON
/// Schema first (every violation as a 422 field error with JSON pointer and German text),
/// then the plugin's `validate` (its errors are 422 field errors, its warnings and hints are
/// returned). Rejections are [`Error::FormInvalid`] (`form_invalid`).
///
/// A failing plugin never rejects: the result says [`Review::Manual`] with the failure's
/// code. When the plugin already failed to adapt the form, the base schema is applied and
/// `validate` is not called (the submission waits for a person anyway).
#[tracing::instrument(skip_all, fields(municipality = slug, form = kind.name()),
    err(level = "debug"))]
pub async fn check_submission(
    state: &AppState,
    municipality: Id,
    slug: &str,
    kind: FormKind,
    data: &serde_json::Value,
) -> Result<Checked, Error> {
    let effective = state.rules.form(municipality, slug, kind).await?;
    let errors = match schema_errors(&effective, data).await {
        Ok(errors) => errors,
        Err(failure) => return Ok(manual(&failure)),
    };
    if !errors.is_empty() {
        return Err(Error::FormInvalid(errors));
    }
    if let Some(failure) = effective.fallback {
        return Ok(manual(&failure));
    }
    match state.rules.validate(municipality, slug, kind, data).await {
        Ruling::Answered { answer, .. } => judge(answer),
        Ruling::Base => judge(Vec::new()),
        Ruling::Failed(failure) => Ok(manual(&failure)),
    }
}

/// The schema violations of `data`. A base form is checked right here; a plugin-adapted one
/// on the blocking pool with a deadline, so that even a schema within its cost budget
/// (`rules::schema_cost`) cannot hold up the async workers that serve other municipalities.
async fn schema_errors(effective: &Effective, data: &Value) -> Result<Vec<FieldError>, Failure> {
    let Some(version) = effective.adapted_by else {
        return Ok(violations(&effective.form, data));
    };
    let (form, data) = (effective.form.clone(), data.clone());
    let check = tokio::task::spawn_blocking(move || violations(&form, &data));
    match tokio::time::timeout(ADAPTED_CHECK_DEADLINE, check).await {
        Ok(Ok(errors)) => Ok(errors),
        Ok(Err(panicked)) => {
            tracing::error!(error = %panicked, "the schema check panicked");
            Err(Failure::internal(crate::rules::Question::Form))
        }
        Err(_) => {
            tracing::warn!(%version, "checking a submission against the adapted form timed out");
            Err(Failure::form_check_timeout(version))
        }
    }
}

fn violations(form: &Form, data: &Value) -> Vec<FieldError> {
    form.validator
        .iter_errors(data)
        .flat_map(|e| messages::schema_error(&e))
        .take(MAX_REPORTED)
        .collect()
}

fn manual(failure: &Failure) -> Checked {
    Checked {
        warnings: Vec::new(),
        review: Review::Checked.and(Some(failure)),
    }
}

/// The plugin's errors reject the submission; its warnings and hints are kept.
fn judge(findings: Vec<crate::rules::Finding>) -> Result<Checked, Error> {
    let (errors, rest): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Error::FormInvalid(
            errors
                .into_iter()
                .map(|f| messages::plugin_error(f.pointer, f.code, f.message))
                .collect(),
        ));
    }
    let warnings = rest
        .into_iter()
        .map(|f| Finding {
            code: f.code,
            message: f.message,
            pointer: Some(f.pointer).filter(|p| !p.is_empty()),
        })
        .collect();
    Ok(Checked {
        warnings,
        review: Review::Checked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity, code: &str) -> crate::rules::Finding {
        crate::rules::Finding {
            pointer: "/amount_cents".to_owned(),
            severity,
            code: code.to_owned(),
            message: format!("Text zu {code}"),
        }
    }

    #[test]
    fn plugin_errors_block_with_their_own_code_and_pointer() {
        let result = judge(vec![
            finding(Severity::Warning, "hinweis"),
            finding(Severity::Error, "betrag-ueber-obergrenze"),
        ]);
        let Err(Error::FormInvalid(errors)) = result else {
            panic!("{result:?}")
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].pointer, "/amount_cents");
        assert_eq!(&*errors[0].code, "betrag-ueber-obergrenze");
        assert_eq!(errors[0].detail, "Text zu betrag-ueber-obergrenze");
    }

    #[test]
    fn plugin_warnings_and_hints_pass_and_are_kept() {
        let mut hint = finding(Severity::Info, "nicht-zustaendig");
        hint.pointer = String::new();
        let checked = judge(vec![finding(Severity::Warning, "hinweis"), hint])
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(checked.review, Review::Checked);
        assert_eq!(checked.warnings.len(), 2);
        assert_eq!(
            checked.warnings[0].pointer.as_deref(),
            Some("/amount_cents")
        );
        assert_eq!(checked.warnings[1].pointer, None);
    }
}
