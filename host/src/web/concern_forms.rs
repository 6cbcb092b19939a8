//! The forms of the steps on a concern's page: one per step the person may take now
//! (`concerns::next_steps`, the state machine and the transitions' own permission rule),
//! described as data the template renders alike — fields with label, hint, error and the
//! value entered before a refusal. The forwarding form offers the municipality's
//! departments (`concerns::departments`) with the plugin's proposal preselected. Where the
//! forms post: `concern_steps.rs`.

use super::concern_inbox::concern_path;
use super::step_field::{Choice, Field};
use super::texts::DE;
use super::{PageError, page_error};
use crate::auth::Scope;
use crate::concerns::{self, Concern, ConcernState, Department, ReportChannel};
use crate::db::Id;
use crate::state::AppState;

/// Below a concern's page: where its step forms post.
pub(super) const STEP: &str = "schritt";

/// Where the step forms of concern `id` post.
pub(super) fn steps_path(slug: &str, id: Id) -> String {
    format!("{}/{STEP}", concern_path(slug, id))
}

/// What a step form sends (the `csrf` field is checked before). Every field may be
/// missing, so a form that lacks one is answered on the page, not by the extractor. The
/// names are the API's fields, so its errors find their fields; `department` is a choice of
/// the list (`o:{organisation}` or `d:{department}`), `duplicate_of` a reference.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub(super) struct Posted {
    pub to: String,
    pub version: String,
    pub department: String,
    pub other_department: String,
    pub feedback: String,
    pub released_feedback: String,
    pub channel: String,
    pub note: String,
    pub duplicate_of: String,
}

/// A step that was refused: what was sent, and why.
#[derive(Debug)]
pub(super) struct Attempt {
    pub to: ConcernState,
    pub posted: Posted,
    /// Errors at fields of the step's form: (field name, German text).
    pub errors: Vec<(String, String)>,
    /// An error of the whole step (wrong state, changed meanwhile, not allowed).
    pub problem: Option<String>,
}

/// A form of one step.
#[derive(Debug)]
pub(super) struct StepForm {
    /// The state the step leads to (`to`), also the prefix of its fields' ids.
    pub to: &'static str,
    pub heading: &'static str,
    pub hint: Option<&'static str>,
    pub fields: Vec<Field>,
    pub button: &'static str,
}

/// What the page says after step `to` was taken.
pub(super) fn step_notice(to: ConcernState) -> &'static str {
    let t = &DE.staff;
    match to {
        ConcernState::Weitergeleitet => t.forwarded_notice,
        ConcernState::RueckmeldungErhalten => t.feedback_notice,
        ConcernState::Zurueckgemeldet => t.reported_notice,
        ConcernState::NichtZustaendig => t.not_responsible_notice,
        ConcernState::Duplikat => t.duplicate_notice,
        ConcernState::Geschlossen | ConcernState::Eingegangen => t.closed_notice,
    }
}

/// The forms of the steps the person may take on `concern`, refilled from a refused
/// `attempt` of one of them.
pub(super) async fn step_forms(
    state: &AppState,
    scope: &Scope,
    concern: &Concern,
    attempt: Option<&Attempt>,
) -> Result<Vec<StepForm>, PageError> {
    let t = &DE.staff;
    let mut forms = Vec::new();
    for to in concerns::next_steps(scope, concern) {
        let sent = attempt.filter(|a| a.to == to);
        let field = |name: &'static str, label: &'static str, kind: &'static str| {
            let value = sent.map(|a| posted_value(&a.posted, name).to_owned());
            let error = sent.and_then(|a| {
                a.errors
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, e)| e.clone())
            });
            Field {
                id: format!("{}-{name}", to.as_str()),
                name,
                label,
                hint: None,
                required: false,
                kind,
                choices: Vec::new(),
                value: value.unwrap_or_default(),
                error,
            }
        };
        let form = match to {
            ConcernState::Weitergeleitet => {
                let departments = concerns::departments(state, scope)
                    .await
                    .map_err(page_error)?;
                let mut department = field("department", t.forward_department, "select");
                department.hint = Some(t.forward_department_hint.to_owned());
                department.required = true;
                department.choices = department_choices(concern, &departments);
                if sent.is_none() {
                    department.value = proposed_choice(concern, &departments);
                }
                let mut other = field("other_department", t.forward_other, "line");
                other.hint = Some(t.forward_other_hint.to_owned());
                StepForm {
                    to: to.as_str(),
                    heading: t.forward_heading,
                    hint: None,
                    fields: vec![department, other, field("note", t.forward_note, "text")],
                    button: t.forward_button,
                }
            }
            ConcernState::RueckmeldungErhalten => {
                let mut feedback = field("feedback", t.feedback_text, "text");
                feedback.hint = Some(t.feedback_hint.to_owned());
                feedback.required = true;
                StepForm {
                    to: to.as_str(),
                    heading: t.feedback_heading,
                    hint: None,
                    fields: vec![feedback],
                    button: t.feedback_button,
                }
            }
            ConcernState::Zurueckgemeldet => {
                let mut text = field("released_feedback", t.report_text, "text");
                text.hint = Some(t.report_hint.to_owned());
                if sent.is_none() {
                    text.value = concern.feedback.clone().unwrap_or_default();
                }
                let mut channel = field("channel", t.report_channel, "select");
                channel.required = true;
                channel.choices = std::iter::once(Choice {
                    value: String::new(),
                    label: DE.choose.to_owned(),
                })
                .chain(ReportChannel::ALL.iter().map(|c| Choice {
                    value: c.as_str().to_owned(),
                    label: c.label_de().to_owned(),
                }))
                .collect();
                StepForm {
                    to: to.as_str(),
                    heading: t.report_heading,
                    hint: None,
                    fields: vec![text, channel],
                    button: t.report_button,
                }
            }
            ConcernState::NichtZustaendig => {
                let mut reason = field("note", t.not_responsible_text, "text");
                reason.hint = Some(t.not_responsible_hint.to_owned());
                reason.required = true;
                StepForm {
                    to: to.as_str(),
                    heading: t.not_responsible_heading,
                    hint: None,
                    fields: vec![reason],
                    button: t.not_responsible_button,
                }
            }
            ConcernState::Duplikat => {
                let mut original = field("duplicate_of", t.duplicate_reference, "line");
                original.hint = Some(t.duplicate_hint.to_owned());
                original.required = true;
                StepForm {
                    to: to.as_str(),
                    heading: t.duplicate_heading,
                    hint: None,
                    fields: vec![original],
                    button: t.duplicate_button,
                }
            }
            ConcernState::Geschlossen | ConcernState::Eingegangen => StepForm {
                to: to.as_str(),
                heading: t.close_heading,
                hint: Some(t.close_hint),
                fields: Vec::new(),
                button: t.close_button,
            },
        };
        forms.push(form);
    }
    Ok(forms)
}

fn posted_value<'a>(posted: &'a Posted, name: &str) -> &'a str {
    match name {
        "department" => &posted.department,
        "other_department" => &posted.other_department,
        "feedback" => &posted.feedback,
        "released_feedback" => &posted.released_feedback,
        "channel" => &posted.channel,
        "note" => &posted.note,
        "duplicate_of" => &posted.duplicate_of,
        _ => "",
    }
}

/// The select's value of a department.
pub(super) fn choice_value(d: &Department) -> String {
    match d.organisation_id {
        Some(id) => format!("o:{id}"),
        None => format!("d:{}", d.name),
    }
}

/// The department the rules proposed, as it appears in the list (with its organisation
/// when one is linked to it), if they proposed one.
pub(super) fn proposed(concern: &Concern, departments: &[Department]) -> Option<Department> {
    let p = concern.proposal.as_ref()?;
    let name = p.department.clone()?;
    let listed = departments
        .iter()
        .find(|d| {
            d.name == name
                && (p.organisation_id.is_none() || d.organisation_id == p.organisation_id)
        })
        .cloned();
    Some(listed.unwrap_or(Department {
        name,
        organisation_id: p.organisation_id,
    }))
}

fn proposed_choice(concern: &Concern, departments: &[Department]) -> String {
    proposed(concern, departments)
        .map(|d| choice_value(&d))
        .unwrap_or_default()
}

/// "Bitte wählen", the proposal (marked), then the municipality's departments.
fn department_choices(concern: &Concern, departments: &[Department]) -> Vec<Choice> {
    let t = &DE.staff;
    let proposal = proposed(concern, departments);
    let mut choices = vec![Choice {
        value: String::new(),
        label: DE.choose.to_owned(),
    }];
    if let Some(p) = &proposal {
        choices.push(Choice {
            value: choice_value(p),
            label: format!("{} {}", p.name, t.forward_proposed),
        });
    }
    choices.extend(
        departments
            .iter()
            .filter(|d| Some(*d) != proposal.as_ref())
            .map(|d| Choice {
                value: choice_value(d),
                label: d.name.clone(),
            }),
    );
    choices
}
