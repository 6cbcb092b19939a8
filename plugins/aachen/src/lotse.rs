//! The Lotsenfunktion: the QM passes a concern on to the department responsible and brings
//! its answer back; it does not solve it itself ("Der Begriff des ‚Kümmerers‘ wird … durch
//! den Begriff eines ‚Lotsen‘ … ersetzt"). Matters outside the city's remit are answered as
//! "nicht zuständig" with the reason.

use quartier_plugin_sdk::{Error, RouteDecision};

use crate::catalogue::{CONCERN_CATEGORIES, Destination, category};

/// Where a concern of `category_key` goes.
pub fn route(category_key: &str) -> Result<RouteDecision, Error> {
    let Some(category) = category(category_key) else {
        let known: Vec<&str> = CONCERN_CATEGORIES.iter().map(|c| c.key).collect();
        return Err(Error::new(
            "kategorie-unbekannt",
            format!(
                "Die Kategorie „{category_key}“ kennt die Stadt Aachen nicht. Bekannt sind: {}.",
                known.join(", ")
            ),
        ));
    };
    Ok(match category.destination {
        Destination::Department(department) => RouteDecision::Department {
            department: department.to_owned(),
        },
        Destination::NotResponsible(reason) => RouteDecision::NotResponsible {
            reason: reason.to_owned(),
        },
    })
}
