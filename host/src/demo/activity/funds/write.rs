//! Writing funds, applications, their events and applicants' contacts. What the workflow
//! would have written move by move is written here at once: the event rows with the amounts
//! each move booked, the application as its last move left it, and the fund's totals as
//! the sums of its events.

use chrono::{DateTime, Duration, Utc};

use super::super::batch::Batch;
use super::super::rng::derived_id;
use super::{Actors, Application, CAP_CENTS, Fund, PROOF_MONTHS};
use crate::config::DEFAULT_APPLICANT_RETENTION_DAYS;
use crate::db::{Id, Timestamp, Tx};
use crate::forms::ReviewState;
use crate::funds::kinds::ApplicationState::{self, *};
use crate::funds::kinds::{Channel, FundKind, StepAction};
use crate::funds::{RoutingSource, Step};

/// What one application books on its fund.
#[derive(Default, Clone, Copy)]
struct Totals {
    approved: i64,
    paid: i64,
    /// Every approval, also those withdrawn later: the budget must hold them all at once.
    approvals: i64,
}

/// An application's moves as event amounts: (approved delta, paid delta, amount).
fn bookings(application: &Application) -> Vec<(i64, i64, Option<i64>)> {
    let mut approved = 0;
    let mut state = Eingereicht;
    application
        .moves
        .iter()
        .map(|m| {
            let booking = match m.to {
                Bewilligt => {
                    approved = m.amount.unwrap_or(application.requested);
                    (approved, 0, Some(approved))
                }
                Ausgezahlt => {
                    let paid = m.amount.unwrap_or(approved);
                    (0, paid, Some(paid))
                }
                Zurueckgezogen if state == Bewilligt => (-approved, 0, Some(approved)),
                _ => (0, 0, None),
            };
            state = m.to;
            booking
        })
        .collect()
}

pub async fn write(
    tx: &mut Tx,
    municipality: Id,
    funds: &[Fund],
    applications: &[Application],
    now: DateTime<Utc>,
    actors: Actors,
) -> anyhow::Result<()> {
    let mut totals = vec![Totals::default(); funds.len()];
    let mut last_event: Vec<Option<DateTime<Utc>>> = vec![None; funds.len()];
    let mut rows = Batch::new(
        "fund_applications",
        &[
            "id",
            "municipality_id",
            "fund_id",
            "reference",
            "status_token_hash",
            "channel",
            "title",
            "requested_cents",
            "approved_cents",
            "paid_cents",
            "state",
            "recommendation",
            "steps",
            "advise_body_id",
            "decide_body_id",
            "routing_source",
            "form_data",
            "review_state",
            "warnings",
            "decided_at",
            "decision_reason",
            "proof_due_on",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    let mut events = Batch::new(
        "fund_application_events",
        &[
            "id",
            "municipality_id",
            "application_id",
            "fund_id",
            "actor",
            "at",
            "from_state",
            "to_state",
            "reason",
            "amount_cents",
            "approved_delta_cents",
            "paid_delta_cents",
            "recommendation",
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "meeting_id",
        ],
    );
    let mut applicants = Batch::new(
        "fund_applicants",
        &[
            "application_id",
            "municipality_id",
            "name",
            "email",
            "erased_at",
        ],
    );
    for a in applications {
        let Some(fund) = funds.get(a.fund) else {
            anyhow::bail!("demo: application {} names no fund", a.reference);
        };
        let steps = steps(fund);
        let submitter = match a.channel {
            Channel::Public => "anonym",
            Channel::Staff => actors.qm,
        };
        events
            .row()
            .id(derived_id(a.id, a.submitted, 0))
            .id(municipality)
            .id(a.id)
            .id(fund.id)
            .text(submitter)
            .at(Timestamp(a.submitted))
            .opt_text(None::<String>)
            .text(Eingereicht.as_str())
            .opt_text(None::<String>)
            .int(a.requested)
            .int(0)
            .int(0)
            .opt_text(None::<String>)
            .opt_int(None)
            .opt_int(None)
            .opt_int(None)
            .opt_id(None);
        let mut state = Eingereicht;
        let bookings = bookings(a);
        let mut last = Last::default();
        for ((n, m), (approved, paid, amount)) in (1_u64..).zip(&a.moves).zip(bookings) {
            let [yes, no, abstain] = m.votes.map_or([None; 3], |v| v.map(Some));
            events
                .row()
                .id(derived_id(a.id, m.at, n))
                .id(municipality)
                .id(a.id)
                .id(fund.id)
                .text(m.actor)
                .at(Timestamp(m.at))
                .text(state.as_str())
                .text(m.to.as_str())
                .opt_text(m.reason.as_deref())
                .opt_int(amount)
                .int(approved)
                .int(paid)
                .opt_text(m.recommendation.map(|r| r.as_str()))
                .opt_int(yes)
                .opt_int(no)
                .opt_int(abstain)
                .opt_id(m.meeting);
            let t = &mut totals[a.fund];
            t.approved += approved;
            t.paid += paid;
            t.approvals += approved.max(0);
            last_event[a.fund] = last_event[a.fund].max(Some(m.at));
            state = m.to;
            last.take(m);
        }
        rows.row()
            .id(a.id)
            .id(municipality)
            .id(fund.id)
            .text(a.reference.as_str())
            .opt_text(a.token_hash.as_deref())
            .text(a.channel.as_str())
            .text(a.title.as_str())
            .int(a.requested)
            .opt_int(last.approved)
            .opt_int(last.paid)
            .text(state.as_str())
            .opt_text(last.recommendation)
            .text(serde_json::to_string(&steps)?)
            .opt_id(step_body(&steps, StepAction::Advise))
            .opt_id(step_body(&steps, StepAction::Decide))
            .text(RoutingSource::Host.as_str())
            .text(a.form.to_string())
            .text(ReviewState::Geprueft.as_str())
            .text("[]")
            .opt_at(last.decided_at.map(Timestamp))
            .opt_text(last.decision_reason.clone())
            .opt_date(last.proof_due)
            .int(1 + a.moves.len() as i64)
            .at(Timestamp(a.submitted))
            .at(Timestamp(a.moves.last().map_or(a.submitted, |m| m.at)));
        if let Some(contact) = &a.contact {
            let erased = erased_at(state, a, now);
            applicants
                .row()
                .id(a.id)
                .id(municipality)
                .opt_text(erased.is_none().then(|| contact.name.clone()))
                .opt_text(contact.email.clone().filter(|_| erased.is_none()))
                .opt_at(erased.map(Timestamp));
        }
    }
    write_funds(tx, municipality, funds, &totals, &last_event).await?;
    rows.write(tx).await?;
    events.write(tx).await?;
    applicants.write(tx).await?;
    Ok(())
}

/// What the last moves left on the application's row.
#[derive(Default)]
struct Last {
    approved: Option<i64>,
    paid: Option<i64>,
    recommendation: Option<&'static str>,
    decided_at: Option<DateTime<Utc>>,
    decision_reason: Option<String>,
    proof_due: Option<crate::db::Date>,
}

impl Last {
    /// The columns the workflow sets on a move (`funds::transitions`): each keeps its value
    /// unless the move sets it.
    fn take(&mut self, m: &super::Move) {
        match m.to {
            Bewilligt => {
                self.approved = m.amount;
                self.decided_at = Some(m.at);
                self.decision_reason = m.reason.clone();
                self.proof_due = m.proof_due;
            }
            Abgelehnt => {
                self.decided_at = Some(m.at);
                self.decision_reason = m.reason.clone();
            }
            Ausgezahlt => self.paid = m.amount,
            Beraten => self.recommendation = m.recommendation.map(|r| r.as_str()),
            _ => {}
        }
    }
}

/// When the applicant's contact was erased: a year after the application was closed, as
/// `quartier erase-expired` does it.
fn erased_at(
    state: ApplicationState,
    a: &Application,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if !matches!(state, Abgelehnt | Zurueckgezogen | Abgeschlossen) {
        return None;
    }
    let closed = a.moves.last()?.at;
    let erased = closed + Duration::days(i64::from(DEFAULT_APPLICANT_RETENTION_DAYS));
    (erased <= now).then_some(erased)
}

/// The route the fund's base rule gives: its conference advises, its jury (or the QM)
/// decides. The history was entered before the rule plugin was activated.
fn steps(fund: &Fund) -> Vec<Step> {
    let mut steps = Vec::new();
    if let Some(body) = fund.advising {
        steps.push(Step {
            action: StepAction::Advise,
            by: crate::network::kinds::BodyKind::Stadtteilkonferenz
                .as_str()
                .to_owned(),
            body_id: Some(body),
        });
    }
    steps.push(Step {
        action: StepAction::Decide,
        by: fund
            .deciding_kind
            .map_or(crate::funds::QM, |k| k.as_str())
            .to_owned(),
        body_id: fund.deciding,
    });
    steps
}

fn step_body(steps: &[Step], action: StepAction) -> Option<Id> {
    steps
        .iter()
        .rev()
        .find(|s| s.action == action)
        .and_then(|s| s.body_id)
}

async fn write_funds(
    tx: &mut Tx,
    municipality: Id,
    funds: &[Fund],
    totals: &[Totals],
    last_event: &[Option<DateTime<Utc>>],
) -> anyhow::Result<()> {
    let mut rows = Batch::new(
        "funds",
        &[
            "id",
            "municipality_id",
            "kind",
            "name",
            "year",
            "area_id",
            "budget_cents",
            "advising_body_id",
            "deciding_body_id",
            "cap_cents",
            "proof_months",
            "approved_cents",
            "paid_cents",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    for ((fund, t), last) in funds.iter().zip(totals).zip(last_event) {
        // The planned budget holds the generated approvals; the scripted ones of the demo may
        // need a little more, as a supplementary budget would give.
        let needed = (t.approvals as f64 / 100_000.0).ceil() as i64 * 100_000;
        let created = super::super::calendar::january_first(fund.year) - Duration::days(31);
        rows.row()
            .id(fund.id)
            .id(municipality)
            .text(FundKind::Stadtteilfonds.as_str())
            .text(fund.name.as_str())
            .int(i64::from(fund.year))
            .opt_id(fund.area)
            .int(needed.max(fund.budget))
            .opt_id(fund.advising)
            .opt_id(fund.deciding)
            .int(CAP_CENTS)
            .int(i64::from(PROOF_MONTHS))
            .int(t.approved)
            .int(t.paid)
            .int(1)
            .at(Timestamp(created))
            .at(Timestamp(last.unwrap_or(created).max(created)));
    }
    rows.write(tx).await?;
    Ok(())
}
