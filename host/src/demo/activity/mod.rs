//! A municipality's years of activity, generated from a seed: meetings held and cancelled
//! with agenda results, votes, minutes and attendance; Stadtteilfonds applications through
//! every state with advice, decisions, payouts and proofs of use; residents' concerns
//! forwarded, answered and reported back; projects with goals, targets and measurements;
//! contracts with targets and yearly reviews; the task log.
//!
//! **Which years.** The anchor is the day of seeding. The report year — the year a report
//! asks for by default — is the last complete calendar year before it, seeded in full; the
//! current year runs up to the anchor; the three years before the report year are lighter,
//! so the monitoring has a series (`calendar`).
//!
//! **Deterministic.** Every draw comes from a generator seeded with the plan's seed and a
//! topic (`rng`); ids, references and token hashes too. The same seed, anchor and network
//! give the same rows.
//!
//! **True to the workflows.** Every state is reached by the moves the workflows allow, every
//! move has its event row in time order, each fund's totals are the sums of its events and
//! its budget holds every approval; proofs of use are due three months after approval (some
//! arrive late, some never); contacts past their retention period are already erased.
//! Nothing here writes the audit log: the history was not done by anyone who signed in.
//!
//! **Fast.** Everything is planned in memory and written with multi-row inserts in the
//! caller's transaction (`batch`).

pub(super) mod batch;
mod calendar;
mod concern_texts;
mod concerns;
mod contracts;
pub(super) mod fund_texts;
pub mod funds;
mod meeting_texts;
pub mod meetings;
pub mod network;
mod project_texts;
mod projects;
pub mod rng;
mod self_evaluations;
mod task_log;

use chrono::{DateTime, Utc};

pub use calendar::{Year, report_year, years};
pub use concern_texts::Offices;
pub use funds::Actors;

use crate::db::{Id, Tx};

/// How much happens in the report year.
#[derive(Debug, Clone, Copy)]
pub struct Volume {
    /// Fund applications submitted.
    pub applications: u32,
    /// Concerns received.
    pub concerns: u32,
    /// Task-log entries of everyday work (besides one per meeting the QM prepared).
    pub task_log: u32,
    /// Projects per Sozialraum with a Stadtteilkonferenz (over all years).
    pub projects_per_district: usize,
    /// Contracts, one per Sozialraum, at most this many.
    pub contracts: usize,
}

/// What to seed.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub seed: u64,
    /// The municipality's slug: two municipalities seeded with the same seed still draw
    /// different ids, references and token hashes, which are unique across the host.
    pub slug: &'static str,
    /// The anchor: "now" for the data.
    pub now: DateTime<Utc>,
    pub volume: Volume,
    /// Whose names the departments carry.
    pub offices: Offices,
    /// User names that record the moves.
    pub actors: Actors,
}

impl Plan {
    /// The seed of this municipality's streams.
    pub fn streams(&self) -> u64 {
        rng::Dice::new(self.seed, self.slug).range(0..=i64::MAX) as u64
    }
}

/// What was written, in all years.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub meetings: usize,
    pub held: usize,
    pub applications: usize,
    pub concerns: usize,
    pub projects: usize,
    pub contracts: usize,
    pub task_log: usize,
    /// Of those, in the report year.
    pub report_year: InYear,
}

/// Generated meetings, applications submitted and concerns received in one year.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct InYear {
    pub year: i32,
    pub meetings: usize,
    pub applications: usize,
    pub concerns: usize,
}

/// The planned activity before it is written: callers may add to it (the demo adds the
/// applications its curated meetings discuss).
pub struct Activity {
    pub network: network::Network,
    pub years: Vec<Year>,
    pub meetings: meetings::Meetings,
    pub funds: Vec<funds::Fund>,
    pub applications: Vec<funds::Application>,
    contracts: contracts::Contracts,
}

impl Activity {
    /// Reads the network and plans meetings, funds, applications and contracts.
    pub async fn plan(tx: &mut Tx, municipality: Id, plan: &Plan) -> anyhow::Result<Activity> {
        let network = network::Network::load(tx, municipality).await?;
        let years = calendar::years(plan.now);
        let mut meetings = meetings::Meetings::plan(&network, plan.streams(), plan.now, &years);
        let funds = funds::plan_funds(
            &network,
            &meetings,
            &years,
            plan.volume.applications,
            plan.now,
            plan.streams(),
        );
        let applications = funds::plan_applications(
            &funds,
            &mut meetings,
            &years,
            plan.volume.applications,
            plan.now,
            plan.streams(),
            plan.actors,
        );
        let contracts = contracts::plan(
            &network,
            &mut meetings,
            &years,
            plan.volume.contracts,
            plan.now,
            plan.streams(),
            plan.actors.qm,
        );
        Ok(Activity {
            network,
            years,
            meetings,
            funds,
            applications,
            contracts,
        })
    }

    /// Writes the plan and the rest of the activity; `progress` hears a German line after
    /// each part.
    pub async fn write(
        self,
        tx: &mut Tx,
        plan: &Plan,
        progress: &mut (dyn FnMut(&str) + Send),
    ) -> anyhow::Result<Summary> {
        let municipality = self.network.municipality;
        let (meetings, held) = self.meetings.counts();
        let report_year = calendar::report_year(plan.now);
        let (from, until) = (
            calendar::january_first(report_year),
            calendar::january_first(report_year + 1),
        );
        let mut in_year = InYear {
            year: report_year,
            meetings: self.meetings.count_between(from, until),
            applications: self
                .applications
                .iter()
                .filter(|a| a.submitted >= from && a.submitted < until)
                .count(),
            concerns: 0,
        };
        self.meetings.write(tx, municipality).await?;
        progress(&format!("Sitzungen: {meetings} ({held} durchgeführt)"));
        funds::write(
            tx,
            municipality,
            &self.funds,
            &self.applications,
            plan.now,
            plan.actors,
        )
        .await?;
        progress(&format!(
            "Fondsanträge: {} in {} Fonds",
            self.applications.len(),
            self.funds.len()
        ));
        let contracts = self.contracts.write(tx).await?;
        let projects = projects::seed(
            tx,
            &self.network,
            &self.years,
            plan.volume.projects_per_district,
            plan.now,
            plan.streams(),
            plan.actors.qm,
        )
        .await?;
        progress(&format!("Maßnahmen: {projects}, Kontrakte: {contracts}"));
        let task_log = task_log::seed(
            tx,
            municipality,
            &self.years,
            plan.volume.task_log,
            &self.meetings.prepared_by_qm(),
            plan.streams(),
            task_log::Recorders {
                qm: plan.actors.qm,
                coordination: plan.actors.coordination,
            },
        )
        .await?;
        progress(&format!("Aufgabenprotokoll: {task_log} Einträge"));
        let evaluations =
            self_evaluations::seed(tx, municipality, &self.years, report_year, plan.streams())
                .await?;
        progress(&format!("Selbstevaluationen: {evaluations}"));
        let settings = concerns::Settings {
            offices: plan.offices,
            qm: plan.actors.qm,
        };
        let mut report = |done: usize, total: usize| {
            progress(&format!("Anliegen: {done} von {total}"));
        };
        let per_year = concerns::seed(
            tx,
            &self.network,
            &self.years,
            plan.volume.concerns,
            plan.now,
            plan.streams(),
            settings,
            &mut report,
        )
        .await?;
        in_year.concerns = per_year
            .iter()
            .filter(|(y, _)| *y == report_year)
            .map(|(_, n)| n)
            .sum();
        Ok(Summary {
            meetings,
            held,
            applications: self.applications.len(),
            concerns: per_year.iter().map(|(_, n)| n).sum(),
            projects,
            contracts,
            task_log,
            report_year: in_year,
        })
    }
}
