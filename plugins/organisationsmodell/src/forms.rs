//! The model's forms: the project dossier with its target hierarchy, the contract
//! (*Kontrakt*) reviewed by the Lenkungsgremium, and the Quartiersfonds application with a
//! measurable target. The forms say what is expected; `validate` (with the reasons) refuses
//! what is missing, so the schema stays lenient where a reason matters.

use quartier_plugin_sdk::schema::{FormSchema, choice, text};
use quartier_plugin_sdk::{Error, Value, json};

use crate::catalogue::FIELDS_OF_ACTION;

/// Shortest description of how residents and local actors take part.
pub const PARTICIPATION_MIN_CHARS: usize = 20;

const MEASURABLE: &str = "Für die Ergebniskontrolle müssen die Ziele messbar sein: je Ziel ein \
    Indikator, an dem auch Außenstehende die Erreichung ablesen können, ein Zielwert und ein \
    Termin.";

fn field_of_action() -> Value {
    choice(
        "Handlungsfeld",
        "Zu welchem Handlungsfeld des integrierten Handlungskonzepts gehört das Vorhaben?",
        &FIELDS_OF_ACTION,
    )
}

/// The project dossier.
pub fn project_dossier(base: Value) -> Result<Value, Error> {
    let form = FormSchema::new(base)?
        .set("title", "Maßnahmensteckbrief")
        .set(
            "description",
            format!(
                "Eine Maßnahme des integrierten Handlungskonzepts mit ihrer Zielhierarchie von \
                 Leitziel über Handlungsziel bis zum messbaren Ziel. {MEASURABLE} Die Maßnahme \
                 wird unter Einbindung der Bewohnerschaft und der örtlichen Kräfte entwickelt; \
                 spätestens zur Umsetzung ist geklärt, wer die Verantwortung übernimmt."
            ),
        )
        .property("field_of_action", field_of_action())
        .build();
    Ok(form)
}

/// The contract.
pub fn contract(base: Value) -> Result<Value, Error> {
    Ok(FormSchema::new(base)?
        .set("title", "Kontrakt")
        .set(
            "description",
            "Eine Vereinbarung mit einem Träger über Aufgaben, Leistungen und Mittel. Sie \
             enthält präzise quantitative und qualitative Ziele mit Terminen, ist überprüfbar, \
             und das Lenkungsgremium bewertet ihre Einhaltung während der Laufzeit und nach \
             Abschluss.",
        )
        .build())
}

/// The Quartiersfonds application.
pub fn fund_application(base: Value) -> Result<Value, Error> {
    Ok(FormSchema::new(base)?
        .set("title", "Antrag auf Mittel aus dem Quartiersfonds")
        .set(
            "description",
            "Über den Quartiersfonds entscheidet die Bürgerjury, nachdem der Quartierbeirat das \
             Vorhaben beraten hat. Vorhaben werden mit der Bewohnerschaft und den örtlichen \
             Kräften entwickelt und nennen ein messbares Ziel.",
        )
        .property("field_of_action", field_of_action())
        .property(
            "measurable_target",
            json!({
                "title": "Messbares Ziel",
                "description": MEASURABLE,
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "indicator": text(
                        "Indikator",
                        "Woran die Erreichung abzulesen ist, z. B. „Teilnehmende aus dem Quartier“.",
                        0,
                        300,
                    ),
                    "target_value": {
                        "title": "Zielwert",
                        "description": "Welchen Wert der Indikator erreichen soll.",
                        "type": "number",
                        "minimum": -1_000_000_000,
                        "maximum": 1_000_000_000,
                    },
                    "unit": text("Einheit", "Z. B. „Personen“, „Veranstaltungen“.", 0, 50),
                    "deadline": {
                        "title": "Termin",
                        "description": "Bis wann der Zielwert erreicht sein soll (JJJJ-MM-TT).",
                        "type": "string",
                        "format": "date",
                        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                        "maxLength": 10,
                    },
                },
            }),
        )
        .tighten("participation", "minLength", json!(PARTICIPATION_MIN_CHARS))
        .require(&["field_of_action"])
        .build())
}
