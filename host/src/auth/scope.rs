//! Resolves the municipality named in the path and the caller's level inside it.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

use super::{Caller, Role};
use crate::db::Id;
use crate::error::Error;
use crate::messages::Code;
use crate::state::AppState;

/// What a caller may do inside one municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Anonymous, or a user of another municipality: public bodies and meetings only.
    Public,
    /// A member or jury user: public bodies plus those their organisation belongs to.
    Member { organisation_id: Option<Id> },
    /// Neighbourhood managers, the coordination and host admins: everything, and may edit.
    Staff,
}

/// The municipality of a `/municipalities/{municipality}/…` route, with the caller's level.
#[derive(Clone, Debug)]
pub struct Scope {
    pub municipality_id: Id,
    pub slug: String,
    pub caller: Caller,
    pub level: Level,
}

impl Scope {
    pub fn is_staff(&self) -> bool {
        self.level == Level::Staff
    }

    /// Refuses anyone but staff: 401 for anonymous callers, 403 for the rest.
    pub fn require_staff(&self) -> Result<(), Error> {
        match (&self.caller.0, self.level) {
            (_, Level::Staff) => Ok(()),
            (None, _) => Err(Error::client(Code::Unauthenticated)),
            (Some(_), _) => Err(Error::client(Code::Forbidden)),
        }
    }

    /// Refuses anyone but the coordination of this municipality or a host admin.
    pub fn require_coordinator(&self) -> Result<(), Error> {
        self.require_staff()?;
        match self.caller.0.as_ref().map(|u| u.role) {
            Some(Role::Admin | Role::Coordinator) => Ok(()),
            _ => Err(Error::client(Code::Forbidden)),
        }
    }

    /// The organisation a member-level caller acts for.
    pub fn member_organisation(&self) -> Option<Id> {
        match self.level {
            Level::Member { organisation_id } => organisation_id,
            _ => None,
        }
    }
}

impl FromRequestParts<AppState> for Scope {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| Error::NotFound)?;
        let slug = params
            .iter()
            .find(|(name, _)| *name == "municipality")
            .map(|(_, value)| value.to_owned())
            .ok_or(Error::NotFound)?;
        let caller = Caller::from_request_parts(parts, state).await?;
        Scope::for_caller(state, slug, caller).await
    }
}

impl Scope {
    /// The municipality `slug` as `caller` sees it (404 for an unknown slug): the one rule
    /// for the API's callers and the signed-in pages' sessions alike.
    pub async fn for_caller(
        state: &AppState,
        slug: String,
        caller: Caller,
    ) -> Result<Scope, Error> {
        let municipality_id = municipality_id(state, &slug).await?;
        let level = match &caller.0 {
            Some(u) if u.role == Role::Admin => Level::Staff,
            Some(u) if u.municipality_id == Some(municipality_id) => match u.role {
                Role::Coordinator | Role::Qm => Level::Staff,
                Role::Member | Role::Jury => Level::Member {
                    organisation_id: u.organisation_id,
                },
                Role::Admin | Role::Centre => Level::Public,
            },
            _ => Level::Public,
        };
        Ok(Scope {
            municipality_id,
            slug,
            caller,
            level,
        })
    }
}

/// Resolves a slug, from the cache when possible. Unknown slugs are not cached, so a
/// municipality created by another process is found at once.
async fn municipality_id(state: &AppState, slug: &str) -> Result<Id, Error> {
    if let Some(id) = state
        .slugs
        .read()
        .ok()
        .and_then(|cache| cache.get(slug).copied())
    {
        return Ok(id);
    }
    let id: Id = sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    if let Ok(mut cache) = state.slugs.write() {
        cache.insert(slug.to_owned(), id);
    }
    Ok(id)
}
