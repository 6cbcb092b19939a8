//! What each caller sees of a person: the stored row, the full record staff get, and the
//! summary that lists carry and non-staff callers see. Erasure hides the personal fields.

use serde::Serialize;

use crate::db::{Flag, Id, Timestamp};

/// A person as stored.
#[derive(sqlx::FromRow)]
pub(super) struct PersonRow {
    pub(super) id: Id,
    pub(super) organisation_id: Option<Id>,
    pub(super) name: String,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub(super) listed_publicly: bool,
    #[sqlx(try_from = "Flag")]
    pub(super) may_contact: bool,
    pub(super) erased_at: Option<Timestamp>,
    pub(super) version: i64,
    pub(super) created_at: Timestamp,
    pub(super) updated_at: Timestamp,
}

/// A person as staff see it. After erasure the personal fields (name, organisation, email,
/// phone) are absent and `erased` is true.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Person {
    pub id: Id,
    pub erased: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erased_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation_id: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Consent to be listed publicly (name and organisation).
    pub listed_publicly: bool,
    /// Consent to be contacted.
    pub may_contact: bool,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl From<PersonRow> for Person {
    fn from(p: PersonRow) -> Person {
        let kept = p.erased_at.is_none();
        Person {
            id: p.id,
            erased: !kept,
            erased_at: p.erased_at,
            name: kept.then_some(p.name),
            organisation_id: p.organisation_id.filter(|_| kept),
            email: p.email.filter(|_| kept),
            phone: p.phone.filter(|_| kept),
            listed_publicly: p.listed_publicly,
            may_contact: p.may_contact,
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A person in a list, and what non-staff see of a publicly listed person: `id`, `name` and
/// `organisation_id` only. Staff also get the consents and `erased`.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct PersonSummary {
    pub id: Id,
    /// Absent after erasure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub organisation_id: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listed_publicly: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub may_contact: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erased: Option<bool>,
}

impl PersonSummary {
    /// The summary of `p`; the consents and `erased` only for staff.
    pub(super) fn of(p: PersonRow, staff: bool) -> PersonSummary {
        let kept = p.erased_at.is_none();
        PersonSummary {
            id: p.id,
            name: kept.then_some(p.name),
            organisation_id: p.organisation_id.filter(|_| kept),
            listed_publicly: staff.then_some(p.listed_publicly),
            may_contact: staff.then_some(p.may_contact),
            erased: staff.then_some(!kept),
        }
    }
}
