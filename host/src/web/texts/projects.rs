//! The words of the signed-in pages of projects (*Maßnahmen*) and contracts (*Kontrakte*):
//! lists, a project's goals and measurements, a contract's targets and reviews, and their
//! forms. Vocabulary labels (states, fulfilment, roles) come from the features' `label_de()`.

/// The project and contract pages' words in one language.
#[derive(Debug)]
pub struct ProjectTexts {
    pub nav_projects: &'static str,
    pub nav_contracts: &'static str,
    /// Above a list the person may not read (the API's refusal follows).
    pub refused_title: &'static str,

    // The projects' list.
    pub list_title: &'static str,
    pub list_intro_staff: &'static str,
    pub list_intro_member: &'static str,
    pub tabs_label: &'static str,
    pub tab_all: &'static str,
    pub filter_label: &'static str,
    pub filter_field: &'static str,
    pub filter_field_all: &'static str,
    pub filter_button: &'static str,
    pub list_empty: &'static str,
    /// "Maßnahmen {from}–{to} von {total}"
    pub list_range: &'static str,
    pub col_title: &'static str,
    pub col_field: &'static str,
    pub col_state: &'static str,
    pub col_period: &'static str,
    pub col_budget: &'static str,

    // A project's page.
    pub fact_state: &'static str,
    pub fact_field: &'static str,
    pub fact_area: &'static str,
    pub fact_lead: &'static str,
    pub fact_partners: &'static str,
    pub fact_budget: &'static str,
    pub fact_period: &'static str,
    pub not_stated: &'static str,
    /// "{from} bis {to}"
    pub period: &'static str,
    /// "ab {from}"
    pub period_from: &'static str,
    /// "bis {to}"
    pub period_to: &'static str,
    pub description_heading: &'static str,
    pub goals_heading: &'static str,
    pub goals_intro: &'static str,
    pub goals_none: &'static str,
    pub leitziel: &'static str,
    pub handlungsziel: &'static str,
    pub no_targets: &'static str,
    pub target_baseline: &'static str,
    pub target_value: &'static str,
    pub target_deadline: &'static str,
    pub target_latest: &'static str,
    pub target_progress: &'static str,
    pub no_measurement: &'static str,
    /// "{value} am {day}"
    pub latest_line: &'static str,
    /// "{percent} % erreicht"
    pub progress_line: &'static str,
    /// "Messwerte: {}"
    pub measurements_caption: &'static str,
    pub measurements_none: &'static str,
    /// "Gezeigt werden die {} neuesten Messwerte der Maßnahme."
    pub measurements_truncated: &'static str,
    pub col_measured_on: &'static str,
    pub col_value: &'static str,
    pub col_actor: &'static str,
    pub col_note: &'static str,
    /// The link from a target to the measurement form with it chosen.
    pub record_link: &'static str,
    pub history_heading: &'static str,
    pub col_at: &'static str,
    pub col_change: &'static str,
    pub created: &'static str,
    pub steps_heading: &'static str,
    pub steps_none: &'static str,
    pub errors_heading: &'static str,
    pub stale_project: &'static str,
    pub not_a_number: &'static str,
    pub not_a_date: &'static str,
    pub unknown_choice: &'static str,
    pub form_unknown: &'static str,

    // Changing the state.
    pub state_heading: &'static str,
    pub state_to: &'static str,
    pub state_reason: &'static str,
    pub state_reason_hint: &'static str,
    pub state_button: &'static str,
    pub state_notice: &'static str,

    // Recording a measurement.
    pub measure_heading: &'static str,
    pub measure_hint: &'static str,
    pub measure_target: &'static str,
    pub measure_on: &'static str,
    pub date_hint: &'static str,
    pub measure_value: &'static str,
    pub number_hint: &'static str,
    pub measure_note: &'static str,
    pub measure_button: &'static str,
    pub measure_notice: &'static str,

    // Adding a target under a Handlungsziel.
    pub target_heading: &'static str,
    pub target_hint: &'static str,
    pub target_goal: &'static str,
    pub target_indicator: &'static str,
    pub target_indicator_hint: &'static str,
    pub target_unit: &'static str,
    pub target_unit_hint: &'static str,
    pub target_button: &'static str,
    pub target_notice: &'static str,

    // Adding a Handlungsziel (under a new Leitziel or an existing one).
    pub goal_heading: &'static str,
    pub goal_hint: &'static str,
    pub goal_leitziel: &'static str,
    pub goal_new_choice: &'static str,
    pub goal_new_leitziel: &'static str,
    pub goal_new_leitziel_hint: &'static str,
    pub goal_title: &'static str,
    pub goal_button: &'static str,
    pub goal_notice: &'static str,

    // The contracts' list.
    pub contracts_title: &'static str,
    pub contracts_intro_staff: &'static str,
    pub contracts_intro_member: &'static str,
    pub contracts_tabs_label: &'static str,
    pub contracts_current: &'static str,
    pub contracts_all: &'static str,
    pub contracts_empty: &'static str,
    /// "Kontrakte {from}–{to} von {total}"
    pub contracts_range: &'static str,
    pub col_contract: &'static str,
    pub col_term: &'static str,
    pub col_subject: &'static str,

    // A contract's page.
    pub fact_subject: &'static str,
    pub fact_term: &'static str,
    pub fact_steering: &'static str,
    pub fact_fulfilment: &'static str,
    pub steering_not_visible: &'static str,
    pub parties_heading: &'static str,
    pub col_party: &'static str,
    pub col_role: &'static str,
    pub contract_targets_heading: &'static str,
    pub contract_targets_none: &'static str,
    pub col_kind: &'static str,
    pub col_target: &'static str,
    pub col_deadline: &'static str,
    pub col_status: &'static str,
    pub reviews_heading: &'static str,
    pub reviews_none: &'static str,
    /// "Überprüfung vom {}"
    pub review_of: &'static str,
    pub review_meeting: &'static str,
    pub review_by: &'static str,
    pub review_note: &'static str,
    pub col_comment: &'static str,

    // Recording a review.
    pub review_heading: &'static str,
    pub review_hint: &'static str,
    pub review_on: &'static str,
    pub review_meeting_field: &'static str,
    pub review_no_meeting: &'static str,
    pub review_note_field: &'static str,
    pub review_status: &'static str,
    pub review_comment: &'static str,
    pub review_button: &'static str,
    pub review_notice: &'static str,
}

impl ProjectTexts {
    /// "Maßnahmen 1–50 von 120" or "Kontrakte …", from a `{from}–{to} von {total}` pattern.
    pub fn range(pattern: &str, from: i64, to: i64, total: i64) -> String {
        pattern
            .replace("{from}", &from.to_string())
            .replace("{to}", &to.to_string())
            .replace("{total}", &total.to_string())
    }
}

/// German.
pub static DE: ProjectTexts = ProjectTexts {
    nav_projects: "Maßnahmen",
    nav_contracts: "Kontrakte",
    refused_title: "Nicht möglich",

    list_title: "Maßnahmen",
    list_intro_staff: "Alle Maßnahmen des Integrierten Handlungskonzepts Ihrer Kommune, \
        nach Titel geordnet.",
    list_intro_member: "Die Maßnahmen, die Ihre Organisation federführend leitet oder als \
        Partnerin mitträgt.",
    tabs_label: "Maßnahmen nach Stand",
    tab_all: "Alle",
    filter_label: "Maßnahmen nach Handlungsfeld filtern",
    filter_field: "Handlungsfeld",
    filter_field_all: "Alle Handlungsfelder",
    filter_button: "Filtern",
    list_empty: "Hier ist keine Maßnahme.",
    list_range: "Maßnahmen {from}–{to} von {total}",
    col_title: "Maßnahme",
    col_field: "Handlungsfeld",
    col_state: "Stand",
    col_period: "Zeitraum",
    col_budget: "Budget",

    fact_state: "Stand",
    fact_field: "Handlungsfeld",
    fact_area: "Gebiet",
    fact_lead: "Federführung",
    fact_partners: "Partnerorganisationen",
    fact_budget: "Budget",
    fact_period: "Zeitraum",
    not_stated: "keine Angabe",
    period: "{from} bis {to}",
    period_from: "ab {from}",
    period_to: "bis {to}",
    description_heading: "Beschreibung",
    goals_heading: "Ziele und Fortschritt",
    goals_intro: "Leitziele, Handlungsziele und ihre messbaren Zielindikatoren. Der \
        Fortschritt ist der Anteil des Wegs vom Ausgangswert zum Zielwert, den der jüngste \
        Messwert zurückgelegt hat.",
    goals_none: "Für diese Maßnahme sind noch keine Ziele festgelegt.",
    leitziel: "Leitziel",
    handlungsziel: "Handlungsziel",
    no_targets: "Zu diesem Handlungsziel ist noch kein Zielindikator festgelegt.",
    target_baseline: "Ausgangswert",
    target_value: "Zielwert",
    target_deadline: "Frist",
    target_latest: "Jüngster Messwert",
    target_progress: "Fortschritt",
    no_measurement: "noch kein Messwert",
    latest_line: "{value} am {day}",
    progress_line: "{percent} % erreicht",
    measurements_caption: "Messwerte: {}",
    measurements_none: "Noch keine Messwerte.",
    measurements_truncated: "Gezeigt werden die {} jüngsten Messwerte der Maßnahme.",
    col_measured_on: "Datum",
    col_value: "Wert",
    col_actor: "Erfasst von",
    col_note: "Notiz",
    record_link: "Messwert erfassen",
    history_heading: "Verlauf",
    col_at: "Zeitpunkt",
    col_change: "Stand",
    created: "angelegt",
    steps_heading: "Was Sie tun können",
    steps_none: "Für Sie ist bei dieser Maßnahme zurzeit kein Schritt möglich.",
    errors_heading: "Bitte prüfen Sie Ihre Angaben",
    stale_project: "Die Maßnahme wurde inzwischen von jemand anderem geändert. Die Seite zeigt \
        jetzt den aktuellen Stand; bitte prüfen Sie ihn und senden Sie das Formular erneut.",
    not_a_number: "Bitte geben Sie eine Zahl ein, zum Beispiel 12,5.",
    not_a_date: "Bitte geben Sie ein gültiges Datum ein, zum Beispiel 31.12.2026.",
    unknown_choice: "Bitte wählen Sie einen Eintrag aus der Liste.",
    form_unknown: "Dieses Formular kennt die Seite nicht. Bitte laden Sie die Seite neu.",

    state_heading: "Stand ändern",
    state_to: "Neuer Stand",
    state_reason: "Begründung",
    state_reason_hint: "Wird im Verlauf gespeichert, zum Beispiel der Beschluss, auf dem die \
        Änderung beruht.",
    state_button: "Stand ändern",
    state_notice: "Der Stand der Maßnahme ist geändert.",

    measure_heading: "Messwert erfassen",
    measure_hint: "Der tatsächlich erreichte Wert eines Zielindikators an einem Tag. Messwerte \
        werden angefügt und nicht überschrieben.",
    measure_target: "Zielindikator",
    measure_on: "Datum der Messung",
    date_hint: "Tag, Monat und Jahr, zum Beispiel 31.12.2026.",
    measure_value: "Erreichter Wert",
    number_hint: "Eine Zahl, Dezimalstellen mit Komma, zum Beispiel 12,5.",
    measure_note: "Notiz",
    measure_button: "Messwert speichern",
    measure_notice: "Der Messwert ist gespeichert.",

    target_heading: "Zielindikator ergänzen",
    target_hint: "Ein messbares Ziel unter einem Handlungsziel. Die bestehenden Ziele bleiben, \
        wie sie sind.",
    target_goal: "Handlungsziel",
    target_indicator: "Indikator",
    target_indicator_hint: "Was gemessen wird, zum Beispiel „Besuchende pro Woche“.",
    target_unit: "Einheit",
    target_unit_hint: "Zum Beispiel Personen, % oder m².",
    target_button: "Zielindikator anlegen",
    target_notice: "Der Zielindikator ist angelegt.",

    goal_heading: "Handlungsziel ergänzen",
    goal_hint: "Ein Handlungsziel unter einem bestehenden oder einem neuen Leitziel. Die \
        bestehenden Ziele bleiben, wie sie sind.",
    goal_leitziel: "Leitziel",
    goal_new_choice: "Neues Leitziel anlegen",
    goal_new_leitziel: "Titel des neuen Leitziels",
    goal_new_leitziel_hint: "Nur nötig, wenn Sie „Neues Leitziel anlegen“ gewählt haben.",
    goal_title: "Titel des Handlungsziels",
    goal_button: "Handlungsziel anlegen",
    goal_notice: "Das Handlungsziel ist angelegt.",

    contracts_title: "Kontrakte",
    contracts_intro_staff: "Die Vereinbarungen Ihrer Kommune mit Trägern und Partnern, mit \
        Zielen und Fristen, überprüft vom Lenkungsgremium.",
    contracts_intro_member: "Die Kontrakte, an denen Ihre Organisation als Partei beteiligt ist.",
    contracts_tabs_label: "Kontrakte nach Laufzeit",
    contracts_current: "Laufende",
    contracts_all: "Alle",
    contracts_empty: "Hier ist kein Kontrakt.",
    contracts_range: "Kontrakte {from}–{to} von {total}",
    col_contract: "Kontrakt",
    col_term: "Laufzeit",
    col_subject: "Gegenstand",

    fact_subject: "Gegenstand",
    fact_term: "Laufzeit",
    fact_steering: "Lenkungsgremium",
    fact_fulfilment: "Erfüllung laut letzter Überprüfung",
    steering_not_visible: "für Sie nicht einsehbar",
    parties_heading: "Vertragsparteien",
    col_party: "Partei",
    col_role: "Rolle",
    contract_targets_heading: "Ziele",
    contract_targets_none: "Der Kontrakt nennt keine Ziele.",
    col_kind: "Art",
    col_target: "Ziel",
    col_deadline: "Frist",
    col_status: "Stand laut letzter Überprüfung",
    reviews_heading: "Überprüfungen",
    reviews_none: "Der Kontrakt wurde noch nicht überprüft.",
    review_of: "Überprüfung vom {}",
    review_meeting: "Sitzung",
    review_by: "Erfasst von",
    review_note: "Bemerkung",
    col_comment: "Kommentar",

    review_heading: "Überprüfung erfassen",
    review_hint: "Das Ergebnis der Überprüfung durch das Lenkungsgremium. Ein Ziel, das Sie auf \
        „Offen“ lassen, gilt in dieser Überprüfung als offen.",
    review_on: "Datum der Überprüfung",
    review_meeting_field: "Sitzung des Lenkungsgremiums",
    review_no_meeting: "Keine Sitzung angeben",
    review_note_field: "Bemerkung",
    review_status: "Bewertung",
    review_comment: "Kommentar",
    review_button: "Überprüfung speichern",
    review_notice: "Die Überprüfung ist gespeichert.",
};
