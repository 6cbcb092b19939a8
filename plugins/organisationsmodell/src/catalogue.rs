//! The organisation model's catalogues: its three levels, its fields of action, its bodies,
//! its fund and the actors of its task matrix.

/// The model's key (`describe`, the task matrix's `qm_model`).
pub const QM_MODEL: &str = "organisationsmodell";

/// The three levels of steering (*Steuerungsebenen*) and what each does with the integrated
/// action concept, "der ‚rote Faden' im Abstimmungsprozess".
pub const LEVELS: [(&str, &str); 3] = [
    (
        "Normative Ebene",
        "Der Gemeinderat formuliert die Orientierungsziele und stellt die zu ihrer Erreichung \
         notwendigen Ressourcen im Haushalt bereit.",
    ),
    (
        "Strategische Ebene",
        "Die Verwaltung entwickelt den Orientierungsrahmen weiter: Ist-Analyse anhand \
         gebietsbezogener Strukturdaten, organisatorische Rahmenbedingungen, und mit den \
         lokalen Akteuren vereinbarte messbare Umsetzungsziele, Prioritäten und \
         Handlungsschritte; die Geschäftsstelle Koordination Quartiermanagement koordiniert \
         innerhalb der Stadtverwaltung, das Lenkungsgremium bewertet die Kontrakte.",
    ),
    (
        "Operative Ebene",
        "Die Quartiermanagerin bzw. der Quartiermanager setzt den Zielkatalog in konkrete \
         Maßnahmen um, gemeinsam mit Quartierbeirat und Bürgerjury.",
    ),
];

/// Fields of action: the dimensions the model adds to the building measures of urban renewal
/// ("die sozialen, ökonomischen und kulturellen Dimensionen") and its strategies —
/// self-help and own initiative, the networking of departments, organisations and services.
pub const FIELDS_OF_ACTION: [(&str, &str); 6] = [
    (
        "staedtebau_wohnumfeld",
        "Städtebauliche Erneuerung und Wohnumfeld",
    ),
    ("soziales", "Soziale Infrastruktur und Dienste"),
    ("lokale_oekonomie", "Lokale Wirtschaft und Beschäftigung"),
    ("kultur", "Kultur und Stadtteilleben"),
    (
        "selbsthilfe_beteiligung",
        "Selbsthilfe, Eigeninitiative und Beteiligung",
    ),
    (
        "vernetzung",
        "Vernetzung von Fachbereichen, Trägern und Diensten",
    ),
];

/// The label of a field of action, if the key is in the catalogue.
pub fn field_of_action(key: &str) -> Option<&'static str> {
    FIELDS_OF_ACTION
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

/// The Quartierbeirat: passes information on, develops and carries out joint projects.
pub const QUARTIERSBEIRAT: &str = "quartiersbeirat";
/// The Bürgerjury, the citizens' body that awards the Quartiersfonds.
pub const BUERGERJURY: &str = "buergerjury";
/// The Lenkungsgremium that reviews the contracts (the host's body kind `lenkungsgruppe`).
pub const LENKUNGSGREMIUM: &str = "lenkungsgruppe";

/// The fund whose award lies with the citizens' bodies ("Quartiersfonds bzw.
/// Quartierbudgets, deren Vergabe in den Händen von Bürgergremien und lokalen Akteuren
/// liegt").
pub const QUARTIERSFONDS: &str = "quartiersfonds";

/// Where the QM passes residents' concerns: the coordination inside the administration
/// ("Die Funktion der Koordination innerhalb der Stadtverwaltung leistet die Geschäftsstelle
/// Koordination Quartiermanagement"), which brings them to the departments.
pub const GESCHAEFTSSTELLE: &str = "Geschäftsstelle Koordination Quartiermanagement";

/// The body kinds the model names, with their labels.
pub const BODY_KINDS: [(&str, &str); 3] = [
    (QUARTIERSBEIRAT, "Quartierbeirat"),
    (BUERGERJURY, "Bürgerjury"),
    (LENKUNGSGREMIUM, "Lenkungsgremium"),
];

/// Actor keys of the task matrix, one per level, with their labels.
pub mod actor {
    /// Steuerung: the coordination office inside the administration (strategic level).
    pub const GESCHAEFTSSTELLE: &str = "geschaeftsstelle_koordination";
    /// Planung: the administration's departments (strategic level).
    pub const FACHBEREICHE: &str = "fachbereiche";
    /// Gemeinwesenarbeit: the neighbourhood manager on site (operative level).
    pub const QUARTIERMANAGEMENT: &str = "quartiermanagement";
    /// The steering body reviewing the contracts.
    pub const LENKUNGSGREMIUM: &str = "lenkungsgremium";

    /// Labels for reports.
    pub const LABELS: [(&str, &str); 4] = [
        (
            GESCHAEFTSSTELLE,
            "Geschäftsstelle Koordination Quartiermanagement",
        ),
        (FACHBEREICHE, "Fachbereiche der Stadtverwaltung"),
        (QUARTIERMANAGEMENT, "Quartiermanagement vor Ort"),
        (LENKUNGSGREMIUM, "Lenkungsgremium"),
    ];
}
