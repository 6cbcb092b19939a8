//! The applicant's contact — name, e-mail, phone from the form's `applicant` object — kept
//! apart from the application like a concern's reporter: shown only to staff and only here,
//! every showing written to the audit log (`read_personal`), erased a configurable time after
//! the application was closed (DSGVO Art. 5 (1) c and e). The application keeps the rest of
//! the applicant (kind, number of members, organisation), which the decision needs.
//!
//! Member and jury users read applications without it: a jury decides on the project, and a
//! guest of the deciding body is no one to hand a resident's phone number to. A municipality
//! may widen this by its rule ([`ApplicantContactRule::DecidingVoters`]) to the users of an
//! organisation with a voting, non-guest membership in the application's deciding body —
//! never further.

use axum::extract::State;
use serde::Serialize;
use serde_json::Value;

use super::applications::load_visible;
use super::kinds::ApplicationState::{Abgelehnt, Abgeschlossen, Zurueckgezogen};
use crate::api::extract::Path;
use crate::audit::{self, ObjectKind};
use crate::auth::Scope;
use crate::db::{Date, Id, Timestamp, Tx};
use crate::error::Result;
use crate::network::ApplicantContactRule;
use crate::network::kinds::MemberRole;
use crate::retention::Expiry;
use crate::state::AppState;

/// The fields of the form's `applicant` that are personal contact data, and their columns.
const FIELDS: [(&str, Column); 3] = [
    ("name", Column::Name),
    ("contact_email", Column::Email),
    ("contact_phone", Column::Phone),
];

/// What a re-check puts in place of an erased name (the form requires one).
const ERASED_NAME: &str = "[gelöscht]";

#[derive(Clone, Copy)]
enum Column {
    Name,
    Email,
    Phone,
}

/// The applicant's contact as taken from a submission.
#[derive(Debug, Default)]
pub struct Contact {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl Contact {
    fn slot(&mut self, column: Column) -> &mut Option<String> {
        match column {
            Column::Name => &mut self.name,
            Column::Email => &mut self.email,
            Column::Phone => &mut self.phone,
        }
    }
}

/// Takes the contact out of a checked submission; `None` when the form has no applicant.
pub fn split_off(data: &mut Value) -> Option<Contact> {
    let applicant = data.get_mut("applicant")?.as_object_mut()?;
    let mut contact = Contact::default();
    for (field, column) in FIELDS {
        if let Some(Value::String(value)) = applicant.remove(field) {
            *contact.slot(column) = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        }
    }
    Some(contact)
}

/// Stores the contact of application `id` in the application's transaction.
pub async fn insert(tx: &mut Tx, municipality: Id, id: Id, contact: Contact) -> Result<()> {
    sqlx::query(
        "INSERT INTO fund_applicants (application_id, municipality_id, name, email, phone)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(municipality)
    .bind(contact.name)
    .bind(contact.email)
    .bind(contact.phone)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    erased_at: Option<Timestamp>,
}

async fn stored(pool: &sqlx::AnyPool, municipality: Id, id: Id) -> Result<Option<Row>> {
    Ok(sqlx::query_as::<_, Row>(
        "SELECT name, email, phone, erased_at FROM fund_applicants
         WHERE application_id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(municipality)
    .fetch_optional(pool)
    .await?)
}

/// Puts the stored contact back into the stored form, so a re-check sees the form as it was
/// submitted; an erased name reads `[gelöscht]`. Not a read for people: nothing is shown.
pub async fn restore(state: &AppState, scope: &Scope, id: Id, data: &mut Value) -> Result<()> {
    let Some(row) = stored(&state.db.pool, scope.municipality_id, id).await? else {
        return Ok(());
    };
    let Some(applicant) = data.get_mut("applicant").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    let name = row
        .name
        .or_else(|| row.erased_at.map(|_| ERASED_NAME.to_owned()));
    for (field, value) in [
        ("name", name),
        ("contact_email", row.email),
        ("contact_phone", row.phone),
    ] {
        if let Some(value) = value {
            applicant.insert(field.to_owned(), Value::String(value));
        }
    }
    Ok(())
}

/// The contact of an applicant.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApplicantContact {
    /// False when the application has no applicant contact (e.g. entered before it was kept
    /// apart without one).
    pub present: bool,
    /// Set once the contact was erased after the retention period.
    pub erased_at: Option<Timestamp>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The applicant's contact. Staff, and where the municipality's rule says so voting members of
/// the deciding body; each read is audit-logged.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/fund-applications/{id}/applicant", tag = "Fondsanträge",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = ApplicantContact), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn get_applicant(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<axum::Json<ApplicantContact>> {
    Ok(axum::Json(contact(&state, &scope, id).await?))
}

/// Whether the caller may read the contact of application `id` (which they see): staff, and
/// deciding voters where the municipality's rule says so. Reads nothing personal.
pub async fn may_read(state: &AppState, scope: &Scope, id: Id) -> Result<bool> {
    load_visible(state, scope, id).await?;
    Ok(scope.is_staff() || deciding_voter(state, scope, id).await?)
}

/// The applicant's contact of application `id` for the API and the pages: 404 when the
/// caller does not see the application, 403 when [`may_read`] says no; every showing of a
/// contact is written to the audit log.
pub async fn contact(state: &AppState, scope: &Scope, id: Id) -> Result<ApplicantContact> {
    if !may_read(state, scope, id).await? {
        scope.require_staff()?;
    }
    let contact = match stored(&state.db.pool, scope.municipality_id, id).await? {
        None => ApplicantContact {
            present: false,
            erased_at: None,
            name: None,
            email: None,
            phone: None,
        },
        Some(row) => ApplicantContact {
            present: true,
            erased_at: row.erased_at,
            name: row.name,
            email: row.email,
            phone: row.phone,
        },
    };
    if contact.name.is_some() || contact.email.is_some() || contact.phone.is_some() {
        audit::record_read(&state.db.pool, scope, ObjectKind::FundApplicant, id).await?;
    }
    Ok(contact)
}

/// True when the municipality's rule lets deciding voters read contacts and the caller's
/// organisation holds a current voting, non-guest membership in the application's deciding
/// body.
async fn deciding_voter(state: &AppState, scope: &Scope, id: Id) -> Result<bool> {
    let Some(organisation) = scope.member_organisation() else {
        return Ok(false);
    };
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM fund_applications x
         JOIN municipalities mu ON mu.id = x.municipality_id
         JOIN memberships mm ON mm.body_id = x.decide_body_id
         WHERE x.id = $1 AND x.municipality_id = $2 AND mu.applicant_contact = $3
           AND mm.organisation_id = $4 AND mm.voting_right = 1 AND mm.role <> $5
           AND (mm.starts_on IS NULL OR mm.starts_on <= $6)
           AND (mm.ends_on IS NULL OR mm.ends_on >= $6)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(ApplicantContactRule::DecidingVoters.as_str())
    .bind(organisation)
    .bind(MemberRole::Gast.as_str())
    .bind(Date::today())
    .fetch_one(&state.db.pool)
    .await?;
    Ok(count > 0)
}

/// The applicants' contacts of closed applications (rejected, withdrawn or completed), by
/// the time of the closing event (`--applicant-retention-days`); erased by `crate::retention`.
pub fn expiry() -> Expiry {
    let closed = [Abgelehnt, Zurueckgezogen, Abgeschlossen]
        .map(|s| format!("'{}'", s.as_str()))
        .join(", ");
    Expiry {
        due: format!(
            "SELECT a.id, a.municipality_id, a.reference
             FROM fund_applications a JOIN fund_applicants p ON p.application_id = a.id
             WHERE p.erased_at IS NULL AND a.state IN ({closed})
               AND (SELECT MAX(e.at) FROM fund_application_events e
                    WHERE e.application_id = a.id AND e.to_state = a.state) <= $1
             ORDER BY a.id"
        ),
        erase: "UPDATE fund_applicants SET name = NULL, email = NULL, phone = NULL, erased_at = $2
                WHERE application_id = $1 AND erased_at IS NULL",
        kind: ObjectKind::FundApplicant,
    }
}
