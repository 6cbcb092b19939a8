//! What a client sends for a contract, how it is checked, and how parties and targets are
//! written. Targets keep their ids when sent back (reviews hang on them); a reviewed
//! target cannot be removed (409 `in_use`).

use std::collections::HashSet;

use serde::Deserialize;

use super::{PartyRole, TargetKind};
use crate::api::validate::{Check, NAME_MAX, TEXT_MAX, blank_to_none};
use crate::auth::Scope;
use crate::auth::{Table, check_organisation, check_reference};
use crate::db::{Date, Id, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;

/// Most parties and targets one contract lists.
const PARTIES_MAX: usize = 20;
const TARGETS_MAX: usize = 50;
/// Longest unit ("Teilnehmende", "%").
const UNIT_MAX: usize = 50;
/// Largest magnitude of a target value.
const VALUE_MAX: f64 = 1e12;

/// A contract's fields, parties and targets (for creating and for replacing them).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractInput {
    pub title: String,
    #[serde(default)]
    pub subject: Option<String>,
    pub starts_on: Date,
    /// Not before `starts_on`.
    #[serde(default)]
    pub ends_on: Option<Date>,
    /// A body of the municipality that reviews the contract (*Lenkungsgremium*).
    pub steering_body_id: Id,
    pub parties: Vec<PartyInput>,
    #[serde(default)]
    pub targets: Vec<TargetInput>,
}

/// A party: an organisation, or the municipality itself when `organisation_id` is absent.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    #[serde(default)]
    pub organisation_id: Option<Id>,
    pub role: PartyRole,
}

/// A target: quantitative ones need indicator, unit and target value; qualitative ones a
/// description. `id` keeps an existing target (and its reviews).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ContractTargetInput)]
pub struct TargetInput {
    #[serde(default)]
    pub id: Option<Id>,
    pub kind: TargetKind,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub indicator: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub target_value: Option<f64>,
    pub deadline: Date,
}

/// Checks everything that needs no database.
pub(super) fn check(input: &ContractInput) -> Result<()> {
    let mut c = Check::new();
    c.name("/title", &input.title);
    c.optional_text("/subject", input.subject.as_deref(), TEXT_MAX);
    let ends_in_term = input.ends_on.is_none_or(|ends| ends >= input.starts_on);
    c.that(ends_in_term, "/ends_on", Code::OutOfRange);
    c.that(!input.parties.is_empty(), "/parties", Code::Required);
    c.that(
        input.parties.len() <= PARTIES_MAX,
        "/parties",
        Code::OutOfRange,
    );
    let mut seen = HashSet::new();
    for (i, p) in input.parties.iter().enumerate() {
        c.that(
            seen.insert(p.organisation_id),
            &format!("/parties/{i}"),
            Code::Invalid,
        );
    }
    c.that(
        input.targets.len() <= TARGETS_MAX,
        "/targets",
        Code::OutOfRange,
    );
    let mut ids = HashSet::new();
    for (i, t) in input.targets.iter().enumerate() {
        let p = format!("/targets/{i}");
        c.optional_text(
            &format!("{p}/description"),
            t.description.as_deref(),
            TEXT_MAX,
        );
        c.optional_text(&format!("{p}/indicator"), t.indicator.as_deref(), NAME_MAX);
        c.optional_text(&format!("{p}/unit"), t.unit.as_deref(), UNIT_MAX);
        let value_ok = t
            .target_value
            .is_none_or(|v| v.is_finite() && v.abs() <= VALUE_MAX);
        c.that(value_ok, &format!("{p}/target_value"), Code::OutOfRange);
        match t.kind {
            TargetKind::Quantitativ => {
                let indicator = blank_to_none(&t.indicator).is_some();
                c.that(indicator, &format!("{p}/indicator"), Code::Required);
                c.that(
                    blank_to_none(&t.unit).is_some(),
                    &format!("{p}/unit"),
                    Code::Required,
                );
                let value = t.target_value.is_some();
                c.that(value, &format!("{p}/target_value"), Code::Required);
            }
            TargetKind::Qualitativ => {
                let described = blank_to_none(&t.description).is_some();
                c.that(described, &format!("{p}/description"), Code::Required);
            }
        }
        if let Some(id) = t.id {
            c.that(ids.insert(id), &format!("{p}/id"), Code::Invalid);
        }
    }
    c.finish()
}

pub(super) async fn check_references(
    tx: &mut Tx,
    scope: &Scope,
    input: &ContractInput,
) -> Result<()> {
    let body = Some(input.steering_body_id);
    check_reference(tx, scope, Table::Bodies, body, "/steering_body_id").await?;
    for (i, p) in input.parties.iter().enumerate() {
        check_organisation(
            tx,
            p.organisation_id,
            &format!("/parties/{i}/organisation_id"),
        )
        .await?;
    }
    Ok(())
}

/// Writes the contract's parties and targets, replacing those it had.
pub(super) async fn write_parts(
    tx: &mut Tx,
    scope: &Scope,
    id: Id,
    input: &ContractInput,
) -> Result<()> {
    write_parties(tx, id, &input.parties).await?;
    write_targets(tx, scope, id, &input.targets).await
}

async fn write_parties(tx: &mut Tx, id: Id, parties: &[PartyInput]) -> Result<()> {
    sqlx::query("DELETE FROM contract_parties WHERE contract_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for (position, p) in parties.iter().enumerate() {
        sqlx::query(
            "INSERT INTO contract_parties (contract_id, position, organisation_id, role) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(p.organisation_id)
        .bind(p.role.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Existing {
    id: Id,
    reviewed: i64,
}

/// Writes the targets: updates those sent back by id, inserts new ones, removes the rest
/// unless a review already judged them.
async fn write_targets(tx: &mut Tx, scope: &Scope, id: Id, targets: &[TargetInput]) -> Result<()> {
    let existing = sqlx::query_as::<_, Existing>(
        "SELECT t.id, (SELECT COUNT(*) FROM contract_review_results r WHERE r.target_id = t.id) \
         AS reviewed FROM contract_targets t WHERE t.contract_id = $1",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let mut c = Check::new();
    for (i, t) in targets.iter().enumerate() {
        let known = t.id.is_none_or(|tid| existing.iter().any(|e| e.id == tid));
        c.that(known, &format!("/targets/{i}/id"), Code::ReferenceMissing);
    }
    c.finish()?;
    let kept: HashSet<Id> = targets.iter().filter_map(|t| t.id).collect();
    let removed: Vec<&Existing> = existing.iter().filter(|e| !kept.contains(&e.id)).collect();
    if removed.iter().any(|e| e.reviewed > 0) {
        return Err(Error::client_with(
            Code::InUse,
            "Ein Ziel, das bereits in einer Überprüfung bewertet wurde, kann nicht entfernt werden.",
        ));
    }
    for e in removed {
        sqlx::query("DELETE FROM contract_targets WHERE id = $1 AND contract_id = $2")
            .bind(e.id)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    for (position, t) in targets.iter().enumerate() {
        let statement = if t.id.is_some() {
            "UPDATE contract_targets SET position = $4, kind = $5, description = $6, \
             indicator = $7, unit = $8, target_value = $9, deadline = $10 \
             WHERE id = $1 AND municipality_id = $2 AND contract_id = $3"
        } else {
            "INSERT INTO contract_targets (id, municipality_id, contract_id, position, kind, \
             description, indicator, unit, target_value, deadline) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        };
        sqlx::query(statement)
            .bind(t.id.unwrap_or_default())
            .bind(scope.municipality_id)
            .bind(id)
            .bind(position as i64)
            .bind(t.kind.as_str())
            .bind(blank_to_none(&t.description))
            .bind(blank_to_none(&t.indicator))
            .bind(blank_to_none(&t.unit))
            .bind(t.target_value)
            .bind(t.deadline)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
