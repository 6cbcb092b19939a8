//! Who is calling, and what they may see in one municipality.
//!
//! A caller is anonymous or a user (found by a hashed API token, or on the signed-in pages by
//! a browser session, [`sessions`]). Municipal routes carry the
//! municipality in the path; [`Scope`] resolves it and the caller's [`Level`] there. Users of
//! another municipality get the anonymous view, so another tenant's non-public object is
//! indistinguishable from a missing one; [`tenancy`] holds the checks every feature makes
//! with ids from input. This module knows nothing about features.

pub mod credentials;
mod scope;
pub mod sessions;
pub mod sso;
mod tenancy;

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use serde::{Deserialize, Serialize};

use crate::db::{Flag, Id, Timestamp};
use crate::error::Error;
use crate::messages::Code;
use crate::state::AppState;

pub use scope::{Level, Scope};
pub use tenancy::{
    Table, check_organisation, check_reference, claim_version, stale_or_missing, touched_or_stale,
    update_versioned,
};

/// Roles (docs/architecture.md, "Security and privacy").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the host; may act in every municipality.
    Admin,
    /// The municipality's *städtische Koordination*: manages its data, users and plugins.
    Coordinator,
    /// A neighbourhood manager (*Quartiersmanager:in*) of the municipality.
    Qm,
    /// A person of a partner organisation in the municipality's networks.
    Member,
    /// A member of a jury or council deciding fund applications.
    Jury,
    /// A regional service centre (like HEGISS) receiving exchange data.
    Centre,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Qm => "qm",
            Role::Member => "member",
            Role::Jury => "jury",
            Role::Centre => "centre",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
            format!("unknown role {s:?} (admin, coordinator, qm, member, jury, centre)")
        })
    }
}

/// A signed-in user as far as access decisions need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct User {
    pub id: Id,
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub municipality_id: Option<Id>,
    pub organisation_id: Option<Id>,
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(s: String) -> Result<Role, String> {
        s.parse()
    }
}

/// The caller of a request: `None` is anonymous.
#[derive(Clone, Debug, Default)]
pub struct Caller(pub Option<User>);

impl Caller {
    /// How the audit log names the actor.
    pub fn label(&self) -> String {
        self.0
            .as_ref()
            .map_or_else(|| "anonym".to_owned(), |u| u.username.clone())
    }
    pub fn id(&self) -> Option<Id> {
        self.0.as_ref().map(|u| u.id)
    }
    pub fn is_admin(&self) -> bool {
        self.0.as_ref().is_some_and(|u| u.role == Role::Admin)
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Caller(None));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Error::client(Code::Unauthenticated))?;
        let user = sqlx::query_as::<_, User>(
            "SELECT u.id, u.username, u.display_name, u.role, u.municipality_id, u.organisation_id
             FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND u.disabled = $2
               AND (t.expires_at IS NULL OR t.expires_at > $3)",
        )
        .bind(credentials::hash_token(token.trim()))
        .bind(Flag(false))
        .bind(Timestamp::now())
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(Error::client(Code::Unauthenticated))?;
        let caller = Caller(Some(user));
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}
