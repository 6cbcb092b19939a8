//! What a client sends to add or change a membership, its checks, and how its columns are
//! bound into the INSERT and the UPDATE alike.

use serde::Deserialize;

use super::dates::date;
use crate::api::validate::Check;
use crate::db::sql::Statement;
use crate::db::{Flag, Id};
use crate::error::Result;
use crate::messages::Code;
use crate::network::kinds::MemberRole;
use crate::network::today;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipInput {
    /// A host-wide organisation; this and/or `person_id` is required.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    /// A person of this municipality.
    #[serde(default)]
    pub person_id: Option<Id>,
    #[serde(default = "mitglied")]
    pub role: MemberRole,
    #[serde(default)]
    pub voting_right: bool,
    /// YYYY-MM-DD
    #[serde(default)]
    pub starts_on: Option<String>,
    /// YYYY-MM-DD, not before `starts_on`.
    #[serde(default)]
    pub ends_on: Option<String>,
    #[serde(default)]
    pub on_behalf_of_id: Option<Id>,
}

fn mitglied() -> MemberRole {
    MemberRole::Mitglied
}

impl MembershipInput {
    pub(super) fn check(&self) -> Result<()> {
        let mut c = Check::new();
        c.that(
            self.organisation_id.is_some() || self.person_id.is_some(),
            "/organisation_id",
            Code::Required,
        );
        let starts = date(&mut c, "/starts_on", self.starts_on.as_deref());
        let ends = date(&mut c, "/ends_on", self.ends_on.as_deref());
        if let (Some(starts), Some(ends)) = (starts, ends) {
            c.that(ends >= starts, "/ends_on", Code::OutOfRange);
        }
        c.finish()
    }

    /// Active means not ended before today; only active memberships can collide.
    pub(super) fn is_active(&self) -> bool {
        self.ends_on
            .as_deref()
            .is_none_or(|e| e >= today().as_str())
    }
}

/// Binds the input's columns (`organisation_id` … `on_behalf_of_id`), in the order that both
/// the INSERT (`rules::insert`) and the UPDATE list them, so the two cannot drift apart.
pub(super) fn bind_fields<'q>(statement: Statement<'q>, input: &MembershipInput) -> Statement<'q> {
    statement
        .bind(input.organisation_id)
        .bind(input.person_id)
        .bind(input.role.as_str())
        .bind(Flag(input.voting_right))
        .bind(&input.starts_on)
        .bind(&input.ends_on)
        .bind(input.on_behalf_of_id)
}
