//! The network the activity happens in, read back from the rows just written: areas,
//! bodies with their members, and the organisations of the municipality. Reading it back
//! lets the same generator work on the Aachen demo and on the large municipality.

use std::collections::HashMap;

use crate::db::{Date, Flag, Id, Timestamp, Tx};
use crate::network::kinds::{AreaKind, BodyKind};

#[derive(Debug, Clone)]
pub struct Area {
    pub id: Id,
    pub parent: Option<Id>,
    pub kind: AreaKind,
    pub name: String,
    pub population: i64,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub id: Id,
    pub kind: BodyKind,
    pub name: String,
    pub area: Option<Id>,
    pub public: bool,
    pub rhythm: String,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub body: Id,
    pub person: Option<Id>,
    pub organisation: Option<Id>,
    pub voting: bool,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

impl Member {
    /// Whether the membership runs on `day`.
    pub fn active_on(&self, day: Date) -> bool {
        self.starts_on.is_none_or(|s| s <= day) && self.ends_on.is_none_or(|e| e >= day)
    }
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    pub kind: String,
    /// Areas of the municipality it works in.
    pub areas: Vec<Id>,
}

/// The municipality's network as the activity needs it.
#[derive(Debug, Default)]
pub struct Network {
    pub municipality: Id,
    pub areas: Vec<Area>,
    pub bodies: Vec<Body>,
    pub members: Vec<Member>,
    pub organisations: Vec<Organisation>,
    /// Meetings written before the activity (the demo's curated ones).
    pub written: Vec<Written>,
}

/// A meeting already written: its body, start, end and place.
#[derive(Debug, Clone)]
pub struct Written {
    pub body: Id,
    pub start: Timestamp,
    pub end: Option<Timestamp>,
    pub location: Option<String>,
}

type AreaRow = (Id, Option<Id>, String, String, Option<i64>);
type BodyRow = (Id, String, String, Option<Id>, Flag, Option<String>);
type MemberRow = (
    Id,
    Option<Id>,
    Option<Id>,
    Flag,
    Option<Date>,
    Option<Date>,
    String,
    String,
);

impl Network {
    pub async fn load(tx: &mut Tx, municipality: Id) -> anyhow::Result<Network> {
        let areas: Vec<AreaRow> = sqlx::query_as(
            "SELECT id, parent_id, kind, name, population FROM areas
             WHERE municipality_id = $1",
        )
        .bind(municipality)
        .fetch_all(&mut **tx)
        .await?;
        let bodies: Vec<BodyRow> = sqlx::query_as(
            "SELECT id, kind, name, area_id, public, rhythm FROM bodies
             WHERE municipality_id = $1",
        )
        .bind(municipality)
        .fetch_all(&mut **tx)
        .await?;
        let members: Vec<MemberRow> = sqlx::query_as(
            "SELECT m.body_id, m.person_id, m.organisation_id, m.voting_right, m.starts_on,
                    m.ends_on, COALESCE(o.name, ''), COALESCE(p.name, '')
             FROM memberships m
             LEFT JOIN organisations o ON o.id = m.organisation_id
             LEFT JOIN persons p ON p.id = m.person_id
             WHERE m.municipality_id = $1",
        )
        .bind(municipality)
        .fetch_all(&mut **tx)
        .await?;
        let organisations: Vec<(Id, String, String, Id)> = sqlx::query_as(
            "SELECT o.id, o.name, o.kind, oa.area_id FROM organisations o
             JOIN organisation_areas oa ON oa.organisation_id = o.id
             JOIN areas a ON a.id = oa.area_id
             WHERE a.municipality_id = $1",
        )
        .bind(municipality)
        .fetch_all(&mut **tx)
        .await?;
        let written: Vec<(Id, Timestamp, Option<Timestamp>, Option<String>)> = sqlx::query_as(
            "SELECT body_id, starts_at, ends_at, location FROM meetings
             WHERE municipality_id = $1 ORDER BY starts_at, id",
        )
        .bind(municipality)
        .fetch_all(&mut **tx)
        .await?;
        let mut network = Network {
            municipality,
            ..Network::default()
        };
        for (id, parent, kind, name, population) in areas {
            network.areas.push(Area {
                id,
                parent,
                kind: kind.parse().map_err(anyhow::Error::msg)?,
                name,
                population: population.unwrap_or(0),
            });
        }
        for (id, kind, name, area, public, rhythm) in bodies {
            network.bodies.push(Body {
                id,
                kind: kind.parse().map_err(anyhow::Error::msg)?,
                name,
                area,
                public: public.0,
                rhythm: rhythm.unwrap_or_default(),
            });
        }
        // Sorted here, by names, not by the database: ids of the curated data are new on
        // every run and collations differ between the backends, but the draws must not.
        let mut members = members;
        members.sort_by(|a, b| (&a.6, &a.7, a.4).cmp(&(&b.6, &b.7, b.4)));
        for (body, person, organisation, voting, starts_on, ends_on, _, _) in members {
            network.members.push(Member {
                body,
                person,
                organisation,
                voting: voting.0,
                starts_on,
                ends_on,
            });
        }
        for (body, start, end, location) in written {
            network.written.push(Written {
                body,
                start,
                end,
                location,
            });
        }
        let mut index: HashMap<Id, usize> = HashMap::new();
        for (id, name, kind, area) in organisations {
            let at = *index.entry(id).or_insert_with(|| {
                network.organisations.push(Organisation {
                    id,
                    name,
                    kind,
                    areas: Vec::new(),
                });
                network.organisations.len() - 1
            });
            network.organisations[at].areas.push(area);
        }
        network.areas.sort_by(|a, b| a.name.cmp(&b.name));
        network.bodies.sort_by(|a, b| a.name.cmp(&b.name));
        network.organisations.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(network)
    }

    pub fn area(&self, id: Id) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// `area` and the areas above it, nearest first.
    pub fn ancestry(&self, area: Option<Id>) -> Vec<Id> {
        let mut chain = Vec::new();
        let mut next = area;
        while let Some(id) = next {
            if chain.contains(&id) {
                break;
            }
            chain.push(id);
            next = self.area(id).and_then(|a| a.parent);
        }
        chain
    }

    /// The Lebensräume (or other leaves) below `area`, itself when it has none.
    pub fn leaves_below(&self, area: Id) -> Vec<&Area> {
        let below: Vec<&Area> = self
            .areas
            .iter()
            .filter(|a| a.id != area && self.ancestry(Some(a.id)).contains(&area))
            .filter(|a| !self.areas.iter().any(|c| c.parent == Some(a.id)))
            .collect();
        if below.is_empty() {
            self.area(area).into_iter().collect()
        } else {
            below
        }
    }

    /// The Sozialraum (or the area just below the city) an area belongs to.
    pub fn district_of(&self, area: Id) -> Option<&Area> {
        self.ancestry(Some(area))
            .into_iter()
            .filter_map(|id| self.area(id))
            .find(|a| a.kind == AreaKind::Sozialraum)
    }

    /// The bodies of `kind`.
    pub fn bodies_of(&self, kind: BodyKind) -> impl Iterator<Item = &Body> {
        self.bodies.iter().filter(move |b| b.kind == kind)
    }

    /// The members of `body` on `day`.
    pub fn members_on(&self, body: Id, day: Date) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(move |m| m.body == body && m.active_on(day))
    }

    /// Organisations working in `area` or an area above or below it.
    pub fn organisations_near(&self, area: Id) -> Vec<&Organisation> {
        let up = self.ancestry(Some(area));
        self.organisations
            .iter()
            .filter(|o| {
                o.areas
                    .iter()
                    .any(|a| up.contains(a) || self.ancestry(Some(*a)).contains(&area))
            })
            .collect()
    }

    /// The organisation of exactly this name, as concern routing finds a department.
    pub fn organisation_named(&self, name: &str) -> Option<Id> {
        self.organisations
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.id)
    }
}
