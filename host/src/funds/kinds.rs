//! The closed vocabularies of funds and fund applications, with German labels.

crate::text_enum! {
    /// Kinds of small funds found in the seeds (docs/architecture.md, "Domain model").
    pub enum FundKind {
        Verfuegungsfonds = ("verfuegungsfonds", "Verfügungsfonds"),
        Stadtteilfonds = ("stadtteilfonds", "Stadtteilfonds"),
        Aktionsfonds = ("aktionsfonds", "Aktionsfonds"),
        Quartiersfonds = ("quartiersfonds", "Quartiersfonds"),
    }
}

crate::text_enum! {
    /// States of a fund application; see [`super::workflow`] for the allowed moves.
    pub enum ApplicationState {
        Eingereicht = ("eingereicht", "eingereicht"),
        InPruefung = ("in_pruefung", "in Prüfung"),
        Rueckfrage = ("rueckfrage", "Rückfrage"),
        Beraten = ("beraten", "beraten"),
        Bewilligt = ("bewilligt", "bewilligt"),
        Abgelehnt = ("abgelehnt", "abgelehnt"),
        Ausgezahlt = ("ausgezahlt", "ausgezahlt"),
        VerwendungsnachweisEingereicht = ("verwendungsnachweis_eingereicht", "Verwendungsnachweis eingereicht"),
        Abgeschlossen = ("abgeschlossen", "abgeschlossen"),
        Zurueckgezogen = ("zurueckgezogen", "zurückgezogen"),
    }
}

crate::text_enum! {
    /// What the advising body recommends.
    pub enum Recommendation {
        Empfohlen = ("empfohlen", "empfohlen"),
        NichtEmpfohlen = ("nicht_empfohlen", "nicht empfohlen"),
    }
}

crate::text_enum! {
    /// How an application arrived.
    pub enum Channel {
        /// Entered by staff (on paper, by mail, at the office).
        Staff = ("staff", "durch das Quartiersmanagement erfasst"),
        /// The public form, without an account.
        Public = ("public", "über das öffentliche Formular"),
    }
}

crate::text_enum! {
    /// A routing step: advise (recommend) or decide.
    pub enum StepAction {
        Advise = ("advise", "berät"),
        Decide = ("decide", "entscheidet"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_labels_are_german() {
        for kind in FundKind::ALL {
            assert_eq!(kind.as_str().parse::<FundKind>().unwrap(), *kind);
        }
        for state in ApplicationState::ALL {
            assert_eq!(state.as_str().parse::<ApplicationState>().unwrap(), *state);
        }
        assert_eq!(FundKind::Verfuegungsfonds.label_de(), "Verfügungsfonds");
        assert_eq!(ApplicationState::InPruefung.label_de(), "in Prüfung");
    }
}
