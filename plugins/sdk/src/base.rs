//! The host's closed vocabularies as they reach a plugin — keys in documents, with the German
//! labels the host shows — so a plugin's report names them as the rest of the site does.
//! The host owns these sets; a key missing here is shown as it is ([`label`]).

/// The concern categories residents choose from when a plugin lists none (`describe`).
pub const CONCERN_CATEGORIES: [(&str, &str); 7] = [
    ("wilder_muell", "Wilder Müll"),
    ("schlagloch", "Schlaglöcher und Straßenschäden"),
    ("spielplatz", "Spielplätze"),
    ("sicherheit", "Sicherheit und Sauberkeit"),
    ("verkehr", "Verkehr und Mobilität"),
    ("beratung", "Beratung und Hilfe"),
    ("sonstiges", "Sonstiges"),
];

/// The kinds of bodies (*Gremien*) the host knows.
pub const BODY_KINDS: [(&str, &str); 21] = [
    ("stadtteilkonferenz", "Stadtteilkonferenz"),
    ("runder_tisch", "Runder Tisch"),
    ("quartiersrat", "Quartiersrat"),
    ("quartiersbeirat", "Quartiersbeirat"),
    ("stadtteilbeirat", "Stadtteilbeirat"),
    ("lenkungsgruppe", "Lenkungsgruppe"),
    ("steuerungsrunde", "Steuerungsrunde"),
    ("aktionsfondsjury", "Aktionsfondsjury"),
    ("quartiersfondsjury", "Quartiersfondsjury"),
    ("buergerjury", "Bürgerjury"),
    ("arbeitskreis", "Arbeitskreis"),
    ("unterarbeitsgruppe", "Unterarbeitsgruppe"),
    ("traegerverbund", "Trägerverbund"),
    (
        "oertliche_arbeitsgemeinschaft_altenarbeit",
        "Örtliche Arbeitsgemeinschaft der Altenarbeit",
    ),
    ("bezirksvertretung", "Bezirksvertretung"),
    ("stadtbezirksrat", "Stadtbezirksrat"),
    ("ortsbeirat", "Ortsbeirat"),
    (
        "bezirksverordnetenversammlung",
        "Bezirksverordnetenversammlung",
    ),
    ("ratsausschuss", "Ratsausschuss"),
    ("rat", "Rat/Gemeinderat"),
    (
        "austauschtreffen",
        "Austauschtreffen der Quartiersmanager_innen",
    ),
];

/// The host's label of a body kind, or the key when the host lacks it.
pub fn body_kind(key: &str) -> String {
    label(&BODY_KINDS, key).to_owned()
}

/// The fund kinds the host knows.
pub const FUND_KINDS: [(&str, &str); 4] = [
    ("verfuegungsfonds", "Verfügungsfonds"),
    ("stadtteilfonds", "Stadtteilfonds"),
    ("aktionsfonds", "Aktionsfonds"),
    ("quartiersfonds", "Quartiersfonds"),
];

/// The states of a fund application in the order of the workflow (submitted → closed, then
/// the side paths).
pub const APPLICATION_STATES: [(&str, &str); 10] = [
    ("eingereicht", "eingereicht"),
    ("in_pruefung", "in Prüfung"),
    ("rueckfrage", "Rückfrage"),
    ("beraten", "beraten"),
    ("bewilligt", "bewilligt"),
    ("ausgezahlt", "ausgezahlt"),
    (
        "verwendungsnachweis_eingereicht",
        "Verwendungsnachweis eingereicht",
    ),
    ("abgeschlossen", "abgeschlossen"),
    ("abgelehnt", "abgelehnt"),
    ("zurueckgezogen", "zurückgezogen"),
];

/// What an advising body recommends on a fund application.
pub const RECOMMENDATIONS: [(&str, &str); 2] = [
    ("empfohlen", "empfohlen"),
    ("nicht_empfohlen", "nicht empfohlen"),
];

/// Where a project (*Maßnahme*) stands.
pub const PROJECT_STATES: [(&str, &str); 5] = [
    ("idee", "Idee"),
    ("konzept", "Konzept"),
    ("umsetzung", "Umsetzung"),
    ("abgeschlossen", "Abgeschlossen"),
    ("verworfen", "Verworfen"),
];

/// How far a contract target is fulfilled at its latest review.
pub const FULFILMENT: [(&str, &str); 4] = [
    ("erfuellt", "erfüllt"),
    ("teilweise_erfuellt", "teilweise erfüllt"),
    ("nicht_erfuellt", "nicht erfüllt"),
    ("offen", "offen"),
];

/// The kinds of a contract target.
pub const TARGET_KINDS: [(&str, &str); 2] =
    [("quantitativ", "quantitativ"), ("qualitativ", "qualitativ")];

/// The label of `key` in `catalogue`, or the key itself when the catalogue lacks it.
pub fn label<'a>(catalogue: &[(&str, &'a str)], key: &'a str) -> &'a str {
    catalogue
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_key_gets_its_label_and_an_unknown_one_stays() {
        assert_eq!(label(&APPLICATION_STATES, "in_pruefung"), "in Prüfung");
        assert_eq!(label(&APPLICATION_STATES, "teleportiert"), "teleportiert");
    }
}
