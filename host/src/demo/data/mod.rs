//! The demo municipality as static data: an Aachen-like network modelled on the city's
//! *Konzept Quartiersmanagement* (2017). Objects refer to each other by short keys; the
//! insert step turns keys into ids. Names of persons are invented; organisations and places
//! are named after the seed so the demo reads like the real thing.
//!
//! The tables are `#[rustfmt::skip]`: one row per line reads like a table, which rustfmt would
//! spread over many lines.

mod bodies;
mod meetings;
mod minutes;
mod places;

pub use bodies::{BODIES, JOIN_REQUESTS, MEMBERS};
pub use meetings::MEETINGS;
pub use places::{AREAS, ORGANISATIONS, PERSONS};

use crate::network::kinds::{
    AreaKind, BodyKind, MeetingState, MemberRole, OrganisationKind, Power,
};

/// The demo municipality's slug, name, federal state and QM model.
pub const SLUG: &str = "aachen";
pub const NAME: &str = "Stadt Aachen (Demo)";
pub const STATE: &str = "Nordrhein-Westfalen";
/// Key of `QmModel::Kommune` (Hessian Modell 1, the closest fit): Aachen keeps Steuerung and
/// Planung, and even its neighbourhood managers, in its own administration (FB 56).
pub const QM_MODEL: &str = "kommune";

/// The password of every demo user; printed on start, so never use it outside the demo.
pub const PASSWORD: &str = "quartier-demo";

/// A node of the area tree.
pub struct Area {
    pub key: &'static str,
    pub parent: Option<&'static str>,
    pub kind: AreaKind,
    pub name: &'static str,
    pub population: i64,
}

/// A host-wide organisation, reused by name when it exists already.
pub struct Organisation {
    pub key: &'static str,
    pub name: &'static str,
    pub kind: OrganisationKind,
    pub parent: Option<&'static str>,
    pub email: Option<&'static str>,
    /// Keys of the areas it works in.
    pub areas: &'static [&'static str],
}

/// A contact person with the consent flags of the domain model (docs/architecture.md); the e-mail address is derived
/// from the name (see `insert::email_of`).
pub struct Person {
    pub key: &'static str,
    pub name: &'static str,
    pub organisation: Option<&'static str>,
    pub listed_publicly: bool,
    pub may_contact: bool,
}

/// A body (*Gremium*) with its powers over funds.
pub struct Body {
    pub key: &'static str,
    pub kind: BodyKind,
    pub name: &'static str,
    pub area: Option<&'static str>,
    pub parent: Option<&'static str>,
    pub description: &'static str,
    pub public: bool,
    pub rhythm: &'static str,
    /// (power, fund kind, up to which amount in cents).
    pub powers: &'static [(Power, &'static str, Option<i64>)],
}

/// A membership; `organisation` and `person` are keys, at least one is set.
pub struct Member {
    pub body: &'static str,
    pub organisation: Option<&'static str>,
    pub person: Option<&'static str>,
    pub role: MemberRole,
    pub voting_right: bool,
    pub starts_on: &'static str,
    pub ends_on: Option<&'static str>,
    pub on_behalf_of: Option<&'static str>,
}

/// An open request of an organisation to join a body.
pub struct JoinRequest {
    pub body: &'static str,
    pub organisation: &'static str,
    pub message: &'static str,
}

/// A meeting, dated relative to the day the demo is seeded so that there are always past and
/// upcoming meetings.
pub struct Meeting {
    pub body: &'static str,
    pub title: &'static str,
    /// Days from today (negative: in the past).
    pub day: i64,
    /// Start, hour of the day (UTC).
    pub hour: u32,
    pub minutes_long: i64,
    pub location: &'static str,
    pub state: MeetingState,
    pub agenda: &'static [Item],
    pub minutes: Option<&'static str>,
    pub minutes_approved: bool,
    /// Keys (person or organisation) of members who sent apologies, or just did not come;
    /// every other current member attended a held meeting.
    pub excused: &'static [&'static str],
    pub absent: &'static [&'static str],
}

/// An agenda item (*Tagesordnungspunkt*).
pub struct Item {
    pub number: &'static str,
    pub title: &'static str,
    pub public: bool,
    pub result: Option<&'static str>,
    pub resolution: Option<&'static str>,
    /// Yes, no, abstain.
    pub votes: Option<[i64; 3]>,
}

/// An item still to be discussed.
const fn topic(number: &'static str, title: &'static str) -> Item {
    Item {
        number,
        title,
        public: true,
        result: None,
        resolution: None,
        votes: None,
    }
}

/// A discussed item without a vote.
const fn noted(number: &'static str, title: &'static str, result: &'static str) -> Item {
    Item {
        result: Some(result),
        ..topic(number, title)
    }
}

/// A discussed item with a resolution text and a vote.
const fn voted(
    number: &'static str,
    title: &'static str,
    result: &'static str,
    resolution: &'static str,
    votes: [i64; 3],
) -> Item {
    Item {
        result: Some(result),
        resolution: Some(resolution),
        votes: Some(votes),
        ..topic(number, title)
    }
}

/// An item discussed behind closed doors.
const fn closed(number: &'static str, title: &'static str, result: &'static str) -> Item {
    Item {
        public: false,
        ..noted(number, title, result)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// Keys seen so far; each must be new, and references must point backwards so that the
    /// insert order (the order of the arrays) never meets an unknown key.
    fn known<'a>(keys: impl IntoIterator<Item = &'a str>) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for key in keys {
            assert!(seen.insert(key), "duplicate key {key:?}");
        }
        seen
    }

    #[test]
    fn every_reference_names_an_object_defined_before_it() {
        let mut areas = HashSet::new();
        for a in AREAS {
            assert!(a.parent.is_none_or(|p| areas.contains(p)), "{}", a.key);
            assert!((600..=8_800).contains(&a.population) || a.kind != AreaKind::Lebensraum);
            assert!(areas.insert(a.key), "duplicate area {}", a.key);
        }
        let mut orgs = HashSet::new();
        for o in ORGANISATIONS {
            assert!(o.parent.is_none_or(|p| orgs.contains(p)), "{}", o.key);
            assert!(o.areas.iter().all(|a| areas.contains(a)), "{}", o.key);
            assert!(orgs.insert(o.key), "duplicate organisation {}", o.key);
        }
        let persons = known(PERSONS.iter().map(|p| p.key));
        assert!(
            PERSONS
                .iter()
                .all(|p| p.organisation.is_none_or(|o| orgs.contains(o)))
        );
        let mut bodies = HashSet::new();
        for b in BODIES {
            assert!(b.parent.is_none_or(|p| bodies.contains(p)), "{}", b.key);
            assert_eq!(b.kind.needs_parent(), b.parent.is_some(), "{}", b.key);
            assert!(b.area.is_none_or(|a| areas.contains(a)), "{}", b.key);
            assert!(bodies.insert(b.key), "duplicate body {}", b.key);
        }
        for m in MEMBERS {
            assert!(bodies.contains(m.body), "{}", m.body);
            assert!(m.organisation.is_some() || m.person.is_some());
            assert!(m.organisation.is_none_or(|o| orgs.contains(o)));
            assert!(m.on_behalf_of.is_none_or(|o| orgs.contains(o)));
            assert!(
                m.person.is_none_or(|p| persons.contains(p)),
                "{:?}",
                m.person
            );
        }
        for r in JOIN_REQUESTS {
            assert!(bodies.contains(r.body) && orgs.contains(r.organisation));
        }
        for meeting in MEETINGS {
            assert!(bodies.contains(meeting.body), "{}", meeting.body);
        }
    }

    #[test]
    fn held_meetings_have_minutes_and_plausible_votes() {
        for meeting in MEETINGS {
            let held = meeting.state == MeetingState::Durchgefuehrt;
            assert_eq!(held, meeting.minutes.is_some(), "{}", meeting.title);
            assert_eq!(
                held || meeting.state == MeetingState::Abgesagt,
                meeting.day < 0
            );
            assert!(!meeting.agenda.is_empty(), "{}", meeting.title);
            let members: Vec<&Member> = MEMBERS
                .iter()
                .filter(|m| m.body == meeting.body && m.ends_on.is_none())
                .collect();
            let named =
                |m: &Member, key: &str| m.person == Some(key) || m.organisation == Some(key);
            for key in meeting.excused.iter().chain(meeting.absent) {
                assert!(
                    members.iter().any(|m| named(m, key)),
                    "{key} in {}",
                    meeting.title
                );
            }
            let voters = members
                .iter()
                .filter(|m| m.voting_right)
                .filter(|m| {
                    !meeting
                        .excused
                        .iter()
                        .chain(meeting.absent)
                        .any(|k| named(m, k))
                })
                .count();
            for item in meeting.agenda {
                assert!(held || item.result.is_none(), "{}", item.title);
                if let Some(votes) = item.votes {
                    let cast = usize::try_from(votes.iter().sum::<i64>()).unwrap_or(usize::MAX);
                    assert!(
                        cast <= voters,
                        "{}: {cast} votes, {voters} voters",
                        item.title
                    );
                }
            }
        }
    }

    #[test]
    fn there_are_stadtteilkonferenzen_and_past_and_upcoming_meetings() {
        let conferences = BODIES
            .iter()
            .filter(|b| b.kind == BodyKind::Stadtteilkonferenz)
            .count();
        assert!(conferences >= 3);
        assert!(MEETINGS.iter().any(|m| m.day < 0));
        assert!(MEETINGS.iter().any(|m| m.day > 0));
        let seen = known(ORGANISATIONS.iter().map(|o| o.name));
        assert!(seen.len() >= 8);
    }
}
