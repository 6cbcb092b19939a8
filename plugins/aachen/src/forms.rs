//! Aachen's forms: the Stadtteilfonds application and the concern, both placed in a
//! Sozialraum and Lebensraum.

use quartier_plugin_sdk::{Error, Value, json};

use crate::catalogue::{CONCERN_CATEGORIES, FIELDS_OF_ACTION, LEBENSRAEUME, SOZIALRAEUME};
use quartier_plugin_sdk::schema::{FormSchema, choice, text};

/// Shortest description of residents' participation and of the applicants' own initiative.
pub const MIN_CHARS: usize = 20;

fn sozialraum() -> Value {
    text(
        "Sozialraum",
        &format!("Einer der {SOZIALRAEUME} Sozialräume der Stadt Aachen, z. B. Ost/Rothe Erde."),
        0,
        200,
    )
}

fn lebensraum(what: &str) -> Value {
    text(
        "Lebensraum",
        &format!(
            "Einer der {LEBENSRAEUME} Lebensräume (ca. 600 bis 8.800 Einwohner), in dem {what}."
        ),
        2,
        200,
    )
}

/// The Stadtteilfonds application.
pub fn fund_application(base: Value) -> Result<Value, Error> {
    Ok(FormSchema::new(base)?
        .set("title", "Antrag auf Mittel aus dem Stadtteilfonds")
        .set(
            "description",
            "Der Stadtteilfonds gibt Zuschüsse für kleinteilige, quartiersbezogene Projekte, \
             die Eigeninitiative voraussetzen. Die Stadtteilkonferenz berät zuerst, ob Ihr \
             Antrag ein sinnvolles quartiersbezogenes Projekt mit partizipativem Charakter \
             enthält; erst dann bearbeitet die Verwaltung den Antrag. Das \
             Quartiersmanagement berät Sie gern beim Antrag.",
        )
        .property("sozialraum", sozialraum())
        .property("lebensraum", lebensraum("das Projekt stattfindet"))
        .property(
            "stadtteilkonferenz",
            text(
                "Stadtteilkonferenz",
                "Die Stadtteilkonferenz Ihres Quartiers, die den Antrag berät.",
                3,
                200,
            ),
        )
        .property(
            "own_initiative",
            text(
                "Was bringen Sie selbst ein?",
                "Der Stadtteilfonds setzt Eigeninitiative voraus: Zeit, Können, Räume, \
                 Material oder Geld der Beteiligten.",
                MIN_CHARS,
                2000,
            ),
        )
        .property(
            "partner_institutions",
            json!({
                "title": "Beteiligte Institutionen im Quartier",
                "description": "Z. B. Schule, Kita, Begegnungszentrum, Verein.",
                "type": "array",
                "items": { "type": "string", "minLength": 2, "maxLength": 200 },
                "maxItems": 20,
            }),
        )
        .property(
            "field_of_action",
            choice(
                "Handlungsfeld",
                "Wozu trägt das Projekt vor allem bei?",
                &FIELDS_OF_ACTION,
            ),
        )
        .tighten("participation", "minLength", json!(MIN_CHARS))
        .require(&[
            "lebensraum",
            "stadtteilkonferenz",
            "own_initiative",
            "field_of_action",
        ])
        .build())
}

/// The concern form of the Lotsenfunktion.
pub fn concern(base: Value) -> Result<Value, Error> {
    let categories: Vec<(&str, &str)> = CONCERN_CATEGORIES
        .iter()
        .map(|c| (c.key, c.label))
        .collect();
    Ok(FormSchema::new(base)?
        .set("title", "Ihr Anliegen an das Quartiersmanagement")
        .set(
            "description",
            "Das Quartiersmanagement ist Ihr Lotse in die Verwaltung: Es gibt Ihr Anliegen an \
             die zuständige Stelle weiter und meldet Ihnen deren Antwort zurück – auch wenn \
             dem Anliegen nicht immer entsprochen werden kann.",
        )
        .property(
            "category",
            choice(
                "Worum geht es?",
                "Wählen Sie das passende Thema.",
                &categories,
            ),
        )
        .property("sozialraum", sozialraum())
        .property("lebensraum", lebensraum("Ihr Anliegen liegt"))
        .require(&["category"])
        .build())
}
