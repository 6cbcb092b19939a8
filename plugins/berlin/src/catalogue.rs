//! Berlin's catalogues: the nine strategic goals and the two funds.

/// The strategic goals ("Die Arbeit in den Quartieren orientiert sich seit ihrem Beginn an
/// strategischen Handlungszielen"), the fields of action of every project and of the
/// integrated action concept.
pub const STRATEGIC_GOALS: [(&str, &str); 9] = [
    ("arbeitsmarkt", "Mehr Chancen auf dem Arbeitsmarkt"),
    ("weiterbildung", "Mehr Fort- und Weiterbildung"),
    (
        "wohnumfeld",
        "Bessere Qualität des Wohn- und Handlungsraums",
    ),
    (
        "soziale_infrastruktur",
        "Bewohneradäquate (nachfragegerechte) soziale Infrastruktur",
    ),
    ("stadtteilkultur", "Bewohneradäquate Stadtteilkultur"),
    ("gesundheit", "Besseres Gesundheitsniveau"),
    (
        "sicherheit",
        "Besseres Sicherheitsniveau und Steigerung des Sicherheitsempfindens",
    ),
    (
        "integration",
        "Mehr soziale und interkulturelle Integration",
    ),
    (
        "partizipation",
        "Mehr Partizipation der Bewohner und Akteure",
    ),
];

/// The label of a strategic goal.
pub fn goal(key: &str) -> Option<&'static str> {
    STRATEGIC_GOALS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

/// The Aktionsfonds: small projects, decided by the Aktionsfondsjury.
pub const AKTIONSFONDS: &str = "aktionsfonds";
/// The Quartiersfonds: projects decided by the Quartiersrat.
pub const QUARTIERSFONDS: &str = "quartiersfonds";

/// "stehen jedem Team 10.000 € jährlich in einem Aktionsfonds für das Gebiet zur Verfügung":
/// the whole annual amount of an area, and so the most one application can receive.
pub const AKTIONSFONDS_PER_YEAR_CENTS: i64 = 1_000_000;

/// The bodies that decide.
pub const AKTIONSFONDSJURY: &str = "aktionsfondsjury";
/// The Quartiersrat: mostly residents plus representatives of local institutions.
pub const QUARTIERSRAT: &str = "quartiersrat";
