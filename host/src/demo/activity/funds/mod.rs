//! The Stadtteilfonds of each Stadtteilkonferenz per year and the applications to them,
//! each with its whole history: submitted, checked, perhaps asked back, advised by the
//! Stadtteilkonferenz and decided by the jury in their meetings (with the votes of the
//! members present), paid out, and accounted for by a proof of use — or refused or
//! withdrawn on the way. Histories are planned from the submission on and cut at the
//! anchor, so the applications of the last weeks are still open.
//!
//! Every move is checked against the application workflow (`funds::workflow::check`) and
//! becomes an event row with the amounts it books; the funds' totals are the sums of those
//! amounts, and each budget leaves room for every approval.

mod history;
mod lifecycle;
mod write;

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use super::calendar::Year;
use super::meetings::Meetings;
use super::network::{Body, Network};
use super::rng::Dice;
use crate::db::{Date, Id};
use crate::funds::kinds::{ApplicationState, Channel, Recommendation};
use crate::network::kinds::BodyKind;

pub use history::{follow, plan_history};
pub use lifecycle::{Contact, Draft, whole_euros};
pub use write::write;

/// Most one application may receive (the jury decides up to 5,000 €).
pub const CAP_CENTS: i64 = 500_000;
/// What an application costs a fund on average (approved, after refusals and cuts): the
/// budgets hold about this much per application of the report year, so a busy year uses
/// them up in December and a quiet one leaves money.
const PER_APPLICATION_CENTS: f64 = 82_000.0;
/// The smallest budget a Stadtteilfonds gets.
const BUDGET_MIN: i64 = 500_000;
/// Months from the decision until the proof of use is due.
pub const PROOF_MONTHS: u32 = 3;

/// A fund of one Stadtteilkonferenz and year.
#[derive(Debug)]
pub struct Fund {
    pub id: Id,
    pub year: i32,
    pub name: String,
    pub area: Option<Id>,
    pub advising: Option<Id>,
    pub advising_name: String,
    pub deciding: Option<Id>,
    pub deciding_kind: Option<BodyKind>,
    /// Share of the applications it gets.
    pub weight: i64,
    /// Its budget: the same every year, sized to the report year's demand.
    pub budget: i64,
    /// Applications may be submitted until then (its conference's curated meetings take
    /// over after that).
    pub submissions_until: DateTime<Utc>,
    /// Where its applicants live and work.
    pub place: Place,
}

/// The places and partners of a fund's area, looked up once for all its applications.
#[derive(Debug, Clone, Default)]
pub struct Place {
    /// The Lebensräume.
    pub leaves: Vec<String>,
    /// The Sozialraum.
    pub district: Option<String>,
    /// Organisations working there: id and name.
    pub near: Vec<(Id, String)>,
}

impl Place {
    fn of(network: &Network, area: Option<Id>) -> Place {
        let Some(area) = area else {
            return Place::default();
        };
        Place {
            leaves: network
                .leaves_below(area)
                .into_iter()
                .map(|a| a.name.clone())
                .collect(),
            district: network.district_of(area).map(|a| a.name.clone()),
            near: network
                .organisations_near(area)
                .into_iter()
                .map(|o| (o.id, o.name.clone()))
                .collect(),
        }
    }
}

/// One move of an application after its submission.
#[derive(Debug, Clone)]
pub struct Move {
    pub at: DateTime<Utc>,
    pub to: ApplicationState,
    pub reason: Option<String>,
    pub recommendation: Option<Recommendation>,
    pub votes: Option<[i64; 3]>,
    pub meeting: Option<Id>,
    /// The amount approved (`bewilligt`) or paid (`ausgezahlt`).
    pub amount: Option<i64>,
    /// When the proof of use is due (`bewilligt`).
    pub proof_due: Option<Date>,
    /// Who recorded it (a user name, as the API writes it).
    pub actor: &'static str,
}

impl Move {
    pub fn new(at: DateTime<Utc>, to: ApplicationState, actor: &'static str) -> Move {
        Move {
            at,
            to,
            reason: None,
            recommendation: None,
            votes: None,
            meeting: None,
            amount: None,
            proof_due: None,
            actor,
        }
    }
}

/// An application with its planned history.
#[derive(Debug)]
pub struct Application {
    pub id: Id,
    pub fund: usize,
    pub reference: String,
    pub channel: Channel,
    pub token_hash: Option<String>,
    pub title: String,
    pub requested: i64,
    pub form: serde_json::Value,
    pub contact: Option<Contact>,
    pub submitted: DateTime<Utc>,
    pub moves: Vec<Move>,
}

/// Who records what: user names of the municipality's staff.
#[derive(Debug, Clone, Copy)]
pub struct Actors {
    /// The neighbourhood management (checks, asks back, pays, closes).
    pub qm: &'static str,
    /// The coordination (enters the jury's decisions).
    pub coordination: &'static str,
}

/// The funds: one per Stadtteilkonferenz and year, decided by the fund jury of its area
/// (or of an area above it), else by the QM.
pub fn plan_funds(
    network: &Network,
    meetings: &Meetings,
    years: &[Year],
    per_year: u32,
    now: DateTime<Utc>,
    seed: u64,
) -> Vec<Fund> {
    let mut funds = Vec::new();
    let conferences: Vec<&Body> = network.bodies_of(BodyKind::Stadtteilkonferenz).collect();
    let population = |b: &Body| {
        b.area
            .and_then(|a| network.area(a))
            .map_or(1, |a| a.population.max(1))
    };
    let everyone: i64 = conferences
        .iter()
        .map(|b| population(b))
        .sum::<i64>()
        .max(1);
    for year in years {
        for conference in &conferences {
            let mut dice = Dice::new(seed, &format!("fund/{}/{}", conference.name, year.year));
            let area = conference.area.and_then(|a| network.area(a));
            let share = population(conference) as f64 / everyone as f64;
            let demand = f64::from(per_year) * share * PER_APPLICATION_CENTS;
            let budget = ((demand / 100_000.0).ceil() as i64 * 100_000).max(BUDGET_MIN);
            let place = area.map_or(conference.name.as_str(), |a| a.name.as_str());
            let jury = jury_for(network, conference.area);
            let curated = network
                .written
                .iter()
                .filter(|w| w.body == conference.id)
                .map(|w| w.start.0)
                .min();
            // Where curated meetings follow (the demo's last months, with applications of
            // their own), generated applications come in only while a generated meeting of
            // the conference can still advise them.
            let submissions_until = match curated {
                None => now,
                Some(c) => meetings
                    .last_held(conference.id, c)
                    .and_then(|i| meetings.get(i))
                    .map_or(c, |m| m.start - Duration::days(3))
                    .min(now),
            };
            let created = super::calendar::january_first(year.year) - Duration::days(31);
            funds.push(Fund {
                id: dice.id(created),
                year: year.year,
                name: format!("Stadtteilfonds {place} {}", year.year),
                area: conference.area,
                advising: Some(conference.id),
                advising_name: conference.name.clone(),
                deciding: jury.map(|j| j.id),
                deciding_kind: jury.map(|j| j.kind),
                weight: population(conference),
                budget,
                submissions_until,
                place: Place::of(network, conference.area),
            });
        }
    }
    funds
}

/// The fund jury of `area` or of the nearest area above it, else any.
fn jury_for(network: &Network, area: Option<Id>) -> Option<&Body> {
    let juries: Vec<&Body> = network.bodies_of(BodyKind::Quartiersfondsjury).collect();
    network
        .ancestry(area)
        .iter()
        .find_map(|a| juries.iter().find(|j| j.area == Some(*a)).copied())
        .or_else(|| juries.first().copied())
}

/// Plans the applications of every year: `per_year` in the report year, fewer before, pro
/// rata in the current year, spread over the funds by their areas' population.
#[allow(clippy::too_many_arguments)]
pub fn plan_applications(
    funds: &[Fund],
    meetings: &mut Meetings,
    years: &[Year],
    per_year: u32,
    now: DateTime<Utc>,
    seed: u64,
    actors: Actors,
) -> Vec<Application> {
    let mut applications = Vec::new();
    let mut taken = HashSet::new();
    // What each fund has left; withdrawals do not give money back here, so every approval
    // fits the budget whenever it is booked.
    let mut left: Vec<i64> = funds.iter().map(|f| f.budget).collect();
    for year in years {
        let in_year: Vec<(usize, &Fund)> = funds
            .iter()
            .enumerate()
            .filter(|(_, f)| f.year == year.year)
            .collect();
        let latest = in_year
            .iter()
            .map(|(_, f)| f.submissions_until)
            .max()
            .unwrap_or(now);
        let count = year.count(per_year, latest);
        let weights: Vec<(usize, u32)> = in_year
            .iter()
            .map(|(i, f)| {
                let seconds = year.span(f.submissions_until) / 86_400;
                let weight = f.weight.saturating_mul(seconds) / 1_000;
                (
                    *i,
                    u32::try_from(weight.clamp(0, i64::from(u32::MAX))).unwrap_or(0),
                )
            })
            .collect();
        let mut dice = Dice::new(seed, &format!("applications/{}", year.year));
        let mut drafts = Vec::new();
        for _ in 0..count {
            let Some(fund) = dice.weighted(&weights) else {
                break;
            };
            let span = year.span(funds[fund].submissions_until);
            let submitted = year.from + Duration::seconds(dice.range(0..=span.max(1) - 1));
            drafts.push((submitted, fund));
        }
        // In order of submission, so that references and ids follow time.
        drafts.sort();
        for (submitted, fund) in drafts {
            let draft = Draft::invent((&funds[fund], fund), submitted, None, &mut dice, &mut taken);
            applications.push(plan_history(
                draft,
                (&funds[fund], &mut left[fund]),
                meetings,
                now,
                &mut dice,
                actors,
            ));
        }
    }
    applications
}
