//! Apps' API keys (Open311's `api_key`): one per app and municipality, issued and revoked by
//! the operator (`quartier open311-key`), stored as a SHA-256 hash. A key is not an account:
//! it lets an app post under its own rate limit instead of the per-address one, and read
//! the released feedback of the concerns it posted — nothing else of the host.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{Failure, texts};
use crate::auth::Scope;
use crate::db::{Db, Id, Timestamp};
use crate::error::Error;
use crate::state::AppState;

/// Keys start with this, so that a leaked one is recognisable in logs and scanners.
const KEY_PREFIX: &str = "q311_";

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.trim().as_bytes()))
}

/// The app a request's `api_key` names, if it gave one: 401 for a key that is unknown,
/// revoked or another municipality's.
pub async fn caller(
    state: &AppState,
    scope: &Scope,
    api_key: Option<&str>,
) -> Result<Option<Id>, Failure> {
    let Some(key) = api_key.filter(|k| !k.trim().is_empty()) else {
        return Ok(None);
    };
    if key.len() > 200 {
        return Err(refused());
    }
    let app: Option<Id> = sqlx::query_scalar(
        "SELECT id FROM open311_clients
         WHERE key_hash = $1 AND municipality_id = $2 AND revoked_at IS NULL",
    )
    .bind(hash(key))
    .bind(scope.municipality_id)
    .fetch_optional(&state.db.pool)
    .await
    .map_err(Error::from)?;
    app.map(Some).ok_or_else(refused)
}

fn refused() -> Failure {
    Failure::new(axum::http::StatusCode::UNAUTHORIZED, texts::KEY_REFUSED)
}

/// A new key, shown once.
#[derive(Debug)]
pub struct IssuedKey {
    pub id: Id,
    pub key: String,
}

/// Issues a key for the app `name` of the municipality.
pub async fn issue_key(db: &Db, municipality_id: Id, name: &str) -> anyhow::Result<IssuedKey> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        anyhow::bail!("Der Name der App muss 1 bis 200 Zeichen lang sein.");
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let issued = IssuedKey {
        id: Id::new(),
        key: format!(
            "{KEY_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
        ),
    };
    sqlx::query(
        "INSERT INTO open311_clients (id, municipality_id, name, key_hash, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(issued.id)
    .bind(municipality_id)
    .bind(name)
    .bind(hash(&issued.key))
    .bind(Timestamp::now())
    .execute(&db.pool)
    .await?;
    Ok(issued)
}

/// A key as the operator sees it: never the key nor its hash.
#[derive(Debug, sqlx::FromRow)]
pub struct ClientInfo {
    pub id: Id,
    pub name: String,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

/// The municipality's keys, oldest first, revoked ones included.
pub async fn list_keys(db: &Db, municipality_id: Id) -> anyhow::Result<Vec<ClientInfo>> {
    Ok(sqlx::query_as(
        "SELECT id, name, created_at, revoked_at FROM open311_clients
         WHERE municipality_id = $1 ORDER BY created_at, id",
    )
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await?)
}

/// Revokes a key of the municipality: from the next request on it is refused. The row
/// stays, so the concerns it posted keep naming their app.
pub async fn revoke_key(db: &Db, municipality_id: Id, id: Id) -> anyhow::Result<ClientInfo> {
    let revoked = sqlx::query(
        "UPDATE open311_clients SET revoked_at = $1
         WHERE id = $2 AND municipality_id = $3 AND revoked_at IS NULL",
    )
    .bind(Timestamp::now())
    .bind(id)
    .bind(municipality_id)
    .execute(&db.pool)
    .await?
    .rows_affected();
    if revoked == 0 {
        anyhow::bail!(
            "Diese Kommune hat keinen gültigen Open311-Schlüssel mit der ID {id} (siehe \
             quartier open311-key list)."
        );
    }
    let info = sqlx::query_as(
        "SELECT id, name, created_at, revoked_at FROM open311_clients WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    Ok(info)
}
