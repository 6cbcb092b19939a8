//! Where a concern goes: the QM is the "Ansprechpartner vor Ort" and passes it to the office
//! of the Stadt Nürnberg responsible ([`crate::config::OFFICES`]), bringing the answer back.
//! Fund applications follow the host's base routing: the seed names no body that advises or
//! decides, so the fund's own bodies do.

use quartier_plugin_sdk::{Error, RouteDecision};

use crate::catalogue::{categories, category};

/// The office for a concern of `key`.
pub fn concern(key: &str) -> Result<RouteDecision, Error> {
    let Some(category) = category(key) else {
        let known: Vec<&str> = categories().map(|c| c.key).collect();
        return Err(Error::new(
            "kategorie-unbekannt",
            format!(
                "Die Kategorie „{key}“ kennt das Quartiersmanagement Hasenbuck nicht. Bekannt \
                 sind: {}.",
                known.join(", ")
            ),
        ));
    };
    Ok(RouteDecision::Department {
        department: category.office.to_owned(),
    })
}
