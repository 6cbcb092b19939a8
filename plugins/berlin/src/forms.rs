//! One application form for the Aktionsfonds and the Quartiersfonds: which fund, which
//! QM-Gebiet, which strategic goal. The Aktionsfonds' annual amount is checked in
//! `validate`, so the applicant reads why.

use quartier_plugin_sdk::{Error, Value, json};

use crate::catalogue::{AKTIONSFONDS, QUARTIERSFONDS, STRATEGIC_GOALS};
use quartier_plugin_sdk::schema::{FormSchema, choice, text};

/// Shortest description of what residents do themselves.
pub const PARTICIPATION_MIN_CHARS: usize = 20;

/// The fund application.
pub fn fund_application(base: Value) -> Result<Value, Error> {
    let form = FormSchema::new(base)?
        .set(
            "title",
            "Antrag an den Aktionsfonds oder den Quartiersfonds",
        )
        .set(
            "description",
            "Aus dem Aktionsfonds (10.000 € je Gebiet und Jahr) werden kleine Projekte wie \
             Straßen- und Hoffeste oder Platzbepflanzungen gefördert; darüber entscheidet die \
             Aktionsfondsjury. Über größere Projekte aus dem Quartiersfonds entscheidet der \
             Quartiersrat.",
        )
        .property(
            "fund_kind",
            choice(
                "Fonds",
                "An welchen Fonds richtet sich der Antrag?",
                &[
                    (AKTIONSFONDS, "Aktionsfonds"),
                    (QUARTIERSFONDS, "Quartiersfonds"),
                ],
            ),
        )
        .property(
            "qm_gebiet",
            text(
                "QM-Gebiet",
                "Das Quartiersmanagement-Gebiet, in dem das Projekt stattfindet.",
                2,
                200,
            ),
        )
        .property(
            "field_of_action",
            choice(
                "Strategisches Handlungsziel",
                "Zu welchem Ziel des Integrierten Handlungskonzepts trägt das Projekt bei?",
                &STRATEGIC_GOALS,
            ),
        )
        .tighten("participation", "minLength", json!(PARTICIPATION_MIN_CHARS))
        .require(&["fund_kind", "qm_gebiet"])
        .build();
    Ok(all_of(
        form,
        // The Aktionsfonds' cap per year is checked in `validate`, not as a `maximum` here:
        // a schema maximum would reach the applicant only as the generic „Der Wert darf
        // höchstens … sein.“ and hide the reason.
        json!({
            "if": {
                "properties": { "fund_kind": { "const": AKTIONSFONDS } },
                "required": ["fund_kind"],
            },
            "else": { "required": ["field_of_action"] },
        }),
    ))
}

/// Adds a subschema every submission must also satisfy (`allOf`), after any the base has.
fn all_of(mut form: Value, schema: Value) -> Value {
    match form.get_mut("allOf").and_then(Value::as_array_mut) {
        Some(list) => list.push(schema),
        None => form["allOf"] = json!([schema]),
    }
    form
}
