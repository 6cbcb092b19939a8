//! What a move of a fund application carries (`POST …/fund-applications/{id}/transitions`,
//! and the pages' forms read into the same input) and the checks of its fields that need no
//! database: a field that belongs to another move is refused, so nothing is silently dropped.

use serde::Deserialize;

use super::events::Votes;
use super::fund;
use super::kinds::ApplicationState::{self, *};
use super::kinds::Recommendation;
use crate::api::validate::Check;
use crate::db::{Date, Id};
use crate::error::Result;
use crate::messages::Code;

/// A reason is a short letter, not a document.
const REASON_MAX: usize = 5_000;
/// More votes than members any body has.
const VOTES_MAX: i64 = 10_000;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = FundTransitionInput)]
pub struct TransitionInput {
    pub to: ApplicationState,
    /// Why (required for `abgelehnt` and `rueckfrage`; shown to the applicant as the
    /// decision's reason).
    #[serde(default)]
    pub reason: Option<String>,
    /// Required for `beraten`.
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
    /// The body's votes (`beraten`, `bewilligt`, `abgelehnt`).
    #[serde(default)]
    pub votes: Option<Votes>,
    /// The meeting where the body advised or decided.
    #[serde(default)]
    pub meeting_id: Option<Id>,
    /// `bewilligt`: the amount (default: the requested one; at most that and the fund's cap).
    #[serde(default)]
    pub approved_cents: Option<i64>,
    /// `ausgezahlt`: the amount paid (default: the approved one; at most that).
    #[serde(default)]
    pub paid_cents: Option<i64>,
    /// `bewilligt`: when the proof of use is due (default: decision + the fund's months).
    #[serde(default)]
    pub proof_due_on: Option<Date>,
}

impl TransitionInput {
    /// Fields that belong to other moves are refused, so nothing is silently dropped.
    pub(super) fn check(&self) -> Result<()> {
        let mut c = Check::new();
        let reason = self
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        c.optional_text("/reason", reason, REASON_MAX);
        if matches!(self.to, Abgelehnt | Rueckfrage) {
            c.that(reason.is_some(), "/reason", Code::Required);
        }
        c.that(
            self.recommendation.is_some() == (self.to == Beraten),
            "/recommendation",
            if self.to == Beraten {
                Code::Required
            } else {
                Code::Invalid
            },
        );
        let body_step = matches!(self.to, Beraten | Bewilligt | Abgelehnt);
        c.that(self.votes.is_none() || body_step, "/votes", Code::Invalid);
        c.that(
            self.meeting_id.is_none() || body_step,
            "/meeting_id",
            Code::Invalid,
        );
        if let Some(v) = self.votes {
            c.range("/votes/yes", Some(v.yes), 0, VOTES_MAX);
            c.range("/votes/no", Some(v.no), 0, VOTES_MAX);
            c.range("/votes/abstain", Some(v.abstain), 0, VOTES_MAX);
        }
        let approval = self.to == Bewilligt;
        c.that(
            self.approved_cents.is_none() || approval,
            "/approved_cents",
            Code::Invalid,
        );
        c.that(
            self.proof_due_on.is_none() || approval,
            "/proof_due_on",
            Code::Invalid,
        );
        c.that(
            self.paid_cents.is_none() || self.to == Ausgezahlt,
            "/paid_cents",
            Code::Invalid,
        );
        c.range("/approved_cents", self.approved_cents, 1, fund::BUDGET_MAX);
        c.range("/paid_cents", self.paid_cents, 1, fund::BUDGET_MAX);
        c.finish()
    }

    pub(super) fn reason(&self) -> Option<&str> {
        self.reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
    }
}
