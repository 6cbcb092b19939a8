//! Residents' concerns across the years and the Lotsenfunktion at work: received (by the
//! public form or at the consultation hour), forwarded to the department responsible,
//! answered after a department's usual time, reported back to the resident, closed — or
//! answered as not the city's matter, or recognised as a duplicate. Histories are cut at the
//! anchor, so the last weeks' concerns are still on their way.
//!
//! Reporters' contacts are invented and plainly so; those of concerns closed longer ago
//! than the default retention period are already erased, as `quartier erase-expired` does.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Timelike, Utc};

mod write;

use super::calendar::{Year, office_time};
use super::concern_texts::{CATEGORIES, Category, NOT_RESPONSIBLE, Offices, PRIVATE_GROUND};
use super::fund_texts::RESIDENTS;
use super::network::{Area, Network};
use super::rng::Dice;
use crate::concerns::ConcernState;
use crate::concerns::workflow::{ConcernSource, ReportChannel};
use crate::db::{Id, Tx};

use ConcernState::*;

/// One concern with its history.
struct Concern {
    id: Id,
    reference: String,
    token_hash: String,
    source: ConcernSource,
    category: &'static Category,
    area: String,
    district: String,
    text: String,
    department: Option<&'static str>,
    department_organisation: Option<Id>,
    reporter: Option<(String, bool)>,
    received: DateTime<Utc>,
    /// (when, to, note).
    moves: Vec<(DateTime<Utc>, ConcernState, Option<String>)>,
    feedback: String,
    channel: ReportChannel,
    duplicate_of: Option<(Id, String)>,
}

impl Concern {
    fn state(&self) -> ConcernState {
        self.moves.last().map_or(Eingegangen, |m| m.1)
    }

    fn when(&self, state: ConcernState) -> Option<DateTime<Utc>> {
        self.moves.iter().find(|m| m.1 == state).map(|m| m.0)
    }
}

/// Who records what.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub offices: Offices,
    /// The QM's user name.
    pub qm: &'static str,
}

/// Plans and writes the concerns of every year (`volume` in the report year); answers how
/// many each year got.
#[allow(clippy::too_many_arguments)]
pub async fn seed(
    tx: &mut Tx,
    network: &Network,
    years: &[Year],
    volume: u32,
    now: DateTime<Utc>,
    seed: u64,
    settings: Settings,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Vec<(i32, usize)>> {
    // References are unique across the host: those of other municipalities are taken too.
    let mut taken: HashSet<String> = sqlx::query_scalar::<_, String>(
        "SELECT reference FROM concerns WHERE municipality_id <> $1",
    )
    .bind(network.municipality)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    let leaves: Vec<&Area> = network
        .areas
        .iter()
        .filter(|a| !network.areas.iter().any(|c| c.parent == Some(a.id)))
        .collect();
    let places: Vec<(usize, u32)> = leaves
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                i,
                u32::try_from(a.population.clamp(1, 1_000_000)).unwrap_or(1),
            )
        })
        .collect();
    // Looked up once, not per concern.
    let districts: Vec<String> = leaves
        .iter()
        .map(|a| {
            network
                .district_of(a.id)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        })
        .collect();
    let offices: Vec<Option<Id>> = CATEGORIES
        .iter()
        .map(|c| {
            c.department(settings.offices)
                .and_then(|d| network.organisation_named(d))
        })
        .collect();
    let categories: Vec<(usize, u32)> = CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.weight))
        .collect();
    let total: u32 = years.iter().map(|y| y.count(volume, y.until)).sum();
    let mut written = 0;
    let mut per_year = Vec::new();
    for year in years {
        let mut dice = Dice::new(seed, &format!("concerns/{}", year.year));
        let count = year.count(volume, year.until);
        let span = year.span(year.until).max(1);
        let mut received: Vec<DateTime<Utc>> = (0..count)
            .map(|_| year.from + Duration::seconds(dice.range(0..=span - 1)))
            .collect();
        received.sort();
        let mut concerns: Vec<Concern> = Vec::with_capacity(received.len());
        for at in received {
            let (Some(place), Some(category)) =
                (dice.weighted(&places), dice.weighted(&categories))
            else {
                continue;
            };
            let concern = plan(
                (leaves[place], &districts[place]),
                (&CATEGORIES[category], offices[category]),
                at,
                (now, year.until),
                &concerns,
                &mut dice,
                &mut taken,
                settings,
            );
            concerns.push(concern);
        }
        written += concerns.len();
        per_year.push((year.year, concerns.len()));
        write::write(tx, network.municipality, &concerns, now, settings).await?;
        progress(written, total as usize);
    }
    Ok(per_year)
}

#[allow(clippy::too_many_arguments)]
fn plan(
    (place, district): (&Area, &str),
    (category, department_organisation): (&'static Category, Option<Id>),
    received: DateTime<Utc>,
    (now, bound): (DateTime<Utc>, DateTime<Utc>),
    earlier: &[Concern],
    dice: &mut Dice,
    taken: &mut HashSet<String>,
    settings: Settings,
) -> Concern {
    let public = dice.chance(0.6);
    // Residents write at any hour; staff record concerns from consultation hours in office time.
    let office = office_time(received, 0.0, dice.range(60..=480));
    let received = if public || office >= bound {
        received
    } else {
        office
    };
    let (text, answer) = *dice.pick(category.texts, &("", ""));
    let text = text.replace("{ort}", &place.name);
    let department = category.department(settings.offices);
    let reporter = dice.chance(0.65).then(|| {
        (
            dice.pick(RESIDENTS, &RESIDENTS[0]).to_string(),
            dice.chance(0.8),
        )
    });
    let channel = match (&reporter, dice.range(0..=99)) {
        (None, _) => ReportChannel::Statusseite,
        (Some(_), 0..=59) => ReportChannel::Email,
        (Some(_), 60..=79) => ReportChannel::Telefon,
        (Some(_), 80..=84) => ReportChannel::Brief,
        _ => ReportChannel::Persoenlich,
    };
    let mut reference = dice.reference("AN");
    while !taken.insert(reference.clone()) {
        reference = dice.reference("AN");
    }
    let mut concern = Concern {
        id: dice.id(received),
        reference,
        token_hash: dice.token_hash(),
        source: if public {
            ConcernSource::Oeffentlich
        } else {
            ConcernSource::Intern
        },
        category,
        area: place.name.clone(),
        district: district.to_owned(),
        text,
        department,
        department_organisation,
        reporter,
        received,
        moves: Vec::new(),
        feedback: answer.to_owned(),
        channel,
        duplicate_of: None,
    };
    let minute = |dice: &mut Dice| dice.range(0..=480);
    let first = office_time(received, dice.days(1.2, 0.6, 0.05, 10.0), minute(dice));
    let original = earlier.iter().rev().take(200).find(|c| {
        c.category.key == category.key
            && c.area == concern.area
            && (received - c.received) < Duration::days(21)
            && c.duplicate_of.is_none()
    });
    let mut moves = Vec::new();
    if let (Some(original), true) = (original, dice.chance(0.5)) {
        concern.duplicate_of = Some((original.id, original.reference.clone()));
        moves.push((first, Duplikat, None));
    } else if department.is_none() {
        moves.push((first, NichtZustaendig, Some(NOT_RESPONSIBLE.to_owned())));
    } else if dice.chance(0.03) {
        moves.push((first, NichtZustaendig, Some(PRIVATE_GROUND.to_owned())));
    } else {
        moves.push((first, Weitergeleitet, None));
        let days = dice.days(category.answer_days, 0.7, 0.3, 150.0);
        let answered = first + Duration::seconds((days * 86_400.0) as i64);
        let answered = office_time(answered, 0.0, i64::from(answered.hour()) * 60 - 480);
        moves.push((answered, RueckmeldungErhalten, None));
        let reported = office_time(answered, dice.days(1.5, 0.6, 0.05, 20.0), minute(dice));
        moves.push((reported, Zurueckgemeldet, None));
        let closed = office_time(reported, dice.days(2.0, 0.7, 0.0, 30.0), minute(dice));
        moves.push((closed, Geschlossen, None));
    }
    // In time order, a minute apart at least, and only what happened before the anchor.
    let mut last = received;
    for (at, state, note) in moves {
        let at = at.max(last + Duration::minutes(1));
        if at > now {
            break;
        }
        last = at;
        concern.moves.push((at, state, note));
    }
    concern
}
