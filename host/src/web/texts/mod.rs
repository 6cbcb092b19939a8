//! Every string the pages show, in one place. Templates receive a `&Texts`, so another
//! language is a second constant next to [`DE`] (vocabulary labels come from `label_de()`).
//! The signed-in pages' words are in [`staff`], reached as `t.staff`; the words of forms
//! rendered from a schema and of the fund application in [`forms`], reached as `t.forms`;
//! the signed-in funds pages' in [`funds`], reached as `t.funds`;
//! the coordination's plugins and audit pages' in [`coordination`], as `t.coordination`;
//! the task matrix and task log pages' in [`tasks`], as `t.tasks`; the persons pages' in
//! [`network`], as `t.network`; the project and contract pages' in [`projects`], as
//! `t.projects`; the meeting pages' in [`meetings`], as `t.meetings`; the exchange page's in
//! [`exchange`], as `t.exchange`.

mod calendar;
mod coordination;
mod exchange;
mod forms;
mod funds;
mod meetings;
mod network;
mod projects;
mod staff;
mod tasks;

pub use calendar::CalendarTexts;
pub use coordination::CoordinationTexts;
pub use exchange::ExchangeTexts;
pub use forms::FormTexts;
pub use funds::FundTexts;
pub use meetings::MeetingTexts;
pub use network::NetworkTexts;
pub use projects::ProjectTexts;
pub use staff::StaffTexts;
pub use tasks::TaskTexts;

/// The words of the pages in one language.
#[derive(Debug)]
pub struct Texts {
    /// The `lang` attribute of every page.
    pub lang: &'static str,
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_link: &'static str,
    pub breadcrumb_label: &'static str,
    pub home: &'static str,
    pub footer: &'static str,
    pub times_note: &'static str,
    /// The link to the sign-in page in the public pages' header.
    pub sign_in_link: &'static str,
    /// The words of the signed-in pages.
    pub staff: &'static StaffTexts,
    /// The words of schema forms and the fund application.
    pub forms: &'static FormTexts,
    /// The words of the signed-in pages of funds and fund applications.
    pub funds: &'static FundTexts,
    /// The words of the coordination's plugins and audit pages.
    pub coordination: &'static CoordinationTexts,
    /// The words of the task matrix and task log pages.
    pub tasks: &'static TaskTexts,
    /// The words of the persons pages.
    pub network: &'static NetworkTexts,
    /// The words of the project and contract pages.
    pub projects: &'static ProjectTexts,
    /// The words of the pages of bodies, meetings and minutes.
    pub meetings: &'static MeetingTexts,
    /// The words of the centre's joint calendar.
    pub calendar: &'static CalendarTexts,
    /// The words of the exchange page (catalogue and shared items).
    pub exchange: &'static ExchangeTexts,

    pub municipalities_title: &'static str,
    pub municipalities_intro: &'static str,
    pub no_municipalities: &'static str,

    pub municipality_intro: &'static str,
    pub bodies_heading: &'static str,
    pub no_bodies: &'static str,
    pub area: &'static str,
    pub rhythm: &'static str,
    pub part_of: &'static str,
    pub kind: &'static str,

    pub upcoming_heading: &'static str,
    pub upcoming_caption: &'static str,
    pub no_upcoming: &'static str,
    pub past_heading: &'static str,
    pub published_reports_heading: &'static str,
    pub past_caption: &'static str,
    pub no_past: &'static str,
    pub col_when: &'static str,
    pub col_body: &'static str,
    pub col_meeting: &'static str,
    pub col_location: &'static str,
    pub col_state: &'static str,

    pub about_heading: &'static str,
    pub working_groups_heading: &'static str,
    pub powers_heading: &'static str,
    pub no_powers: &'static str,
    pub power_over: &'static str,
    pub up_to: &'static str,
    pub without_limit: &'static str,
    pub members_heading: &'static str,
    pub members_caption: &'static str,
    pub no_members: &'static str,
    pub col_organisation: &'static str,
    pub col_person: &'static str,
    pub col_role: &'static str,
    pub col_voting: &'static str,
    pub on_behalf_of: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub body_upcoming_heading: &'static str,
    pub body_past_heading: &'static str,
    pub no_body_meetings: &'static str,
    pub agenda_caption: &'static str,
    pub no_agenda: &'static str,
    pub col_number: &'static str,
    pub col_topic: &'static str,
    pub col_result: &'static str,
    pub col_votes: &'static str,
    pub votes_yes: &'static str,
    pub votes_no: &'static str,
    pub votes_abstain: &'static str,
    /// "1 Enthaltung"
    pub votes_abstain_one: &'static str,
    pub not_stated: &'static str,
    /// The public part of approved minutes: its title, and the link to it.
    pub public_minutes_title: &'static str,
    pub public_minutes_note: &'static str,

    pub concern_link: &'static str,
    pub concern_link_intro: &'static str,
    pub concern_title: &'static str,
    pub concern_intro: &'static str,
    /// Read out after the visible required marker "*".
    pub required: &'static str,
    pub required_note: &'static str,
    pub optional: &'static str,
    pub field_category: &'static str,
    pub choose: &'static str,
    pub field_text: &'static str,
    pub hint_text: &'static str,
    pub field_location: &'static str,
    pub hint_location: &'static str,
    pub contact_legend: &'static str,
    pub contact_hint: &'static str,
    pub field_name: &'static str,
    pub field_email: &'static str,
    pub field_phone: &'static str,
    pub field_may_contact: &'static str,
    pub hint_may_contact: &'static str,
    pub honeypot_label: &'static str,
    pub concern_submit: &'static str,
    pub errors_heading: &'static str,
    /// Read out before an error next to a field.
    pub error_prefix: &'static str,
    pub form_unreadable: &'static str,
    pub refused_title: &'static str,
    pub refused_text: &'static str,
    pub rate_limited_title: &'static str,
    pub too_large_title: &'static str,
    pub too_large_text: &'static str,
    pub back_to_form: &'static str,

    pub concern_status_title: &'static str,
    pub application_status_title: &'static str,
    pub concern_received: &'static str,
    pub status_bookmark: &'static str,
    pub reference: &'static str,
    pub status_state: &'static str,
    pub received_at: &'static str,
    pub forwarded_at: &'static str,
    pub reported_at: &'static str,
    pub closed_at: &'static str,
    pub updated_at: &'static str,
    pub feedback_heading: &'static str,
    pub no_feedback: &'static str,
    pub submitted_at: &'static str,
    pub decided_at: &'static str,
    pub decision_reason: &'static str,
    pub requested_amount: &'static str,
    pub approved_amount: &'static str,
    pub paid_amount: &'static str,
    pub proof_due: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,

    /// Abbreviated weekdays, Monday first.
    pub weekdays: [&'static str; 7],
    /// Follows a clock time ("18:00 Uhr").
    pub oclock: &'static str,
    /// Known fund kinds (`body_powers.fund_kind`) and how people call them.
    pub fund_kinds: &'static [(&'static str, &'static str)],
}

impl Texts {
    /// How people call a fund kind; an unknown key is shown as stored.
    pub fn fund_kind<'a>(&self, key: &'a str) -> &'a str {
        self.fund_kinds
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key, |(_, label)| label)
    }
}

/// German, the first language of the pages.
pub static DE: Texts = Texts {
    lang: "de",
    site_name: "Quartier",
    site_tagline: "Netzwerke im Quartiersmanagement",
    skip_link: "Zum Inhalt springen",
    breadcrumb_label: "Sie sind hier",
    home: "Startseite",
    footer: "Öffentliche Informationen aus den Netzwerken des Quartiersmanagements.",
    times_note: "Alle Zeiten in deutscher Ortszeit.",
    sign_in_link: "Anmelden",
    staff: &staff::DE,
    forms: &forms::DE,
    funds: &funds::DE,
    coordination: &coordination::DE,
    tasks: &tasks::DE,
    network: &network::DE,
    projects: &projects::DE,
    meetings: &meetings::DE,
    calendar: &calendar::DE,
    exchange: &exchange::DE,

    municipalities_title: "Kommunen",
    municipalities_intro: "Wählen Sie eine Kommune, um ihre Gremien und Sitzungen zu sehen.",
    no_municipalities: "Auf diesem Server ist noch keine Kommune eingerichtet.",

    municipality_intro: "Öffentliche Gremien und Sitzungen im Quartiersmanagement.",
    bodies_heading: "Gremien",
    no_bodies: "Es sind noch keine öffentlichen Gremien eingetragen.",
    area: "Gebiet",
    rhythm: "Turnus",
    part_of: "Teil von",
    kind: "Art",

    upcoming_heading: "Nächste Sitzungen",
    upcoming_caption: "Die nächsten öffentlichen Sitzungen, nach Datum sortiert",
    no_upcoming: "Zurzeit sind keine Sitzungen geplant.",
    past_heading: "Vergangene Sitzungen",
    published_reports_heading: "Veröffentlichte Berichte",
    past_caption: "Die letzten Sitzungen, neueste zuerst",
    no_past: "Es haben noch keine Sitzungen stattgefunden.",
    col_when: "Datum und Uhrzeit",
    col_body: "Gremium",
    col_meeting: "Sitzung",
    col_location: "Ort",
    col_state: "Status",

    about_heading: "Über das Gremium",
    working_groups_heading: "Arbeitsgruppen",
    powers_heading: "Befugnisse",
    no_powers: "Dieses Gremium entscheidet und berät über keine Fonds.",
    power_over: "über",
    up_to: "bis",
    without_limit: "ohne Obergrenze",
    members_heading: "Mitglieder",
    members_caption: "Aktuelle Mitglieder und ihre Rolle",
    no_members: "Es sind keine Mitglieder öffentlich eingetragen.",
    col_organisation: "Organisation",
    col_person: "Person",
    col_role: "Rolle",
    col_voting: "Stimmrecht",
    on_behalf_of: "für",
    yes: "ja",
    no: "nein",
    body_upcoming_heading: "Kommende Sitzungen",
    body_past_heading: "Vergangene Sitzungen",
    no_body_meetings: "Keine Sitzungen eingetragen.",
    agenda_caption: "Öffentliche Tagesordnung",
    no_agenda: "Keine öffentlichen Tagesordnungspunkte eingetragen.",
    col_number: "TOP",
    col_topic: "Thema",
    col_result: "Ergebnis",
    col_votes: "Abstimmung",
    votes_yes: "ja",
    votes_no: "nein",
    votes_abstain: "Enthaltungen",
    votes_abstain_one: "Enthaltung",
    not_stated: "–",
    public_minutes_title: "Niederschrift (öffentlicher Teil)",
    public_minutes_note: "Der öffentliche Teil des freigegebenen Protokolls: die öffentlichen \
        Tagesordnungspunkte mit Ergebnis, Beschluss und Abstimmung. Nicht öffentliche Punkte \
        und die Anwesenheit sind nicht enthalten.",

    concern_link: "Anliegen melden",
    concern_link_intro: "Ihnen ist im Quartier etwas aufgefallen, oder Sie brauchen Unterstützung? \
        Melden Sie es dem Quartiersmanagement – ein Konto brauchen Sie dafür nicht.",
    concern_title: "Anliegen melden",
    concern_intro: "Das Quartiersmanagement leitet Ihr Anliegen an die zuständige Stelle weiter \
        und meldet deren Antwort zurück.",
    required: "Pflichtfeld",
    required_note: "Felder mit * müssen ausgefüllt werden.",
    optional: "freiwillig",
    field_category: "Worum geht es?",
    choose: "Bitte wählen",
    field_text: "Ihr Anliegen",
    hint_text: "Beschreiben Sie, was Ihnen aufgefallen ist oder was Sie brauchen \
        (mindestens 10, höchstens 4.000 Zeichen).",
    field_location: "Ort",
    hint_location: "Wo genau? Zum Beispiel Adresse, Kreuzung oder Spielplatz.",
    contact_legend: "Kontakt für eine Rückmeldung",
    contact_hint: "Freiwillig. Nur nötig, wenn Sie eine Rückmeldung wünschen. Ihre Angaben \
        werden nur für die Rückmeldung zu diesem Anliegen verwendet; an Ämter wird das Anliegen \
        ohne sie weitergegeben.",
    field_name: "Name",
    field_email: "E-Mail",
    field_phone: "Telefon",
    field_may_contact: "Ich möchte über den Stand informiert werden und darf dazu kontaktiert \
        werden.",
    hint_may_contact: "Dafür brauchen wir Ihre E-Mail-Adresse oder Telefonnummer. Sie können \
        die Einwilligung jederzeit widerrufen.",
    honeypot_label: "Bitte lassen Sie dieses Feld leer",
    concern_submit: "Anliegen absenden",
    errors_heading: "Bitte prüfen Sie Ihre Angaben",
    error_prefix: "Fehler:",
    form_unreadable: "Das Formular konnte nicht gelesen werden. Bitte füllen Sie es noch \
        einmal aus.",
    refused_title: "Eingabe nicht angenommen",
    refused_text: "Ihre Eingabe sah nach einer automatisierten Einsendung aus und wurde nicht \
        angenommen. Bitte füllen Sie das Formular noch einmal aus und lassen Sie dabei das \
        unsichtbare Feld leer.",
    rate_limited_title: "Zu viele Einsendungen",
    too_large_title: "Eingabe zu lang",
    too_large_text: "Ihre Eingabe ist zu lang. Bitte kürzen Sie den Text und senden Sie das \
        Formular noch einmal.",
    back_to_form: "Zurück zum Formular",

    concern_status_title: "Stand Ihres Anliegens",
    application_status_title: "Stand Ihres Antrags",
    concern_received: "Vielen Dank! Ihr Anliegen ist eingegangen.",
    status_bookmark: "Speichern Sie die Adresse dieser Seite als Lesezeichen: Nur über sie \
        sehen Sie, wie es weitergeht. Geben Sie die Adresse nicht weiter.",
    reference: "Vorgangsnummer",
    status_state: "Stand",
    received_at: "Eingegangen am",
    forwarded_at: "Weitergeleitet am",
    reported_at: "Rückmeldung am",
    closed_at: "Abgeschlossen am",
    updated_at: "Zuletzt geändert am",
    feedback_heading: "Rückmeldung",
    no_feedback: "Es liegt noch keine Rückmeldung vor.",
    submitted_at: "Eingereicht am",
    decided_at: "Entschieden am",
    decision_reason: "Begründung der Entscheidung",
    requested_amount: "Beantragter Betrag",
    approved_amount: "Bewilligter Betrag",
    paid_amount: "Ausgezahlter Betrag",
    proof_due: "Verwendungsnachweis fällig bis",

    not_found_title: "Seite nicht gefunden",
    not_found_text: "Diese Seite gibt es nicht, oder sie ist nicht öffentlich.",
    error_title: "Ein Fehler ist aufgetreten",
    error_text: "Die Seite konnte gerade nicht geladen werden. Bitte versuchen Sie es später noch einmal.",

    weekdays: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
    oclock: "Uhr",
    fund_kinds: &[
        ("aktionsfonds", "Aktionsfonds"),
        ("verfuegungsfonds", "Verfügungsfonds"),
        ("stadtteilfonds", "Stadtteilfonds"),
        ("quartiersfonds", "Quartiersfonds"),
    ],
};
