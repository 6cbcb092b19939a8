//! The site's shared items: released by the municipality's coordination, withdrawn by it,
//! each change a new revision whose message is enqueued for the centre in the same
//! transaction ([`super::outbox`]) — so what the coordination sees released is what the
//! centre will list, and a withdrawal is never lost. An attachment (a PDF) is a revision of
//! its own that carries the whole release again.

use std::num::NonZeroU32;

use serde::Serialize;

use super::item::{Attachment, FORMAT, Item, ItemKind, ItemMessage, Release};
use super::outbox;
use crate::api::page::{Page, PageParams};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Date, Db, Id, Sql, Timestamp};
use crate::error::{Error, Result};
use crate::federation::bundle::SiteId;
use crate::federation::outbox::OutboxState;
use crate::messages::Code;

/// A shared item as its site's staff see it, with how far its latest revision got.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct SharedItem {
    pub id: Id,
    #[sqlx(try_from = "String")]
    pub kind: ItemKind,
    pub title: String,
    pub summary: String,
    pub field_of_action: Option<String>,
    #[sqlx(rename = "item_date")]
    pub date: Option<Date>,
    pub place: Option<String>,
    /// The file name of the PDF that goes with it, if any.
    pub attachment_name: Option<String>,
    /// Grows with each release, attachment or withdrawal.
    pub revision: i64,
    pub released_at: Timestamp,
    /// When the coordination took it back out of the catalogue.
    pub withdrawn_at: Option<Timestamp>,
    /// Whether the centre acknowledged the latest revision.
    #[sqlx(try_from = "String")]
    pub delivery: OutboxState,
    /// Why the last attempt to deliver it failed, if it did.
    pub last_error: Option<String>,
}

const COLUMNS: &str = "i.id, i.kind, i.title, i.summary, i.field_of_action, i.item_date,
    i.place, i.attachment_name, i.revision, i.released_at, i.withdrawn_at,
    o.state AS delivery, o.last_error";

/// Each item with the outbox row of its latest revision.
const FROM: &str = "FROM shared_items i
    JOIN federation_item_outbox o ON o.item_id = i.id AND o.revision = i.revision";

/// Releases `item` of `scope`'s municipality as the site `site`: stored, audited and
/// enqueued for the centre in one transaction.
pub async fn release(db: &Db, scope: &Scope, site: &SiteId, item: Item) -> Result<SharedItem> {
    let id = Id::new();
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO shared_items (id, municipality_id, kind, title, summary, field_of_action,
             item_date, place, revision, released_by, released_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(item.kind.as_str())
    .bind(&item.title)
    .bind(&item.summary)
    .bind(&item.field_of_action)
    .bind(item.date)
    .bind(&item.place)
    .bind(scope.caller.0.as_ref().map(|u| u.id))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let release = Release {
        released_on: Date::from_naive(now.0.date_naive()),
        item,
        attachment: None,
    };
    let message = message(scope, site, id, NonZeroU32::MIN, Some(release));
    outbox::enqueue(&mut tx, &message).await?;
    record_change(&mut tx, scope, Action::Create, ObjectKind::SharedItem, id).await?;
    tx.commit().await?;
    get(db, scope, id).await
}

/// Takes item `id` out of the centre's catalogue: the next revision, carrying no content.
/// An item withdrawn before stays as it is; another municipality's item is missing (404).
/// The revision is taken by one conditional update, so two withdrawals at once make one.
pub async fn withdraw(db: &Db, scope: &Scope, site: &SiteId, id: Id) -> Result<SharedItem> {
    let mut tx = db.begin().await?;
    let taken: Option<i64> = sqlx::query_scalar(
        "UPDATE shared_items SET revision = revision + 1, withdrawn_at = $1
         WHERE id = $2 AND municipality_id = $3 AND withdrawn_at IS NULL
         RETURNING revision",
    )
    .bind(Timestamp::now())
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(revision) = taken {
        let revision = next_revision(id, revision)?;
        outbox::enqueue(&mut tx, &message(scope, site, id, revision, None)).await?;
        record_change(&mut tx, scope, Action::Update, ObjectKind::SharedItem, id).await?;
        tx.commit().await?;
    }
    get(db, scope, id).await
}

/// Attaches `attachment` to item `id` (replacing one attached before): the next revision,
/// carrying the whole release again. 404 for another municipality's item or none, 409
/// `shared_item_withdrawn` for a withdrawn one.
pub async fn attach(
    db: &Db,
    scope: &Scope,
    site: &SiteId,
    id: Id,
    attachment: Attachment,
) -> Result<SharedItem> {
    let mut tx = db.begin().await?;
    let taken: Option<i64> = sqlx::query_scalar(
        "UPDATE shared_items SET revision = revision + 1, attachment_name = $1, attachment = $2
         WHERE id = $3 AND municipality_id = $4 AND withdrawn_at IS NULL
         RETURNING revision",
    )
    .bind(&attachment.name)
    .bind(&attachment.content)
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(revision) = taken else {
        drop(tx);
        get(db, scope, id).await?;
        return Err(Error::client(Code::SharedItemWithdrawn));
    };
    let revision = next_revision(id, revision)?;
    let row: StoredRelease = sqlx::query_as(
        "SELECT kind, title, summary, field_of_action, item_date, place, released_at
         FROM shared_items WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let release = row.into_release(Some(attachment));
    outbox::enqueue(&mut tx, &message(scope, site, id, revision, Some(release))).await?;
    record_change(&mut tx, scope, Action::Update, ObjectKind::SharedItem, id).await?;
    tx.commit().await?;
    get(db, scope, id).await
}

/// An item's release as stored, to send again with a new attachment.
#[derive(sqlx::FromRow)]
struct StoredRelease {
    #[sqlx(try_from = "String")]
    kind: ItemKind,
    title: String,
    summary: String,
    field_of_action: Option<String>,
    item_date: Option<Date>,
    place: Option<String>,
    released_at: Timestamp,
}

impl StoredRelease {
    fn into_release(self, attachment: Option<Attachment>) -> Release {
        Release {
            released_on: Date::from_naive(self.released_at.0.date_naive()),
            item: Item {
                kind: self.kind,
                title: self.title,
                summary: self.summary,
                field_of_action: self.field_of_action,
                date: self.item_date,
                place: self.place,
            },
            attachment,
        }
    }
}

/// A revision taken by an update as the message carries it.
fn next_revision(id: Id, revision: i64) -> Result<NonZeroU32> {
    u32::try_from(revision)
        .ok()
        .and_then(NonZeroU32::new)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("revision {revision} of {id:?}")))
}

/// Item `id` of `scope`'s municipality, for its staff; 404 for anyone else, exactly like a
/// missing item.
pub async fn get(db: &Db, scope: &Scope, id: Id) -> Result<SharedItem> {
    if !scope.is_staff() {
        return Err(Error::NotFound);
    }
    // Constant parts only: the columns and the join.
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE i.id = $1 AND i.municipality_id = $2"
    )))
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(Error::NotFound)
}

/// A page of `scope`'s municipality's items, the latest released first.
pub async fn list(db: &Db, scope: &Scope, page: PageParams) -> Result<Page<SharedItem>> {
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total {FROM} WHERE i.municipality_id = {m}
         ORDER BY i.released_at DESC, i.id DESC"
    ));
    Ok(Page::fetch(sql, page, &db.pool).await?)
}

fn message(
    scope: &Scope,
    site: &SiteId,
    id: Id,
    revision: NonZeroU32,
    release: Option<Release>,
) -> ItemMessage {
    ItemMessage {
        format: FORMAT,
        site: site.clone(),
        municipality: scope.slug.clone(),
        id,
        revision,
        release,
    }
}
