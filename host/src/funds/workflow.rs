//! The state machine of a fund application, as a pure function with a table test.
//!
//! ```text
//! eingereicht → in_pruefung → beraten → bewilligt → ausgezahlt → verwendungsnachweis_eingereicht → abgeschlossen
//!                     │   ↑        │  ↘ abgelehnt
//!                     │   └ rueckfrage (from in_pruefung and beraten; resubmitted → in_pruefung)
//!                     └→ bewilligt / abgelehnt directly, only when the routing has no advise step
//! zurueckgezogen from every open state (eingereicht, in_pruefung, rueckfrage, beraten, bewilligt)
//! ```
//!
//! A withdrawal after approval frees the approved amount again; after payout the money is
//! out, so the application goes on to the proof of use instead.

use super::kinds::ApplicationState::{self, *};
use crate::messages::Code;

/// Why a move is refused; both answer 409.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The move does not exist from this state.
    WrongState,
    /// Deciding needs the advice first, because the routing has an advise step.
    AdviceRequired,
}

impl Refusal {
    pub fn code(self) -> Code {
        match self {
            Refusal::WrongState => Code::InvalidTransition,
            Refusal::AdviceRequired => Code::AdviceRequired,
        }
    }
}

/// Whether an application in `from` may move to `to`. `advise_step`: the routing has an
/// advise step, so deciding straight from `in_pruefung` is refused.
pub fn check(
    from: ApplicationState,
    to: ApplicationState,
    advise_step: bool,
) -> Result<(), Refusal> {
    let allowed = match (from, to) {
        (Eingereicht, InPruefung) => true,
        (InPruefung, Beraten | Rueckfrage) => true,
        (InPruefung, Bewilligt | Abgelehnt) if advise_step => {
            return Err(Refusal::AdviceRequired);
        }
        (InPruefung, Bewilligt | Abgelehnt) => true,
        (Rueckfrage, InPruefung) => true,
        (Beraten, Bewilligt | Abgelehnt | Rueckfrage) => true,
        (Bewilligt, Ausgezahlt) => true,
        (Ausgezahlt, VerwendungsnachweisEingereicht) => true,
        (VerwendungsnachweisEingereicht, Abgeschlossen) => true,
        (from, Zurueckgezogen) => is_open(from),
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(Refusal::WrongState)
    }
}

/// States from which the applicant may still withdraw.
pub fn is_open(state: ApplicationState) -> bool {
    matches!(
        state,
        Eingereicht | InPruefung | Rueckfrage | Beraten | Bewilligt
    )
}

/// States that count as approved in a fund's balance.
pub fn counts_as_approved(state: ApplicationState) -> bool {
    matches!(
        state,
        Bewilligt | Ausgezahlt | VerwendungsnachweisEingereicht | Abgeschlossen
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every allowed move; all other pairs are refused.
    const ALLOWED: &[(ApplicationState, ApplicationState)] = &[
        (Eingereicht, InPruefung),
        (Eingereicht, Zurueckgezogen),
        (InPruefung, Beraten),
        (InPruefung, Rueckfrage),
        (InPruefung, Bewilligt),
        (InPruefung, Abgelehnt),
        (InPruefung, Zurueckgezogen),
        (Rueckfrage, InPruefung),
        (Rueckfrage, Zurueckgezogen),
        (Beraten, Bewilligt),
        (Beraten, Abgelehnt),
        (Beraten, Rueckfrage),
        (Beraten, Zurueckgezogen),
        (Bewilligt, Ausgezahlt),
        (Bewilligt, Zurueckgezogen),
        (Ausgezahlt, VerwendungsnachweisEingereicht),
        (VerwendungsnachweisEingereicht, Abgeschlossen),
    ];

    #[test]
    fn every_pair_of_states_is_allowed_or_refused_as_the_table_says() {
        for from in ApplicationState::ALL {
            for to in ApplicationState::ALL {
                let expected = ALLOWED.contains(&(*from, *to));
                let got = check(*from, *to, false);
                assert_eq!(got.is_ok(), expected, "{from:?} → {to:?}");
                if !expected {
                    assert_eq!(got, Err(Refusal::WrongState), "{from:?} → {to:?}");
                }
            }
        }
    }

    #[test]
    fn deciding_without_advice_is_refused_when_the_routing_has_an_advise_step() {
        for to in [Bewilligt, Abgelehnt] {
            assert_eq!(check(InPruefung, to, true), Err(Refusal::AdviceRequired));
            assert_eq!(check(Beraten, to, true), Ok(()));
        }
        // The other moves do not depend on the routing.
        for from in ApplicationState::ALL {
            for to in ApplicationState::ALL {
                if *from == InPruefung && matches!(to, Bewilligt | Abgelehnt) {
                    continue;
                }
                assert_eq!(check(*from, *to, true), check(*from, *to, false));
            }
        }
    }

    #[test]
    fn terminal_states_have_no_way_out() {
        for from in [Abgelehnt, Abgeschlossen, Zurueckgezogen] {
            for to in ApplicationState::ALL {
                assert_eq!(check(from, *to, false), Err(Refusal::WrongState));
            }
        }
    }
}
