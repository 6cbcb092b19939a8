//! The words of the signed-in pages of funds and fund applications (the funds' balances, the
//! applications, an application's route, moves and history), in one place like the other
//! pages' words. State and kind labels come from the vocabularies' `label_de()`.

use crate::funds::ApplicationOrder;
use crate::funds::kinds::ApplicationState::{self, *};

/// The funds pages' words in one language.
#[derive(Debug)]
pub struct FundTexts {
    // The navigation.
    pub nav_funds: &'static str,
    pub nav_applications: &'static str,

    // The funds.
    pub funds_title: &'static str,
    pub funds_intro: &'static str,
    pub funds_empty: &'static str,
    /// "Fonds 1–{to} von {total}, neuestes Jahr zuerst"
    pub funds_range: &'static str,
    pub col_fund: &'static str,
    pub col_year: &'static str,
    pub col_budget: &'static str,
    pub col_approved: &'static str,
    pub col_paid: &'static str,
    pub col_available: &'static str,
    pub exhausted: &'static str,

    // The applications.
    pub applications_title: &'static str,
    pub applications_intro_staff: &'static str,
    pub applications_intro_member: &'static str,
    pub applications_empty: &'static str,
    pub filter_label: &'static str,
    pub order_nav_label: &'static str,
    pub tab_all: &'static str,
    pub order_newest: &'static str,
    pub order_oldest: &'static str,
    pub only_fund: &'static str,
    pub all_funds: &'static str,
    pub col_title: &'static str,
    pub col_requested: &'static str,

    // One application.
    /// Before the reference in an application's heading.
    pub application_heading: &'static str,
    pub warnings_heading: &'static str,
    pub fact_fund: &'static str,
    pub fact_requested: &'static str,
    pub fact_approved: &'static str,
    pub fact_paid: &'static str,
    pub fact_available: &'static str,
    pub fact_recommendation: &'static str,
    pub fact_decided: &'static str,
    pub fact_decision_reason: &'static str,
    pub fact_proof_due: &'static str,
    pub route_heading: &'static str,
    pub route_advise: &'static str,
    pub route_decide: &'static str,
    pub route_now: &'static str,
    pub route_qm: &'static str,
    pub route_administration: &'static str,
    /// "Den Weg bestimmten {}." with the routing source's label.
    pub route_source: &'static str,
    pub project_heading: &'static str,
    pub project_empty: &'static str,
    pub applicant_heading: &'static str,
    pub steps_none: &'static str,
    pub history_caption: &'static str,
    pub col_amount: &'static str,
    pub col_votes: &'static str,
    /// "Empfehlung: {}"
    pub recommended: &'static str,

    // The moves' forms.
    pub note: &'static str,
    pub reason_optional: &'static str,
    pub query_text: &'static str,
    pub refusal_text: &'static str,
    pub recommendation: &'static str,
    pub votes_legend: &'static str,
    pub votes_hint: &'static str,
    pub votes_yes: &'static str,
    pub votes_no: &'static str,
    pub votes_abstain: &'static str,
    pub approved_amount: &'static str,
    /// "Beantragt: {requested}. Höchstens {cap} je Antrag."
    pub approved_hint: &'static str,
    pub approved_hint_cap: &'static str,
    pub proof_due: &'static str,
    /// "Ohne Angabe: {} Monate nach der Entscheidung."
    pub proof_due_hint: &'static str,
    pub balance_label: &'static str,
    /// "{available} von {budget} im Fonds „{fund}“"
    pub balance: &'static str,
    pub paid_amount: &'static str,
    /// "Bewilligt: {}."
    pub paid_hint: &'static str,
    pub withdraw_hint: &'static str,
    pub withdraw_hint_approved: &'static str,
    pub amount_unreadable: &'static str,
    pub votes_unreadable: &'static str,
    /// Headings and buttons of the moves, in the order of `ApplicationState::ALL`.
    pub step_headings: [&'static str; 10],
    pub step_buttons: [&'static str; 10],
    /// The heading of taking an application up again after a query.
    pub resume_heading: &'static str,

    // What a move did (after the redirect).
    pub notice_checking: &'static str,
    pub notice_query: &'static str,
    pub notice_advised: &'static str,
    pub notice_approved: &'static str,
    pub notice_refused: &'static str,
    pub notice_paid: &'static str,
    pub notice_proof: &'static str,
    pub notice_closed: &'static str,
    pub notice_withdrawn: &'static str,
}

/// The place of `state` in `ApplicationState::ALL`.
fn index(state: ApplicationState) -> usize {
    ApplicationState::ALL
        .iter()
        .position(|s| *s == state)
        .unwrap_or_default()
}

impl FundTexts {
    /// "Fonds 1–3 von 3, neuestes Jahr zuerst"
    pub fn funds_range(&self, to: i64, total: i64) -> String {
        self.funds_range
            .replace("{to}", &to.to_string())
            .replace("{total}", &total.to_string())
    }

    /// "Förderanträge 1–50 von 120, neueste zuerst"
    pub fn applications_range(
        &self,
        from: i64,
        to: i64,
        total: i64,
        order: ApplicationOrder,
    ) -> String {
        format!(
            "{} {from}–{to} von {total}, {}",
            self.applications_title,
            self.order_label(order)
        )
    }

    pub fn order_label(&self, order: ApplicationOrder) -> &'static str {
        match order {
            ApplicationOrder::Newest => self.order_newest,
            ApplicationOrder::Oldest => self.order_oldest,
        }
    }

    /// The heading of the move to `to` from `from`.
    pub fn step_heading(&self, to: ApplicationState, from: ApplicationState) -> &'static str {
        if to == InPruefung && from == Rueckfrage {
            return self.resume_heading;
        }
        self.step_headings[index(to)]
    }

    pub fn step_button(&self, to: ApplicationState) -> &'static str {
        self.step_buttons[index(to)]
    }

    /// What the approval's amount field says about the request and the fund's cap (both
    /// already written as amounts).
    pub fn approved_hint(&self, requested: &str, cap: Option<&str>) -> String {
        let hint = self.approved_hint.replace("{}", requested);
        match cap {
            Some(cap) => format!("{hint} {}", self.approved_hint_cap.replace("{}", cap)),
            None => hint,
        }
    }

    pub fn proof_due_hint(&self, months: i64) -> String {
        self.proof_due_hint.replace("{}", &months.to_string())
    }

    /// "9.200 € von 10.000 € im Fonds „Aktionsfonds Ost“" (amounts already written).
    pub fn balance(&self, fund: &str, available: &str, budget: &str) -> String {
        self.balance
            .replace("{available}", available)
            .replace("{budget}", budget)
            .replace("{fund}", fund)
    }
}

/// German.
pub static DE: FundTexts = FundTexts {
    nav_funds: "Fonds",
    nav_applications: "Förderanträge",

    funds_title: "Fonds",
    funds_intro: "Budget, bewilligte und ausgezahlte Mittel und was in jedem Fonds noch \
        verfügbar ist. Der Name eines Fonds führt zu seinen Anträgen.",
    funds_empty: "Für diese Kommune ist noch kein Fonds eingerichtet.",
    funds_range: "Fonds 1–{to} von {total}, neuestes Jahr zuerst",
    col_fund: "Fonds",
    col_year: "Jahr",
    col_budget: "Budget",
    col_approved: "Bewilligt",
    col_paid: "Ausgezahlt",
    col_available: "Noch verfügbar",
    exhausted: "ausgeschöpft",

    applications_title: "Förderanträge",
    applications_intro_staff: "Anträge an die Fonds der Kommune, aus dem öffentlichen \
        Formular und vom Quartiersmanagement erfasst.",
    applications_intro_member: "Anträge, über die ein Gremium Ihrer Organisation berät oder \
        entscheidet.",
    applications_empty: "Hier ist kein Antrag.",
    filter_label: "Anträge nach Stand",
    order_nav_label: "Reihenfolge",
    tab_all: "Alle",
    order_newest: "neueste zuerst",
    order_oldest: "älteste zuerst",
    only_fund: "Nur Anträge an den Fonds",
    all_funds: "Anträge an alle Fonds zeigen",
    col_title: "Vorhaben",
    col_requested: "Beantragt",

    application_heading: "Förderantrag",
    warnings_heading: "Hinweise der Regeln Ihrer Kommune zu diesem Antrag:",
    fact_fund: "Fonds",
    fact_requested: "Beantragt",
    fact_approved: "Bewilligt",
    fact_paid: "Ausgezahlt",
    fact_available: "Im Fonds noch verfügbar",
    fact_recommendation: "Empfehlung",
    fact_decided: "Entschieden",
    fact_decision_reason: "Begründung der Entscheidung",
    fact_proof_due: "Verwendungsnachweis fällig",
    route_heading: "Weg des Antrags",
    route_advise: "Beratung",
    route_decide: "Entscheidung",
    route_now: "jetzt an der Reihe",
    route_qm: "Quartiersmanagement",
    route_administration: "Verwaltung",
    route_source: "Den Weg bestimmten {}.",
    project_heading: "Das Vorhaben",
    project_empty: "Zu diesem Antrag sind keine Angaben gespeichert.",
    applicant_heading: "Kontakt des Antragstellers",
    steps_none: "Für Sie ist bei diesem Antrag zurzeit kein Schritt möglich.",
    history_caption: "Alle Schritte des Antrags, ältester zuerst",
    col_amount: "Betrag",
    col_votes: "Abstimmung",
    recommended: "Empfehlung: {}",

    note: "Vermerk",
    reason_optional: "Begründung",
    query_text: "Was soll der Antragsteller klären oder nachreichen?",
    refusal_text: "Begründung der Ablehnung",
    recommendation: "Empfehlung des Gremiums",
    votes_legend: "Abstimmung des Gremiums",
    votes_hint: "Anzahl der Stimmen; leer gelassene Felder zählen als 0.",
    votes_yes: "Ja",
    votes_no: "Nein",
    votes_abstain: "Enthaltungen",
    approved_amount: "Bewilligter Betrag in Euro",
    approved_hint: "Beantragt: {}.",
    approved_hint_cap: "Höchstens {} je Antrag.",
    proof_due: "Verwendungsnachweis fällig am",
    proof_due_hint: "Ohne Angabe: {} Monate nach der Entscheidung.",
    balance_label: "Noch verfügbar:",
    balance: "{available} von {budget} im Fonds „{fund}“",
    paid_amount: "Ausgezahlter Betrag in Euro",
    paid_hint: "Bewilligt: {}.",
    withdraw_hint: "Der Antragsteller hat den Antrag zurückgezogen.",
    withdraw_hint_approved: "Der Antragsteller hat den Antrag zurückgezogen. Der bewilligte \
        Betrag steht dem Fonds wieder zur Verfügung.",
    amount_unreadable: "Bitte geben Sie einen Betrag in Euro ein, z. B. 800 oder 800,50.",
    votes_unreadable: "Bitte geben Sie die Zahl der Stimmen als ganze Zahl ein, z. B. 5.",
    step_headings: [
        "Eingang",
        "In Prüfung nehmen",
        "Rückfrage an den Antragsteller",
        "Beratung des Gremiums festhalten",
        "Bewilligen",
        "Ablehnen",
        "Auszahlung festhalten",
        "Verwendungsnachweis ist eingegangen",
        "Abschließen",
        "Antrag zurückgezogen",
    ],
    step_buttons: [
        "Als eingegangen festhalten",
        "In Prüfung nehmen",
        "Rückfrage stellen",
        "Beratung speichern",
        "Bewilligen",
        "Ablehnen",
        "Auszahlung speichern",
        "Nachweis als eingegangen festhalten",
        "Antrag abschließen",
        "Als zurückgezogen festhalten",
    ],
    resume_heading: "Antwort erhalten: wieder in Prüfung nehmen",

    notice_checking: "Der Antrag ist in Prüfung.",
    notice_query: "Die Rückfrage ist festgehalten; der Antrag wartet auf den Antragsteller.",
    notice_advised: "Die Beratung ist gespeichert.",
    notice_approved: "Der Antrag ist bewilligt; der Betrag ist im Fonds gebucht.",
    notice_refused: "Der Antrag ist abgelehnt.",
    notice_paid: "Die Auszahlung ist gespeichert.",
    notice_proof: "Der Verwendungsnachweis ist als eingegangen festgehalten.",
    notice_closed: "Der Antrag ist abgeschlossen.",
    notice_withdrawn: "Der Antrag ist als zurückgezogen festgehalten.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_heading_and_a_button_in_its_place() {
        assert_eq!(ApplicationState::ALL.len(), DE.step_headings.len());
        assert_eq!(DE.step_button(Bewilligt), "Bewilligen");
        assert_eq!(
            DE.step_heading(Beraten, InPruefung),
            "Beratung des Gremiums festhalten"
        );
        assert_eq!(DE.step_heading(InPruefung, Rueckfrage), DE.resume_heading);
        assert_eq!(
            DE.step_button(Zurueckgezogen),
            "Als zurückgezogen festhalten"
        );
    }

    #[test]
    fn the_balance_reads_available_of_budget_in_the_fund() {
        assert_eq!(
            DE.balance("Aktionsfonds Ost", "9.200 €", "10.000 €"),
            "9.200 € von 10.000 € im Fonds „Aktionsfonds Ost“"
        );
    }
}
