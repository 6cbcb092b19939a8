//! The site registry of the centre: each site enrolled with its public key, pinned by its
//! fingerprint, and trusted only once the centre's operator accepted it
//! (`quartier federation accept`). A pending site's deliveries are refused exactly like an
//! unknown key's.

use sqlx::AnyConnection;

use crate::db::sql::trusted;
use crate::db::{Db, Id, Timestamp};
use crate::federation::bundle::SiteId;
use crate::federation::site_key::{Fingerprint, SitePublicKey};

crate::text_enum! {
    /// Where a site's enrolment stands.
    pub enum SiteState {
        /// Enrolled, its fingerprint not yet compared and accepted: nothing is trusted.
        Pending = ("pending", "wartet auf Bestätigung"),
        /// Accepted by the centre's operator: its signed deliveries are taken.
        Accepted = ("accepted", "bestätigt"),
    }
}

/// An enrolled site as the centre keeps it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Site {
    pub id: Id,
    pub name: String,
    /// The ed25519 public key, base64.
    pub public_key: String,
    /// `sha256:` and hex, as a signature's `keyid` names it.
    pub fingerprint: String,
    #[sqlx(try_from = "String")]
    pub state: SiteState,
    pub created_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
}

impl Site {
    /// The pinned key (`None` only if the stored text was damaged).
    pub fn key(&self) -> Option<SitePublicKey> {
        SitePublicKey::from_base64(&self.public_key)
    }
}

/// Why an enrolment or an acceptance was refused (German, for the person doing it).
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("Dieser Schlüssel ist bereits angemeldet (Fingerabdruck {0}).")]
    AlreadyEnrolled(String),
    #[error("Kein wartender Standort hat den Fingerabdruck {0} (siehe quartier federation sites).")]
    NoPendingSite(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Enrols a site as pending: its key is stored, nothing of it is trusted yet. A key that
/// is or was a site's is refused (the unique fingerprint decides between two at once).
pub async fn enrol(db: &Db, name: &SiteId, key: SitePublicKey) -> Result<Site, RegistryError> {
    let fingerprint = key.fingerprint().to_string();
    if key_known(&mut *db.pool.acquire().await?, &fingerprint).await? {
        return Err(RegistryError::AlreadyEnrolled(fingerprint));
    }
    let inserted = sqlx::query(
        "INSERT INTO federation_sites (id, name, public_key, fingerprint, state, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Id::new())
    .bind(name.as_str())
    .bind(key.to_base64())
    .bind(&fingerprint)
    .bind(SiteState::Pending.as_str())
    .bind(Timestamp::now())
    .execute(&db.pool)
    .await;
    match inserted {
        Err(e)
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation()) =>
        {
            Err(RegistryError::AlreadyEnrolled(fingerprint))
        }
        Err(e) => Err(e.into()),
        Ok(_) => Ok(by_fingerprint(db, &fingerprint)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?),
    }
}

/// A site's columns, as [`Site`] reads them.
const SELECT: &str = "SELECT id, name, public_key, fingerprint, state, created_at, accepted_at
     FROM federation_sites";

/// The site whose current key has this fingerprint, in whatever state.
pub async fn by_fingerprint(db: &Db, fingerprint: &str) -> Result<Option<Site>, sqlx::Error> {
    sqlx::query_as(trusted(format!("{SELECT} WHERE fingerprint = $1")))
        .bind(fingerprint)
        .fetch_optional(&db.pool)
        .await
}

/// The site with this id, in whatever state.
pub async fn by_id(db: &Db, id: Id) -> Result<Option<Site>, sqlx::Error> {
    sqlx::query_as(trusted(format!("{SELECT} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Whether the key with this fingerprint is or was any site's (current, or replaced in a
/// rotation): a key belongs to one site, once.
pub async fn key_known(conn: &mut AnyConnection, fingerprint: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT fingerprint FROM federation_sites WHERE fingerprint = $1
         UNION ALL
         SELECT fingerprint FROM federation_previous_keys WHERE fingerprint = $1",
    )
    .bind(fingerprint)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// How many sites wait for the operator.
pub async fn pending_count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM federation_sites WHERE state = $1")
        .bind(SiteState::Pending.as_str())
        .fetch_one(&db.pool)
        .await
}

/// Every enrolled site, the oldest first.
pub async fn list(db: &Db) -> Result<Vec<Site>, sqlx::Error> {
    sqlx::query_as(trusted(format!("{SELECT} ORDER BY created_at, id")))
        .fetch_all(&db.pool)
        .await
}

/// Accepts the pending site with this fingerprint (`sha256:…`, or as people read it, in
/// groups of four hex digits): from now on its signed deliveries are taken.
pub async fn accept(db: &Db, fingerprint: &str) -> Result<Site, RegistryError> {
    let fingerprint = normalise(fingerprint);
    let accepted = sqlx::query(
        "UPDATE federation_sites SET state = $1, accepted_at = $2
         WHERE fingerprint = $3 AND state = $4",
    )
    .bind(SiteState::Accepted.as_str())
    .bind(Timestamp::now())
    .bind(&fingerprint)
    .bind(SiteState::Pending.as_str())
    .execute(&db.pool)
    .await?
    .rows_affected();
    if accepted == 0 {
        return Err(RegistryError::NoPendingSite(fingerprint));
    }
    Ok(by_fingerprint(db, &fingerprint)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?)
}

/// Removes the pending site with this fingerprint: an enrolment the operator did not
/// recognise on the second channel, or one of a script filling the pending list. Only a
/// pending site goes — it has delivered nothing — so the key may enrol again later.
pub async fn reject(db: &Db, fingerprint: &str) -> Result<Site, RegistryError> {
    let fingerprint = normalise(fingerprint);
    let site = by_fingerprint(db, &fingerprint)
        .await?
        .filter(|site| site.state == SiteState::Pending)
        .ok_or_else(|| RegistryError::NoPendingSite(fingerprint.clone()))?;
    let removed = sqlx::query("DELETE FROM federation_sites WHERE id = $1 AND state = $2")
        .bind(site.id)
        .bind(SiteState::Pending.as_str())
        .execute(&db.pool)
        .await?
        .rows_affected();
    if removed == 0 {
        // Accepted by another operator in the meantime: it stays.
        return Err(RegistryError::NoPendingSite(fingerprint));
    }
    Ok(site)
}

/// `sha256:` and 64 lower-case hex digits from what a person typed: with or without the
/// prefix, in groups, in either case.
pub fn normalise(typed: &str) -> String {
    let hex: String = typed
        .trim()
        .trim_start_matches("sha256:")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    format!("sha256:{hex}")
}

/// A fingerprint for people: groups of four, as `quartier federation key` shows it.
pub fn for_people(site: &Site) -> String {
    site.key()
        .map(|key| key.fingerprint())
        .map_or_else(|| site.fingerprint.clone(), Fingerprint::for_people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_fingerprint_is_read_in_any_grouping() {
        let canonical = format!("sha256:{}", "ab12".repeat(16));
        assert_eq!(normalise(&canonical), canonical);
        let grouped =
            "AB12 AB12 AB12 AB12 AB12 AB12 AB12 AB12\nAB12 AB12 AB12 AB12 AB12 AB12 AB12 AB12";
        assert_eq!(normalise(grouped), canonical);
    }
}
