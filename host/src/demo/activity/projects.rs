//! Projects of each Sozialraum with a Stadtteilkonferenz: started over the seeded years,
//! moved one stage at a time (idea, concept, implementation, closed — one is dropped), each
//! with its goal hierarchy and quarterly measurements of its targets while it runs.

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};

use super::batch::Batch;
use super::calendar::{Year, at, office_time};
use super::network::Network;
use super::project_texts::{DROPPED, MEASURED, TEMPLATES, Template};
use super::rng::{Dice, derived_id};
use crate::db::{Date, Id, Timestamp, Tx};
use crate::network::kinds::{AreaKind, BodyKind};
use crate::projects::ProjectState::{self, *};

/// How long a project runs once implemented.
const RUNS_MONTHS: u32 = 24;

struct Project {
    id: Id,
    template: &'static Template,
    title: String,
    area: Id,
    lead: Option<Id>,
    partners: Vec<Id>,
    budget: i64,
    created: DateTime<Utc>,
    moves: Vec<(DateTime<Utc>, ProjectState, Option<&'static str>)>,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

/// Plans and writes `per_district` projects in each Sozialraum that has a Stadtteilkonferenz.
pub async fn seed(
    tx: &mut Tx,
    network: &Network,
    years: &[Year],
    per_district: usize,
    now: DateTime<Utc>,
    seed: u64,
    qm: &'static str,
) -> anyhow::Result<usize> {
    let mut districts: Vec<&super::network::Area> = Vec::new();
    for conference in network.bodies_of(BodyKind::Stadtteilkonferenz) {
        let district = conference
            .area
            .and_then(|a| network.district_of(a).or(network.area(a)))
            .filter(|a| a.kind != AreaKind::Stadt);
        if let Some(d) = district
            && !districts.iter().any(|known| known.id == d.id)
        {
            districts.push(d);
        }
    }
    let mut projects = Vec::new();
    let mut dice = Dice::new(seed, "projects");
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Ok(0);
    };
    for (d, district) in districts.iter().enumerate() {
        for k in 0..per_district {
            let n = d * per_district + k;
            let template = &TEMPLATES[n % TEMPLATES.len()];
            // Spread over the years, oldest first, so that some are done and some just begun.
            let span = (last.until - first.from).num_days().max(60) - 45;
            let day = (span * i64::try_from((n * 7) % 11).unwrap_or(0)) / 11 + dice.range(0..=30);
            let created = office_time(first.from + Duration::days(day), 0.0, dice.range(0..=480));
            let near = network.organisations_near(district.id);
            let lead = near
                .iter()
                .find(|o| o.kind == "traeger_wohlfahrtspflege")
                .or(near.first())
                .map(|o| o.id);
            let partners = near
                .iter()
                .map(|o| o.id)
                .filter(|o| Some(*o) != lead)
                .take(usize::try_from(dice.range(1..=2)).unwrap_or(1))
                .collect();
            projects.push(plan(
                template,
                district.id,
                &district.name,
                created,
                lead,
                partners,
                n,
                now,
                &mut dice,
            ));
        }
    }
    write(tx, network.municipality, &projects, now, qm, &mut dice).await?;
    Ok(projects.len())
}

#[allow(clippy::too_many_arguments)]
fn plan(
    template: &'static Template,
    area: Id,
    place: &str,
    created: DateTime<Utc>,
    lead: Option<Id>,
    partners: Vec<Id>,
    n: usize,
    now: DateTime<Utc>,
    dice: &mut Dice,
) -> Project {
    let concept = office_time(created, dice.days(40.0, 0.3, 10.0, 120.0), 120);
    let mut moves = vec![(concept, Konzept, None)];
    // Every seventh idea is dropped at the concept stage; every fifth goes back once.
    let dropped = n % 7 == 5;
    if n % 5 == 3 {
        let back = office_time(concept, dice.days(20.0, 0.3, 5.0, 60.0), 120);
        moves.push((
            back,
            Idee,
            Some("Das Konzept wird mit den Partnern überarbeitet."),
        ));
        moves.push((office_time(back, 30.0, 120), Konzept, None));
    }
    let last = moves.last().map_or(concept, |m| m.0);
    let implementation = office_time(last, dice.days(70.0, 0.3, 20.0, 200.0), 120);
    let starts_on = implementation.date_naive();
    let ends_on = starts_on
        .checked_add_months(Months::new(RUNS_MONTHS))
        .unwrap_or(starts_on);
    if dropped {
        moves.push((implementation, Verworfen, Some(DROPPED)));
    } else {
        moves.push((implementation, Umsetzung, None));
        moves.push((at(ends_on, 10, 0), Abgeschlossen, None));
    }
    moves.retain(|m| m.0 <= now);
    let budget =
        (template.euros as f64 * (0.8 + 0.5 * dice.unit()) / 100.0).round() as i64 * 10_000;
    Project {
        id: dice.id(created),
        template,
        title: template.title.replace("{ort}", place),
        area,
        lead,
        partners,
        budget,
        created,
        moves,
        starts_on,
        ends_on,
    }
}

/// The measured value at `share` (0–1) of the running time: growing towards the share of
/// the way the project gets, a little uneven.
fn value(baseline: f64, target: f64, reach: f64, share: f64, noise: f64) -> f64 {
    let v = baseline + (target - baseline) * reach * share.clamp(0.0, 1.0) * (1.0 + noise);
    v.max(0.0).round()
}

async fn write(
    tx: &mut Tx,
    municipality: Id,
    projects: &[Project],
    now: DateTime<Utc>,
    qm: &str,
    dice: &mut Dice,
) -> anyhow::Result<()> {
    let mut rows = Batch::new(
        "projects",
        &[
            "id",
            "municipality_id",
            "title",
            "description",
            "field_of_action",
            "area_id",
            "lead_organisation_id",
            "budget_cents",
            "state",
            "starts_on",
            "ends_on",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    let mut partners = Batch::new(
        "project_partners",
        &["project_id", "position", "organisation_id"],
    );
    let mut events = Batch::new(
        "project_events",
        &[
            "id",
            "municipality_id",
            "project_id",
            "from_state",
            "to_state",
            "actor",
            "note",
            "at",
        ],
    );
    let mut goals = Batch::new(
        "project_goals",
        &[
            "id",
            "municipality_id",
            "project_id",
            "parent_id",
            "position",
            "title",
        ],
    );
    let mut targets = Batch::new(
        "project_targets",
        &[
            "id",
            "municipality_id",
            "project_id",
            "goal_id",
            "position",
            "indicator",
            "unit",
            "baseline",
            "target_value",
            "deadline",
        ],
    );
    let mut measurements = Batch::new(
        "project_measurements",
        &[
            "id",
            "municipality_id",
            "project_id",
            "target_id",
            "measured_on",
            "actual_value",
            "note",
            "actor",
            "created_at",
        ],
    );
    for p in projects {
        let state = p.moves.last().map_or(Idee, |m| m.1);
        let implemented = p.moves.iter().any(|m| m.1 == Umsetzung);
        let goals_set = office_time(p.created, 3.0, 180);
        let updated = p.moves.last().map_or(goals_set, |m| m.0.max(goals_set));
        rows.row()
            .id(p.id)
            .id(municipality)
            .text(p.title.as_str())
            .text(p.template.description)
            .text(p.template.field)
            .id(p.area)
            .opt_id(p.lead)
            .int(p.budget)
            .text(state.as_str())
            .opt_date(implemented.then(|| Date::from_naive(p.starts_on)))
            .opt_date(implemented.then(|| Date::from_naive(p.ends_on)))
            .int(2 + p.moves.len() as i64)
            .at(Timestamp(p.created))
            .at(Timestamp(updated));
        for (position, org) in (0_i64..).zip(&p.partners) {
            partners.row().id(p.id).int(position).id(*org);
        }
        let mut from: Option<ProjectState> = None;
        let history = std::iter::once((p.created, Idee, None)).chain(p.moves.iter().copied());
        for (n, (at, to, note)) in (0_u64..).zip(history) {
            events
                .row()
                .id(derived_id(p.id, at, n))
                .id(municipality)
                .id(p.id)
                .opt_text(from.map(|f| f.as_str()))
                .text(to.as_str())
                .text(qm)
                .opt_text(note)
                .at(Timestamp(at));
            from = Some(to);
        }
        let leitziel = derived_id(p.id, goals_set, 100);
        let handlungsziel = derived_id(p.id, goals_set, 101);
        goals
            .row()
            .id(leitziel)
            .id(municipality)
            .id(p.id)
            .opt_id(None)
            .int(0)
            .text(p.template.leitziel);
        goals
            .row()
            .id(handlungsziel)
            .id(municipality)
            .id(p.id)
            .id(leitziel)
            .int(0)
            .text(p.template.handlungsziel);
        let running = (p.ends_on - p.starts_on).num_days().max(1) as f64;
        for (t, (indicator, unit, baseline, target, reach)) in (0_u64..).zip(p.template.targets) {
            let target_id = derived_id(p.id, goals_set, 200 + t);
            targets
                .row()
                .id(target_id)
                .id(municipality)
                .id(p.id)
                .id(handlungsziel)
                .int(t as i64)
                .text(*indicator)
                .text(*unit)
                .real(*baseline)
                .real(*target)
                .date(Date::from_naive(p.ends_on));
            if !implemented {
                continue;
            }
            let mut quarter = 1;
            while let Some(day) = p.starts_on.checked_add_months(Months::new(3 * quarter)) {
                let recorded = office_time(at(day, 8, 0), 1.0, 60);
                if day > p.ends_on || recorded > now {
                    break;
                }
                let share = (day - p.starts_on).num_days() as f64 / running;
                let noise = 0.08 * dice.normal();
                measurements
                    .row()
                    .id(derived_id(target_id, recorded, u64::from(quarter)))
                    .id(municipality)
                    .id(p.id)
                    .id(target_id)
                    .date(Date::from_naive(day))
                    .real(value(*baseline, *target, *reach, share, noise))
                    .text(MEASURED)
                    .text(qm)
                    .at(Timestamp(recorded));
                quarter += 1;
            }
        }
    }
    rows.write(tx).await?;
    partners.write(tx).await?;
    events.write(tx).await?;
    goals.write(tx).await?;
    targets.write(tx).await?;
    measurements.write(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::value;

    #[test]
    fn measurements_grow_from_the_baseline_towards_the_reach() {
        assert_eq!(value(10.0, 60.0, 1.0, 0.0, 0.0), 10.0);
        assert_eq!(value(10.0, 60.0, 0.8, 1.0, 0.0), 50.0);
        assert!(value(0.0, 100.0, 1.0, 0.5, 0.1) > value(0.0, 100.0, 1.0, 0.25, 0.1));
    }
}
