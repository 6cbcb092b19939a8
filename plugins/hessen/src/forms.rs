//! The municipality's forms: the Verfügungsfonds application and the self-evaluation along
//! the nine GWA quality standards.

use quartier_plugin_sdk::{Error, Value, json};

use crate::catalogue::{FIELDS_OF_ACTION, GWA_STANDARDS, RATINGS};
use quartier_plugin_sdk::schema::{FormSchema, choice, text};

/// Shortest description of how residents take part (the Verfügungsfonds is an instrument
/// of activation, the guideline's first task of QM).
pub const PARTICIPATION_MIN_CHARS: usize = 20;

/// The Verfügungsfonds application: the base form plus what the guideline's "Vergabe,
/// Verwaltung und Umsetzung eines Verfügungsfonds, inkl. Prüfung auf Förderfähigkeit –
/// Entwicklung eines transparenten Vergabeverfahrens" needs.
pub fn fund_application(base: Value) -> Result<Value, Error> {
    Ok(FormSchema::new(base)?
        .set("title", "Antrag auf Mittel aus dem Verfügungsfonds")
        .set(
            "description",
            "Der Verfügungsfonds unterstützt kleine Vorhaben von Bewohnerinnen und Bewohnern, \
             Initiativen und Einrichtungen im Fördergebiet der Sozialen Stadt. Das \
             Quartiersmanagement berät beim Antrag und prüft die Förderfähigkeit; über die \
             Vergabe wird transparent entschieden.",
        )
        .property(
            "field_of_action",
            choice(
                "Handlungsfeld",
                "Zu welchem Handlungsfeld des Integrierten Entwicklungskonzepts trägt das \
                 Vorhaben bei?",
                &FIELDS_OF_ACTION,
            ),
        )
        .property(
            "in_programme_area",
            json!({
                "title": "Findet das Vorhaben im Fördergebiet statt?",
                "description": "Mittel aus dem Verfügungsfonds sind an das Fördergebiet gebunden.",
                "type": "boolean",
            }),
        )
        .property(
            "hard_to_reach_groups",
            text(
                "Wen wollen Sie erreichen, der sonst selten mitmacht?",
                "Der Verfügungsfonds soll gerade schwer erreichbare Gruppen aktivieren.",
                0,
                1000,
            ),
        )
        .property(
            "publication_consent",
            json!({
                "title": "Einverständnis mit der Veröffentlichung",
                "description": "Für ein transparentes Vergabeverfahren werden Titel des \
                    Vorhabens, Antragsteller und bewilligter Betrag veröffentlicht.",
                "type": "boolean",
            }),
        )
        .tighten("participation", "minLength", json!(PARTICIPATION_MIN_CHARS))
        .require(&[
            "field_of_action",
            "in_programme_area",
            "publication_consent",
        ])
        .build())
}

/// The self-evaluation: the guideline recommends the nine GWA quality standards "als eine Art
/// Checkliste zur fachlichen Orientierung" and a regular self-evaluation with the actors
/// engaged in the neighbourhood.
pub fn self_evaluation(base: Value) -> Result<Value, Error> {
    let mut standards = serde_json::Map::new();
    let mut required = Vec::new();
    for (i, standard) in GWA_STANDARDS.iter().enumerate() {
        let key = standard_key(i);
        standards.insert(key.clone(), standard_schema(i, standard));
        required.push(Value::String(key));
    }
    Ok(FormSchema::new(base)?
        .set(
            "title",
            "Selbstevaluation nach den Qualitätsstandards der Gemeinwesenarbeit in Hessen",
        )
        .set(
            "description",
            "Schätzen Sie gemeinsam mit den für den Stadtteil engagierten Akteuren ein, wie weit \
             die Arbeit im Berichtsjahr jedem der neun Qualitätsstandards entspricht.",
        )
        .property(
            "participants",
            text(
                "Mit wem wurde die Selbstevaluation durchgeführt?",
                "Z. B. Stadtteilkonferenz, Träger, Bewohnerinnen und Bewohner, Verwaltung.",
                0,
                1000,
            ),
        )
        .property(
            "gwa_standards",
            json!({
                "title": "Qualitätsstandards der Gemeinwesenarbeit (GWA) in Hessen",
                "type": "object",
                "required": required,
                "additionalProperties": false,
                "properties": standards,
            }),
        )
        .require(&["participants", "gwa_standards"])
        .build())
}

/// The property name of the standard at `index` (0-based): `standard_1` … `standard_9`.
pub fn standard_key(index: usize) -> String {
    format!("standard_{}", index + 1)
}

fn standard_schema(index: usize, standard: &str) -> Value {
    json!({
        "title": format!("{}. {standard}", index + 1),
        "type": "object",
        "required": ["rating"],
        "additionalProperties": false,
        "properties": {
            "rating": choice("Einschätzung", "Wie weit trifft der Standard zu?", &RATINGS),
            "evidence": text(
                "Woran zeigt sich das?",
                "Beispiele aus dem Berichtsjahr.",
                0,
                2000,
            ),
            "next_steps": text(
                "Was nehmen wir uns vor?",
                "Schritte, um dem Standard näher zu kommen.",
                0,
                2000,
            ),
        },
    })
}
