//! The guideline's catalogues: fields of action, the nine GWA quality standards, the
//! self-evaluation scale, the annual report's fixed items and the labels of bodies.

/// Fields of action (*Handlungsfelder*). The guideline names the fields the Servicestelle
/// strengthens ("gesellschaftliche Teilhabe, nachbarschaftliches Zusammenleben, Bildung,
/// Integration und lokale Beschäftigungsförderung") and the programme's building blocks
/// (öffentlicher Raum, soziale Infrastruktur, Image des Stadtteils).
pub const FIELDS_OF_ACTION: [(&str, &str); 8] = [
    ("gesellschaftliche_teilhabe", "Gesellschaftliche Teilhabe"),
    ("nachbarschaft", "Nachbarschaftliches Zusammenleben"),
    ("bildung", "Bildung"),
    ("integration", "Integration"),
    (
        "lokale_beschaeftigung",
        "Lokale Beschäftigungsförderung und lokale Ökonomie",
    ),
    ("oeffentlicher_raum", "Wohnumfeld und öffentlicher Raum"),
    ("soziale_infrastruktur", "Soziale Infrastruktur"),
    ("image", "Image und Öffentlichkeitsarbeit für den Stadtteil"),
];

/// The label of a field of action, if the key is in the catalogue.
pub fn field_of_action(key: &str) -> Option<&'static str> {
    FIELDS_OF_ACTION
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

/// *Qualitätsstandards der Gemeinwesenarbeit (GWA) in Hessen*, as the guideline lists them.
pub const GWA_STANDARDS: [&str; 9] = [
    "GWA handelt immer mit dem strategischen Ziel einer ganzheitlichen Weiterentwicklung von \
     ausgewählten Wohngebieten mit besonderen sozialen Herausforderungen.",
    "GWA stellt Bewohner_innen ins Zentrum des Handelns.",
    "GWA stärkt die Handlungsfähigkeit und Selbstorganisation von Bewohner_innen.",
    "GWA legt die Wirkung gesellschaftlicher Konflikte im Gemeinwesen offen und bietet den \
     Rahmen, diese zu bearbeiten.",
    "GWA erkennt und nutzt die Stärken sowie Ressourcen des Gemeinwesens.",
    "GWA arbeitet vernetzt und fördert handlungsfähige Netzwerke und Kooperationsstrukturen.",
    "GWA denkt und handelt zielgruppenübergreifend.",
    "Gemeinwesenarbeit bezieht übergreifend die Dimensionen der Lebenslagen in ihr Denken und \
     Handeln ein.",
    "GWA denkt und handelt Ebenen übergreifend.",
];

/// The self-evaluation scale: how far a standard is met.
pub const RATINGS: [(&str, &str); 4] = [
    ("trifft_zu", "trifft zu"),
    ("trifft_eher_zu", "trifft eher zu"),
    ("trifft_eher_nicht_zu", "trifft eher nicht zu"),
    ("trifft_nicht_zu", "trifft nicht zu"),
];

/// Ratings that call for next steps.
pub const RATINGS_NEEDING_STEPS: [&str; 2] = ["trifft_eher_nicht_zu", "trifft_nicht_zu"];

/// The guideline's tasks under "Monitoring, Evaluation, Berichte".
pub const MONITORING_ITEMS: [&str; 5] = [
    "Kontinuierliche Berichterstattung gegenüber dem Auftraggeber",
    "Bearbeitung des Evaluationsfragebogens",
    "Sozialraummonitoring",
    "Jährliche Berichterstattung gegenüber den Fördergebern (Land und Bund)",
    "Vorbereitung des Nachhaltigkeitskonzepts",
];

/// What the guideline asks a Verstetigungs-/Nachhaltigkeitskonzept to settle (chapter
/// "Nachhaltigkeit und Verstetigung"). The Land asks for it with the last application.
pub const VERSTETIGUNG_ITEMS: [&str; 8] = [
    "Strukturen, Träger und Institutionen, die langfristig Teilaufgaben des \
     Quartiersmanagements übernehmen können (z. B. Stadtteilverein, Stadtteilzentrum)",
    "Abstimmung des Verstetigungskonzepts mit den Akteuren vor Ort",
    "Politische Beschlussfassung, die das Konzept verbindlich macht",
    "Maßnahmen und Instrumente, mit denen der Stadtteil nach Auslaufen der Förderung \
     weiterhin in Eigenverantwortung unterstützt wird",
    "Ein gangbarer Weg zwischen fachlicher Notwendigkeit und finanzieller Machbarkeit, \
     einschließlich Mitteln im kommunalen Haushalt",
    "Unterstützungsstrukturen für selbstorganisierte Aktivitäten der Bewohnerschaft \
     (Gemeinwesenarbeit, Stadtteilbüro, Trägerverbund)",
    "Schutz ehrenamtlicher Strukturen vor Überlastung und nachhaltige Finanzierungsmodelle \
     für bewohnergetragene Stadtteilvereine",
    "Fortbestand kommunaler Steuerungsstrukturen und fester Ansprechpartnerinnen und \
     Ansprechpartner",
];

/// Labels of the body kinds the guideline names (Stadtteilmanagement and networks).
pub const BODY_KINDS: [(&str, &str); 9] = [
    ("stadtteilbeirat", "Stadtteilbeirat"),
    ("lenkungsgruppe", "Lenkungsgruppe"),
    ("steuerungsrunde", "Steuerungsrunde"),
    ("stadtteilkonferenz", "Stadtteilkonferenz"),
    ("runder_tisch", "Runder Tisch"),
    ("traegerverbund", "Trägerverbund"),
    ("arbeitskreis", "Arbeitskreis"),
    ("quartiersbeirat", "Quartiersbeirat"),
    ("jury", "Jury"),
];

/// Labels of the actors the five models name in the task matrix (`model::actor`).
pub const ACTORS: [(&str, &str); 6] = [
    ("kommune", "Kommune"),
    ("staedtische_gesellschaft", "Städtische Gesellschaft"),
    ("externer_beauftragter", "Externe Beauftragte"),
    ("planungsbuero", "Planungsbüro"),
    ("traeger_stadtteilbuero", "Träger des Stadtteilbüros"),
    (
        "traeger_quartiersmanagement",
        "Träger des Quartiersmanagements",
    ),
];
