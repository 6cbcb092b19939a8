//! Every string the pages show, in one place. Templates receive a `&Texts`, so another
//! language is a second constant next to [`DE`] (vocabulary labels come from `label_de()`).

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
