//! Passwords (argon2id) and API tokens (random secrets stored as SHA-256), plus the operator
//! functions the CLI uses to create users and tokens.

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::Role;
use crate::db::{Db, Id, Timestamp};

/// Tokens start with this prefix so secret scanners and people recognise them.
const TOKEN_PREFIX: &str = "qt_";

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// The stored form of a token. A 256-bit random secret needs no slow hash: SHA-256 cannot be
/// brute-forced back to it.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!(
        "{TOKEN_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub municipality_id: Option<Id>,
    pub organisation_id: Option<Id>,
    pub password: Option<&'a str>,
}

/// Creates a user, or updates role, name, tenancy and password of an existing one.
pub async fn upsert_user(db: &Db, user: NewUser<'_>) -> anyhow::Result<Id> {
    let hash = user.password.map(hash_password).transpose()?;
    let existing: Option<Id> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(user.username)
        .fetch_optional(&db.pool)
        .await?;
    let id = existing.unwrap_or_default();
    let sql = if existing.is_some() {
        "UPDATE users SET display_name = $2, role = $3, municipality_id = $4, organisation_id = $5,
                password_hash = COALESCE($6, password_hash) WHERE id = $1 AND username = $7"
    } else {
        "INSERT INTO users (id, display_name, role, municipality_id, organisation_id,
                password_hash, username, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    };
    let mut query = sqlx::query(sql)
        .bind(id)
        .bind(user.display_name)
        .bind(user.role.as_str())
        .bind(user.municipality_id)
        .bind(user.organisation_id)
        .bind(hash)
        .bind(user.username);
    if existing.is_none() {
        query = query.bind(Timestamp::now());
    }
    query.execute(&db.pool).await?;
    Ok(id)
}

/// Issues a new API token for a user and returns the secret (shown once, never stored).
pub async fn issue_token(db: &Db, username: &str, name: &str) -> anyhow::Result<String> {
    let user_id: Id = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no user named {username:?}"))?;
    let token = new_token();
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(Id::new())
    .bind(user_id)
    .bind(name)
    .bind(hash_token(&token))
    .bind(Timestamp::now())
    .execute(&db.pool)
    .await?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password("Sommerfest2026").unwrap();
        assert!(verify_password("Sommerfest2026", &hash));
        assert!(!verify_password("sommerfest2026", &hash));
    }

    #[test]
    fn tokens_are_unique_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }
}
