//! Aachen's catalogues: its spatial levels, fields of action, the concern categories of the
//! Lotsenfunktion with where each goes, and the six core tasks of the QM.

/// Aachen's QM is municipal staff in the Fachbereich Wohnen, Soziales und Integration
/// (FB 56), not one of the Hessian models.
pub const QM_MODEL: &str = "staedtisches_qm";

/// The coarse statistical level: "Großräumig gegliedert ist die Stadt Aachen in 14 sogenannte
/// Sozialräume."
pub const SOZIALRAEUME: u32 = 14;
/// The fine level: "60 Lebensräume mit Bevölkerungszahlen zwischen ca. 600 und 8.800
/// Einwohnern."
pub const LEBENSRAEUME: u32 = 60;

/// Fields of action of Aachen's QM projects: what the concept names as the aims of
/// "kleinteilige und quartiersbezogene Projekte" and the themes of its QM structures
/// (Flüchtlingsintegration, Altengerechte Quartiere).
pub const FIELDS_OF_ACTION: [(&str, &str); 8] = [
    ("nachbarschaft_begegnung", "Nachbarschaft und Begegnung"),
    (
        "beteiligung_engagement",
        "Beteiligung und bürgerschaftliches Engagement",
    ),
    (
        "integration_vielfalt",
        "Integration und kulturelle Vielfalt",
    ),
    ("altengerechtes_quartier", "Altengerechtes Quartier"),
    ("kinder_jugend_familie", "Kinder, Jugend und Familie"),
    ("teilhabe_bildung", "Teilhabe und Bildung"),
    ("freizeit_kultur", "Freizeit und Kultur"),
    ("image_quartier", "Image und Identität des Quartiers"),
];

/// Where the Lotsenfunktion sends a concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A department (or municipal company) of the Stadt Aachen.
    Department(&'static str),
    /// Outside the city's remit; the reason is shown to the resident.
    NotResponsible(&'static str),
}

/// A concern category.
#[derive(Debug, Clone, Copy)]
pub struct Category {
    /// Stable key.
    pub key: &'static str,
    /// German label.
    pub label: &'static str,
    /// Where the QM passes it on.
    pub destination: Destination,
}

const fn to(key: &'static str, label: &'static str, department: &'static str) -> Category {
    Category {
        key,
        label,
        destination: Destination::Department(department),
    }
}

/// The Aachener Stadtbetrieb (wilder Müll; also keeps the playgrounds).
pub const STADTBETRIEB: &str = "Aachener Stadtbetrieb";
/// Streets, squares and traffic.
pub const STADTENTWICKLUNG: &str = "Fachbereich Stadtentwicklung und Verkehrsanlagen";
/// Where the QM itself sits; the Sozialdienst and the offene Altenhilfe.
pub const SOZIALES: &str = "Fachbereich Wohnen, Soziales und Integration";

/// The categories. The concept names the first two routes word for word ("im ersten Fall
/// an den Stadtbetrieb, im zweiten an den Fachbereich ‚Stadtentwicklung und
/// Verkehrsanlagen‘") and the departments it consulted (FB 45, FB 02, Sport); it lists the
/// playground's condition, larger planning and mobility topics as matters of other
/// departments without naming them — those routes follow the departments' remits.
/// Crime reaches "die Grenzen des Quartiersmanagements in jedem Fall" and is the police's.
pub const CONCERN_CATEGORIES: [Category; 12] = [
    to("wilder_muell", "Wilder Müll", STADTBETRIEB),
    to(
        "schlagloch",
        "Schlaglöcher und Straßenschäden",
        STADTENTWICKLUNG,
    ),
    to("spielplatz", "Zustand eines Spielplatzes", STADTBETRIEB),
    to(
        "platz_umgestaltung",
        "Umgestaltung von Plätzen und Spielplätzen",
        STADTENTWICKLUNG,
    ),
    to(
        "verkehr",
        "Verkehr, Haltestellen und Mobilität",
        STADTENTWICKLUNG,
    ),
    to(
        "kinder_jugend",
        "Kinder, Jugend und Familie",
        "Fachbereich Kinder, Jugend und Schule",
    ),
    to("aeltere_menschen", "Ältere Menschen und Pflege", SOZIALES),
    to("integration", "Integration und Zusammenleben", SOZIALES),
    to(
        "lokale_wirtschaft",
        "Handel und lokale Wirtschaft",
        "Fachbereich Wirtschaft, Wissenschaft und Europa",
    ),
    to("sport", "Sport und Bewegung", "Fachbereich Sport"),
    to(
        "beratung",
        "Beratung und Freizeitangebote",
        "Quartiersmanagement (Verweis an die Angebote im Quartier)",
    ),
    Category {
        key: "kriminalitaet",
        label: "Kriminalität",
        destination: Destination::NotResponsible(
            "Für Straftaten ist die Polizei zuständig, nicht die Stadt Aachen. Bitte wenden \
             Sie sich an die Polizei Aachen, im Notfall unter 110. Das Quartiersmanagement \
             gibt den Wunsch nach mehr Sicherheit im Quartier an die Verwaltung weiter.",
        ),
    },
];

/// The category with this key.
pub fn category(key: &str) -> Option<&'static Category> {
    CONCERN_CATEGORIES.iter().find(|c| c.key == key)
}

/// The six core tasks (*Kernaufgaben*) of Aachen's QM, the structure of its report.
pub const CORE_TASKS: [&str; 6] = [
    "Erfassung von Themen und Bedarfen im Quartier",
    "Lotsenfunktion (Bindeglied zwischen Quartier und Verwaltung)",
    "Vernetzungsfunktion zwischen Akteuren",
    "Unterstützung der Stadtteilkonferenzen und sonstiger lokaler Arbeitskreise",
    "Projektinitiierung und -begleitung",
    "Öffentlichkeitsarbeit",
];

/// Labels of the body kinds Aachen's networks have.
pub const BODY_KINDS: [(&str, &str); 5] = [
    ("stadtteilkonferenz", "Stadtteilkonferenzen"),
    (
        "oertliche_arbeitsgemeinschaft_altenarbeit",
        "Örtliche Arbeitsgemeinschaften der Altenarbeit",
    ),
    ("arbeitskreis", "Arbeitskreise"),
    ("unterarbeitsgruppe", "Unterarbeitsgruppen"),
    ("runder_tisch", "Runde Tische"),
];
