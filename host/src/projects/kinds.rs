//! The closed sets of a project: its states and which steps between them are allowed.

crate::text_enum! {
    /// Where a project (*Maßnahme*) stands.
    pub enum ProjectState {
        Idee = ("idee", "Idee"),
        Konzept = ("konzept", "Konzept"),
        Umsetzung = ("umsetzung", "Umsetzung"),
        Abgeschlossen = ("abgeschlossen", "Abgeschlossen"),
        Verworfen = ("verworfen", "Verworfen"),
    }
}

impl ProjectState {
    /// The steps the workflow allows: forward one stage at a time (Idee → Konzept →
    /// Umsetzung → abgeschlossen), back one stage for rework (Konzept → Idee, Umsetzung →
    /// Konzept), and discarding (verworfen) from any open state. Closed and discarded
    /// projects are final.
    pub fn may_become(self, to: ProjectState) -> bool {
        use ProjectState::*;
        matches!(
            (self, to),
            (Idee, Konzept)
                | (Konzept, Umsetzung)
                | (Umsetzung, Abgeschlossen)
                | (Konzept, Idee)
                | (Umsetzung, Konzept)
                | (Idee | Konzept | Umsetzung, Verworfen)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ProjectState::*;

    #[test]
    fn a_project_moves_one_stage_at_a_time_and_final_states_stay_final() {
        assert!(Idee.may_become(Konzept));
        assert!(Umsetzung.may_become(Abgeschlossen));
        assert!(Konzept.may_become(Verworfen));
        assert!(!Idee.may_become(Umsetzung));
        assert!(!Idee.may_become(Abgeschlossen));
        assert!(!Abgeschlossen.may_become(Umsetzung));
        assert!(!Verworfen.may_become(Idee));
        assert!(!Idee.may_become(Idee));
    }
}
