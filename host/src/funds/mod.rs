//! Funds and fund applications (docs/architecture.md, "Domain model"): Verfügungs-, Stadtteil-, Aktions- and
//! Quartiersfonds per year and area, with budget, advising and deciding body and a cap per
//! application; applications from staff and from the public form, routed by the
//! municipality's plugin, moved through a checked workflow ([`workflow`]).
//!
//! Money is decided inside one transaction: an approval raises the fund's denormalised
//! `approved_cents` with a conditional UPDATE that refuses to pass the budget, so racing
//! decisions cannot overspend. Every move is an event row (who, when, from, to, why, amount,
//! votes) and an audit entry; the balance at any earlier time is summed from the events.
//!
//! Who may see what: funds and applications are internal to the municipality. Staff
//! (coordinator, qm, admin) see and do everything; member and jury users of the municipality
//! read funds; jury users read and decide the applications routed to a body their
//! organisation belongs to (see [`transitions`]). Everyone else gets 404 — except that the
//! resident's application page lists the funds open to applications (name, kind, area, cap
//! per application; [`public::open_funds`]).
//! This module does not render pages and does not check forms (see `forms`).

pub mod applicant;
mod applications;
mod events;
mod fund;
mod intake;
pub mod kinds;
pub mod public;
mod routing;
mod transition_input;
mod transitions;
pub mod workflow;
pub mod worklist;

use utoipa_axum::{router::OpenApiRouter, routes};

/// For writers of applications outside the API (the demo's history).
pub(crate) use intake::REFERENCE_PREFIX;
pub(crate) use routing::{QM, RoutingSource, Step};

use crate::auth::{Level, Scope};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

pub use applicant::ApplicantContact;
pub use applications::{
    Application, ApplicationFilter, ApplicationOrder, Event, history, list as visible_applications,
    load_visible,
};
pub use events::Votes;
pub use fund::{Fund, FundFilter, list as list_funds, load as load_fund};
pub use transitions::{TransitionInput, take as take_transition};

/// The feature's routes; the applications' are listed here because reading them
/// (`applications`) and taking them in (`intake`) are separate modules on the same paths.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(fund::router())
        .routes(routes!(applications::list_applications))
        .routes(routes!(
            applications::list_fund_applications,
            intake::create_application
        ))
        .routes(routes!(applications::get_application))
        .routes(routes!(applicant::get_applicant))
        .routes(routes!(intake::recheck_application))
        .merge(transitions::router())
        .merge(public::router())
}

/// Refuses callers outside the municipality: 401 anonymous, 404 users of another one (their
/// view must not tell our objects from missing ones).
fn require_insider(scope: &Scope) -> Result<()> {
    match (&scope.caller.0, scope.level) {
        (None, _) => Err(Error::client(Code::Unauthenticated)),
        (Some(_), Level::Public) => Err(Error::NotFound),
        _ => Ok(()),
    }
}

/// Euro text for German messages: `1.234,50 €`.
pub fn euro(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02} €", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::euro;

    #[test]
    fn euro_amounts_read_the_german_way() {
        assert_eq!(euro(0), "0,00 €");
        assert_eq!(euro(35_000), "350,00 €");
        assert_eq!(euro(1_000_050), "10.000,50 €");
        assert_eq!(euro(123_456_789), "1.234.567,89 €");
    }
}
