//! What an application's page says about its way: the route the municipality's rules (or
//! the base rule) chose — each step with the body holding it, where the person may see that
//! body — and the history of its moves with amounts, the bodies' votes and reasons.

use super::PageError;
use super::format::{berlin, euros};
use super::texts::DE;
use crate::auth::Scope;
use crate::db::{Id, Sql, Timestamp};
use crate::funds::kinds::{ApplicationState, Recommendation, StepAction};
use crate::funds::{Application, Event, QM};
use crate::network::kinds::BodyKind;
use crate::state::AppState;

/// One step of the route.
#[derive(Debug)]
pub(super) struct RouteStep {
    /// "Beratung" or "Entscheidung".
    pub action: &'static str,
    /// The body's name, else who the step names (a kind of body or a role).
    pub by: String,
    /// The application waits for this step now.
    pub current: bool,
}

/// A line of the history.
#[derive(Debug)]
pub(super) struct HistoryLine {
    pub at: String,
    pub step: &'static str,
    pub actor: String,
    pub amount: String,
    pub votes: String,
    pub note: String,
}

/// The steps of the application's route, with the names of the bodies the person sees
/// (`network::visible_body`, the rule of the bodies' own pages).
pub(super) async fn route(
    state: &AppState,
    scope: &Scope,
    a: &Application,
) -> Result<Vec<RouteStep>, PageError> {
    let t = &DE.funds;
    let ids: Vec<Id> = a.steps.iter().filter_map(|s| s.body_id).collect();
    let mut names: Vec<(Id, String)> = Vec::new();
    if !ids.is_empty() {
        let mut sql = Sql::new("");
        let m = sql.bind(scope.municipality_id);
        let visible = crate::network::visible_body(scope, &mut sql, "b");
        let wanted: Vec<String> = ids.iter().map(|id| sql.bind(*id)).collect();
        sql.push(&format!(
            "SELECT b.id, b.name FROM bodies b WHERE b.municipality_id = {m} AND {visible} \
             AND b.id IN ({})",
            wanted.join(", ")
        ));
        names = sql
            .query_as()
            .fetch_all(&state.db.pool)
            .await
            .map_err(PageError::from)?;
    }
    let waiting = match a.state {
        ApplicationState::Eingereicht | ApplicationState::InPruefung => {
            Some(if a.steps.iter().any(|s| s.action == StepAction::Advise) {
                StepAction::Advise
            } else {
                StepAction::Decide
            })
        }
        ApplicationState::Beraten => Some(StepAction::Decide),
        _ => None,
    };
    Ok(a.steps
        .iter()
        .map(|s| {
            let named = s
                .body_id
                .and_then(|id| names.iter().find(|(n, _)| *n == id))
                .map(|(_, name)| name.clone());
            RouteStep {
                action: match s.action {
                    StepAction::Advise => t.route_advise,
                    StepAction::Decide => t.route_decide,
                },
                by: named.unwrap_or_else(|| who(&s.by)),
                current: waiting == Some(s.action),
            }
        })
        .collect())
}

/// Who a step names without a body: a kind of body or a role, in words.
fn who(by: &str) -> String {
    let t = &DE.funds;
    if let Ok(kind) = by.parse::<BodyKind>() {
        return kind.label_de().to_owned();
    }
    match by {
        QM => t.route_qm.to_owned(),
        "verwaltung" => t.route_administration.to_owned(),
        other => other.to_owned(),
    }
}

/// "04.12.2026, 15:10 Uhr"
fn when(at: Timestamp) -> String {
    berlin(at.0).format("%d.%m.%Y, %H:%M Uhr").to_string()
}

/// "7 ja, 1 nein, 2 Enthaltungen", or nothing when no vote was recorded.
fn votes(e: &Event) -> String {
    if e.votes_yes.is_none() && e.votes_no.is_none() && e.votes_abstain.is_none() {
        return String::new();
    }
    let n = |v: Option<i64>| v.unwrap_or(0);
    let abstain = match n(e.votes_abstain) {
        1 => DE.votes_abstain_one,
        _ => DE.votes_abstain,
    };
    format!(
        "{} {}, {} {}, {} {abstain}",
        n(e.votes_yes),
        DE.votes_yes,
        n(e.votes_no),
        DE.votes_no,
        n(e.votes_abstain),
    )
}

/// The history as the table shows it, oldest first.
pub(super) fn history(events: &[Event]) -> Vec<HistoryLine> {
    events
        .iter()
        .map(|e| {
            let recommendation = e
                .recommendation
                .as_deref()
                .and_then(|r| r.parse::<Recommendation>().ok())
                .map(|r| DE.funds.recommended.replace("{}", r.label_de()));
            let note = [recommendation, e.reason.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" – ");
            HistoryLine {
                at: when(e.at),
                step: e
                    .to_state
                    .parse::<ApplicationState>()
                    .map_or("", ApplicationState::label_de),
                actor: e.actor.clone(),
                amount: e.amount_cents.map(euros).unwrap_or_default(),
                votes: votes(e),
                note,
            }
        })
        .collect()
}
