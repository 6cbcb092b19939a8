//! The rules a new or changed membership must pass inside its transaction: references that
//! exist, no erased person as a new member, and at most one active membership per
//! organisation or person and body — which the schema cannot express, so it is checked
//! under a per-body lock. Also the insert that join requests share.

use super::MembershipInput;
use super::input::bind_fields;
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::auth::{Table, check_organisation, check_reference};
use crate::db::{Date, Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;

/// Serialises membership writes per body, so two transactions cannot both find "not yet a
/// member" and both insert. On PostgreSQL this no-op UPDATE holds the body's row lock until
/// commit; on SQLite `BEGIN IMMEDIATE` already holds the write lock.
pub(in crate::network) async fn lock_body(tx: &mut Tx, body_id: Id) -> Result<()> {
    sqlx::query("UPDATE bodies SET version = version WHERE id = $1")
        .bind(body_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Refuses references to missing organisations or persons, and a person whose data was
/// erased as a new member (`previous_person` is who held the membership before an edit).
pub(super) async fn check_references(
    tx: &mut Tx,
    scope: &Scope,
    input: &MembershipInput,
    previous_person: Option<Id>,
) -> Result<()> {
    check_organisation(tx, input.organisation_id, "/organisation_id").await?;
    check_organisation(tx, input.on_behalf_of_id, "/on_behalf_of_id").await?;
    check_reference(tx, scope, Table::Persons, input.person_id, "/person_id").await?;
    if let Some(person) = input.person_id.filter(|p| Some(*p) != previous_person) {
        let erased: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM persons WHERE id = $1 AND erased_at IS NOT NULL",
        )
        .bind(person)
        .fetch_one(&mut **tx)
        .await?;
        if erased > 0 {
            return Err(Error::client(Code::PersonErased));
        }
    }
    Ok(())
}

/// 409 `already_member` when the input is active and its organisation or person already
/// holds another active membership in the body. Call under [`lock_body`].
pub(in crate::network) async fn refuse_second(
    tx: &mut Tx,
    body_id: Id,
    input: &MembershipInput,
    except: Option<Id>,
) -> Result<()> {
    if !input.is_active() {
        return Ok(());
    }
    let mut sql = Sql::new("");
    let (b, today) = (sql.bind(body_id), sql.bind(Date::today()));
    let mut who = Vec::new();
    if let Some(org) = input.organisation_id {
        who.push(format!("organisation_id = {}", sql.bind(org)));
    }
    if let Some(person) = input.person_id {
        who.push(format!("person_id = {}", sql.bind(person)));
    }
    if who.is_empty() {
        return Ok(());
    }
    let mut query = format!(
        "SELECT COUNT(*) AS n FROM memberships WHERE body_id = {b} \
         AND (ends_on IS NULL OR ends_on >= {today}) AND ({})",
        who.join(" OR ")
    );
    if let Some(except) = except {
        query += &format!(" AND id <> {}", sql.bind(except));
    }
    sql.push(&query);
    let (n,): (i64,) = sql.query_as().fetch_one(&mut **tx).await?;
    if n > 0 {
        return Err(Error::client(Code::AlreadyMember));
    }
    Ok(())
}

/// Inserts a checked membership after [`refuse_second`], with its audit entry. The caller
/// holds [`lock_body`] and commits.
pub(in crate::network) async fn insert(
    tx: &mut Tx,
    scope: &Scope,
    body_id: Id,
    input: &MembershipInput,
) -> Result<Id> {
    refuse_second(tx, body_id, input, None).await?;
    let id = Id::new();
    let insert = sqlx::query(
        "INSERT INTO memberships (id, municipality_id, body_id, organisation_id, person_id, role,
                                  voting_right, starts_on, ends_on, on_behalf_of_id, version,
                                  created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(body_id);
    bind_fields(insert, input)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    record_change(tx, scope, Action::Create, ObjectKind::Membership, id).await?;
    Ok(id)
}
