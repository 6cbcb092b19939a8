//! The demo site: `quartier demo` creates or refreshes an Aachen-like municipality with a
//! lived-in network (areas, partner organisations, Stadtteilkonferenzen and other bodies,
//! members, held and upcoming meetings), years of activity in it, and three users to sign
//! in with.
//!
//! **The activity** (`activity`) is generated from a seed ([`DEFAULT_SEED`] unless
//! `--seed` says otherwise) and the day of seeding, the anchor: the same seed and anchor
//! give the same data. The **report year** — what a report shows by default — is the last
//! complete calendar year before the anchor (seeded on 4 December 2026, that is 2025); the
//! current year is seeded up to the anchor, and the three years before the report year more
//! lightly, for the monitoring across years. The curated meetings of the last three months
//! (`data::meetings`) and the applications they discuss (`recent`) continue it to today.
//!
//! Seeding is idempotent: an existing demo municipality is emptied and written again in one
//! transaction, so dates stay fresh and a failure leaves the previous state. Organisations
//! are host-wide and reused by name. This module is not a fixture for tests of other
//! features; they build their own data. `large` generates a much larger municipality for
//! benchmarks (`quartier seed --scale large`).

pub mod activity;
pub use data::{NAME, SLUG};
mod data;
mod insert;
pub mod large;
pub mod plugin;
mod recent;
mod reset;
mod schedule;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::auth::Role;
use crate::auth::credentials::{self, NewUser, TokenLifetime};
use chrono::Datelike;

use crate::db::{Date, Db, Id, Timestamp};

/// The seed of the demo's activity unless one is given.
pub const DEFAULT_SEED: u64 = 2017;

/// How much happens in the demo's report year: a city with four Stadtteilkonferenzen.
pub const VOLUME: activity::Volume = activity::Volume {
    applications: 60,
    concerns: 300,
    task_log: 120,
    projects_per_district: 2,
    contracts: 2,
};

/// The demo users who record the activity (see [`USERS`]).
const ACTORS: activity::Actors = activity::Actors {
    qm: "qm",
    coordination: "koordination",
};

/// How to seed: the seed and the anchor ("now" for the data).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub seed: u64,
    pub now: Timestamp,
}

impl Options {
    /// The default seed, anchored at the start of `day` (00:00 UTC): every start on the same
    /// day writes the same data.
    pub fn on(day: Date) -> Options {
        Options {
            seed: DEFAULT_SEED,
            now: day.start(),
        }
    }
}

impl Default for Options {
    /// Anchored today.
    fn default() -> Options {
        Options::on(Date::today())
    }
}

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

/// How to sign in to a freshly seeded demo, and what it holds.
#[derive(Debug)]
pub struct Login {
    /// A fresh API token of the user `qm`.
    pub token: String,
    /// The activity written.
    pub activity: activity::Summary,
    /// The year reports show by default: the last complete one.
    pub report_year: i32,
    /// The seeded years, oldest first.
    pub years: (i32, i32),
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
             Daten: {report_year} vollständig (Standardjahr der Berichte), {current} bis heute, \
             {first}–{before} zum Vergleich über Jahre – {meetings} Sitzungen, \
             {applications} Fondsanträge, {concerns} Anliegen, {projects} Maßnahmen, \
             {contracts} Kontrakte.\n\n\
             Benutzer (Passwort für alle: {password}):\n{users}\n\
             API-Token für „qm“ (nur für diese Demo, bei jedem Start neu):\n    {token}\n\n\
             Beispiel:\n    curl -H \"Authorization: Bearer {token}\" \
             http://{address}/api/v1/municipalities/{slug}/bodies\n",
            name = data::NAME,
            slug = data::SLUG,
            password = data::PASSWORD,
            token = self.token,
            report_year = self.report_year,
            current = self.years.1,
            first = self.years.0,
            before = self.report_year - 1,
            meetings = self.activity.meetings + data::MEETINGS.len(),
            applications = self.activity.applications,
            concerns = self.activity.concerns,
            projects = self.activity.projects,
            contracts = self.activity.contracts,
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

/// Creates or refreshes the demo municipality and its users with the default seed, anchored
/// today; returns how to sign in.
pub async fn seed(db: &Db) -> anyhow::Result<Login> {
    seed_with(db, Options::default()).await
}

/// Creates or refreshes the demo municipality and its users; returns how to sign in.
pub async fn seed_with(db: &Db, options: Options) -> anyhow::Result<Login> {
    let now = options.now;
    let mut tx = db.begin().await?;
    let municipality = reset::municipality(&mut tx, now).await?;
    reset::clear(&mut tx, municipality).await?;
    let mut keys = insert::Keys::default();
    insert::areas(&mut tx, municipality, now, &mut keys).await?;
    insert::organisations(&mut tx, now, &mut keys).await?;
    insert::persons(&mut tx, municipality, now, &mut keys).await?;
    insert::bodies(&mut tx, municipality, now, &mut keys).await?;
    insert::memberships(&mut tx, municipality, now, &keys).await?;
    let written = schedule::meetings(&mut tx, municipality, now, &keys).await?;
    let plan = activity::Plan {
        seed: options.seed,
        slug: data::SLUG,
        now: now.0,
        volume: VOLUME,
        offices: activity::Offices::Aachen,
        actors: ACTORS,
    };
    let mut planned = activity::Activity::plan(&mut tx, municipality, &plan).await?;
    recent::add(&mut planned, now.0, &written, &keys, plan.streams(), ACTORS)?;
    let summary = planned.write(&mut tx, &plan, &mut |_| {}).await?;
    tx.commit().await?;
    tracing::info!(
        bodies = data::BODIES.len(),
        meetings = data::MEETINGS.len() + summary.meetings,
        applications = summary.applications,
        concerns = summary.concerns,
        "Demo-Kommune „{}“ angelegt",
        data::NAME
    );
    let token = users(db, municipality, &keys).await?;
    let years = activity::years(now.0);
    Ok(Login {
        token,
        activity: summary,
        report_year: activity::report_year(now.0),
        years: (
            years.first().map_or(now.0.year(), |y| y.year),
            years.last().map_or(now.0.year(), |y| y.year),
        ),
    })
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
