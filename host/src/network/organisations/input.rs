//! What a client sends to create or change an organisation, and its checks.

use serde::Deserialize;

use super::OrganisationSummary;
use crate::api::validate::{Check, NAME_MAX, blank_to_none};
use crate::db::Id;
use crate::error::Result;
use crate::messages::Code;
use crate::network::kinds::OrganisationKind;

/// Longest phone number text, room for an extension and a note like "(Zentrale)".
const PHONE_MAX: usize = 50;
/// Longest postal address, a few lines.
const ADDRESS_MAX: usize = 500;
/// Areas of activity per organisation; a city-wide organisation may name every area.
const AREAS_MAX: usize = 200;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: OrganisationKind,
    #[serde(default)]
    pub parent_id: Option<Id>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// `http://` or `https://` address.
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// Areas of activity (ids of areas of any municipality). Staff set only their own
    /// municipality's areas; the others' stay as they are, named here or not.
    #[serde(default)]
    pub area_ids: Vec<Id>,
}

impl OrganisationInput {
    /// Whether this input changes the master data of `current` (everything but the areas of
    /// activity), compared as stored: trimmed, blanks as none.
    pub(super) fn changes_master_data(&self, current: &OrganisationSummary) -> bool {
        current.name != self.name.trim()
            || current.kind != self.kind
            || current.parent_id != self.parent_id
            || current.email.as_deref() != blank_to_none(&self.email)
            || current.phone.as_deref() != blank_to_none(&self.phone)
            || current.website.as_deref() != blank_to_none(&self.website)
            || current.address.as_deref() != blank_to_none(&self.address)
    }

    pub(super) fn check(&self) -> Result<()> {
        let mut c = Check::new();
        c.name("/name", &self.name);
        c.email("/email", self.email.as_deref());
        c.optional_text("/phone", self.phone.as_deref(), PHONE_MAX);
        c.optional_text("/website", self.website.as_deref(), NAME_MAX);
        c.that(
            self.website.as_deref().is_none_or(plausible_website),
            "/website",
            Code::Invalid,
        );
        c.optional_text("/address", self.address.as_deref(), ADDRESS_MAX);
        c.that(
            self.area_ids.len() <= AREAS_MAX,
            "/area_ids",
            Code::OutOfRange,
        );
        c.finish()
    }
}

/// A web address people can click: http(s) only, so no `javascript:` links end up in pages.
fn plausible_website(url: &str) -> bool {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.chars().any(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_are_http_addresses_only() {
        assert!(plausible_website("https://www.awo-aachen.de"));
        assert!(plausible_website("http://example.org/pfad"));
        for bad in [
            "javascript:alert(1)",
            "www.awo.de",
            "https://",
            "https://a b.de",
        ] {
            assert!(!plausible_website(bad), "{bad}");
        }
    }
}
