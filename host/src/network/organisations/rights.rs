//! Who may change a host-wide organisation, and whose audit log hears of it.
//!
//! A municipality is *involved* with an organisation when it created it
//! (`created_by_municipality_id`) or when its own data names it: an area of activity in one of
//! its areas, a membership in one of its bodies (also an ended one, and "on behalf of"), a
//! join request, a person, a member or jury user, an attendance, a project (lead or partner),
//! a contract party, a task-matrix actor, a concern's proposed or forwarded-to department.
//! Every one of these shows the organisation's name and contact data inside the municipality,
//! so a change reaches it — also history (ended memberships, past meetings) shows the current
//! name.
//!
//! - Master data (name, kind, umbrella organisation, e-mail, phone, website, address): the host
//!   admin, and staff (coordinator, qm) of an involved municipality. Staff of an unrelated
//!   municipality get 403 `organisation_not_involved`.
//! - Areas of activity: each municipality keeps its own part (`activity`); the host admin all.
//! - Deleting: the host admin, or the coordination of an involved municipality when no other
//!   municipality is involved (else 403 `organisation_shared`), so nobody removes another
//!   municipality's areas of activity along with the organisation.
//! - Every change is one audit entry in the log of every municipality involved before or
//!   after it (a host-wide entry when there is none), in the change's transaction.
//!
//! Becoming involved stays open on purpose (any municipality may record that an organisation
//! works in its area or sits in its bodies): the audit entries in the other municipalities'
//! logs are what keeps that honest.

use crate::audit::{Action, NewEntry, ObjectKind};
use crate::auth::{Caller, Role};
use crate::db::{Id, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;

/// Who is changing organisations: the host, or staff of one municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Editor {
    Host,
    Staff { municipality_id: Id },
}

impl Editor {
    /// 401 for anonymous callers, 403 for users without one of the `allowed` roles (or staff
    /// without a municipality).
    pub(super) fn of(caller: &Caller, allowed: &[Role]) -> Result<Editor> {
        let user = caller
            .0
            .as_ref()
            .ok_or(Error::client(Code::Unauthenticated))?;
        if !allowed.contains(&user.role) {
            return Err(Error::client(Code::Forbidden));
        }
        match (user.role, user.municipality_id) {
            (Role::Admin, _) => Ok(Editor::Host),
            (Role::Coordinator | Role::Qm, Some(municipality_id)) => {
                Ok(Editor::Staff { municipality_id })
            }
            _ => Err(Error::client(Code::Forbidden)),
        }
    }

    /// The municipality a new organisation is recorded as created by.
    pub(super) fn municipality(self) -> Option<Id> {
        match self {
            Editor::Host => None,
            Editor::Staff { municipality_id } => Some(municipality_id),
        }
    }

    /// Refuses a change of master data unless the editor is the host or staff of a
    /// municipality in `involved`.
    pub(super) fn may_change_master_data(self, involved: &[Id]) -> Result<()> {
        match self {
            Editor::Host => Ok(()),
            Editor::Staff { municipality_id } if involved.contains(&municipality_id) => Ok(()),
            Editor::Staff { .. } => Err(Error::client(Code::OrganisationNotInvolved)),
        }
    }

    /// Refuses deleting unless the editor is the host or staff of the one municipality
    /// involved.
    pub(super) fn may_delete(self, involved: &[Id]) -> Result<()> {
        self.may_change_master_data(involved)?;
        match self {
            Editor::Staff { municipality_id } if involved.iter().any(|m| *m != municipality_id) => {
                Err(Error::client(Code::OrganisationShared))
            }
            _ => Ok(()),
        }
    }
}

/// The municipalities involved with organisation `id` (see the module), ordered by id.
pub(super) async fn involved(tx: &mut Tx, id: Id) -> Result<Vec<Id>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT municipality_id FROM (
             SELECT created_by_municipality_id AS municipality_id FROM organisations WHERE id = $1
             UNION SELECT a.municipality_id FROM organisation_areas oa
                   JOIN areas a ON a.id = oa.area_id WHERE oa.organisation_id = $1
             UNION SELECT municipality_id FROM memberships
                   WHERE organisation_id = $1 OR on_behalf_of_id = $1
             UNION SELECT municipality_id FROM join_requests WHERE organisation_id = $1
             UNION SELECT municipality_id FROM persons WHERE organisation_id = $1
             UNION SELECT municipality_id FROM users WHERE organisation_id = $1
             UNION SELECT m.municipality_id FROM attendance t
                   JOIN meetings m ON m.id = t.meeting_id WHERE t.organisation_id = $1
             UNION SELECT municipality_id FROM projects WHERE lead_organisation_id = $1
             UNION SELECT p.municipality_id FROM project_partners pp
                   JOIN projects p ON p.id = pp.project_id WHERE pp.organisation_id = $1
             UNION SELECT c.municipality_id FROM contract_parties cp
                   JOIN contracts c ON c.id = cp.contract_id WHERE cp.organisation_id = $1
             UNION SELECT municipality_id FROM task_matrix_actors WHERE organisation_id = $1
             UNION SELECT municipality_id FROM concerns
                   WHERE proposed_organisation_id = $1 OR department_organisation_id = $1
         ) involved
         WHERE municipality_id IS NOT NULL ORDER BY municipality_id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await
}

/// Writes the audit entry of a change to organisation `id` into the log of every
/// municipality in `before` or `after` (the involved ones on both sides of the change), or
/// one host-wide entry when both are empty.
pub(super) async fn record(
    tx: &mut Tx,
    caller: &Caller,
    action: Action,
    id: Id,
    before: &[Id],
    after: &[Id],
) -> Result<(), sqlx::Error> {
    let mut logs: Vec<Id> = before.iter().chain(after).copied().collect();
    logs.sort();
    logs.dedup();
    let at = Timestamp::now();
    let entry = || NewEntry {
        at,
        ..NewEntry::new(caller, action, ObjectKind::Organisation, id)
    };
    if logs.is_empty() {
        return entry().write(&mut **tx).await;
    }
    for municipality in logs {
        entry()
            .in_municipality(municipality)
            .write(&mut **tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_change_master_data_only_where_their_municipality_is_involved() {
        let (a, b) = (Id::new(), Id::new());
        let staff_of_b = Editor::Staff { municipality_id: b };
        assert!(Editor::Host.may_change_master_data(&[]).is_ok());
        assert!(Editor::Host.may_change_master_data(&[a]).is_ok());
        assert!(staff_of_b.may_change_master_data(&[a, b]).is_ok());
        for involved in [&[a][..], &[]] {
            let refused = staff_of_b.may_change_master_data(involved).unwrap_err();
            assert!(matches!(
                refused,
                Error::Client(Code::OrganisationNotInvolved, _)
            ));
        }
    }

    #[test]
    fn staff_delete_only_what_no_other_municipality_is_involved_with() {
        let (a, b) = (Id::new(), Id::new());
        let staff_of_b = Editor::Staff { municipality_id: b };
        assert!(staff_of_b.may_delete(&[b]).is_ok());
        assert!(Editor::Host.may_delete(&[a, b]).is_ok());
        let shared = staff_of_b.may_delete(&[a, b]).unwrap_err();
        assert!(matches!(shared, Error::Client(Code::OrganisationShared, _)));
        let elsewhere = staff_of_b.may_delete(&[a]).unwrap_err();
        assert!(matches!(
            elsewhere,
            Error::Client(Code::OrganisationNotInvolved, _)
        ));
    }
}
