//! Who handles what next. A Quartiersfonds application is advised by the Quartierbeirat —
//! "Im Zusammenwirken mit lokalen Akteuren in den Gremien des Quartierbeirates und der
//! Bürgerjury sollen Projektideen … generiert werden" — and decided by the Bürgerjury, as the
//! award of a Quartiersfonds lies "in den Händen von Bürgergremien". A resident's concern goes
//! from the operative level to the Geschäftsstelle Koordination Quartiermanagement, which
//! coordinates inside the administration.

use quartier_plugin_sdk::{Error, RouteDecision, Step};

use crate::catalogue::{BUERGERJURY, GESCHAEFTSSTELLE, QUARTIERSBEIRAT, QUARTIERSFONDS};

/// The steps for an application to `fund_kind`.
pub fn fund_application(fund_kind: &str) -> Result<RouteDecision, Error> {
    if fund_kind != QUARTIERSFONDS {
        return Err(Error::new(
            "fonds-unbekannt",
            format!(
                "Einen Fonds „{fund_kind}“ sieht das Organisationsmodell nicht vor; Anträge \
                 gehen an den Quartiersfonds, über den die Bürgerjury entscheidet."
            ),
        ));
    }
    Ok(RouteDecision::Steps {
        steps: vec![Step::advise(QUARTIERSBEIRAT), Step::decide(BUERGERJURY)],
    })
}

/// Where a concern goes, whatever its category: the coordination office brings it to the
/// department concerned and the answer back.
pub fn concern() -> RouteDecision {
    RouteDecision::Department {
        department: GESCHAEFTSSTELLE.to_owned(),
    }
}
