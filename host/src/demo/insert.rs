//! Writing the static demo data: areas, organisations, persons, bodies and memberships.
//! Keys of the data files become ids here; a key that names nothing is a bug in the data
//! (the tests in `data` catch it before anyone runs the demo).

use std::collections::HashMap;

use super::data;
use crate::db::{Flag, Id, Timestamp, Tx};

/// Ids by data key, per kind of object.
#[derive(Default)]
pub struct Keys {
    pub areas: HashMap<&'static str, Id>,
    pub organisations: HashMap<&'static str, Id>,
    pub persons: HashMap<&'static str, Id>,
    pub bodies: HashMap<&'static str, Id>,
}

/// The id behind `key`, or an error naming the key.
pub fn id(map: &HashMap<&'static str, Id>, key: &str) -> anyhow::Result<Id> {
    map.get(key)
        .copied()
        .ok_or_else(|| anyhow::anyhow!("demo data: unknown key {key:?}"))
}

fn optional(map: &HashMap<&'static str, Id>, key: Option<&str>) -> anyhow::Result<Option<Id>> {
    key.map(|k| id(map, k)).transpose()
}

pub async fn areas(tx: &mut Tx, m: Id, now: Timestamp, keys: &mut Keys) -> anyhow::Result<()> {
    for a in data::AREAS {
        let id = Id::new();
        sqlx::query(
            "INSERT INTO areas (id, municipality_id, parent_id, kind, name, population, version,
                                created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
        )
        .bind(id)
        .bind(m)
        .bind(optional(&keys.areas, a.parent)?)
        .bind(a.kind.as_str())
        .bind(a.name)
        .bind(a.population)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        keys.areas.insert(a.key, id);
    }
    Ok(())
}

/// Organisations are host-wide: one of the same name is reused as it is (another
/// municipality may have edited it), a missing one is created. Their areas of activity in
/// the demo municipality are written either way.
pub async fn organisations(tx: &mut Tx, now: Timestamp, keys: &mut Keys) -> anyhow::Result<()> {
    for o in data::ORGANISATIONS {
        let existing: Option<Id> =
            sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1 ORDER BY id LIMIT 1")
                .bind(o.name)
                .fetch_optional(&mut **tx)
                .await?;
        let id = match existing {
            Some(id) => id,
            None => {
                let id = Id::new();
                sqlx::query(
                    "INSERT INTO organisations (id, name, kind, parent_id, email, version,
                                                created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, 1, $6, $6)",
                )
                .bind(id)
                .bind(o.name)
                .bind(o.kind.as_str())
                .bind(optional(&keys.organisations, o.parent)?)
                .bind(o.email)
                .bind(now)
                .execute(&mut **tx)
                .await?;
                id
            }
        };
        keys.organisations.insert(o.key, id);
        for area in o.areas {
            sqlx::query(
                "INSERT INTO organisation_areas (organisation_id, area_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(self::id(&keys.areas, area)?)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

pub async fn persons(tx: &mut Tx, m: Id, now: Timestamp, keys: &mut Keys) -> anyhow::Result<()> {
    for p in data::PERSONS {
        let id = Id::new();
        sqlx::query(
            "INSERT INTO persons (id, municipality_id, organisation_id, name, email,
                                  listed_publicly, may_contact, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
        )
        .bind(id)
        .bind(m)
        .bind(optional(&keys.organisations, p.organisation)?)
        .bind(p.name)
        .bind(email_of(p.name))
        .bind(Flag(p.listed_publicly))
        .bind(Flag(p.may_contact))
        .bind(now)
        .execute(&mut **tx)
        .await?;
        keys.persons.insert(p.key, id);
    }
    Ok(())
}

/// An invented address in the reserved `.example` domain: "Dr. Katrin Vossen" →
/// `katrin.vossen@quartier-demo.example`.
pub fn email_of(name: &str) -> String {
    let mut local = String::new();
    for word in name.split_whitespace().filter(|w| !w.ends_with('.')) {
        if !local.is_empty() {
            local.push('.');
        }
        for c in word.to_lowercase().chars() {
            match c {
                'ä' => local.push_str("ae"),
                'ö' => local.push_str("oe"),
                'ü' => local.push_str("ue"),
                'ß' => local.push_str("ss"),
                'ı' => local.push('i'),
                c if c.is_ascii_alphanumeric() || c == '-' => local.push(c),
                _ => {}
            }
        }
    }
    format!("{local}@quartier-demo.example")
}

pub async fn bodies(tx: &mut Tx, m: Id, now: Timestamp, keys: &mut Keys) -> anyhow::Result<()> {
    for b in data::BODIES {
        let id = Id::new();
        sqlx::query(
            "INSERT INTO bodies (id, municipality_id, area_id, parent_id, kind, name, description,
                                 public, rhythm, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)",
        )
        .bind(id)
        .bind(m)
        .bind(optional(&keys.areas, b.area)?)
        .bind(optional(&keys.bodies, b.parent)?)
        .bind(b.kind.as_str())
        .bind(b.name)
        .bind(b.description)
        .bind(Flag(b.public))
        .bind(b.rhythm)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        for (position, (power, fund_kind, max)) in (0_i64..).zip(b.powers) {
            sqlx::query(
                "INSERT INTO body_powers (body_id, position, power, fund_kind, max_amount_cents)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(position)
            .bind(power.as_str())
            .bind(*fund_kind)
            .bind(*max)
            .execute(&mut **tx)
            .await?;
        }
        keys.bodies.insert(b.key, id);
    }
    Ok(())
}

pub async fn memberships(tx: &mut Tx, m: Id, now: Timestamp, keys: &Keys) -> anyhow::Result<()> {
    for ms in data::MEMBERS {
        sqlx::query(
            "INSERT INTO memberships (id, municipality_id, body_id, organisation_id, person_id,
                                      role, voting_right, starts_on, ends_on, on_behalf_of_id,
                                      version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)",
        )
        .bind(Id::new())
        .bind(m)
        .bind(id(&keys.bodies, ms.body)?)
        .bind(optional(&keys.organisations, ms.organisation)?)
        .bind(optional(&keys.persons, ms.person)?)
        .bind(ms.role.as_str())
        .bind(Flag(ms.voting_right))
        .bind(ms.starts_on)
        .bind(ms.ends_on)
        .bind(optional(&keys.organisations, ms.on_behalf_of)?)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    for r in data::JOIN_REQUESTS {
        sqlx::query(
            "INSERT INTO join_requests (id, municipality_id, body_id, organisation_id, message,
                                        state, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
        )
        .bind(Id::new())
        .bind(m)
        .bind(id(&keys.bodies, r.body)?)
        .bind(id(&keys.organisations, r.organisation)?)
        .bind(r.message)
        .bind(crate::network::kinds::JoinState::Offen.as_str())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::email_of;

    #[test]
    fn email_addresses_are_ascii_and_drop_titles() {
        assert_eq!(
            email_of("Dr. Katrin Vossen"),
            "katrin.vossen@quartier-demo.example"
        );
        assert_eq!(
            email_of("Murat Yıldız"),
            "murat.yildiz@quartier-demo.example"
        );
        assert_eq!(
            email_of("Heinz-Peter Lennartz"),
            "heinz-peter.lennartz@quartier-demo.example"
        );
        assert_eq!(
            email_of("Miriam Schöller"),
            "miriam.schoeller@quartier-demo.example"
        );
    }
}
