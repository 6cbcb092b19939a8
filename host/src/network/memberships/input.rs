//! What a client sends to add or change a membership, its checks, and how its columns are
//! bound into the INSERT and the UPDATE alike.

use serde::Deserialize;

use crate::api::validate::Check;
use crate::db::sql::Statement;
use crate::db::{Date, Flag, Id};
use crate::error::Result;
use crate::messages::Code;
use crate::network::kinds::MemberRole;

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
    #[serde(default)]
    pub starts_on: Option<Date>,
    /// Not before `starts_on`.
    #[serde(default)]
    pub ends_on: Option<Date>,
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
        if let (Some(starts), Some(ends)) = (self.starts_on, self.ends_on) {
            c.that(ends >= starts, "/ends_on", Code::OutOfRange);
        }
        c.finish()
    }

    /// Active means not ended before today; only active memberships can collide.
    pub(super) fn is_active(&self) -> bool {
        self.ends_on.is_none_or(|end| end >= Date::today())
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
        .bind(input.starts_on)
        .bind(input.ends_on)
        .bind(input.on_behalf_of_id)
}
