//! Nürnberg-Hasenbuck's catalogues: the nine tasks of its neighbourhood management as fields
//! of action, the concern categories with where the QM passes them on, and the labels of its
//! bodies.

use crate::config::OFFICES;

/// The QM's model: "Das Quartiersmanagement hat eine koordinierende und organisierende
/// Funktion und baut auf den vielfältigen Netzwerken und Aktivitäten der im Gebiet
/// beheimateten Einrichtungen und Initiativen auf."
pub const QM_MODEL: &str = "koordinierendes_qm";

/// "Unsere Aufgaben, Pläne und Ziele für den Hasenbuck", in the seed's order: the fields of
/// action of every project and the chapters of the annual report.
pub const TASKS: [(&str, &str); 9] = [
    (
        "lebensbedingungen",
        "Aufwertung, Verbesserung und Stabilisierung der Lebensbedingungen vor Ort",
    ),
    (
        "sozialstrukturen",
        "Aufbau und Stärkung stabiler Sozialstrukturen",
    ),
    (
        "aktivierung",
        "Aktivierung der Anwohnerinnen und Anwohner – Beteiligung und Mitwirkung am \
         Entwicklungsprozess ihres Viertels",
    ),
    (
        "vernetzung",
        "Vernetzung der unterschiedlichen Interessengruppen und lokalen Akteure",
    ),
    (
        "kooperationen",
        "Aufbau von Kooperationen zwischen Anwohnerschaft, Institutionen, Behörden, \
         Initiativen, Vereinen, Unternehmen und Wohnungsbaugesellschaften",
    ),
    (
        "projekte",
        "Initiierung, Aufbau und Begleitung von (Bürger-)Projekten aus sozialen, kulturellen \
         und ökonomischen Handlungsfeldern",
    ),
    ("stadtteilleben", "Aktivierung des Stadtteillebens"),
    (
        "oeffentlichkeitsarbeit",
        "Öffentlichkeitsarbeit und Imageverbesserung nach innen und außen",
    ),
    ("ansprechpartner", "Ansprechpartner vor Ort"),
];

/// The label of a task, if the key is one of the nine.
pub fn task(key: &str) -> Option<&'static str> {
    TASKS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

/// The partners the seed names for cooperation, for the project dossier.
pub const PARTNER_KINDS: [(&str, &str); 7] = [
    ("anwohnerschaft", "Anwohnerschaft"),
    ("institutionen", "Institutionen"),
    ("behoerden", "Behörden"),
    ("initiativen", "Initiativen"),
    ("vereine", "Vereine"),
    ("unternehmen", "Unternehmen"),
    ("wohnungsbaugesellschaften", "Wohnungsbaugesellschaften"),
];

/// A concern category: key, label and the office the QM passes it to.
#[derive(Debug, Clone, Copy)]
pub struct Category {
    /// Stable key (the host's base keys, so existing concerns keep theirs).
    pub key: &'static str,
    /// German label.
    pub label: &'static str,
    /// Where the QM passes it on.
    pub office: &'static str,
}

/// The host's base categories, each with its office from [`OFFICES`].
pub fn categories() -> impl Iterator<Item = Category> {
    OFFICES
        .iter()
        .map(|(key, label, office)| Category { key, label, office })
}

/// The category with this key.
pub fn category(key: &str) -> Option<Category> {
    categories().find(|c| c.key == key)
}

/// Labels of the body kinds of the quarter's networks.
pub const BODY_KINDS: [(&str, &str); 5] = [
    ("stadtteilkonferenz", "Stadtteilkonferenz"),
    ("runder_tisch", "Runder Tisch"),
    ("arbeitskreis", "Arbeitskreis"),
    ("stadtteilbeirat", "Stadtteilbeirat"),
    ("lenkungsgruppe", "Lenkungsgruppe"),
];
