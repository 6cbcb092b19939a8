//! A concern as stored and as staff and department users see it. The reporter's contact is
//! not part of it: the view only says whether one exists (see [`super::reporter`]).

use serde::Serialize;
use serde_json::Value;

use super::routing::ProposalKind;
use super::workflow::{ConcernSource, ConcernState, ReportChannel};
use crate::auth::Scope;
use crate::db::{Id, Sql, Timestamp};
use crate::error::Result;
use crate::forms::ReviewState;
use crate::state::AppState;

/// Columns of [`Row`], for `SELECT {COLUMNS} FROM concerns c LEFT JOIN concern_reporters r …`.
pub const COLUMNS: &str = "c.id, c.reference, c.source, c.category, c.area, c.form_data, \
     c.review_state, c.review_reason, c.warnings, c.proposal_kind, c.proposed_department, \
     c.proposed_organisation_id, c.proposal_reason, c.state, c.department, \
     c.department_organisation_id, c.forwarded_at, c.feedback, c.feedback_at, \
     c.released_feedback, c.report_channel, c.reported_at, c.duplicate_of, c.closed_at, \
     c.received_at, c.version, c.created_at, c.updated_at, \
     r.concern_id AS contact_id, r.erased_at AS contact_erased_at";

/// The FROM clause that goes with [`COLUMNS`].
pub const FROM: &str = "FROM concerns c LEFT JOIN concern_reporters r ON r.concern_id = c.id";

#[derive(sqlx::FromRow)]
pub struct Row {
    id: Id,
    reference: String,
    #[sqlx(try_from = "String")]
    source: ConcernSource,
    category: String,
    area: Option<String>,
    form_data: String,
    #[sqlx(try_from = "String")]
    review_state: ReviewState,
    review_reason: Option<String>,
    warnings: String,
    proposal_kind: Option<String>,
    proposed_department: Option<String>,
    proposed_organisation_id: Option<Id>,
    proposal_reason: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: ConcernState,
    department: Option<String>,
    pub department_organisation_id: Option<Id>,
    forwarded_at: Option<Timestamp>,
    feedback: Option<String>,
    feedback_at: Option<Timestamp>,
    released_feedback: Option<String>,
    report_channel: Option<String>,
    reported_at: Option<Timestamp>,
    duplicate_of: Option<Id>,
    closed_at: Option<Timestamp>,
    received_at: Timestamp,
    pub version: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
    contact_id: Option<Id>,
    contact_erased_at: Option<Timestamp>,
}

/// The department proposed by the municipality's rules on intake.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Proposal {
    pub kind: ProposalKind,
    pub department: Option<String>,
    /// The organisation of the municipality with the department's name, if there is one.
    pub organisation_id: Option<Id>,
    /// Why nobody in the municipality is responsible.
    pub reason: Option<String>,
}

/// A concern without the reporter's personal data.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Concern {
    pub id: Id,
    /// The reference the resident got, e.g. `AN-7K3F-Q9P2`.
    pub reference: String,
    pub source: ConcernSource,
    pub category: String,
    pub area: Option<String>,
    /// The form as submitted, without the reporter's contact.
    #[schema(value_type = Object)]
    pub form_data: Value,
    /// `manuelle_pruefung` when the municipality's rules failed.
    pub review_state: ReviewState,
    pub review_reason: Option<String>,
    /// Warnings of the municipality's rules.
    #[schema(value_type = Vec<Object>)]
    pub warnings: Value,
    /// Absent when the rules made no proposal.
    pub proposal: Option<Proposal>,
    pub state: ConcernState,
    /// The department the concern was forwarded to.
    pub department: Option<String>,
    pub department_organisation_id: Option<Id>,
    pub forwarded_at: Option<Timestamp>,
    /// The department's feedback.
    pub feedback: Option<String>,
    pub feedback_at: Option<Timestamp>,
    /// What the resident sees on the status page.
    pub released_feedback: Option<String>,
    pub report_channel: Option<ReportChannel>,
    pub reported_at: Option<Timestamp>,
    /// The original concern of a duplicate.
    pub duplicate_of: Option<Id>,
    pub closed_at: Option<Timestamp>,
    pub received_at: Timestamp,
    /// Days from forwarding to the department's feedback.
    pub days_to_feedback: Option<f64>,
    /// Whether a contact of the reporter is kept (read it at `…/reporter`).
    pub has_contact: bool,
    /// Whether the contact was erased after the retention period.
    pub contact_erased: bool,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Days between two instants, to one decimal.
pub fn days_between(from: Timestamp, to: Timestamp) -> f64 {
    let seconds = (to.0 - from.0).num_seconds() as f64;
    (seconds / 86_400.0 * 10.0).round() / 10.0
}

impl From<Row> for Concern {
    fn from(r: Row) -> Concern {
        // Written only from `ProposalKind` keys; an unknown one reads as no proposal.
        let kind = r.proposal_kind.and_then(|k| k.parse::<ProposalKind>().ok());
        let proposal = kind.map(|kind| Proposal {
            kind,
            department: r.proposed_department,
            organisation_id: r.proposed_organisation_id,
            reason: r.proposal_reason,
        });
        Concern {
            id: r.id,
            reference: r.reference,
            source: r.source,
            category: r.category,
            area: r.area,
            form_data: serde_json::from_str(&r.form_data).unwrap_or(Value::Null),
            review_state: r.review_state,
            review_reason: r.review_reason,
            warnings: serde_json::from_str(&r.warnings).unwrap_or(Value::Array(vec![])),
            proposal,
            state: r.state,
            department: r.department,
            department_organisation_id: r.department_organisation_id,
            days_to_feedback: r
                .forwarded_at
                .zip(r.feedback_at)
                .map(|(f, b)| days_between(f, b)),
            forwarded_at: r.forwarded_at,
            feedback: r.feedback,
            feedback_at: r.feedback_at,
            released_feedback: r.released_feedback,
            report_channel: r.report_channel.and_then(|c| c.parse().ok()),
            reported_at: r.reported_at,
            duplicate_of: r.duplicate_of,
            closed_at: r.closed_at,
            received_at: r.received_at,
            has_contact: r.contact_id.is_some() && r.contact_erased_at.is_none(),
            contact_erased: r.contact_erased_at.is_some(),
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The condition under which the caller sees concern `c`: staff all of the municipality,
/// member users those forwarded to their organisation, nobody else any.
pub fn visible(scope: &Scope, sql: &mut Sql) -> String {
    let m = sql.bind(scope.municipality_id);
    let who = match scope.member_organisation() {
        _ if scope.is_staff() => "1 = 1".to_owned(),
        Some(org) => format!("c.department_organisation_id = {}", sql.bind(org)),
        None => "1 = 0".to_owned(),
    };
    format!("c.municipality_id = {m} AND {who}")
}

/// Loads a concern the caller may see, or 404.
pub async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<Row> {
    let mut sql = Sql::new("");
    let condition = visible(scope, &mut sql);
    let id = sql.bind(id);
    sql.push(&format!(
        "SELECT {COLUMNS} {FROM} WHERE {condition} AND c.id = {id}"
    ));
    sql.fetch_found::<Row, _>(&state.db.pool).await
}
