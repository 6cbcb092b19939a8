//! The states of a concern and which transitions the Lotsenfunktion allows.
//!
//! eingegangen → weitergeleitet → rueckmeldung_erhalten → zurueckgemeldet → geschlossen;
//! from eingegangen or weitergeleitet also nicht_zustaendig and duplikat. The last three are
//! final: the concern counts as closed from then on (retention of the contact starts).
//! Who may take a transition is decided in [`super::transitions`].

crate::text_enum! {
    /// Where a concern stands.
    pub enum ConcernState {
        Eingegangen = ("eingegangen", "Eingegangen"),
        Weitergeleitet = ("weitergeleitet", "An die zuständige Stelle weitergeleitet"),
        RueckmeldungErhalten = ("rueckmeldung_erhalten", "Rückmeldung der Stelle erhalten"),
        Zurueckgemeldet = ("zurueckgemeldet", "Ihnen zurückgemeldet"),
        Geschlossen = ("geschlossen", "Abgeschlossen"),
        NichtZustaendig = ("nicht_zustaendig", "Nicht zuständig"),
        Duplikat = ("duplikat", "Bereits gemeldet (Duplikat)"),
    }
}

crate::text_enum! {
    /// How a concern came in.
    pub enum ConcernSource {
        Oeffentlich = ("oeffentlich", "über das öffentliche Formular"),
        Intern = ("intern", "von Mitarbeitenden erfasst"),
    }
}

crate::text_enum! {
    /// How the QM reported back to the resident.
    pub enum ReportChannel {
        Email = ("email", "E-Mail"),
        Telefon = ("telefon", "Telefon"),
        Brief = ("brief", "Brief"),
        Persoenlich = ("persoenlich", "Persönlich"),
        Statusseite = ("statusseite", "Statusseite"),
    }
}

impl ConcernState {
    /// True when the transition `self → to` exists.
    pub fn may_become(self, to: ConcernState) -> bool {
        use ConcernState::*;
        matches!(
            (self, to),
            (Eingegangen, Weitergeleitet)
                | (Weitergeleitet, RueckmeldungErhalten)
                | (RueckmeldungErhalten, Zurueckgemeldet)
                | (Zurueckgemeldet, Geschlossen)
                | (Eingegangen | Weitergeleitet, NichtZustaendig | Duplikat)
        )
    }

    /// Final states: nothing follows, and the contact's retention period runs.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ConcernState::Geschlossen | ConcernState::NichtZustaendig | ConcernState::Duplikat
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ConcernState::{self, *};

    #[test]
    fn only_the_lotsen_path_and_its_side_exits_are_allowed() {
        let allowed = [
            (Eingegangen, Weitergeleitet),
            (Eingegangen, NichtZustaendig),
            (Eingegangen, Duplikat),
            (Weitergeleitet, RueckmeldungErhalten),
            (Weitergeleitet, NichtZustaendig),
            (Weitergeleitet, Duplikat),
            (RueckmeldungErhalten, Zurueckgemeldet),
            (Zurueckgemeldet, Geschlossen),
        ];
        for &from in ConcernState::ALL {
            for &to in ConcernState::ALL {
                assert_eq!(
                    from.may_become(to),
                    allowed.contains(&(from, to)),
                    "{} → {}",
                    from.as_str(),
                    to.as_str()
                );
            }
        }
    }

    #[test]
    fn final_states_lead_nowhere() {
        for &from in ConcernState::ALL.iter().filter(|s| s.is_final()) {
            assert!(ConcernState::ALL.iter().all(|&to| !from.may_become(to)));
        }
    }
}
