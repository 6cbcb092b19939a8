//! The forms of the moves on a fund application's page: one per move the person may make now
//! (`funds::worklist::next_steps`: the workflow and the transitions' own permission check),
//! described as data the template renders alike. A body's advice or decision carries the
//! body's votes; the approval shows the fund's remaining budget next to its button, read
//! when the page is made. Where the forms post: `application_steps.rs`.

use super::application_list::application_path;
use super::format::{amount_input, euros};
use super::step_field::{Choice, Field};
use super::texts::DE;
use crate::db::Id;
use crate::funds::kinds::{ApplicationState, Recommendation, StepAction};
use crate::funds::{Application, Fund};

use ApplicationState::*;

/// Below an application's page: where its step forms post.
pub(super) const STEP: &str = "schritt";

/// Where the step forms of application `id` post.
pub(super) fn steps_path(slug: &str, id: Id) -> String {
    format!("{}/{STEP}", application_path(slug, id))
}

/// What a step form sends (the `csrf` field is checked before). Every field may be missing,
/// so a form that lacks one is answered on the page, not by the extractor. Amounts are
/// euros as typed, votes whole numbers as typed: both are read in `application_steps.rs`.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub(super) struct Posted {
    pub to: String,
    pub version: String,
    pub reason: String,
    pub recommendation: String,
    pub votes_yes: String,
    pub votes_no: String,
    pub votes_abstain: String,
    pub approved: String,
    pub paid: String,
    pub proof_due_on: String,
}

impl Posted {
    fn value(&self, name: &str) -> &str {
        match name {
            "reason" => &self.reason,
            "recommendation" => &self.recommendation,
            "votes_yes" => &self.votes_yes,
            "votes_no" => &self.votes_no,
            "votes_abstain" => &self.votes_abstain,
            "approved" => &self.approved,
            "paid" => &self.paid,
            "proof_due_on" => &self.proof_due_on,
            _ => "",
        }
    }
}

/// A move that was refused: what was sent, and why.
#[derive(Debug)]
pub(super) struct Attempt {
    pub to: ApplicationState,
    pub posted: Posted,
    /// Errors at fields of the move's form: (field name, German text).
    pub errors: Vec<(String, String)>,
    /// An error of the whole move (wrong state, changed meanwhile, not allowed, no money
    /// left), shown at the top and next to the form's button.
    pub problem: Option<String>,
}

/// The form of one move.
#[derive(Debug)]
pub(super) struct StepForm {
    /// The state the move leads to (`to`), also the prefix of its fields' ids.
    pub to: &'static str,
    pub heading: &'static str,
    pub hint: Option<&'static str>,
    pub fields: Vec<Field>,
    /// The body's votes: yes, no, abstentions (empty when the move has none).
    pub votes: Vec<Field>,
    /// The fund's remaining budget, shown next to the approval's button.
    pub balance: Option<String>,
    pub problem: Option<String>,
    pub button: &'static str,
    /// A move that ends or turns down the application (a quieter button).
    pub quiet: bool,
}

/// What the page says after a move to `to`.
pub(super) fn step_notice(to: ApplicationState) -> &'static str {
    let t = &DE.funds;
    match to {
        InPruefung => t.notice_checking,
        Rueckfrage => t.notice_query,
        Beraten => t.notice_advised,
        Bewilligt => t.notice_approved,
        Abgelehnt => t.notice_refused,
        Ausgezahlt => t.notice_paid,
        VerwendungsnachweisEingereicht => t.notice_proof,
        Abgeschlossen => t.notice_closed,
        Zurueckgezogen => t.notice_withdrawn,
        Eingereicht => t.notice_closed,
    }
}

/// Whether the routing has a body holding the step of `action`: its votes are recorded.
fn body_step(application: &Application, action: StepAction) -> bool {
    application
        .steps
        .iter()
        .any(|s| s.action == action && s.body_id.is_some())
}

/// The forms of `steps` on `application` of `fund`, refilled from a refused `attempt`.
pub(super) fn step_forms(
    application: &Application,
    fund: &Fund,
    steps: &[ApplicationState],
    attempt: Option<&Attempt>,
) -> Vec<StepForm> {
    let t = &DE.funds;
    steps
        .iter()
        .map(|&to| {
            let sent = attempt.filter(|a| a.to == to);
            let field = |name: &'static str, label: &'static str, kind: &'static str| Field {
                id: format!("{}-{name}", to.as_str()),
                name,
                label,
                hint: None,
                required: false,
                kind,
                choices: Vec::new(),
                value: sent
                    .map(|a| a.posted.value(name).to_owned())
                    .unwrap_or_default(),
                error: sent.and_then(|a| {
                    a.errors
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, e)| e.clone())
                }),
            };
            let reason = |label, required| Field {
                required,
                ..field("reason", label, "text")
            };
            let votes = || {
                vec![
                    field("votes_yes", t.votes_yes, "count"),
                    field("votes_no", t.votes_no, "count"),
                    field("votes_abstain", t.votes_abstain, "count"),
                ]
            };
            let mut form = StepForm {
                to: to.as_str(),
                heading: t.step_heading(to, application.state),
                hint: None,
                fields: Vec::new(),
                votes: Vec::new(),
                balance: None,
                problem: sent.and_then(|a| a.problem.clone()),
                button: t.step_button(to),
                quiet: matches!(to, Abgelehnt | Zurueckgezogen),
            };
            match to {
                Rueckfrage => form.fields.push(reason(t.query_text, true)),
                Beraten => {
                    let mut recommendation = field("recommendation", t.recommendation, "select");
                    recommendation.required = true;
                    recommendation.choices = std::iter::once(Choice {
                        value: String::new(),
                        label: DE.choose.to_owned(),
                    })
                    .chain(Recommendation::ALL.iter().map(|r| Choice {
                        value: r.as_str().to_owned(),
                        label: r.label_de().to_owned(),
                    }))
                    .collect();
                    form.fields.push(recommendation);
                    form.fields.push(reason(t.reason_optional, false));
                    if body_step(application, StepAction::Advise) {
                        form.votes = votes();
                    }
                }
                Bewilligt => {
                    let mut amount = field("approved", t.approved_amount, "amount");
                    let cap = fund.cap_cents.map(euros);
                    let requested = euros(application.requested_cents);
                    amount.hint = Some(t.approved_hint(&requested, cap.as_deref()));
                    if sent.is_none() {
                        amount.value = amount_input(application.requested_cents);
                    }
                    let mut due = field("proof_due_on", t.proof_due, "date");
                    due.hint = Some(t.proof_due_hint(fund.proof_months));
                    form.fields = vec![amount, due, reason(t.reason_optional, false)];
                    form.balance = Some(balance(fund));
                    if body_step(application, StepAction::Decide) {
                        form.votes = votes();
                    }
                }
                Abgelehnt => {
                    form.fields.push(reason(t.refusal_text, true));
                    if body_step(application, StepAction::Decide) {
                        form.votes = votes();
                    }
                }
                Ausgezahlt => {
                    let mut paid = field("paid", t.paid_amount, "amount");
                    let approved = application.approved_cents.unwrap_or_default();
                    paid.hint = Some(t.paid_hint.replace("{}", &euros(approved)));
                    if sent.is_none() {
                        paid.value = amount_input(approved);
                    }
                    form.fields.push(paid);
                }
                Zurueckgezogen => {
                    form.hint = Some(if application.state == Bewilligt {
                        t.withdraw_hint_approved
                    } else {
                        t.withdraw_hint
                    });
                    form.fields.push(reason(t.note, false));
                }
                InPruefung | VerwendungsnachweisEingereicht | Abgeschlossen | Eingereicht => {
                    form.fields.push(reason(t.note, false));
                }
            }
            form
        })
        .collect()
}

/// "9.200 € von 10.000 € im Fonds „…“": what a fund still has, for the page and the
/// approval's form.
pub(super) fn balance(fund: &Fund) -> String {
    let (available, budget) = (euros(fund.available_cents), euros(fund.budget_cents));
    DE.funds.balance(&fund.name, &available, &budget)
}
