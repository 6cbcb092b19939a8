//! Passwords (argon2id) and API tokens (random secrets stored as SHA-256, each with an
//! expiry), plus the operator functions the CLI uses to create users and to issue, list and
//! revoke tokens, and the password check of the browser sign-in ([`authenticate`]).

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{Role, User};
use crate::db::{Db, Flag, Id, Timestamp};

/// Tokens start with this prefix so secret scanners and people recognise them.
const TOKEN_PREFIX: &str = "qt_";

/// Days a new token lives unless told otherwise: a token forgotten in a script or a
/// departed colleague's notes stops working within a year, and a script's owner renews it
/// once a year.
pub const DEFAULT_TOKEN_DAYS: i64 = 365;
/// The longest lifetime, ten years: anything longer is no expiry at all, more likely a typo
/// than a plan.
pub const MAX_TOKEN_DAYS: i64 = 3650;

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

/// An argon2id hash of a random password nobody knows, with the parameters
/// [`hash_password`] uses (a test keeps them in step). A sign-in with an unknown name, or
/// for a user without a password, is checked against it, so every failed sign-in costs the
/// same work and its timing does not tell which names exist.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$VKdQykl+nOrlv04WxA6m6Q$UTlAgFJDbjVKJruOG5OWM+uchkD9xQIAQ7nHZD55H4E";

#[derive(sqlx::FromRow)]
struct Account {
    #[sqlx(flatten)]
    user: User,
    password_hash: Option<String>,
    #[sqlx(try_from = "Flag")]
    disabled: bool,
}

/// The user with this name and password, or none. Unknown names, users without a password
/// and disabled users cost the same argon2 check as a wrong password, and all answer `None`.
/// `permits` bounds the checks running at once (each holds ~19 MiB and a core); the check
/// itself runs on a blocking thread.
pub async fn authenticate(
    db: &Db,
    permits: &tokio::sync::Semaphore,
    username: &str,
    password: &str,
) -> anyhow::Result<Option<User>> {
    let account: Option<Account> = sqlx::query_as(
        "SELECT id, username, display_name, role, municipality_id, organisation_id,
                password_hash, disabled
         FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(&db.pool)
    .await?;
    let (user, hash) = match account {
        Some(Account {
            user,
            password_hash: Some(hash),
            disabled,
        }) => ((!disabled).then_some(user), hash),
        _ => (None, DUMMY_HASH.to_owned()),
    };
    let _permit = permits.acquire().await?;
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await?;
    Ok(user.filter(|_| matches))
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

/// How long a new token lives: 1 to [`MAX_TOKEN_DAYS`] days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenLifetime(i64);

impl Default for TokenLifetime {
    fn default() -> Self {
        TokenLifetime(DEFAULT_TOKEN_DAYS)
    }
}

impl TokenLifetime {
    /// A lifetime of `days`, or why not (in German, for the operator).
    pub fn days(days: i64) -> anyhow::Result<TokenLifetime> {
        anyhow::ensure!(
            days >= 1,
            "Ein Token muss mindestens einen Tag gültig sein (--expires-in-days 1 bis \
             {MAX_TOKEN_DAYS})."
        );
        anyhow::ensure!(
            days <= MAX_TOKEN_DAYS,
            "Ein Token darf höchstens {MAX_TOKEN_DAYS} Tage (zehn Jahre) gültig sein; stellen \
             Sie danach ein neues aus."
        );
        Ok(TokenLifetime(days))
    }

    /// A lifetime from the command line's `--expires-in-days`.
    pub fn parse(days: &str) -> anyhow::Result<TokenLifetime> {
        let days = days.trim().parse::<i64>().map_err(|_| {
            anyhow::anyhow!(
                "„{}“ ist keine Anzahl von Tagen (--expires-in-days erwartet eine ganze Zahl \
                 von 1 bis {MAX_TOKEN_DAYS}).",
                days.escape_debug()
            )
        })?;
        TokenLifetime::days(days)
    }

    pub fn in_days(self) -> i64 {
        self.0
    }

    /// When a token issued at `now` expires.
    pub fn expiry(self, now: Timestamp) -> Timestamp {
        Timestamp(now.0 + chrono::TimeDelta::days(self.0))
    }
}

/// A token just issued: the secret (shown once, never stored) and its expiry.
#[derive(Debug)]
pub struct IssuedToken {
    pub id: Id,
    pub secret: String,
    pub expires_at: Timestamp,
}

async fn user_id(db: &Db, username: &str) -> anyhow::Result<Id> {
    sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| anyhow::anyhow!("Es gibt keinen Benutzer „{}“.", username.escape_debug()))
}

/// Issues a new API token for a user, valid for `lifetime`.
pub async fn issue_token(
    db: &Db,
    username: &str,
    name: &str,
    lifetime: TokenLifetime,
) -> anyhow::Result<IssuedToken> {
    let user_id = user_id(db, username).await?;
    let now = Timestamp::now();
    let token = IssuedToken {
        id: Id::new(),
        secret: new_token(),
        expires_at: lifetime.expiry(now),
    };
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token.id)
    .bind(user_id)
    .bind(name)
    .bind(hash_token(&token.secret))
    .bind(now)
    .bind(token.expires_at)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// A stored token as the operator sees it: never the secret nor its hash. When a token was
/// last used is not recorded (it would cost a write on every request).
#[derive(Debug, sqlx::FromRow)]
pub struct TokenInfo {
    pub id: Id,
    pub username: String,
    pub name: String,
    pub created_at: Timestamp,
    /// `None` for tokens issued before tokens expired.
    pub expires_at: Option<Timestamp>,
}

/// The tokens of one user, or of all users; by user, then oldest first.
pub async fn list_tokens(db: &Db, username: Option<&str>) -> anyhow::Result<Vec<TokenInfo>> {
    let user = match username {
        Some(username) => Some(user_id(db, username).await?),
        None => None,
    };
    let tokens = sqlx::query_as(
        "SELECT t.id, u.username, t.name, t.created_at, t.expires_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE $1 IS NULL OR t.user_id = $1
         ORDER BY u.username, t.created_at, t.id",
    )
    .bind(user)
    .fetch_all(&db.pool)
    .await?;
    Ok(tokens)
}

/// Revokes a token by deleting it: from the next request on it authenticates nobody.
/// Returns what it was.
pub async fn revoke_token(db: &Db, id: Id) -> anyhow::Result<TokenInfo> {
    let mut tx = db.begin().await?;
    let token: TokenInfo = sqlx::query_as(
        "SELECT t.id, u.username, t.name, t.created_at, t.expires_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        anyhow::anyhow!("Es gibt kein Token mit der ID {id} (siehe quartier list-tokens).")
    })?;
    sqlx::query("DELETE FROM api_tokens WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
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
    fn the_dummy_hash_costs_what_a_real_one_costs_and_matches_nothing_typed() {
        let real = hash_password("Sommerfest2026").unwrap();
        let params = |hash: &str| {
            let parsed = PasswordHash::new(hash).unwrap();
            (
                parsed.algorithm.to_string(),
                parsed.version,
                argon2::Params::try_from(&parsed).unwrap(),
            )
        };
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(!verify_password("", DUMMY_HASH));
        assert!(!verify_password("DUMMY", DUMMY_HASH));
    }

    #[test]
    fn a_token_lives_one_day_to_ten_years_a_year_by_default() {
        assert_eq!(TokenLifetime::default().in_days(), 365);
        assert_eq!(TokenLifetime::parse(" 30 ").ok(), Some(TokenLifetime(30)));
        assert_eq!(TokenLifetime::parse("3650").ok(), Some(TokenLifetime(3650)));
        for (refused, why) in [
            ("0", "mindestens einen Tag"),
            ("-5", "mindestens einen Tag"),
            ("3651", "höchstens 3650 Tage"),
            ("99999999999999999999", "keine Anzahl von Tagen"),
            ("ein Jahr", "keine Anzahl von Tagen"),
        ] {
            let message = TokenLifetime::parse(refused).unwrap_err().to_string();
            assert!(message.contains(why), "{refused}: {message}");
        }
        let now = Timestamp::now();
        assert_eq!(
            TokenLifetime::default().expiry(now).0 - now.0,
            chrono::TimeDelta::days(365)
        );
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
