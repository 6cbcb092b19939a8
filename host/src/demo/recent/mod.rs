//! The applications of the last months, written to match the curated meetings that discuss
//! them (`data::meetings`): advised by the Stadtteilkonferenzen with the votes their minutes
//! record, decided by the jury a week ago, one asked back for rework, and the newest still
//! waiting. Together they put the open states of the workflow on the demo's first page.

mod script;

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, Months, Utc};

use super::activity::fund_texts::{IDEAS, REWORK};
use super::activity::funds::{Actors, Application, Draft, Move, follow, whole_euros};
use super::activity::meetings::{Item, Meetings, Mood};
use super::activity::rng::Dice;
use super::activity::{Activity, funds::PROOF_MONTHS};
use super::insert::{Keys, id};
use super::schedule::Written;
use crate::db::{Date, Id};
use crate::funds::kinds::ApplicationState::*;
use crate::funds::kinds::Recommendation;
use script::{JURY, Path, SCRIPTED, Scripted, Then};

/// Context of the scripted applications.
struct Ctx<'a> {
    now: DateTime<Utc>,
    written: &'a [Written],
    keys: &'a Keys,
    actors: Actors,
}

impl Ctx<'_> {
    /// `day` days from the anchor's day, in the morning's office hours.
    fn day(&self, day: i64) -> DateTime<Utc> {
        let morning = self
            .now
            .date_naive()
            .and_hms_opt(9, 30, 0)
            .unwrap_or_default();
        morning.and_utc() + Duration::days(day)
    }

    /// The curated meeting of `body` on `day`.
    fn curated(&self, body: &str, day: i64) -> Option<&Written> {
        self.written.iter().find(|w| w.body == body && w.day == day)
    }
}

/// Adds the scripted applications to the activity's plan.
pub fn add(
    activity: &mut Activity,
    now: DateTime<Utc>,
    written: &[Written],
    keys: &Keys,
    seed: u64,
    actors: Actors,
) -> anyhow::Result<()> {
    let ctx = Ctx {
        now,
        written,
        keys,
        actors,
    };
    let mut dice = Dice::new(seed, "recent");
    let mut taken: HashSet<String> = activity
        .applications
        .iter()
        .map(|a| a.reference.clone())
        .collect();
    let jury = id(&keys.bodies, JURY)?;
    for s in SCRIPTED {
        let conference = id(&ctx.keys.bodies, s.conference)?;
        let mut moves = Vec::new();
        let submitted = match s.path {
            Path::Earlier { proof } => {
                let Some(m) = earlier(activity, &ctx, conference, jury, proof, s, &mut dice) else {
                    continue;
                };
                moves = m.1;
                m.0
            }
            _ => ctx.day(s.submitted),
        };
        let Some(fund) = activity
            .funds
            .iter()
            .position(|f| f.advising == Some(conference) && f.year == submitted.year())
        else {
            continue;
        };
        let idea = IDEAS.iter().find(|i| i.title == s.idea);
        let mut draft = Draft::invent(
            (&activity.funds[fund], fund),
            submitted,
            idea,
            &mut dice,
            &mut taken,
        );
        let requested = s.euros * 100;
        draft.title = s.title.to_owned();
        draft.requested = requested;
        draft.form["title"] = s.title.into();
        draft.form["amount_cents"] = requested.into();
        draft.form["cofinancing_cents"] = (requested / 10).into();
        if let Path::Curated {
            day,
            recommended,
            votes,
            then,
        } = s.path
        {
            moves.push(Move::new(ctx.day(s.checked), InPruefung, actors.qm));
            let Some(meeting) = ctx.curated(s.conference, day) else {
                continue;
            };
            let mut advice = Move::new(meeting.start + Duration::hours(1), Beraten, actors.qm);
            advice.recommendation = Some(if recommended {
                Recommendation::Empfohlen
            } else {
                Recommendation::NichtEmpfohlen
            });
            advice.votes = Some(votes);
            advice.meeting = Some(meeting.id);
            moves.push(advice);
            decided(
                &ctx,
                &mut activity.meetings,
                jury,
                s,
                requested,
                then,
                &mut moves,
                &mut dice,
            );
        } else if let Path::Open {
            checked: Some(checked),
        } = s.path
        {
            moves.push(Move::new(ctx.day(checked), InPruefung, actors.qm));
        }
        let application: Application = follow(draft, &activity.funds[fund], moves, now);
        activity.applications.push(application);
    }
    Ok(())
}

/// The moves after a curated advice.
#[allow(clippy::too_many_arguments)]
fn decided(
    ctx: &Ctx<'_>,
    meetings: &mut Meetings,
    jury: Id,
    s: &Scripted,
    requested: i64,
    then: Then,
    moves: &mut Vec<Move>,
    dice: &mut Dice,
) {
    let qm = ctx.actors.qm;
    let after = moves.last().map_or(ctx.now, |m| m.at);
    let (decision, paid) = match then {
        Then::Waiting => return,
        Then::AskBack(day) => {
            let mut ask = Move::new(ctx.day(day), Rueckfrage, qm);
            ask.reason = Some(REWORK.to_owned());
            moves.push(ask);
            return;
        }
        Then::Jury { day, votes, paid } => {
            let Some(meeting) = ctx.curated(JURY, day) else {
                return;
            };
            let mut m = Move::new(
                meeting.start + Duration::minutes(90),
                Bewilligt,
                ctx.actors.coordination,
            );
            m.votes = Some(votes);
            m.meeting = Some(meeting.id);
            (m, paid)
        }
        Then::NextJury { paid } => {
            let Some(m) = jury_decision(ctx, meetings, jury, s.title, requested, after, dice)
            else {
                return;
            };
            (m, Some(paid))
        }
    };
    approve_and_pay(decision, requested, paid, moves, qm);
}

/// The approval in the jury's next generated meeting after `after`, added to its agenda.
fn jury_decision(
    ctx: &Ctx<'_>,
    meetings: &mut Meetings,
    jury: Id,
    title: &str,
    requested: i64,
    after: DateTime<Utc>,
    dice: &mut Dice,
) -> Option<Move> {
    let index = meetings.next_held(jury, after + Duration::days(2), ctx.now - Duration::days(1))?;
    let (id, start, voters) = meetings.get(index).map(|m| (m.id, m.start, m.voters))?;
    let votes = (voters > 0).then(|| Meetings::votes(dice, voters, Mood::For));
    let amount = whole_euros(requested);
    let resolution = format!("Die Jury bewilligt {amount} aus dem Stadtteilfonds.");
    let item = match votes {
        Some(v) => Item::voted(
            format!("Antrag „{title}“ ({amount})"),
            "bewilligt",
            resolution,
            v,
        ),
        None => Item::noted(format!("Antrag „{title}“ ({amount})"), "bewilligt"),
    };
    meetings.add_motion(index, item);
    let mut m = Move::new(
        start + Duration::minutes(90),
        Bewilligt,
        ctx.actors.coordination,
    );
    m.votes = votes;
    m.meeting = Some(id);
    Some(m)
}

/// The approval with its amount and proof date, then the payout after `paid` days.
fn approve_and_pay(
    mut decision: Move,
    requested: i64,
    paid: Option<i64>,
    moves: &mut Vec<Move>,
    qm: &'static str,
) {
    decision.amount = Some(requested);
    let decided = decision.at.date_naive();
    decision.proof_due = decided
        .checked_add_months(Months::new(PROOF_MONTHS))
        .map(Date::from_naive);
    let at = decision.at;
    moves.push(decision);
    if let Some(days) = paid {
        let mut payout = Move::new(at + Duration::days(days), Ausgezahlt, qm);
        payout.amount = Some(requested);
        moves.push(payout);
    }
}

/// The history of an application advised and decided in the last generated meetings, whose
/// proof of use came in on `proof`: its submission and moves.
fn earlier(
    activity: &mut Activity,
    ctx: &Ctx<'_>,
    conference: Id,
    jury: Id,
    proof: i64,
    s: &Scripted,
    dice: &mut Dice,
) -> Option<(DateTime<Utc>, Vec<Move>)> {
    let qm = ctx.actors.qm;
    let first_curated = ctx
        .written
        .iter()
        .filter(|w| w.body == s.conference)
        .map(|w| w.start)
        .min()?;
    let index = activity.meetings.last_held(conference, first_curated)?;
    let (meeting, start, voters) = activity
        .meetings
        .get(index)
        .map(|m| (m.id, m.start, m.voters))?;
    let requested = s.euros * 100;
    let amount = whole_euros(requested);
    let votes = (voters > 0).then(|| Meetings::votes(dice, voters, Mood::For));
    let resolution = format!(
        "Die Stadtteilkonferenz empfiehlt, den Antrag „{}“ zu fördern.",
        s.title
    );
    let title = format!("Stadtteilfonds: Antrag „{}“ ({amount})", s.title);
    activity.meetings.add_motion(
        index,
        match votes {
            Some(v) => Item::voted(title, "empfohlen", resolution, v),
            None => Item::noted(title, "empfohlen"),
        },
    );
    let submitted = start - Duration::days(24);
    let mut moves = vec![Move::new(submitted + Duration::days(3), InPruefung, qm)];
    let mut advice = Move::new(start + Duration::hours(1), Beraten, qm);
    advice.recommendation = Some(Recommendation::Empfohlen);
    advice.votes = votes;
    advice.meeting = Some(meeting);
    moves.push(advice);
    let decision = jury_decision(
        ctx,
        &mut activity.meetings,
        jury,
        s.title,
        requested,
        start,
        dice,
    )?;
    approve_and_pay(decision, requested, Some(12), &mut moves, qm);
    moves.push(Move::new(
        ctx.day(proof),
        VerwendungsnachweisEingereicht,
        qm,
    ));
    Some((submitted, moves))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::data::MEETINGS;

    #[test]
    fn the_scripted_advice_and_decisions_are_what_the_curated_minutes_record() {
        for s in SCRIPTED {
            assert!(IDEAS.iter().any(|i| i.title == s.idea), "{}", s.idea);
            let Path::Curated {
                day,
                recommended,
                votes,
                then,
            } = s.path
            else {
                continue;
            };
            let item = MEETINGS
                .iter()
                .filter(|m| m.body == s.conference && m.day == day)
                .flat_map(|m| m.agenda)
                .find(|i| i.title.contains(s.title))
                .unwrap_or_else(|| panic!("no agenda item for {}", s.title));
            assert_eq!(item.votes, Some(votes), "{}", s.title);
            assert_eq!(item.result == Some("empfohlen"), recommended, "{}", s.title);
            assert!(
                item.title.contains(&whole_euros(s.euros * 100)),
                "{}",
                item.title
            );
            if let Then::Jury { day, votes, .. } = then {
                let decision = MEETINGS
                    .iter()
                    .filter(|m| m.body == JURY && m.day == day)
                    .flat_map(|m| m.agenda)
                    .find(|i| i.title.contains(s.title))
                    .unwrap_or_else(|| panic!("no jury item for {}", s.title));
                assert_eq!(decision.votes, Some(votes), "{}", s.title);
            }
        }
    }
}
