//! The words of the centre's joint calendar of the sites' public meetings.

/// The joint calendar's words in one language.
#[derive(Debug)]
pub struct CalendarTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub empty: &'static str,
    pub col_when: &'static str,
    pub col_municipality: &'static str,
    pub col_body: &'static str,
    pub col_meeting: &'static str,
    pub col_place: &'static str,
    pub cancelled: &'static str,
    pub sources_heading: &'static str,
    pub exchange_heading: &'static str,
    pub exchange_intro: &'static str,
    /// "gelesen am {}"
    pub read_at: &'static str,
    pub never_read: &'static str,
    pub read_failed: &'static str,
    /// "Die ersten {} Sitzungen; weitere folgen, wenn diese vorbei sind."
    pub truncated: &'static str,
}

pub static DE: CalendarTexts = CalendarTexts {
    title: "Gemeinsamer Kalender der Standorte",
    intro: "Die öffentlichen Sitzungen der Netzwerke an den angeschlossenen Standorten, \
            gelesen aus ihren OParl-Schnittstellen. Einzelheiten stehen auf der Seite der \
            jeweiligen Kommune.",
    empty: "Es sind keine kommenden Sitzungen eingetragen.",
    col_when: "Wann",
    col_municipality: "Kommune",
    col_body: "Gremium",
    col_meeting: "Sitzung",
    col_place: "Ort",
    cancelled: "abgesagt",
    sources_heading: "Stand der Standorte",
    exchange_heading: "Austauschtreffen der Servicestelle",
    exchange_intro: "Zweimal im Jahr lädt die Servicestelle die Quartiersmanagerinnen und \
                     Quartiersmanager aller Standorte zum Austausch ein.",
    read_at: "gelesen am {}",
    never_read: "noch nicht gelesen",
    read_failed: "zuletzt nicht lesbar",
    truncated: "Die ersten {} Sitzungen; weitere erscheinen, wenn diese vorbei sind.",
};
