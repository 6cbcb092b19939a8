//! Writing concerns with their history and their reporters' contacts.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::super::batch::Batch;
use super::super::concern_texts::{NOT_RESPONSIBLE, duplicate};
use super::super::rng::derived_id;
use super::{Concern, Settings};
use crate::concerns::workflow::ConcernSource;
use crate::concerns::{ConcernState, ProposalKind};
use crate::config::DEFAULT_CONCERN_RETENTION_DAYS;
use crate::db::{Id, Timestamp, Tx};
use crate::demo::insert::email_of;
use crate::forms::ReviewState;

use ConcernState::*;

pub(super) async fn write(
    tx: &mut Tx,
    municipality: Id,
    concerns: &[Concern],
    now: DateTime<Utc>,
    settings: Settings,
) -> anyhow::Result<()> {
    let mut rows = Batch::new(
        "concerns",
        &[
            "id",
            "municipality_id",
            "reference",
            "status_token_hash",
            "source",
            "category",
            "area",
            "form_data",
            "review_state",
            "warnings",
            "proposal_kind",
            "proposed_department",
            "proposed_organisation_id",
            "proposal_reason",
            "state",
            "department",
            "department_organisation_id",
            "forwarded_at",
            "feedback",
            "feedback_at",
            "released_feedback",
            "report_channel",
            "reported_at",
            "duplicate_of",
            "closed_at",
            "received_at",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    let mut events = Batch::new(
        "concern_events",
        &[
            "id",
            "municipality_id",
            "concern_id",
            "from_state",
            "to_state",
            "actor",
            "note",
            "at",
        ],
    );
    let mut reporters = Batch::new(
        "concern_reporters",
        &[
            "concern_id",
            "municipality_id",
            "name",
            "email",
            "may_contact",
            "erased_at",
        ],
    );
    for c in concerns {
        let state = c.state();
        let forwarded = c.when(Weitergeleitet);
        let answered = c.when(RueckmeldungErhalten);
        let reported = c.when(Zurueckgemeldet);
        let closed = c.moves.iter().find(|m| m.1.is_final()).map(|m| m.0);
        let released = match (state, &c.duplicate_of) {
            (Duplikat, Some((_, reference))) => Some(duplicate(reference)),
            (NichtZustaendig, _) => c.moves.last().and_then(|m| m.2.clone()),
            _ => reported.map(|_| c.feedback.clone()),
        };
        let proposal = match c.department {
            Some(_) => ProposalKind::Department,
            None => ProposalKind::NotResponsible,
        };
        let form = json!({
            "category": c.category.key,
            "text": c.text,
            "sozialraum": c.district,
            "lebensraum": c.area,
        });
        let updated = c.moves.last().map_or(c.received, |m| m.0);
        rows.row()
            .id(c.id)
            .id(municipality)
            .text(c.reference.as_str())
            .text(c.token_hash.as_str())
            .text(c.source.as_str())
            .text(c.category.key)
            .text(c.area.as_str())
            .text(form.to_string())
            .text(ReviewState::Geprueft.as_str())
            .text("[]")
            .text(proposal.as_str())
            .opt_text(c.department)
            .opt_id(c.department_organisation)
            .opt_text(c.department.is_none().then_some(NOT_RESPONSIBLE))
            .text(state.as_str())
            .opt_text(forwarded.and(c.department))
            .opt_id(forwarded.and(c.department_organisation))
            .opt_at(forwarded.map(Timestamp))
            .opt_text(answered.map(|_| c.feedback.as_str()))
            .opt_at(answered.map(Timestamp))
            .opt_text(released)
            .opt_text(reported.map(|_| c.channel.as_str()))
            .opt_at(reported.map(Timestamp))
            .opt_id(
                c.duplicate_of
                    .as_ref()
                    .filter(|_| state == Duplikat)
                    .map(|d| d.0),
            )
            .opt_at(closed.map(Timestamp))
            .at(Timestamp(c.received))
            .int(1 + c.moves.len() as i64)
            .at(Timestamp(c.received))
            .at(Timestamp(updated));
        let intake_actor = match c.source {
            ConcernSource::Oeffentlich => "anonym",
            ConcernSource::Intern => settings.qm,
        };
        events
            .row()
            .id(derived_id(c.id, c.received, 0))
            .id(municipality)
            .id(c.id)
            .opt_text(None::<String>)
            .text(Eingegangen.as_str())
            .text(intake_actor)
            .opt_text(None::<String>)
            .at(Timestamp(c.received));
        let mut from = Eingegangen;
        for (n, (at, to, note)) in (1_u64..).zip(&c.moves) {
            events
                .row()
                .id(derived_id(c.id, *at, n))
                .id(municipality)
                .id(c.id)
                .text(from.as_str())
                .text(to.as_str())
                .text(settings.qm)
                .opt_text(note.as_deref())
                .at(Timestamp(*at));
            from = *to;
        }
        if let Some((name, may_contact)) = &c.reporter {
            let erased = closed
                .map(|t| t + Duration::days(i64::from(DEFAULT_CONCERN_RETENTION_DAYS)))
                .filter(|t| *t <= now);
            reporters
                .row()
                .id(c.id)
                .id(municipality)
                .opt_text(erased.is_none().then(|| name.clone()))
                .opt_text(erased.is_none().then(|| email_of(name)))
                .flag(*may_contact && erased.is_none())
                .opt_at(erased.map(Timestamp));
        }
    }
    rows.write(tx).await?;
    events.write(tx).await?;
    reporters.write(tx).await?;
    Ok(())
}
