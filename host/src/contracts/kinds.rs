//! The closed sets of a contract: party roles, target kinds and fulfilment.

crate::text_enum! {
    /// The role of a party in a contract.
    pub enum PartyRole {
        Auftraggeber = ("auftraggeber", "Auftraggeber"),
        Auftragnehmer = ("auftragnehmer", "Auftragnehmer"),
        Partner = ("partner", "Partner"),
    }
}

crate::text_enum! {
    /// Whether a target is measured by a number or described in words.
    pub enum TargetKind {
        Quantitativ = ("quantitativ", "Quantitativ"),
        Qualitativ = ("qualitativ", "Qualitativ"),
    }
}

crate::text_enum! {
    /// How far a target (or the whole contract) is fulfilled.
    pub enum Fulfilment {
        Erfuellt = ("erfuellt", "Erfüllt"),
        TeilweiseErfuellt = ("teilweise_erfuellt", "Teilweise erfüllt"),
        NichtErfuellt = ("nicht_erfuellt", "Nicht erfüllt"),
        Offen = ("offen", "Offen"),
    }
}

impl Fulfilment {
    /// The contract's status from its targets' statuses in the latest review: `erfuellt`
    /// when every target is; `teilweise_erfuellt` when at least one is (partly) fulfilled;
    /// `nicht_erfuellt` when none is and at least one is not; otherwise (no targets, no
    /// review, nothing judged yet) `offen`.
    pub fn overall(statuses: &[Fulfilment]) -> Fulfilment {
        use Fulfilment::*;
        if statuses.is_empty() {
            Offen
        } else if statuses.iter().all(|s| *s == Erfuellt) {
            Erfuellt
        } else if statuses
            .iter()
            .any(|s| matches!(s, Erfuellt | TeilweiseErfuellt))
        {
            TeilweiseErfuellt
        } else if statuses.contains(&NichtErfuellt) {
            NichtErfuellt
        } else {
            Offen
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fulfilment::{self, *};

    #[test]
    fn the_contract_is_fulfilled_when_every_target_is() {
        assert_eq!(Fulfilment::overall(&[]), Offen);
        assert_eq!(Fulfilment::overall(&[Erfuellt, Erfuellt]), Erfuellt);
        assert_eq!(Fulfilment::overall(&[Erfuellt, Offen]), TeilweiseErfuellt);
        assert_eq!(
            Fulfilment::overall(&[NichtErfuellt, TeilweiseErfuellt]),
            TeilweiseErfuellt
        );
        assert_eq!(Fulfilment::overall(&[NichtErfuellt, Offen]), NichtErfuellt);
        assert_eq!(Fulfilment::overall(&[Offen, Offen]), Offen);
    }
}
