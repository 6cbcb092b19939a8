//! Persons (contacts) of a municipality's network: personal data under the GDPR.
//!
//! Staff keep them. Everyone else sees only persons who agreed to be listed publicly, and of
//! those only name and organisation, never contact details. Every staff read of one person's
//! data is audit-logged. Erasure on request blanks the personal columns but keeps the row, so
//! memberships and attendance keep their shape. Memberships themselves live in `memberships`.
//!
//! This module holds the input and the single-person routes; `view` what each caller sees,
//! `list` the listing and search, `erasure` the erasure on request. The staff's person pages
//! (`web/person_pages.rs`) go through the same functions: [`read_for_staff`], [`create`],
//! [`update`], [`list::list`] and [`erasure::erase`].

mod erasure;
mod list;
mod view;

pub use erasure::erase;
pub use list::{PersonFilter, list};
pub use view::{Person, PersonSummary};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::{Check, blank_to_none};
use crate::audit::{self, Action, ObjectKind};
use crate::auth::Scope;
use crate::auth::check_organisation;
use crate::db::sql::Statement;
use crate::db::{Flag, Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;
use view::PersonRow;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_persons, create_person))
        .routes(routes!(get_person, update_person))
        .routes(routes!(erasure::erase_person))
}

/// E.164 has at most 15 digits; the rest leaves room for spaces and an extension.
const PHONE_MAX: usize = 40;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    pub name: String,
    /// A host-wide organisation the person works for.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Consent to be listed publicly (name and organisation); off unless given.
    #[serde(default)]
    pub listed_publicly: bool,
    /// Consent to be contacted; off unless given.
    #[serde(default)]
    pub may_contact: bool,
}

impl PersonInput {
    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        c.name("/name", &self.name);
        c.email("/email", blank_to_none(&self.email));
        c.optional_text("/phone", blank_to_none(&self.phone), PHONE_MAX);
        c.finish()
    }
}

const COLUMNS: &str = "p.id, p.organisation_id, p.name, p.email, p.phone, p.listed_publicly, \
                       p.may_contact, p.erased_at, p.version, p.created_at, p.updated_at";

/// What non-staff may see: persons who consented to be listed (erasure withdraws consent).
fn publicly_listed(sql: &mut Sql) -> String {
    let yes = sql.bind(Flag(true));
    format!("p.listed_publicly = {yes} AND p.erased_at IS NULL")
}

/// Loads a person the caller may see, or 404.
async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<PersonRow> {
    let mut sql = Sql::new("");
    let (pid, m) = (sql.bind(id), sql.bind(scope.municipality_id));
    let visible = if scope.is_staff() {
        "1 = 1".to_owned()
    } else {
        publicly_listed(&mut sql)
    };
    sql.push(&format!(
        "SELECT {COLUMNS} FROM persons p WHERE p.id = {pid} AND p.municipality_id = {m} AND {visible}"
    ));
    sql.fetch_found::<PersonRow, _>(&state.db.pool).await
}

/// One person. Staff get the contact details (and the read is audit-logged); others get the
/// public summary of a publicly listed person, or 404.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/persons/{id}", tag = "Personen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Person, headers(("ETag" = String)),
               description = "Mitarbeitende erhalten alle Angaben; andere nur `PersonSummary`."),
              (status = 404, body = crate::error::Problem)))]
async fn get_person(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    if !scope.is_staff() {
        let person = load_visible(&state, &scope, id).await?;
        return Ok(axum::Json(PersonSummary::of(person, false)).into_response());
    }
    let person = read_for_staff(&state, &scope, id).await?;
    Ok(ok_with_etag(person.version, person))
}

/// One person with the contact details, for staff (403 for others); the read is
/// audit-logged.
pub async fn read_for_staff(state: &AppState, scope: &Scope, id: Id) -> Result<Person> {
    let person = load_visible(state, scope, id).await?;
    scope.require_staff()?;
    // An erased person has no personal data left to read, so there is nothing to log.
    if person.erased_at.is_none() {
        audit::record_read(&state.db.pool, scope, ObjectKind::Person, id).await?;
    }
    Ok(Person::from(person))
}

/// Creates a person. Staff only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/persons", tag = "Personen",
    params(("municipality" = String, Path)), request_body = PersonInput,
    responses((status = 201, body = Person), (status = 422, body = crate::error::Problem)))]
async fn create_person(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<PersonInput>,
) -> Result<Response> {
    let person = create(&state, &scope, &input).await?;
    Ok(created(person.version, person))
}

/// Creates a person: staff only, audited.
pub async fn create(state: &AppState, scope: &Scope, input: &PersonInput) -> Result<Person> {
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_organisation(&mut tx, input.organisation_id, "/organisation_id").await?;
    let id = Id::new();
    let insert = sqlx::query(
        "INSERT INTO persons (id, municipality_id, organisation_id, name, email, phone,
                              listed_publicly, may_contact, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)",
    )
    .bind(id)
    .bind(scope.municipality_id);
    bind_fields(insert, input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    audit::record_change(&mut tx, scope, Action::Create, ObjectKind::Person, id).await?;
    tx.commit().await?;
    Ok(Person::from(load_visible(state, scope, id).await?))
}

/// Binds the input's columns (`organisation_id` … `may_contact`), in the order that both the
/// INSERT and the UPDATE list them, so the two cannot drift apart.
fn bind_fields<'q>(statement: Statement<'q>, input: &PersonInput) -> Statement<'q> {
    statement
        .bind(input.organisation_id)
        .bind(input.name.trim())
        .bind(blank_to_none(&input.email))
        .bind(blank_to_none(&input.phone))
        .bind(Flag(input.listed_publicly))
        .bind(Flag(input.may_contact))
}

/// Replaces a person's fields. Send the `ETag` you read as `If-Match`; a stale version gets
/// 412, an erased person 409 `person_erased`.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/persons/{id}", tag = "Personen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = PersonInput,
    responses((status = 200, body = Person), (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
async fn update_person(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<PersonInput>,
) -> Result<Response> {
    let person = update(&state, &scope, id, &if_match, &input).await?;
    Ok(ok_with_etag(person.version, person))
}

/// Replaces a person's fields if `if_match` names the version stored (412 otherwise, 409
/// once erased): staff only, audited.
pub async fn update(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: &IfMatch,
    input: &PersonInput,
) -> Result<Person> {
    load_visible(state, scope, id).await?;
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_organisation(&mut tx, input.organisation_id, "/organisation_id").await?;
    let statement = sqlx::query(
        "UPDATE persons SET organisation_id = $4, name = $5, email = $6, phone = $7,
                listed_publicly = $8, may_contact = $9, version = version + 1, updated_at = $10
         WHERE id = $1 AND municipality_id = $2 AND version = COALESCE($3, version) AND erased_at IS NULL",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(if_match.version());
    let updated = bind_fields(statement, input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(why_unchanged(&mut tx, scope, id).await);
    }
    audit::record_change(&mut tx, scope, Action::Update, ObjectKind::Person, id).await?;
    tx.commit().await?;
    Ok(Person::from(load_visible(state, scope, id).await?))
}

/// After a conditional UPDATE of a person touched no row: 404 if it is not (or no longer)
/// there, 409 if it was erased, else 412 (someone else changed it first).
async fn why_unchanged(tx: &mut Tx, scope: &Scope, id: Id) -> Error {
    match sqlx::query_scalar::<_, Option<Timestamp>>(
        "SELECT erased_at FROM persons WHERE id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_optional(&mut **tx)
    .await
    {
        Ok(None) => Error::NotFound,
        Ok(Some(Some(_))) => Error::client(Code::PersonErased),
        Ok(Some(None)) => Error::client(Code::PreconditionFailed),
        Err(e) => e.into(),
    }
}
