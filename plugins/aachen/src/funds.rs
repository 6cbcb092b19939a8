//! Who advises on and who decides a Stadtteilfonds application. The concept: "in diesem
//! Gremium [der Stadtteilkonferenz] werden die Anträge zum Stadtteilfonds diskutiert. Das
//! Gremium berät, ob die gestellten Anträge sinnvolle quartiersbezogene Projekte enthalten
//! und einen partizipativen Charakter aufweisen. Erst dann werden die Anträge bei der
//! Verwaltung bearbeitet."

use quartier_plugin_sdk::{Error, RouteDecision, Step};

/// The body that advises first.
pub const ADVISES: &str = "stadtteilkonferenz";
/// The role that decides after the advice: the administration (FB 56).
pub const DECIDES: &str = "verwaltung";

/// The steps for an application to `fund_kind`.
pub fn route(fund_kind: &str) -> Result<RouteDecision, Error> {
    if fund_kind != "stadtteilfonds" {
        return Err(Error::new(
            "fonds-unbekannt",
            format!(
                "Die Stadt Aachen führt keinen Fonds „{fund_kind}“. Anträge gehen an den \
                 Stadtteilfonds."
            ),
        ));
    }
    Ok(RouteDecision::Steps {
        steps: vec![Step::advise(ADVISES), Step::decide(DECIDES)],
    })
}
