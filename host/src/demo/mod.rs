//! The demo site: `quartier demo` creates or refreshes an Aachen-like municipality with a
//! lived-in network (areas, partner organisations, Stadtteilkonferenzen and other bodies,
//! members, held and upcoming meetings) and three users to sign in with.
//!
//! Seeding is idempotent: an existing demo municipality is emptied and written again in one
//! transaction, so dates stay fresh and a failure leaves the previous state. Organisations
//! are host-wide and reused by name. This module is not a fixture for tests of other
//! features; they build their own data.

mod data;
mod insert;
pub mod plugin;
mod reset;
mod schedule;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::auth::Role;
use crate::auth::credentials::{self, NewUser, TokenLifetime};
use crate::db::{Db, Id, Timestamp};

/// The demo users: user name, display name, role, organisation key, and what the role
/// means, in German for the console.
const USERS: &[(&str, &str, Role, Option<&str>, &str)] = &[
    (
        "koordination",
        "Koordination Quartiersentwicklung",
        Role::Coordinator,
        None,
        "städtische Koordination",
    ),
    (
        "qm",
        "Miriam Schöller",
        Role::Qm,
        None,
        "Quartiersmanagement",
    ),
    (
        "awo",
        "Sabine Krings",
        Role::Member,
        Some("awo"),
        "Mitglied für den AWO Kreisverband",
    ),
];

/// The name of the API token issued on every run; the previous one is revoked.
const TOKEN_NAME: &str = "demo";

/// How to sign in to a freshly seeded demo.
#[derive(Debug)]
pub struct Login {
    /// A fresh API token of the user `qm`.
    pub token: String,
}

impl Login {
    /// German instructions for the console: where to look, who to sign in as, how to call
    /// the API.
    pub fn instructions(&self, listen: SocketAddr) -> String {
        let address = reachable(listen);
        let users: String = USERS
            .iter()
            .map(|(name, display, _, _, role)| format!("    {name:<14} {display} – {role}\n"))
            .collect();
        format!(
            "Demo „{name}“ ist bereit.\n\n\
             Öffentliche Seite:  http://{address}/kommunen/{slug}\n\
             API-Beschreibung:   http://{address}/api/v1/openapi.json\n\n\
             Benutzer (Passwort für alle: {password}):\n{users}\n\
             API-Token für „qm“ (nur für diese Demo, bei jedem Start neu):\n    {token}\n\n\
             Beispiel:\n    curl -H \"Authorization: Bearer {token}\" \
             http://{address}/api/v1/municipalities/{slug}/bodies\n",
            name = data::NAME,
            slug = data::SLUG,
            password = data::PASSWORD,
            token = self.token,
        )
    }
}

/// The address a browser on this machine can use: a wildcard listen address is not one.
fn reachable(listen: SocketAddr) -> SocketAddr {
    match listen.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), listen.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), listen.port())
        }
        _ => listen,
    }
}

/// Creates or refreshes the demo municipality and its users; returns how to sign in.
pub async fn seed(db: &Db) -> anyhow::Result<Login> {
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    let municipality = reset::municipality(&mut tx, now).await?;
    reset::clear(&mut tx, municipality).await?;
    let mut keys = insert::Keys::default();
    insert::areas(&mut tx, municipality, now, &mut keys).await?;
    insert::organisations(&mut tx, now, &mut keys).await?;
    insert::persons(&mut tx, municipality, now, &mut keys).await?;
    insert::bodies(&mut tx, municipality, now, &mut keys).await?;
    insert::memberships(&mut tx, municipality, now, &keys).await?;
    schedule::meetings(&mut tx, municipality, now, &keys).await?;
    tx.commit().await?;
    tracing::info!(
        bodies = data::BODIES.len(),
        meetings = data::MEETINGS.len(),
        "Demo-Kommune „{}“ angelegt",
        data::NAME
    );
    let token = users(db, municipality, &keys).await?;
    Ok(Login { token })
}

/// Creates or updates the demo users and issues a fresh token for `qm`, revoking the one of
/// the previous run.
async fn users(db: &Db, municipality: Id, keys: &insert::Keys) -> anyhow::Result<String> {
    for (username, display_name, role, organisation, _) in USERS {
        let organisation_id = organisation
            .map(|k| insert::id(&keys.organisations, k))
            .transpose()?;
        credentials::upsert_user(
            db,
            NewUser {
                username,
                display_name,
                role: *role,
                municipality_id: Some(municipality),
                organisation_id,
                password: Some(data::PASSWORD),
            },
        )
        .await?;
    }
    sqlx::query(
        "DELETE FROM api_tokens WHERE name = $1
           AND user_id IN (SELECT id FROM users WHERE username = $2)",
    )
    .bind(TOKEN_NAME)
    .bind("qm")
    .execute(&db.pool)
    .await?;
    let token = credentials::issue_token(db, "qm", TOKEN_NAME, TokenLifetime::default()).await?;
    Ok(token.secret)
}
