//! Writing the large municipality's bodies with their powers and memberships.

use super::super::activity::batch::Batch;
use crate::db::{Id, Timestamp, Tx};
use crate::network::kinds::{BodyKind, MemberRole, Power};

/// A body to write, with its members (organisation, person, role, vote).
pub(super) struct Body {
    pub id: Id,
    pub kind: BodyKind,
    pub name: String,
    pub area: Id,
    pub parent: Option<Id>,
    pub rhythm: &'static str,
    pub powers: Vec<(Power, Option<i64>)>,
    pub members: Vec<(Option<Id>, Option<Id>, MemberRole, bool)>,
}

pub(super) async fn write(
    tx: &mut Tx,
    municipality: Id,
    bodies: &[Body],
    now: Timestamp,
) -> anyhow::Result<()> {
    let mut rows = Batch::new(
        "bodies",
        &[
            "id",
            "municipality_id",
            "area_id",
            "parent_id",
            "kind",
            "name",
            "description",
            "public",
            "rhythm",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    let mut powers = Batch::new(
        "body_powers",
        &[
            "body_id",
            "position",
            "power",
            "fund_kind",
            "max_amount_cents",
        ],
    );
    let mut members = Batch::new(
        "memberships",
        &[
            "id",
            "municipality_id",
            "body_id",
            "organisation_id",
            "person_id",
            "role",
            "voting_right",
            "starts_on",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    let since = format!("{}-01-01", 2015);
    for b in bodies {
        let public = !matches!(b.kind, BodyKind::Lenkungsgruppe | BodyKind::Traegerverbund);
        rows.row()
            .id(b.id)
            .id(municipality)
            .id(b.area)
            .opt_id(b.parent)
            .text(b.kind.as_str())
            .text(b.name.as_str())
            .text(b.kind.label_de())
            .flag(public)
            .text(b.rhythm)
            .int(1)
            .at(now)
            .at(now);
        for (position, (power, max)) in (0_i64..).zip(&b.powers) {
            powers
                .row()
                .id(b.id)
                .int(position)
                .text(power.as_str())
                .text(crate::funds::kinds::FundKind::Stadtteilfonds.as_str())
                .opt_int(*max);
        }
        for (organisation, person, role, vote) in &b.members {
            members
                .row()
                .id(Id::new())
                .id(municipality)
                .id(b.id)
                .opt_id(*organisation)
                .opt_id(*person)
                .text(role.as_str())
                .flag(*vote)
                .text(since.as_str())
                .int(1)
                .at(now)
                .at(now);
        }
    }
    rows.write(tx).await?;
    powers.write(tx).await?;
    members.write(tx).await?;
    Ok(())
}
