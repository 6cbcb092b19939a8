//! Contracts (*Kontrakte*) between the city and the welfare organisations running the
//! neighbourhood work of a Sozialraum: quantitative and qualitative targets for three years,
//! reviewed once a year by the steering group in one of its meetings.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::batch::Batch;
use super::calendar::{Year, at, january_first};
use super::meetings::{Item, Meetings};
use super::network::Network;
use super::rng::{Dice, derived_id};
use crate::contracts::{Fulfilment, PartyRole, TargetKind};
use crate::db::{Date, Id, Timestamp, Tx};
use crate::network::kinds::{AreaKind, BodyKind};

/// (kind, indicator or description, unit, target value).
type Target = (TargetKind, &'static str, Option<&'static str>, Option<f64>);

const TARGETS: [Target; 5] = [
    (
        TargetKind::Quantitativ,
        "Offene Sprechstunden im Stadtteilbüro",
        Some("Sprechstunden pro Jahr"),
        Some(80.0),
    ),
    (
        TargetKind::Quantitativ,
        "Ehrenamtlich Engagierte in Angeboten des Quartiers",
        Some("Personen"),
        Some(40.0),
    ),
    (
        TargetKind::Quantitativ,
        "Anliegen mit Rückmeldung an die Meldenden",
        Some("%"),
        Some(85.0),
    ),
    (
        TargetKind::Qualitativ,
        "Eine Bewohnergruppe organisiert den Mittagstisch eigenständig.",
        None,
        None,
    ),
    (
        TargetKind::Qualitativ,
        "Die Angebote der Altenarbeit sind in der Örtlichen Arbeitsgemeinschaft abgestimmt.",
        None,
        None,
    ),
];

/// What the steering group says about a target in each review, by the review's year of the
/// term: slowly towards fulfilment.
const STATUS: [[Fulfilment; 5]; 3] = {
    use Fulfilment::*;
    [
        [
            TeilweiseErfuellt,
            TeilweiseErfuellt,
            Offen,
            Offen,
            TeilweiseErfuellt,
        ],
        [
            Erfuellt,
            TeilweiseErfuellt,
            TeilweiseErfuellt,
            TeilweiseErfuellt,
            Erfuellt,
        ],
        [Erfuellt, Erfuellt, TeilweiseErfuellt, Erfuellt, Erfuellt],
    ]
};

fn comment(status: Fulfilment) -> &'static str {
    match status {
        Fulfilment::Erfuellt => "Zielwert erreicht.",
        Fulfilment::TeilweiseErfuellt => "Auf gutem Weg; der Zielwert ist noch nicht erreicht.",
        Fulfilment::NichtErfuellt => "Nicht erreicht; die Träger legen einen Plan vor.",
        Fulfilment::Offen => "Noch nicht zu beurteilen.",
    }
}

struct Review {
    id: Id,
    on: NaiveDate,
    meeting: Option<Id>,
    round: usize,
}

/// The planned contracts as rows, written once the meetings they were reviewed in are.
pub struct Contracts {
    rows: Batch,
    parties: Batch,
    targets: Batch,
    reviews: Batch,
    results: Batch,
    pub count: usize,
}

impl Contracts {
    pub async fn write(mut self, tx: &mut Tx) -> anyhow::Result<usize> {
        self.rows.write(tx).await?;
        self.parties.write(tx).await?;
        self.targets.write(tx).await?;
        self.reviews.write(tx).await?;
        self.results.write(tx).await?;
        Ok(self.count)
    }
}

/// Plans up to `count` contracts (one per Sozialraum with a Stadtteilkonferenz) and adds
/// their reviews to the steering group's meetings.
pub fn plan(
    network: &Network,
    meetings: &mut Meetings,
    years: &[Year],
    count: usize,
    now: DateTime<Utc>,
    seed: u64,
    qm: &str,
) -> Contracts {
    let mut planned = Contracts {
        rows: Batch::new(
            "contracts",
            &[
                "id",
                "municipality_id",
                "title",
                "subject",
                "starts_on",
                "ends_on",
                "steering_body_id",
                "version",
                "created_at",
                "updated_at",
            ],
        ),
        parties: Batch::new(
            "contract_parties",
            &["contract_id", "position", "organisation_id", "role"],
        ),
        targets: Batch::new(
            "contract_targets",
            &[
                "id",
                "municipality_id",
                "contract_id",
                "position",
                "kind",
                "description",
                "indicator",
                "unit",
                "target_value",
                "deadline",
            ],
        ),
        reviews: Batch::new(
            "contract_reviews",
            &[
                "id",
                "municipality_id",
                "contract_id",
                "body_id",
                "meeting_id",
                "reviewed_on",
                "note",
                "actor",
                "created_at",
            ],
        ),
        results: Batch::new(
            "contract_review_results",
            &["review_id", "target_id", "status", "comment"],
        ),
        count: 0,
    };
    let Some(steering) = network
        .bodies_of(BodyKind::Lenkungsgruppe)
        .chain(network.bodies_of(BodyKind::Steuerungsrunde))
        .next()
    else {
        return planned;
    };
    // The term: three years ending with the current one.
    let Some(last) = years.last() else {
        return planned;
    };
    let starts = january_first(last.year - 2).date_naive();
    let ends = january_first(last.year + 1).date_naive() - Duration::days(1);
    let mut dice = Dice::new(seed, "contracts");
    let mut districts: Vec<&super::network::Area> = Vec::new();
    for conference in network.bodies_of(BodyKind::Stadtteilkonferenz) {
        if let Some(d) = conference.area.and_then(|a| network.district_of(a))
            && d.kind == AreaKind::Sozialraum
            && !districts.iter().any(|k| k.id == d.id)
        {
            districts.push(d);
        }
    }
    for district in districts.into_iter().take(count) {
        let near = network.organisations_near(district.id);
        let Some(provider) = near.iter().find(|o| o.kind == "traeger_wohlfahrtspflege") else {
            continue;
        };
        let created = at(starts, 9, 0) - Duration::days(30);
        let id = dice.id(created);
        let title = format!("Kontrakt Gemeinwesenarbeit {}", district.name);
        // One review a year, in the steering group's first meeting from September on.
        let mut held = Vec::new();
        for (round, year) in (0..3).map(|r| (r, last.year - 2 + r as i32)) {
            let from = at(NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(starts), 0, 0);
            let until = january_first(year + 1).min(now - Duration::days(1));
            let Some(index) = meetings.next_held(steering.id, from, until) else {
                continue;
            };
            let Some((meeting, start)) = meetings.get(index).map(|m| (m.id, m.start)) else {
                continue;
            };
            meetings.add_motion(
                index,
                Item::noted(
                    format!("{title}: Überprüfung der Zielerreichung"),
                    "überprüft",
                ),
            );
            held.push(Review {
                id: derived_id(id, start, round as u64 + 1),
                on: start.date_naive(),
                meeting: Some(meeting),
                round,
            });
        }
        let updated = held.last().map_or(created, |r| at(r.on, 12, 0));
        planned
            .rows
            .row()
            .id(id)
            .id(network.municipality)
            .text(title.as_str())
            .text(format!(
                "Gemeinwesenarbeit und Stadtteilbüro in {}: Sprechstunden, Vernetzung der \
                 Angebote und Beteiligung der Bewohnerinnen und Bewohner.",
                district.name
            ))
            .date(Date::from_naive(starts))
            .date(Date::from_naive(ends))
            .id(steering.id)
            .int(1)
            .at(Timestamp(created))
            .at(Timestamp(updated));
        planned
            .parties
            .row()
            .id(id)
            .int(0)
            .opt_id(None)
            .text(PartyRole::Auftraggeber.as_str());
        planned
            .parties
            .row()
            .id(id)
            .int(1)
            .id(provider.id)
            .text(PartyRole::Auftragnehmer.as_str());
        let target_ids: Vec<Id> = (0..TARGETS.len())
            .map(|t| derived_id(id, created, 10 + t as u64))
            .collect();
        for (position, ((kind, text, unit, value), target)) in
            (0_i64..).zip(TARGETS.iter().zip(&target_ids))
        {
            let quantitative = *kind == TargetKind::Quantitativ;
            planned
                .targets
                .row()
                .id(*target)
                .id(network.municipality)
                .id(id)
                .int(position)
                .text(kind.as_str())
                .opt_text((!quantitative).then_some(*text))
                .opt_text(quantitative.then_some(*text))
                .opt_text(*unit)
                .opt_real(*value)
                .date(Date::from_naive(ends));
        }
        for review in &held {
            planned
                .reviews
                .row()
                .id(review.id)
                .id(network.municipality)
                .id(id)
                .id(steering.id)
                .opt_id(review.meeting)
                .date(Date::from_naive(review.on))
                .text("Die Lenkungsgruppe hat den Sachbericht des Trägers beraten.")
                .text(qm)
                .at(Timestamp(at(review.on, 12, 0)));
            for (status, target) in STATUS[review.round.min(2)].iter().zip(&target_ids) {
                planned
                    .results
                    .row()
                    .id(review.id)
                    .id(*target)
                    .text(status.as_str())
                    .text(comment(*status));
            }
        }
        planned.count += 1;
    }
    planned
}
