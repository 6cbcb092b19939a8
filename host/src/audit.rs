//! The audit log: who changed what, and who read a person's personal data.
//!
//! Entries are written in the same transaction as the change they record, so a change
//! without its entry (or the reverse) cannot happen.

use serde::Serialize;

use crate::auth::{Caller, Scope};
use crate::db::{Id, Timestamp, Tx};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    /// Personal data of a person was shown to the caller.
    ReadPersonal,
    /// Personal data was erased on request.
    Erase,
    Approve,
    Refuse,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::ReadPersonal => "read_personal",
            Action::Erase => "erase",
            Action::Approve => "approve",
            Action::Refuse => "refuse",
        }
    }
}

/// Records one entry. Pass a transaction to tie it to a change, or the pool for reads.
pub async fn record<'e, E>(
    executor: E,
    municipality_id: Option<Id>,
    caller: &Caller,
    action: Action,
    object_kind: &str,
    object_id: Id,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (id, municipality_id, actor_id, actor, action, object_kind, object_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Id::new())
    .bind(municipality_id)
    .bind(caller.id())
    .bind(caller.label())
    .bind(action.as_str())
    .bind(object_kind)
    .bind(object_id)
    .bind(Timestamp::now())
    .execute(executor)
    .await?;
    Ok(())
}

/// Records a change to an object of the scope's municipality inside its transaction.
pub async fn record_change(
    tx: &mut Tx,
    scope: &Scope,
    action: Action,
    object_kind: &str,
    object_id: Id,
) -> Result<(), sqlx::Error> {
    let municipality = Some(scope.municipality_id);
    record(
        &mut **tx,
        municipality,
        &scope.caller,
        action,
        object_kind,
        object_id,
    )
    .await
}

/// One audit entry as the coordination sees it.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Entry {
    pub id: Id,
    pub actor: String,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub at: Timestamp,
}
