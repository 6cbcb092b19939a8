//! Who decides a fund application: "Darüber entscheidet eine Aktionsfondsjury" for the
//! Aktionsfonds; for the Quartiersfonds the Quartiersräte, in which the experience of the
//! Quartiersfondsjurys "mündete".

use quartier_plugin_sdk::{Error, RouteDecision, Step};

use crate::catalogue::{
    AKTIONSFONDS, AKTIONSFONDS_PER_YEAR_CENTS, AKTIONSFONDSJURY, QUARTIERSFONDS, QUARTIERSRAT,
};

/// The steps for an application of `amount_cents` to `fund_kind`. An Aktionsfonds
/// application over the area's annual amount is refused: no jury can grant it.
pub fn route(fund_kind: &str, amount_cents: i64) -> Result<RouteDecision, Error> {
    let by = match fund_kind {
        AKTIONSFONDS if amount_cents > AKTIONSFONDS_PER_YEAR_CENTS => {
            return Err(over_cap());
        }
        AKTIONSFONDS => AKTIONSFONDSJURY,
        QUARTIERSFONDS => QUARTIERSRAT,
        other => {
            return Err(Error::new(
                "fonds-unbekannt",
                format!(
                    "Einen Fonds „{other}“ gibt es im Berliner Quartiersmanagement nicht; \
                     Anträge gehen an den Aktionsfonds oder den Quartiersfonds."
                ),
            ));
        }
    };
    Ok(RouteDecision::Steps {
        steps: vec![Step::decide(by)],
    })
}

/// The refusal of an Aktionsfonds application over the annual amount.
pub fn over_cap() -> Error {
    Error::new("aktionsfonds-ueber-jahresbetrag", OVER_CAP)
}

/// Why: the message shared by `route` and `validate`.
pub const OVER_CAP: &str = "Der Aktionsfonds eines Gebiets umfasst 10.000 € im Jahr; mehr \
    kann ein Antrag nicht erhalten. Größere Vorhaben können beim Quartiersfonds beantragt \
    werden, über den der Quartiersrat entscheidet.";
