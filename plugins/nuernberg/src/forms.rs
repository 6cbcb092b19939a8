//! Hasenbuck's forms: the project dossier and the fund application, both filed under one of
//! the nine tasks, and the concern form with the categories the QM passes on.

use quartier_plugin_sdk::schema::{FormSchema, choice};
use quartier_plugin_sdk::{Error, Value, json};

use crate::catalogue::{PARTNER_KINDS, TASKS, categories};

/// Shortest description of how residents take part.
pub const PARTICIPATION_MIN_CHARS: usize = 20;

fn task_choice(what: &str) -> Value {
    choice(
        "Aufgabe des Quartiersmanagements",
        &format!("Zu welcher der neun Aufgaben für den Hasenbuck trägt {what} bei?"),
        &TASKS,
    )
}

/// The project dossier: a (Bürger-)Projekt the QM initiates or accompanies.
pub fn project_dossier(base: Value) -> Result<Value, Error> {
    let partners: Vec<Value> = PARTNER_KINDS
        .iter()
        .map(|(key, label)| json!({"const": key, "title": label}))
        .collect();
    Ok(FormSchema::new(base)?
        .set("title", "Projektsteckbrief Hasenbuck")
        .set(
            "description",
            "Das Quartiersmanagement initiiert, baut auf und begleitet (Bürger-)Projekte aus \
             sozialen, kulturellen und ökonomischen Handlungsfeldern. Es koordiniert und baut \
             auf den Netzwerken der Einrichtungen und Initiativen im Gebiet auf.",
        )
        .property("field_of_action", task_choice("das Projekt"))
        .property(
            "cooperation",
            json!({
                "title": "Wer arbeitet zusammen?",
                "description": "Kooperationen zwischen Anwohnerschaft, Institutionen, Behörden, \
                    Initiativen, Vereinen, Unternehmen und Wohnungsbaugesellschaften.",
                "type": "array",
                "items": {"type": "string", "oneOf": partners},
                "uniqueItems": true,
                "maxItems": PARTNER_KINDS.len(),
            }),
        )
        .build())
}

/// The fund application.
pub fn fund_application(base: Value) -> Result<Value, Error> {
    Ok(FormSchema::new(base)?
        .property("field_of_action", task_choice("das Vorhaben"))
        .tighten("participation", "minLength", json!(PARTICIPATION_MIN_CHARS))
        .require(&["field_of_action"])
        .build())
}

/// The concern form.
pub fn concern(base: Value) -> Result<Value, Error> {
    let entries: Vec<(&str, &str)> = categories().map(|c| (c.key, c.label)).collect();
    Ok(FormSchema::new(base)?
        .set("title", "Ihr Anliegen an das Quartiersmanagement Hasenbuck")
        .set(
            "description",
            "Das Quartiersmanagement ist Ihr Ansprechpartner vor Ort: Es gibt Ihr Anliegen an \
             die zuständige Stelle der Stadt weiter und meldet Ihnen die Antwort zurück.",
        )
        .property(
            "category",
            choice("Worum geht es?", "Wählen Sie das passende Thema.", &entries),
        )
        .build())
}
