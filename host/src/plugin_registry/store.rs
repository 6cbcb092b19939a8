//! The registry's rows: plugin versions as the API shows them, the component bytes a host
//! loads, the audit entries of changes, and the digests of compiled artifacts.

use serde::Serialize;

use super::quota::{self, Quota};
use super::{Actor, InstallError};
use crate::api::page::{Page, PageParams};
use crate::audit::{Action, NewEntry, ObjectKind};
use crate::db::{Db, Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::plugins::Hook;

/// A plugin version as stored, with whether it is the municipality's active one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PluginVersion {
    pub id: Id,
    /// The name the plugin gives itself in `describe`.
    pub name: String,
    /// The version the plugin gives itself in `describe`.
    pub version: String,
    /// The contract (`quartier:plugin@…`) the plugin was built against.
    pub contract_version: String,
    /// The hooks it exports, by their WIT names.
    pub hooks: Vec<String>,
    /// SHA-256 of the component, hex.
    pub sha256: String,
    pub size_bytes: i64,
    pub uploaded_by: String,
    pub created_at: Timestamp,
    /// Whether this is the version the municipality's calls use.
    pub active: bool,
    /// Since when it is active, if it is.
    pub active_since: Option<Timestamp>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Id,
    name: String,
    version: String,
    contract_version: String,
    hooks: String,
    sha256: String,
    size_bytes: i64,
    uploaded_by: String,
    created_at: Timestamp,
    active_since: Option<Timestamp>,
}

impl From<Row> for PluginVersion {
    fn from(r: Row) -> PluginVersion {
        PluginVersion {
            id: r.id,
            name: r.name,
            version: r.version,
            contract_version: r.contract_version,
            hooks: serde_json::from_str(&r.hooks).unwrap_or_default(),
            sha256: r.sha256,
            size_bytes: r.size_bytes,
            uploaded_by: r.uploaded_by,
            created_at: r.created_at,
            active: r.active_since.is_some(),
            active_since: r.active_since,
        }
    }
}

/// The version query with extra columns and its condition and order appended (literals, so
/// it stays static).
macro_rules! select_versions {
    ($columns:literal, $rest:literal) => {
        concat!(
            "SELECT v.id, v.name, v.version, v.contract_version, v.hooks, v.sha256,
                    v.size_bytes, v.uploaded_by, v.created_at, a.activated_at AS active_since",
            $columns,
            " FROM plugin_versions v
             LEFT JOIN plugin_activations a ON a.plugin_version_id = v.id AND a.ended_at IS NULL ",
            $rest
        )
    };
}

/// One version of this municipality, or 404.
pub async fn load(db: &Db, municipality_id: Id, id: Id) -> Result<PluginVersion> {
    sqlx::query_as::<_, Row>(select_versions!(
        "",
        "WHERE v.id = $1 AND v.municipality_id = $2"
    ))
    .bind(id)
    .bind(municipality_id)
    .fetch_optional(&db.pool)
    .await?
    .map(PluginVersion::from)
    .ok_or(Error::NotFound)
}

/// The municipality's versions, newest first.
pub async fn list(db: &Db, municipality_id: Id, page: PageParams) -> Result<Page<PluginVersion>> {
    let mut sql = Sql::new(select_versions!(
        ", COUNT(*) OVER () AS total",
        "WHERE v.municipality_id = $1 ORDER BY v.created_at DESC, v.id DESC"
    ));
    sql.bind(municipality_id);
    let page = Page::<Row>::fetch(sql, page, &db.pool).await?;
    Ok(page.map(PluginVersion::from))
}

/// The version of this municipality with the same component bytes, if one was uploaded.
pub async fn same_component<'c>(
    executor: impl sqlx::Executor<'c, Database = sqlx::Any>,
    municipality_id: Id,
    sha256: &str,
) -> Result<Option<Id>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM plugin_versions WHERE municipality_id = $1 AND sha256 = $2")
        .bind(municipality_id)
        .bind(sha256)
        .fetch_optional(executor)
        .await
}

/// A checked component about to be recorded.
pub struct NewVersion<'a> {
    pub municipality_id: Id,
    pub name: &'a str,
    pub version: &'a str,
    pub contract_version: &'a str,
    pub hooks: &'a [Hook],
    pub sha256: &'a str,
    pub bytes: &'a [u8],
}

/// Records an uploaded version (inactive) with its audit entry, in one transaction that
/// first decides, under the municipality's lock, whether the same bytes were recorded
/// meanwhile (a concurrent upload, another process: the same 409 as the check before
/// compiling, also when the unique constraint is what notices) and whether the caps allow one
/// more.
pub async fn insert(
    db: &Db,
    new: NewVersion<'_>,
    quota: &Quota,
    actor: &Actor,
) -> Result<Id, InstallError> {
    let mut tx = db.begin().await?;
    quota::lock_municipality(&mut tx, new.municipality_id).await?;
    if let Some(existing) = same_component(&mut *tx, new.municipality_id, new.sha256).await? {
        return Err(InstallError::Duplicate(existing));
    }
    quota.check(
        quota::usage(&mut tx, new.municipality_id).await?,
        new.bytes.len(),
    )?;
    let id = Id::new();
    let recorded = match insert_row(&mut tx, &new, id, actor).await {
        Ok(()) => tx.commit().await,
        Err(e) => {
            drop(tx);
            Err(e)
        }
    };
    match recorded {
        Ok(()) => Ok(id),
        Err(e)
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation()) =>
        {
            match same_component(&db.pool, new.municipality_id, new.sha256).await {
                Ok(Some(existing)) => Err(InstallError::Duplicate(existing)),
                _ => Err(e.into()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

async fn insert_row(
    tx: &mut Tx,
    new: &NewVersion<'_>,
    id: Id,
    actor: &Actor,
) -> Result<(), sqlx::Error> {
    let hooks: Vec<&str> = new.hooks.iter().map(|h| h.name()).collect();
    sqlx::query(
        "INSERT INTO plugin_versions (id, municipality_id, name, version, contract_version, hooks,
                                      sha256, size_bytes, component, uploaded_by, uploaded_by_id,
                                      created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(new.municipality_id)
    .bind(new.name)
    .bind(new.version)
    .bind(new.contract_version)
    .bind(serde_json::to_string(&hooks).unwrap_or_else(|_| "[]".to_owned()))
    .bind(new.sha256)
    .bind(new.bytes.len() as i64)
    .bind(new.bytes.to_vec())
    .bind(&actor.label)
    .bind(actor.id)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    audit(tx, new.municipality_id, actor, Action::Create, id).await
}

/// The audit entry for a change of the registry; the actor may be the operator at the
/// command line, who is no user.
pub async fn audit(
    tx: &mut Tx,
    municipality_id: Id,
    actor: &Actor,
    action: Action,
    version_id: Id,
) -> Result<(), sqlx::Error> {
    NewEntry::new(actor.clone(), action, ObjectKind::PluginVersion, version_id)
        .in_municipality(municipality_id)
        .write(&mut **tx)
        .await
}
