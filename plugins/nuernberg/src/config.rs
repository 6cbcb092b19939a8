//! What the Stadt Nürnberg sets when it adopts this plugin. The seed describes the QM as
//! "Ansprechpartner vor Ort" with a coordinating function but names no offices; the offices
//! below are the city's for the host's base concern categories as its administration is
//! organised at the time of writing. Check them against the current remits before installing.

/// The plugin's own version (semver). Raise it with every change you install.
pub const VERSION: &str = "1.0.0";

/// The title people see.
pub const TITLE: &str = "Nürnberg-Hasenbuck – Quartiersmanagement";

/// The QM's own name, for concerns it answers itself.
pub const QM: &str = "Quartiersmanagement Hasenbuck";

/// Public space: streets, green spaces, playgrounds and their cleanliness.
const SOER: &str = "Servicebetrieb Öffentlicher Raum Nürnberg (SÖR)";

/// (category key, label, office): the host's base categories with where each goes.
pub const OFFICES: [(&str, &str, &str); 7] = [
    ("wilder_muell", "Wilder Müll", SOER),
    ("schlagloch", "Schlaglöcher und Straßenschäden", SOER),
    ("spielplatz", "Spielplätze", SOER),
    (
        "sicherheit",
        "Sicherheit und Sauberkeit",
        "Ordnungsamt der Stadt Nürnberg",
    ),
    (
        "verkehr",
        "Verkehr und Mobilität",
        "Verkehrsplanungsamt der Stadt Nürnberg",
    ),
    (
        "beratung",
        "Beratung und Hilfe",
        "Quartiersmanagement Hasenbuck (Verweis an die Beratungsangebote im Stadtteil)",
    ),
    (
        "sonstiges",
        "Sonstiges",
        "Quartiersmanagement Hasenbuck (klärt die Zuständigkeit mit der Stadtverwaltung)",
    ),
];
