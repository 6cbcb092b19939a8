//! One application as submitted: what it asks for and who applies (its moves through the
//! workflow are in `history`).

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::super::fund_texts::{ApplicantKind, IDEAS, INITIATIVES, Idea, RESIDENTS};
use super::super::rng::Dice;
use super::{CAP_CENTS, Fund};
use crate::db::Id;
use crate::demo::insert::email_of;
use crate::funds::kinds::Channel;

/// The applicant's contact, kept apart from the application.
#[derive(Debug, Clone)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
}

/// An application as submitted, before its history.
#[derive(Debug)]
pub struct Draft {
    pub id: Id,
    pub fund: usize,
    pub reference: String,
    pub channel: Channel,
    pub token_hash: Option<String>,
    pub title: String,
    pub requested: i64,
    pub form: Value,
    pub contact: Option<Contact>,
    pub submitted: DateTime<Utc>,
}

/// Amounts are asked for and granted in whole tens of euros.
pub(super) fn tens_of_euros(cents: f64) -> i64 {
    ((cents / 1_000.0).round() as i64 * 1_000).clamp(1_000, CAP_CENTS)
}

/// `480 €`, `1.250 €`: how agenda items name amounts.
pub fn whole_euros(cents: i64) -> String {
    crate::funds::euro(cents).replace(",00 €", " €")
}

impl Draft {
    /// An application to `fund` submitted at `submitted`, made of one of the project ideas.
    pub fn invent(
        (fund, index): (&Fund, usize),
        submitted: DateTime<Utc>,
        idea: Option<&'static Idea>,
        dice: &mut Dice,
        taken: &mut HashSet<String>,
    ) -> Draft {
        let idea = idea.unwrap_or_else(|| dice.pick(IDEAS, &IDEAS[0]));
        let place = &fund.place;
        let leaf = dice.choose(&place.leaves).cloned();
        let district = place.district.clone();
        let lebensraum = leaf.or(district.clone()).unwrap_or_default();
        let title = format!("{} ({lebensraum})", idea.title);
        let requested = tens_of_euros(dice.days(idea.euros as f64 * 100.0, 0.35, 10_000.0, 5e5));
        let organisation = match idea.applicant {
            ApplicantKind::Verein | ApplicantKind::Einrichtung => dice.choose(&place.near),
            _ => None,
        };
        let (kind, name) = match (organisation, idea.applicant) {
            (Some((_, name)), kind) => (kind, name.clone()),
            (None, ApplicantKind::Einzelperson) => (
                ApplicantKind::Einzelperson,
                dice.pick(RESIDENTS, &RESIDENTS[0]).to_string(),
            ),
            (None, _) => (
                ApplicantKind::Initiative,
                format!("{} {lebensraum}", dice.pick(INITIATIVES, &INITIATIVES[0])),
            ),
        };
        let mut applicant = json!({"kind": kind.key(), "members": dice.range(2..=25)});
        if let Some((id, _)) = organisation {
            applicant["organisation_id"] = json!(id.to_string());
        }
        let partners: Vec<&str> = place
            .near
            .iter()
            .filter(|(id, _)| organisation.is_none_or(|(own, _)| own != id))
            .take(usize::try_from(dice.range(0..=2)).unwrap_or(0))
            .map(|(_, name)| name.as_str())
            .collect();
        let start = (submitted + Duration::days(dice.range(30..=90))).date_naive();
        let end = start + Duration::days(dice.range(0..=60));
        let form = json!({
            "title": title,
            "description": idea.description,
            "amount_cents": requested,
            "cofinancing_cents": requested / 10,
            "participation": idea.participation,
            "own_initiative": idea.own_initiative,
            "target_group": idea.target_group,
            "schedule": {"start": start.to_string(), "end": end.to_string()},
            "applicant": applicant,
            "sozialraum": district.unwrap_or_default(),
            "lebensraum": lebensraum,
            "stadtteilkonferenz": fund.advising_name,
            "partner_institutions": partners,
            "field_of_action": idea.field,
        });
        let public = dice.chance(0.4);
        let mut reference = dice.reference(crate::funds::REFERENCE_PREFIX);
        while !taken.insert(reference.clone()) {
            reference = dice.reference(crate::funds::REFERENCE_PREFIX);
        }
        Draft {
            id: dice.id(submitted),
            fund: index,
            reference,
            channel: if public {
                Channel::Public
            } else {
                Channel::Staff
            },
            token_hash: public.then(|| dice.token_hash()),
            title,
            requested,
            form,
            contact: Some(Contact {
                email: Some(email_of(&name)),
                name,
            }),
            submitted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_whole_tens_of_euros_within_the_cap() {
        assert_eq!(tens_of_euros(48_049.0), 48_000);
        assert_eq!(tens_of_euros(10.0), 1_000);
        assert_eq!(tens_of_euros(9e9), CAP_CENTS);
        assert_eq!(whole_euros(125_000), "1.250 €");
    }
}
