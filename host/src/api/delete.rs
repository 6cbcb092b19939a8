//! Deleting an object nothing refers to any more, the way every `DELETE` route does it: in
//! one transaction count the references that keep the object (409 `in_use`), remove the
//! rows that are part of it, delete it (404 if it is gone meanwhile) and audit the deletion.
//!
//! The route passes its load of the object as the caller sees it: a caller learns that an
//! object is missing (404) before that it may not delete it (403), as on every other route
//! of the object, and only staff delete. Deletions with conditions of their own (a meeting only while planned, a
//! project only as an idea) are not this shape and keep their own statements.

use axum::http::StatusCode;

use crate::audit::{self, Action, ObjectKind};
use crate::auth::Scope;
use crate::db::sql::trusted;
use crate::db::{Db, Id, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;

/// What deleting one kind of object involves. Every text is written in code, never taken
/// from input; in each statement `$1` is the object's id.
#[derive(Debug)]
pub struct Deletion {
    /// The object's table.
    pub table: &'static str,
    /// How the audit log names the object.
    pub kind: ObjectKind,
    /// `SELECT COUNT(*) …` of the references that keep the object, if anything can.
    pub uses: Option<&'static str>,
    /// Statements removing the rows that are part of the object, run before it goes.
    pub parts: &'static [&'static str],
}

impl Deletion {
    /// Deletes object `id` of the scope's municipality for staff, once `visible` (the route's
    /// load of the object for this caller) found it; 204 when done.
    #[tracing::instrument(skip_all, fields(municipality = %scope.slug, table = self.table, id = %id), err(level = "info"))]
    pub async fn run<T>(
        &self,
        db: &Db,
        scope: &Scope,
        id: Id,
        visible: impl Future<Output = Result<T>>,
    ) -> Result<StatusCode> {
        visible.await?;
        scope.require_staff()?;
        let mut tx = db.begin().await?;
        self.remove(&mut tx, id, Some(scope.municipality_id))
            .await?;
        audit::record_change(&mut tx, scope, Action::Delete, self.kind, id).await?;
        tx.commit().await?;
        Ok(StatusCode::NO_CONTENT)
    }

    /// Deletes a host-wide object (one without a municipality, like an organisation) inside
    /// the caller's transaction; the caller decides who may and writes the audit entries.
    pub async fn remove_host_wide(&self, tx: &mut Tx, id: Id) -> Result<()> {
        self.remove(tx, id, None).await
    }

    async fn remove(&self, tx: &mut Tx, id: Id, municipality: Option<Id>) -> Result<()> {
        if let Some(uses) = self.uses {
            let count: i64 = sqlx::query_scalar(uses)
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
            if count > 0 {
                return Err(Error::client(Code::InUse));
            }
        }
        for part in self.parts {
            sqlx::query(*part).bind(id).execute(&mut **tx).await?;
        }
        let table = self.table;
        let deleted = match municipality {
            Some(m) => {
                let sql = format!("DELETE FROM {table} WHERE id = $1 AND municipality_id = $2");
                sqlx::query(trusted(sql)).bind(id).bind(m)
            }
            None => sqlx::query(trusted(format!("DELETE FROM {table} WHERE id = $1"))).bind(id),
        }
        .execute(&mut **tx)
        .await?;
        if deleted.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }
}
