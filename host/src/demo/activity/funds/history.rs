//! The moves of one application through the workflow, from its submission to the anchor:
//! checked, perhaps asked back, advised and decided in meetings, paid out, accounted for.

use chrono::{DateTime, Duration, Months, Utc};

use super::super::calendar::office_time;
use super::super::fund_texts::{QUERIES, REFUSALS, REWORK, WITHDRAWALS};
use super::super::meetings::{Item, Meetings, Mood};
use super::super::rng::Dice;
use super::lifecycle::{Draft, tens_of_euros, whole_euros};
use super::{Actors, Application, Fund, Move, PROOF_MONTHS};
use crate::db::Date;
use crate::funds::kinds::ApplicationState::{self, *};
use crate::funds::kinds::Recommendation;
use crate::funds::workflow;

/// Why an approval is less than asked for.
const CUT: &str = "Verpflegung und Getränke sind nicht förderfähig.";
/// Why the last approval of a year is less than asked for.
const LAST_MONEY: &str = "Mehr Mittel hat der Stadtteilfonds in diesem Jahr nicht mehr.";
/// Why an application finds the fund empty.
const EXHAUSTED: &str = "Die Mittel des Stadtteilfonds für dieses Jahr sind ausgeschöpft.";

/// The moves so far; each is checked against the workflow and kept in time order.
struct History {
    state: ApplicationState,
    at: DateTime<Utc>,
    advise_step: bool,
    moves: Vec<Move>,
}

impl History {
    fn step(&mut self, mut next: Move) -> bool {
        if workflow::check(self.state, next.to, self.advise_step).is_err() {
            return false;
        }
        next.at = next.at.max(self.at + Duration::minutes(1));
        self.state = next.to;
        self.at = next.at;
        self.moves.push(next);
        true
    }
}

/// A minute of the office day (08:00 + up to nine hours).
fn office_minute(dice: &mut Dice) -> i64 {
    dice.range(0..=540)
}

/// Plans the history of `draft` and cuts it at `now`.
pub fn plan_history(
    draft: Draft,
    (fund, left): (&Fund, &mut i64),
    meetings: &mut Meetings,
    now: DateTime<Utc>,
    dice: &mut Dice,
    actors: Actors,
) -> Application {
    let mut history = History::new(&draft, fund);
    run(
        &draft,
        (fund, left),
        meetings,
        now,
        dice,
        actors,
        &mut history,
    );
    finish(draft, history, now)
}

/// `draft` with a history given move by move (the demo's scripted applications): moves the
/// workflow refuses are left out, and so is what lies after `now`.
pub fn follow(draft: Draft, fund: &Fund, moves: Vec<Move>, now: DateTime<Utc>) -> Application {
    let mut history = History::new(&draft, fund);
    for m in moves {
        history.step(m);
    }
    finish(draft, history, now)
}

impl History {
    fn new(draft: &Draft, fund: &Fund) -> History {
        History {
            state: Eingereicht,
            at: draft.submitted,
            advise_step: fund.advising.is_some(),
            moves: Vec::new(),
        }
    }
}

fn finish(draft: Draft, history: History, now: DateTime<Utc>) -> Application {
    let moves = history.moves.into_iter().filter(|m| m.at <= now).collect();
    Application {
        id: draft.id,
        fund: draft.fund,
        reference: draft.reference,
        channel: draft.channel,
        token_hash: draft.token_hash,
        title: draft.title,
        requested: draft.requested,
        form: draft.form,
        contact: draft.contact,
        submitted: draft.submitted,
        moves,
    }
}

/// A move of the QM a few working days after the last one.
fn later(
    history: &History,
    dice: &mut Dice,
    median: f64,
    to: ApplicationState,
    actor: &'static str,
) -> Move {
    let days = dice.days(median, 0.5, 0.2, median * 6.0);
    Move::new(
        office_time(history.at, days, office_minute(dice)),
        to,
        actor,
    )
}

fn with_reason(mut m: Move, reason: &str) -> Move {
    m.reason = Some(reason.to_owned());
    m
}

#[allow(clippy::too_many_arguments)]
fn run(
    draft: &Draft,
    (fund, left): (&Fund, &mut i64),
    meetings: &mut Meetings,
    now: DateTime<Utc>,
    dice: &mut Dice,
    actors: Actors,
    h: &mut History,
) {
    let qm = actors.qm;
    // Meetings of the last day may not have their minutes yet.
    let horizon = now - Duration::days(1);
    h.step(later(h, dice, 2.0, InPruefung, qm));
    if dice.chance(0.12) {
        let query = dice.pick(QUERIES, &QUERIES[0]);
        h.step(with_reason(later(h, dice, 4.0, Rueckfrage, qm), query));
        if dice.chance(0.15) {
            let why = dice.pick(WITHDRAWALS, &WITHDRAWALS[0]);
            h.step(with_reason(later(h, dice, 14.0, Zurueckgezogen, qm), why));
            return;
        }
        h.step(later(h, dice, 10.0, InPruefung, qm));
    } else if dice.chance(0.02) {
        let why = dice.pick(WITHDRAWALS, &WITHDRAWALS[0]);
        h.step(with_reason(later(h, dice, 6.0, Zurueckgezogen, qm), why));
        return;
    }
    let amount = whole_euros(draft.requested);
    let mut favour = true;
    if let Some(advising) = fund.advising {
        for round in 0..2 {
            let Some(index) = meetings.next_held(advising, h.at + Duration::days(3), horizon)
            else {
                return;
            };
            let Some((id, start, voters)) = meetings.get(index).map(|m| (m.id, m.start, m.voters))
            else {
                return;
            };
            favour = dice.chance(if round == 0 { 0.85 } else { 0.7 });
            let title = format!("Stadtteilfonds: Antrag „{}“ ({amount})", draft.title);
            let (result, resolution, mood) = if favour {
                (
                    "empfohlen",
                    format!(
                        "Die Stadtteilkonferenz empfiehlt, den Antrag „{}“ zu fördern.",
                        draft.title
                    ),
                    Mood::For,
                )
            } else {
                (
                    "nicht empfohlen",
                    "Die Stadtteilkonferenz empfiehlt, den Antrag in der vorliegenden Form nicht \
                     zu fördern."
                        .to_owned(),
                    Mood::Against,
                )
            };
            let votes = (voters > 0).then(|| Meetings::votes(dice, voters, mood));
            meetings.add_motion(index, motion(title, result, resolution, votes));
            let mut advice = Move::new(start + Duration::hours(1), Beraten, qm);
            advice.recommendation = Some(if favour {
                Recommendation::Empfohlen
            } else {
                Recommendation::NichtEmpfohlen
            });
            advice.votes = votes;
            advice.meeting = Some(id);
            h.step(advice);
            if favour || round == 1 || !dice.chance(0.4) {
                break;
            }
            h.step(with_reason(later(h, dice, 2.0, Rueckfrage, qm), REWORK));
            h.step(later(h, dice, 18.0, InPruefung, qm));
        }
    }
    decide(
        draft,
        (fund, left),
        meetings,
        horizon,
        dice,
        actors,
        h,
        favour,
    );
}

fn motion(title: String, result: &str, resolution: String, votes: Option<[i64; 3]>) -> Item {
    match votes {
        Some(votes) => Item::voted(title, result, resolution, votes),
        None => Item::noted(title, result),
    }
}

#[allow(clippy::too_many_arguments)]
fn decide(
    draft: &Draft,
    (fund, left): (&Fund, &mut i64),
    meetings: &mut Meetings,
    horizon: DateTime<Utc>,
    dice: &mut Dice,
    actors: Actors,
    h: &mut History,
    recommended: bool,
) {
    let mut approve = dice.chance(if recommended { 0.93 } else { 0.05 });
    let requested = draft.requested;
    let mut approved = if dice.chance(0.2) {
        tens_of_euros(requested as f64 * (0.6 + 0.3 * dice.unit())).min(requested)
    } else {
        requested
    };
    let mut refusal = if recommended {
        dice.pick(REFUSALS, &REFUSALS[0]).to_string()
    } else {
        format!(
            "Die Stadtteilkonferenz hat die Förderung nicht empfohlen. {}",
            dice.pick(REFUSALS, &REFUSALS[0])
        )
    };
    let mut cut = (approved < requested).then(|| CUT.to_owned());
    if approve && approved > *left {
        if *left >= 10_000 {
            approved = *left / 1_000 * 1_000;
            cut = Some(LAST_MONEY.to_owned());
        } else {
            approve = false;
            refusal = EXHAUSTED.to_owned();
        }
    }
    let mut decision = match fund.deciding {
        Some(jury) => {
            let Some(index) = meetings.next_held(jury, h.at + Duration::days(2), horizon) else {
                return;
            };
            let Some((id, start, voters)) = meetings.get(index).map(|m| (m.id, m.start, m.voters))
            else {
                return;
            };
            let mood = if approve { Mood::For } else { Mood::Against };
            let votes = (voters > 0).then(|| Meetings::votes(dice, voters, mood));
            let (result, resolution) = if approve {
                (
                    "bewilligt",
                    format!(
                        "Die Jury bewilligt {} aus dem Stadtteilfonds.",
                        whole_euros(approved)
                    ),
                )
            } else {
                (
                    "abgelehnt",
                    format!("Die Jury lehnt den Antrag ab. {refusal}"),
                )
            };
            let title = format!("Antrag „{}“ ({})", draft.title, whole_euros(requested));
            meetings.add_motion(index, motion(title, result, resolution, votes));
            let mut m = Move::new(
                start + Duration::minutes(90),
                if approve { Bewilligt } else { Abgelehnt },
                actors.coordination,
            );
            m.votes = votes;
            m.meeting = Some(id);
            m
        }
        None => later(
            h,
            dice,
            7.0,
            if approve { Bewilligt } else { Abgelehnt },
            actors.qm,
        ),
    };
    if !approve {
        h.step(with_reason(decision, &refusal));
        return;
    }
    decision.amount = Some(approved);
    if let Some(why) = cut {
        decision.reason = Some(format!(
            "Bewilligt werden {} statt {}: {why}",
            whole_euros(approved),
            whole_euros(requested)
        ));
    }
    let decided = decision.at.date_naive();
    let due = decided
        .checked_add_months(Months::new(PROOF_MONTHS))
        .unwrap_or(decided);
    decision.proof_due = Some(Date::from_naive(due));
    if !h.step(decision) {
        return;
    }
    *left -= approved;
    after_approval(approved, due, dice, actors, h);
}

/// Payout and proof of use, or a withdrawal that gives the money back.
fn after_approval(
    approved: i64,
    due: chrono::NaiveDate,
    dice: &mut Dice,
    actors: Actors,
    h: &mut History,
) {
    let qm = actors.qm;
    if dice.chance(0.03) {
        let why = dice.pick(WITHDRAWALS, &WITHDRAWALS[0]);
        h.step(with_reason(later(h, dice, 20.0, Zurueckgezogen, qm), why));
        return;
    }
    let mut payout = later(h, dice, 12.0, Ausgezahlt, qm);
    payout.amount = Some(if dice.chance(0.05) {
        tens_of_euros(approved as f64 * (0.85 + 0.14 * dice.unit())).min(approved)
    } else {
        approved
    });
    h.step(payout);
    if dice.chance(0.08) {
        // The proof never comes: it is overdue once its day has passed.
        return;
    }
    let due_at = super::super::calendar::at(due, 10, 0);
    let offset = (-15.0 + 15.0 * dice.normal()).clamp(-60.0, 45.0);
    let submitted =
        (due_at + Duration::hours((offset * 24.0) as i64)).max(h.at + Duration::days(7));
    h.step(Move::new(
        office_time(submitted, 0.0, office_minute(dice)),
        VerwendungsnachweisEingereicht,
        qm,
    ));
    h.step(later(h, dice, 12.0, Abgeschlossen, qm));
}
