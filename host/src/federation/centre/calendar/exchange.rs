//! The centre's own exchange meetings (*Austauschtreffen für Quartiersmanager_innen*, twice a
//! year): the meetings of the public bodies of kind `austauschtreffen` of the centre's own
//! municipality (`comparison::tenant`), from the centre's own tables. Its staff plan them on
//! the meeting pages like any body's; the joint calendar shows them above the sites'.

use crate::db::{Db, Id, Timestamp};
use crate::network::kinds::{BodyKind, MeetingState};

/// An exchange meeting as the joint calendar shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExchangeMeeting {
    pub body_id: Id,
    pub body: String,
    /// The centre's municipality, whose public pages show the body.
    pub slug: String,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Option<Timestamp>,
    pub location: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: MeetingState,
}

/// The exchange meetings from `from` on, the first first, at most `limit`; none while the
/// centre names no municipality of its own.
pub async fn upcoming(db: &Db, from: Timestamp, limit: i64) -> sqlx::Result<Vec<ExchangeMeeting>> {
    sqlx::query_as(
        "SELECT b.id AS body_id, b.name AS body, mu.slug, m.title, m.starts_at, m.ends_at,
                m.location, m.state
         FROM meetings m
         JOIN bodies b ON b.id = m.body_id
         JOIN federation_centre_tenant t ON t.municipality_id = m.municipality_id
         JOIN municipalities mu ON mu.id = m.municipality_id
         WHERE b.kind = $1 AND b.public = 1 AND m.starts_at >= $2
         ORDER BY m.starts_at, m.title LIMIT $3",
    )
    .bind(BodyKind::Austauschtreffen.as_str())
    .bind(from)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
