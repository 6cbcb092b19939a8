//! Writing a received concern: the row, the reporter's contact, the first event and the
//! audit entry, as one job of a group commit ([`crate::db::group`]), so concerns submitted at
//! the same moment share a transaction.

use serde::Deserialize;
use sqlx::AnyConnection;

use super::routing::ProposalKind;
use super::workflow::{ConcernSource, ConcernState};
use crate::api::validate::blank_to_none;
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::group::{BoxFuture, Job};
use crate::db::{Flag, Id, Timestamp};
use crate::forms::ReviewState;

/// The reporter's contact as the form carries it (`/reporter`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Reporter {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub may_contact: bool,
}

impl Reporter {
    /// Whether there is anything to keep: a name, an e-mail address or a phone number.
    pub fn has_contact(&self) -> bool {
        [&self.name, &self.email, &self.phone]
            .iter()
            .any(|f| f.as_deref().is_some_and(|v| !v.trim().is_empty()))
    }
}

/// A concern's row as it is inserted, with everything stored beside it.
pub(super) struct NewConcern {
    pub scope: Scope,
    pub id: Id,
    pub reference: String,
    pub token_hash: String,
    pub source: ConcernSource,
    pub category: String,
    pub area: Option<String>,
    pub form_data: String,
    pub review_state: ReviewState,
    pub review_reason: Option<String>,
    pub warnings: String,
    pub proposal_kind: Option<ProposalKind>,
    pub proposed_department: Option<String>,
    pub proposed_organisation: Option<Id>,
    pub proposal_reason: Option<String>,
    pub received_at: Timestamp,
    pub app: Option<Id>,
    pub reporter: Option<Reporter>,
}

impl Job for NewConcern {
    fn run<'c>(&'c self, conn: &'c mut AnyConnection) -> BoxFuture<'c, Result<(), sqlx::Error>> {
        Box::pin(self.insert(conn))
    }
}

impl NewConcern {
    async fn insert(&self, conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
        let now = Timestamp::now();
        sqlx::query(
            "INSERT INTO concerns (id, municipality_id, reference, status_token_hash, source,
                 category, area, form_data, review_state, review_reason, warnings, proposal_kind,
                 proposed_department, proposed_organisation_id, proposal_reason, state,
                 received_at, open311_client_id, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                     $18, 1, $19, $19)",
        )
        .bind(self.id)
        .bind(self.scope.municipality_id)
        .bind(&self.reference)
        .bind(&self.token_hash)
        .bind(self.source.as_str())
        .bind(&self.category)
        .bind(self.area.as_deref())
        .bind(&self.form_data)
        .bind(self.review_state.as_str())
        .bind(self.review_reason.as_deref())
        .bind(&self.warnings)
        .bind(self.proposal_kind.map(ProposalKind::as_str))
        .bind(self.proposed_department.as_deref())
        .bind(self.proposed_organisation)
        .bind(self.proposal_reason.as_deref())
        .bind(ConcernState::Eingegangen.as_str())
        .bind(self.received_at)
        .bind(self.app)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        if let Some(reporter) = &self.reporter {
            self.insert_reporter(conn, reporter).await?;
        }
        super::transitions::record_event(
            conn,
            &self.scope,
            self.id,
            None,
            ConcernState::Eingegangen,
            None,
        )
        .await?;
        record_change(
            conn,
            &self.scope,
            Action::Create,
            ObjectKind::Concern,
            self.id,
        )
        .await
    }

    async fn insert_reporter(
        &self,
        conn: &mut AnyConnection,
        r: &Reporter,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO concern_reporters (concern_id, municipality_id, name, email, phone,
                                            may_contact)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.id)
        .bind(self.scope.municipality_id)
        .bind(blank_to_none(&r.name))
        .bind(blank_to_none(&r.email))
        .bind(blank_to_none(&r.phone))
        .bind(Flag(r.may_contact))
        .execute(conn)
        .await?;
        Ok(())
    }
}
