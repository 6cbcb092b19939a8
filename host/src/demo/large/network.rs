//! The large municipality's network, generated: Sozialräume with three Lebensräume each,
//! their local organisations, and per Sozialraum a Stadtteilkonferenz (advising on the
//! fund), a fund jury (deciding), a working group for children and youth, and a round
//! table or a working group of elderly care — plus the city-wide steering group and
//! providers' circle. Names are invented and plainly so.

use std::collections::HashMap;

use super::super::activity::batch::Batch;
use super::bodies::Body;
use crate::db::{Id, Timestamp, Tx};
use crate::network::kinds::{AreaKind, BodyKind, MemberRole, OrganisationKind as O, Power};

/// Names of the Sozialräume; beyond these, numbered districts.
const DISTRICTS: [&str; 12] = [
    "Altstadt",
    "Nordstadt",
    "Südstadt",
    "Weststadt",
    "Oststadt",
    "Hafenviertel",
    "Bahnhofsviertel",
    "Gartenstadt",
    "Neustadt",
    "Mühlenviertel",
    "Am Stadtpark",
    "Feldmark",
];

/// The Lebensräume of a Sozialraum.
const PARTS: [&str; 3] = ["Mitte", "Nord", "Süd"];

/// The local organisations of a Sozialraum: name pattern and kind.
const LOCAL: [(&str, O); 6] = [
    ("AWO-Ortsverein {}", O::Wohlfahrtspflege),
    ("Kita Regenbogen {}", O::Kita),
    ("Grundschule {}", O::Schule),
    ("Bürgerverein {} e.V.", O::Stadtteilverein),
    ("Jugendzentrum {}", O::Jugendeinrichtung),
    ("Begegnungszentrum {}", O::Begegnungszentrum),
];

/// Invented residents on the juries.
const JURORS: [&str; 4] = [
    "Erika Beispiel",
    "Max Mustermann",
    "Paula Probe",
    "Tom Testweg",
];

pub fn district_name(n: u32) -> String {
    DISTRICTS
        .get(n as usize)
        .map_or_else(|| format!("Stadtbezirk {}", n + 1), |d| (*d).to_owned())
}

/// Organisations are host-wide: one of the same name is reused, a missing one created.
async fn organisation(
    tx: &mut Tx,
    name: &str,
    kind: O,
    now: Timestamp,
    created: &mut Batch,
) -> anyhow::Result<Id> {
    let existing: Option<Id> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1 ORDER BY id LIMIT 1")
            .bind(name)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = Id::new();
    created
        .row()
        .id(id)
        .text(name)
        .text(kind.as_str())
        .int(1)
        .at(now)
        .at(now);
    Ok(id)
}

/// Writes the network of `districts` Sozialräume; returns the number of bodies.
pub async fn write(
    tx: &mut Tx,
    municipality: Id,
    city: &str,
    districts: u32,
    now: Timestamp,
) -> anyhow::Result<usize> {
    let mut areas = Batch::new(
        "areas",
        &[
            "id",
            "municipality_id",
            "parent_id",
            "kind",
            "name",
            "population",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    let mut organisations = Batch::new(
        "organisations",
        &["id", "name", "kind", "version", "created_at", "updated_at"],
    );
    let mut working_in: Vec<(Id, Id)> = Vec::new();
    let city_id = Id::new();
    areas
        .row()
        .id(city_id)
        .id(municipality)
        .opt_id(None)
        .text(AreaKind::Stadt.as_str())
        .text(city)
        .int(i64::from(districts) * 45_000)
        .int(1)
        .at(now)
        .at(now);
    let social = organisation(
        tx,
        &format!("{city} – Amt für Soziales"),
        O::Verwaltung,
        now,
        &mut organisations,
    )
    .await?;
    let caritas = organisation(
        tx,
        &format!("Caritasverband {city} e.V."),
        O::Wohlfahrtspflege,
        now,
        &mut organisations,
    )
    .await?;
    let diakonie = organisation(
        tx,
        &format!("Diakonisches Werk {city}"),
        O::Wohlfahrtspflege,
        now,
        &mut organisations,
    )
    .await?;
    working_in.extend([(social, city_id), (caritas, city_id), (diakonie, city_id)]);
    let mut bodies: Vec<Body> = Vec::new();
    let mut persons = Batch::new(
        "persons",
        &[
            "id",
            "municipality_id",
            "organisation_id",
            "name",
            "listed_publicly",
            "may_contact",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    for n in 0..districts {
        let name = district_name(n);
        let district = Id::new();
        let population = 30_000 + i64::from((n * 7_919) % 25_000);
        areas
            .row()
            .id(district)
            .id(municipality)
            .id(city_id)
            .text(AreaKind::Sozialraum.as_str())
            .text(name.as_str())
            .int(population)
            .int(1)
            .at(now)
            .at(now);
        for (p, part) in (0_i64..).zip(PARTS) {
            areas
                .row()
                .id(Id::new())
                .id(municipality)
                .id(district)
                .text(AreaKind::Lebensraum.as_str())
                .text(format!("{name} {part}"))
                .int(population / 3 + p * 400 - 400)
                .int(1)
                .at(now)
                .at(now);
        }
        let mut local = HashMap::new();
        for (pattern, kind) in LOCAL {
            let id = organisation(
                tx,
                &pattern.replace("{}", &name),
                kind,
                now,
                &mut organisations,
            )
            .await?;
            working_in.push((id, district));
            local.insert(kind.as_str(), id);
        }
        let org = |kind: O| local.get(kind.as_str()).copied();
        let voting = |kind: O| (org(kind), None, MemberRole::Mitglied, true);
        let conference = Id::new();
        bodies.push(Body {
            id: conference,
            kind: BodyKind::Stadtteilkonferenz,
            name: format!("Stadtteilkonferenz {name}"),
            area: district,
            parent: None,
            rhythm: "monatlich",
            powers: vec![(Power::Advises, None)],
            members: vec![
                (org(O::Stadtteilverein), None, MemberRole::Sprecher, true),
                voting(O::Wohlfahrtspflege),
                voting(O::Kita),
                voting(O::Schule),
                voting(O::Jugendeinrichtung),
                voting(O::Begegnungszentrum),
                (Some(social), None, MemberRole::Geschaeftsfuehrung, false),
            ],
        });
        let mut jurors = vec![(org(O::Stadtteilverein), None, MemberRole::Sprecher, true)];
        for juror in JURORS {
            let person = Id::new();
            persons
                .row()
                .id(person)
                .id(municipality)
                .opt_id(None)
                .text(format!("{juror} ({name})"))
                .flag(false)
                .flag(false)
                .int(1)
                .at(now)
                .at(now);
            jurors.push((None, Some(person), MemberRole::Mitglied, true));
        }
        jurors.push((Some(social), None, MemberRole::Geschaeftsfuehrung, false));
        bodies.push(Body {
            id: Id::new(),
            kind: BodyKind::Quartiersfondsjury,
            name: format!("Stadtteilfonds-Jury {name}"),
            area: district,
            parent: None,
            rhythm: "monatlich",
            powers: vec![(
                Power::Decides,
                Some(super::super::activity::funds::CAP_CENTS),
            )],
            members: jurors,
        });
        bodies.push(Body {
            id: Id::new(),
            kind: BodyKind::Arbeitskreis,
            name: format!("Arbeitskreis Kinder und Jugend {name}"),
            area: district,
            parent: Some(conference),
            rhythm: "alle vier Wochen",
            powers: Vec::new(),
            members: vec![
                (org(O::Jugendeinrichtung), None, MemberRole::Sprecher, true),
                voting(O::Kita),
                voting(O::Schule),
                voting(O::Wohlfahrtspflege),
            ],
        });
        let (kind, title) = if n % 2 == 0 {
            (
                BodyKind::RunderTisch,
                format!("Runder Tisch Integration {name}"),
            )
        } else {
            (
                BodyKind::OertlicheArbeitsgemeinschaftAltenarbeit,
                format!("Örtliche Arbeitsgemeinschaft der Altenarbeit {name}"),
            )
        };
        bodies.push(Body {
            id: Id::new(),
            kind,
            name: title,
            area: district,
            parent: None,
            rhythm: "alle vier Wochen",
            powers: Vec::new(),
            members: vec![
                (org(O::Begegnungszentrum), None, MemberRole::Sprecher, true),
                voting(O::Wohlfahrtspflege),
                (Some(caritas), None, MemberRole::Mitglied, true),
                (Some(diakonie), None, MemberRole::Mitglied, true),
            ],
        });
    }
    for (kind, name) in [
        (
            BodyKind::Lenkungsgruppe,
            "Lenkungsgruppe Quartiersmanagement",
        ),
        (
            BodyKind::Traegerverbund,
            "Arbeitskreis der Träger der Freien Wohlfahrtspflege",
        ),
    ] {
        bodies.push(Body {
            id: Id::new(),
            kind,
            name: name.to_owned(),
            area: city_id,
            parent: None,
            rhythm: "vierteljährlich",
            powers: Vec::new(),
            members: vec![
                (
                    Some(social),
                    None,
                    MemberRole::Geschaeftsfuehrung,
                    kind == BodyKind::Lenkungsgruppe,
                ),
                (Some(caritas), None, MemberRole::Mitglied, true),
                (Some(diakonie), None, MemberRole::Mitglied, true),
            ],
        });
    }
    areas.write(tx).await?;
    organisations.write(tx).await?;
    let mut links = Batch::new("organisation_areas", &["organisation_id", "area_id"]);
    working_in.sort();
    working_in.dedup();
    for (organisation, area) in working_in {
        links.row().id(organisation).id(area);
    }
    links.write(tx).await?;
    persons.write(tx).await?;
    super::bodies::write(tx, municipality, &bodies, now).await?;
    Ok(bodies.len())
}
