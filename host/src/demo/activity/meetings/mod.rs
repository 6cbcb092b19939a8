//! The meetings of every body across the seeded years, by the body's rhythm: held ones with
//! attendance, agenda results, votes and minutes, a few cancelled ones, and — where no
//! curated meetings follow — the next ones invited or planned.
//!
//! Planning and writing are apart: fund applications are advised and decided in these
//! meetings, so the funds add their items (with votes of the members present) to the plan
//! before it is written. A body's generated meetings stop ten days before its first curated
//! meeting, which goes on from there.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Timelike, Utc};

mod item;
mod write;

pub use item::{Item, Mood};

use super::calendar::{Year, at, working_day};
use super::meeting_texts as texts;
use super::network::{Body, Network};
use super::rng::Dice;
use crate::db::{Date, Id};
use crate::network::kinds::{AttendanceStatus, BodyKind, MeetingState};

/// One planned meeting.
#[derive(Debug)]
pub struct Meeting {
    pub id: Id,
    pub body: Id,
    title: String,
    /// The QM prepares it and keeps its minutes (conferences, working groups, round tables).
    prepared_by_qm: bool,
    pub start: DateTime<Utc>,
    end: DateTime<Utc>,
    /// When it was put in the calendar (three weeks ahead, at the latest now).
    created: DateTime<Utc>,
    /// Its last change: the minutes two days after, or the cancellation.
    updated: DateTime<Utc>,
    pub state: MeetingState,
    location: String,
    attendance: Vec<(Option<Id>, Option<Id>, AttendanceStatus)>,
    /// Members with a vote who are present.
    pub voters: i64,
    opening: Vec<Item>,
    topics: Vec<Item>,
    motions: Vec<Item>,
    closing: Vec<Item>,
    minutes_approved: bool,
}

impl Meeting {
    pub fn held(&self) -> bool {
        self.state == MeetingState::Durchgefuehrt
    }
}

/// The plan of all generated meetings.
#[derive(Debug, Default)]
pub struct Meetings {
    list: Vec<Meeting>,
    /// Indexes into `list` per body, by start.
    by_body: HashMap<Id, Vec<usize>>,
}

/// Where and when a body usually meets: taken from its curated meetings, else by kind.
struct Habit {
    location: String,
    hour: u32,
    minutes: i64,
}

fn habit(network: &Network, body: &Body) -> Habit {
    if let Some(w) = network.written.iter().rev().find(|w| w.body == body.id) {
        let hour = w.start.0.hour();
        return Habit {
            location: w.location.clone().unwrap_or_default(),
            hour,
            minutes: w.end.map_or(120, |e| (e.0 - w.start.0).num_minutes()),
        };
    }
    let place = body
        .area
        .and_then(|a| network.area(a))
        .map_or_else(|| "Rathaus".to_owned(), |a| a.name.clone());
    let (location, hour) = match body.kind {
        BodyKind::Lenkungsgruppe | BodyKind::Steuerungsrunde | BodyKind::Traegerverbund => {
            ("Rathaus, Sitzungsraum 2".to_owned(), 10)
        }
        BodyKind::Quartiersfondsjury => (format!("Stadtteilbüro {place}"), 17),
        BodyKind::OertlicheArbeitsgemeinschaftAltenarbeit => {
            (format!("Begegnungszentrum {place}"), 14)
        }
        _ => (format!("Stadtteilbüro {place}, Gruppenraum"), 16),
    };
    Habit {
        location,
        hour,
        minutes: 120,
    }
}

impl Meetings {
    /// Plans the meetings of every body in `years`, up to `now` and the body's curated
    /// meetings; with `upcoming`, also the next two months of bodies without curated ones.
    pub fn plan(network: &Network, seed: u64, now: DateTime<Utc>, years: &[Year]) -> Meetings {
        let mut meetings = Meetings::default();
        for body in &network.bodies {
            let cutoff = network
                .written
                .iter()
                .filter(|w| w.body == body.id)
                .map(|w| w.start.0 - Duration::days(10))
                .min();
            let curated_follow = cutoff.is_some();
            let until = cutoff.unwrap_or(now).min(now);
            let habit = habit(network, body);
            let per_year = texts::per_year(&body.rhythm);
            let mut dice = Dice::new(seed, &format!("meetings/{}", body.name));
            let mut starts = Vec::new();
            for year in years {
                let gap = 365.0 / f64::from(per_year);
                for i in 0..per_year {
                    let jitter = dice.range(-(gap / 5.0) as i64..=(gap / 5.0) as i64);
                    let offset = (f64::from(i) + 0.5) * gap;
                    let day = year.from.date_naive() + Duration::days(offset as i64 + jitter);
                    let start = at(working_day(day), habit.hour, 0);
                    starts.push(start);
                }
            }
            if !curated_follow {
                let gap = (365 / per_year.max(1)).max(7);
                let mut next = starts.last().copied().unwrap_or(now);
                while next < now + Duration::days(60) {
                    next = at(
                        working_day((next + Duration::days(i64::from(gap))).date_naive()),
                        habit.hour,
                        0,
                    );
                    starts.push(next);
                }
            }
            starts.sort();
            starts.dedup_by_key(|s| s.date_naive());
            let first = years.first().map_or(now, |y| y.from);
            let mut previous_held = false;
            let end = if curated_follow {
                until
            } else {
                now + Duration::days(60)
            };
            for start in starts.into_iter().filter(|s| *s >= first && *s < end) {
                let planned =
                    Self::meeting(network, body, &habit, start, now, previous_held, &mut dice);
                previous_held = planned.held() || previous_held;
                meetings.push(planned);
            }
            // The last held meeting's minutes wait for the next meeting, unless a curated one
            // (which approves them) follows.
            if !curated_follow
                && let Some(last) = meetings
                    .indexes(body.id)
                    .iter()
                    .rev()
                    .find(|i| meetings.list[**i].held())
                    .copied()
            {
                meetings.list[last].minutes_approved = false;
            }
        }
        meetings
    }

    #[allow(clippy::too_many_arguments)]
    fn meeting(
        network: &Network,
        body: &Body,
        habit: &Habit,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
        previous_held: bool,
        dice: &mut Dice,
    ) -> Meeting {
        let past = start < now;
        let state = if !past {
            if start < now + Duration::days(14) {
                MeetingState::Eingeladen
            } else {
                MeetingState::Geplant
            }
        } else if dice.chance(0.06) {
            MeetingState::Abgesagt
        } else {
            MeetingState::Durchgefuehrt
        };
        let held = state == MeetingState::Durchgefuehrt;
        let day = Date::from_naive(start.date_naive());
        let mut attendance = Vec::new();
        let mut voters = 0;
        if held {
            for member in network.members_on(body.id, day) {
                let status = match dice.range(0..=99) {
                    0..=81 => AttendanceStatus::Anwesend,
                    82..=93 => AttendanceStatus::Entschuldigt,
                    _ => AttendanceStatus::Abwesend,
                };
                if member.voting && status == AttendanceStatus::Anwesend {
                    voters += 1;
                }
                attendance.push((member.person, member.organisation, status));
            }
        }
        let item = |title: &str, result: &str| {
            if held {
                Item::noted(title, result)
            } else {
                Item::topic(title)
            }
        };
        let mut opening = vec![item(texts::OPENING, texts::OPENED)];
        if previous_held {
            opening.push(if held && voters > 0 {
                let abstain = i64::from(voters > 2 && dice.chance(0.3));
                Item::voted(
                    texts::LAST_MINUTES,
                    texts::APPROVED,
                    texts::MINUTES_APPROVED,
                    [voters - abstain, 0, abstain],
                )
            } else {
                item(texts::LAST_MINUTES, texts::APPROVED)
            });
        }
        let standing = texts::has_standing_items(body.kind);
        if standing {
            opening.push(item(texts::QM_REPORT, texts::NOTED));
        }
        let pool = texts::topics(body.kind);
        let mut topics = Vec::new();
        for _ in 0..dice.range(1..=2) {
            let Some((title, result, resolution)) = dice.choose(pool) else {
                break;
            };
            if topics.iter().any(|t: &Item| t.title == *title) {
                continue;
            }
            let mut topic = match resolution {
                Some(text) if held && voters > 0 => {
                    Item::voted(*title, *result, *text, Self::votes(dice, voters, Mood::For))
                }
                _ => item(title, result),
            };
            topic.public = !result.starts_with("vertraulich");
            topics.push(topic);
        }
        let closing = if standing {
            vec![item(texts::OTHER, texts::NOTED)]
        } else {
            Vec::new()
        };
        let created = (start - Duration::days(21)).min(now);
        Meeting {
            id: dice.id(created),
            body: body.id,
            title: texts::title(body.kind, &body.name),
            prepared_by_qm: standing,
            start,
            end: start + Duration::minutes(habit.minutes),
            created,
            updated: if held {
                (start + Duration::minutes(habit.minutes) + Duration::days(2))
                    .min(now)
                    .max(created)
            } else {
                created
            },
            state,
            location: habit.location.clone(),
            attendance,
            voters,
            opening,
            topics,
            motions: Vec::new(),
            closing,
            minutes_approved: held,
        }
    }

    fn push(&mut self, meeting: Meeting) {
        self.by_body
            .entry(meeting.body)
            .or_default()
            .push(self.list.len());
        self.list.push(meeting);
    }

    fn indexes(&self, body: Id) -> &[usize] {
        self.by_body.get(&body).map_or(&[], Vec::as_slice)
    }

    /// The first meeting of `body` held after `after` (and before `before`), if any.
    pub fn next_held(
        &self,
        body: Id,
        after: DateTime<Utc>,
        before: DateTime<Utc>,
    ) -> Option<usize> {
        self.indexes(body).iter().copied().find(|i| {
            let m = &self.list[*i];
            m.held() && m.start > after && m.start < before
        })
    }

    /// The last meeting of `body` held before `before`, if any.
    pub fn last_held(&self, body: Id, before: DateTime<Utc>) -> Option<usize> {
        self.indexes(body)
            .iter()
            .copied()
            .rev()
            .find(|i| self.list[*i].held() && self.list[*i].start < before)
    }

    pub fn get(&self, index: usize) -> Option<&Meeting> {
        self.list.get(index)
    }

    /// Adds a motion (a fund application, a contract review) to a planned meeting.
    pub fn add_motion(&mut self, index: usize, item: Item) {
        if let Some(m) = self.list.get_mut(index) {
            m.motions.push(item);
        }
    }

    /// Votes of `voters` members present.
    pub fn votes(dice: &mut Dice, voters: i64, mood: Mood) -> [i64; 3] {
        match mood {
            Mood::For => {
                let abstain = i64::from(voters > 2 && dice.chance(0.3));
                let no = i64::from(voters > 4 && dice.chance(0.1));
                [voters - abstain - no, no, abstain]
            }
            Mood::Against => {
                let yes = dice.range(0..=voters / 4);
                let abstain = dice.range(0..=1).min(voters - yes);
                [yes, voters - yes - abstain, abstain]
            }
        }
    }

    /// Title and start of the held meetings the QM prepared.
    pub fn prepared_by_qm(&self) -> Vec<(String, DateTime<Utc>)> {
        self.list
            .iter()
            .filter(|m| m.held() && m.prepared_by_qm)
            .map(|m| (m.title.clone(), m.start))
            .collect()
    }

    /// Meetings (held, cancelled or still to come) starting in `from..until`.
    pub fn count_between(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> usize {
        self.list
            .iter()
            .filter(|m| m.start >= from && m.start < until)
            .count()
    }

    /// Meetings planned, and of those held.
    pub fn counts(&self) -> (usize, usize) {
        let held = self.list.iter().filter(|m| m.held()).count();
        (self.list.len(), held)
    }
}
