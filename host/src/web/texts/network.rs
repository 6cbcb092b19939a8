//! The words of the network pages for staff: persons (contacts) with their consents, and
//! their erasure on request.

/// The network pages' words in one language.
#[derive(Debug)]
pub struct NetworkTexts {
    pub nav_persons: &'static str,
    pub persons_title: &'static str,
    pub persons_intro: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub persons_empty: &'static str,
    /// "Personen {} bis {} von {}"
    pub persons_range: &'static str,
    pub col_name: &'static str,
    pub col_listed: &'static str,
    pub col_contact: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub erased: &'static str,
    pub new_heading: &'static str,
    pub field_name: &'static str,
    pub field_email: &'static str,
    pub field_phone: &'static str,
    pub consents_legend: &'static str,
    pub consent_listed: &'static str,
    pub consent_listed_hint: &'static str,
    pub consent_contact: &'static str,
    pub create_button: &'static str,
    pub save_button: &'static str,
    pub error_heading: &'static str,
    pub person_title: &'static str,
    pub read_logged: &'static str,
    pub edit_heading: &'static str,
    pub erased_text: &'static str,
    pub erase_heading: &'static str,
    pub erase_text: &'static str,
    pub erase_confirm: &'static str,
    pub erase_button: &'static str,
    pub erase_unconfirmed: &'static str,
    pub created_notice: &'static str,
    pub saved_notice: &'static str,
    pub erased_notice: &'static str,
    pub back_to_persons: &'static str,
}

impl NetworkTexts {
    /// "Personen 1 bis 50 von 120"
    pub fn range(&self, from: i64, to: i64, total: i64) -> String {
        self.persons_range
            .replacen("{}", &from.to_string(), 1)
            .replacen("{}", &to.to_string(), 1)
            .replacen("{}", &total.to_string(), 1)
    }
}

pub const DE: NetworkTexts = NetworkTexts {
    nav_persons: "Personen",
    persons_title: "Personen",
    persons_intro: "Kontaktpersonen des Netzwerks. Kontaktdaten sehen nur Mitarbeitende; jedes Öffnen einer Person wird protokolliert. Öffentlich erscheint eine Person nur mit ihrer Einwilligung.",
    search_label: "Name enthält",
    search_button: "Suchen",
    persons_empty: "Keine Personen gefunden.",
    persons_range: "Personen {} bis {} von {}",
    col_name: "Name",
    col_listed: "Öffentlich genannt",
    col_contact: "Kontakt erlaubt",
    yes: "ja",
    no: "nein",
    erased: "gelöscht",
    new_heading: "Person anlegen",
    field_name: "Name",
    field_email: "E-Mail-Adresse",
    field_phone: "Telefon",
    consents_legend: "Einwilligungen",
    consent_listed: "Darf öffentlich mit Name und Organisation genannt werden",
    consent_listed_hint: "Nur mit schriftlicher oder dokumentierter Einwilligung der Person.",
    consent_contact: "Darf kontaktiert werden",
    create_button: "Person anlegen",
    save_button: "Änderungen speichern",
    error_heading: "Bitte prüfen Sie Ihre Angaben",
    person_title: "Person",
    read_logged: "Dieser Aufruf der Kontaktdaten ist im Protokoll vermerkt.",
    edit_heading: "Angaben ändern",
    erased_text: "Die personenbezogenen Daten dieser Person sind gelöscht. Mitgliedschaften und Anwesenheiten bleiben ohne Namen erhalten.",
    erase_heading: "Löschen auf Verlangen",
    erase_text: "Name, E-Mail-Adresse und Telefon werden gelöscht, beide Einwilligungen widerrufen, laufende Mitgliedschaften enden heute. Das lässt sich nicht rückgängig machen.",
    erase_confirm: "Die Person hat die Löschung verlangt.",
    erase_button: "Personenbezogene Daten löschen",
    erase_unconfirmed: "Bitte bestätigen Sie, dass die Person die Löschung verlangt hat.",
    created_notice: "Die Person ist angelegt.",
    saved_notice: "Die Änderungen sind gespeichert.",
    erased_notice: "Die personenbezogenen Daten sind gelöscht.",
    back_to_persons: "Zu allen Personen",
};
