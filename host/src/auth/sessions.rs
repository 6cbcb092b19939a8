//! Browser sessions (docs/architecture.md §6). A signed-in person's browser holds a random
//! 256-bit [`Secret`] in a cookie; the table `web_sessions` holds only its SHA-256, with the
//! user, when the session was last used and when it ends at the latest. A session ends when
//! it was idle for longer than the idle timeout, at its absolute end, when it is deleted
//! (sign-out, a new sign-in from the same browser) or with its user.
//!
//! The forms' tokens against cross-site requests are derived from the same secret
//! ([`Secret::form_token`]), so they are bound to the session without being stored, and
//! the stored hash does not yield them.
//!
//! This module knows nothing of HTTP or cookies (`web::session` sets those) and writes no
//! audit entries (the sign-in page does, in the same transaction).

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::User;
use crate::config::SessionSettings;
use crate::db::{Db, Flag, Id, Timestamp, Tx};

/// Random bytes of a secret: 256 bits cannot be guessed.
const SECRET_BYTES: usize = 32;
/// A used session is marked used again only after this share of the idle timeout has
/// passed, so reading pages does not write on every request; a session may therefore end
/// up to 1/20 of the idle timeout early (3 of 60 minutes).
const TOUCH_FRACTION: u32 = 20;

/// The secret a browser holds: of a session, or of an open sign-in form.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// What a form token vouches for: a form of a running session, or the sign-in form (whose
/// secret lives in a cookie of its own until the person has signed in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Session,
    SignIn,
}

impl Secret {
    pub fn generate() -> Secret {
        let mut bytes = [0u8; SECRET_BYTES];
        rand::thread_rng().fill_bytes(&mut bytes);
        Secret(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A secret as a cookie brings it back: exactly the shape [`Secret::generate`] makes,
    /// else none (so no odd text reaches the database).
    pub fn parse(text: &str) -> Option<Secret> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        (bytes.len() == SECRET_BYTES && URL_SAFE_NO_PAD.encode(&bytes) == text)
            .then(|| Secret(text.to_owned()))
    }

    /// The cookie's value.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How the database names the session: a 256-bit secret needs no slow hash.
    pub fn stored(&self) -> String {
        super::credentials::hash_token(&self.0)
    }

    /// The token the forms shown with this secret carry: keyed by a purpose so the sign-in
    /// form's token never passes for a session's, and distinct from the stored hash.
    pub fn form_token(&self, purpose: Purpose) -> String {
        let label: &[u8] = match purpose {
            Purpose::Session => b"quartier form token: session\0",
            Purpose::SignIn => b"quartier form token: sign-in\0",
        };
        let digest = Sha256::new()
            .chain_update(label)
            .chain_update(self.0.as_bytes())
            .finalize();
        URL_SAFE_NO_PAD.encode(digest)
    }

    /// Whether `sent` is this secret's token for `purpose`, compared as digests so the time
    /// taken says nothing about how much of it matched.
    pub fn accepts(&self, purpose: Purpose, sent: &str) -> bool {
        let digest = |t: &str| Sha256::digest(t.as_bytes());
        digest(sent) == digest(&self.form_token(purpose))
    }
}

/// Starts a session for `user_id` inside `tx` and sweeps out the sessions that have ended
/// (a handful of rows at most; no job needed). Returns the secret for the cookie.
pub async fn start(
    tx: &mut Tx,
    user_id: Id,
    now: Timestamp,
    settings: &SessionSettings,
) -> Result<Secret, sqlx::Error> {
    sqlx::query("DELETE FROM web_sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(before(now, settings.idle_timeout))
        .execute(&mut **tx)
        .await?;
    let secret = Secret::generate();
    sqlx::query(
        "INSERT INTO web_sessions (secret_hash, user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(secret.stored())
    .bind(user_id)
    .bind(now)
    .bind(after(now, settings.absolute_timeout))
    .execute(&mut **tx)
    .await?;
    Ok(secret)
}

/// Ends the session of `secret` inside `tx`; returns whose it was, if it was running.
pub async fn end(tx: &mut Tx, secret: &Secret) -> Result<Option<User>, sqlx::Error> {
    let user: Option<User> = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.role, u.municipality_id, u.organisation_id
         FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE s.secret_hash = $1",
    )
    .bind(secret.stored())
    .fetch_optional(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM web_sessions WHERE secret_hash = $1")
        .bind(secret.stored())
        .execute(&mut **tx)
        .await?;
    Ok(user)
}

#[derive(sqlx::FromRow)]
struct Running {
    #[sqlx(flatten)]
    user: User,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
}

/// The user of the session of `secret` if it is still running at `now` (neither idle too
/// long nor past its end, and its user not disabled), and marks it used. An ended session
/// is deleted on the way.
pub async fn resolve(
    db: &Db,
    secret: &Secret,
    now: Timestamp,
    settings: &SessionSettings,
) -> Result<Option<User>, sqlx::Error> {
    let hash = secret.stored();
    let running: Option<Running> = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.role, u.municipality_id, u.organisation_id,
                s.last_seen_at, s.expires_at
         FROM web_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.secret_hash = $1 AND u.disabled = $2",
    )
    .bind(&hash)
    .bind(Flag(false))
    .fetch_optional(&db.pool)
    .await?;
    let Some(running) = running else {
        return Ok(None);
    };
    if now.0 >= running.expires_at.0
        || running.last_seen_at.0 <= before(now, settings.idle_timeout).0
    {
        sqlx::query("DELETE FROM web_sessions WHERE secret_hash = $1")
            .bind(&hash)
            .execute(&db.pool)
            .await?;
        return Ok(None);
    }
    let step = settings.idle_timeout / TOUCH_FRACTION;
    if running.last_seen_at.0 <= before(now, step).0 {
        sqlx::query("UPDATE web_sessions SET last_seen_at = $2 WHERE secret_hash = $1")
            .bind(&hash)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    Ok(Some(running.user))
}

fn delta(span: Duration) -> chrono::TimeDelta {
    chrono::TimeDelta::from_std(span).unwrap_or(chrono::TimeDelta::MAX)
}

fn before(now: Timestamp, span: Duration) -> Timestamp {
    Timestamp(now.0.checked_sub_signed(delta(span)).unwrap_or(now.0))
}

fn after(now: Timestamp, span: Duration) -> Timestamp {
    Timestamp(now.0.checked_add_signed(delta(span)).unwrap_or(now.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_only_their_own_shape_parses() {
        let (a, b) = (Secret::generate(), Secret::generate());
        assert_ne!(a, b);
        assert_eq!(Secret::parse(a.as_str()), Some(a.clone()));
        for refused in [
            "",
            "abc",
            &format!("{}=", a.as_str()),
            &a.as_str()[1..],
            "é",
        ] {
            assert_eq!(Secret::parse(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn form_tokens_are_bound_to_secret_and_purpose() {
        let (a, b) = (Secret::generate(), Secret::generate());
        let token = a.form_token(Purpose::Session);
        assert!(a.accepts(Purpose::Session, &token));
        assert!(!a.accepts(Purpose::SignIn, &token));
        assert!(!b.accepts(Purpose::Session, &token));
        assert!(!a.accepts(Purpose::Session, ""));
        // Neither the cookie's value nor what the database keeps is a token.
        assert!(!a.accepts(Purpose::Session, a.as_str()));
        assert!(!a.accepts(Purpose::Session, &a.stored()));
    }
}
