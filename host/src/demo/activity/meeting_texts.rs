//! German texts of the generated meetings: titles, the standing items, the topics each kind
//! of body discusses, and the sentences the minutes are made of.

use crate::network::kinds::BodyKind;

pub const OPENING: &str = "Begrüßung und Feststellung der Tagesordnung";
pub const OPENED: &str = "festgestellt";
pub const LAST_MINUTES: &str = "Genehmigung des Protokolls der letzten Sitzung";
pub const APPROVED: &str = "genehmigt";
pub const MINUTES_APPROVED: &str = "Das Protokoll wird ohne Änderungen genehmigt.";
pub const QM_REPORT: &str = "Bericht aus dem Quartiersmanagement";
pub const OTHER: &str = "Verschiedenes";
pub const NOTED: &str = "zur Kenntnis genommen";

/// A topic: title, result, and for a vote the resolution text.
pub type Topic = (&'static str, &'static str, Option<&'static str>);

const CONFERENCE: &[Topic] = &[
    ("Berichte aus den Einrichtungen", NOTED, None),
    (
        "Vorbereitung des Stadtteilfests",
        "Vorbereitungsgruppe gebildet",
        None,
    ),
    (
        "Sauberkeit im Quartier",
        "Hinweise an die Verwaltung weitergeleitet",
        None,
    ),
    (
        "Angebote für ältere Menschen im Quartier",
        "Übersicht wird erstellt",
        None,
    ),
    (
        "Ferienangebote für Kinder und Jugendliche",
        "abgestimmt",
        None,
    ),
    ("Vorstellung neuer Akteure im Quartier", NOTED, None),
    (
        "Stadtteilzeitung: nächste Ausgabe",
        "Redaktionsteam gebildet",
        None,
    ),
    (
        "Beteiligung an der Sozialraumanalyse",
        "Rückmeldungen gesammelt",
        None,
    ),
    (
        "Rückmeldungen der Verwaltung zu Anliegen aus dem Quartier",
        NOTED,
        None,
    ),
    (
        "Sitzungstermine des kommenden Jahres",
        "beschlossen",
        Some("Die Stadtteilkonferenz beschließt ihre Sitzungstermine für das kommende Jahr."),
    ),
    (
        "Wahl des Sprecherteams",
        "gewählt",
        Some("Das Sprecherteam wird für zwei Jahre gewählt."),
    ),
];

const WORKING_GROUP: &[Topic] = &[
    ("Ferienprogramm", "Programmentwurf abgestimmt", None),
    ("Angebote der offenen Kinder- und Jugendarbeit", NOTED, None),
    ("Austausch mit der Schulsozialarbeit", NOTED, None),
    ("Elterncafé im Familienzentrum", "vereinbart", None),
    ("Fahrradwerkstatt für Kinder: Termine", NOTED, None),
];

const ROUND_TABLE: &[Topic] = &[
    ("Bericht aus den Sprachcafés", NOTED, None),
    ("Begegnungsnachmittag für Jung und Alt", "vereinbart", None),
    (
        "Begleitung bei Behördengängen",
        "Lotsendienst abgestimmt",
        None,
    ),
    ("Kinderbetreuung parallel zu Sprachkursen", NOTED, None),
];

const ELDERLY: &[Topic] = &[
    ("Angebote der Begegnungszentren", NOTED, None),
    (
        "Besuchsdienste: Schulung Ehrenamtlicher",
        "vereinbart",
        None,
    ),
    ("Pflegeberatung im Quartier", NOTED, None),
    (
        "Mittagstisch für ältere Menschen",
        "Arbeitsgruppe gebildet",
        None,
    ),
];

const STEERING: &[Topic] = &[
    ("Jahresbericht des Quartiersmanagements", NOTED, None),
    ("Sozialraummonitoring: neue Daten", NOTED, None),
    (
        "Ansatz des Stadtteilfonds für das kommende Jahr",
        "beschlossen",
        Some("Die Lenkungsgruppe empfiehlt, den Ansatz des Stadtteilfonds fortzuschreiben."),
    ),
    ("Standorte der Stadtteilbüros", "vertraulich beraten", None),
];

const PROVIDERS: &[Topic] = &[
    ("Austausch der Träger", NOTED, None),
    ("Bürogemeinschaften in den Stadtteilbüros", NOTED, None),
    ("Fachkräfte in der Gemeinwesenarbeit", NOTED, None),
];

const JURY: &[Topic] = &[("Verfahren und Förderkriterien", NOTED, None)];

/// The topics a body of `kind` discusses.
pub fn topics(kind: BodyKind) -> &'static [Topic] {
    match kind {
        BodyKind::Stadtteilkonferenz
        | BodyKind::Quartiersrat
        | BodyKind::Quartiersbeirat
        | BodyKind::Stadtteilbeirat => CONFERENCE,
        BodyKind::Arbeitskreis | BodyKind::Unterarbeitsgruppe => WORKING_GROUP,
        BodyKind::RunderTisch => ROUND_TABLE,
        BodyKind::OertlicheArbeitsgemeinschaftAltenarbeit => ELDERLY,
        BodyKind::Lenkungsgruppe | BodyKind::Steuerungsrunde => STEERING,
        BodyKind::Traegerverbund => PROVIDERS,
        _ => JURY,
    }
}

/// Whether the body's meetings hear the QM's report and end with "Verschiedenes".
pub fn has_standing_items(kind: BodyKind) -> bool {
    !matches!(
        kind,
        BodyKind::Quartiersfondsjury
            | BodyKind::Aktionsfondsjury
            | BodyKind::Buergerjury
            | BodyKind::Traegerverbund
    )
}

/// The meeting's title, as people say it: "Sitzung der Stadtteilkonferenz …", "Treffen des
/// Arbeitskreises …", else the body's name.
pub fn title(kind: BodyKind, name: &str) -> String {
    match kind {
        BodyKind::Stadtteilkonferenz
        | BodyKind::Quartiersfondsjury
        | BodyKind::Aktionsfondsjury
        | BodyKind::Lenkungsgruppe
        | BodyKind::Steuerungsrunde
        | BodyKind::Unterarbeitsgruppe => format!("Sitzung der {name}"),
        BodyKind::Arbeitskreis => match name.strip_prefix("Arbeitskreis ") {
            Some(rest) => format!("Treffen des Arbeitskreises {rest}"),
            None => name.to_owned(),
        },
        _ => name.to_owned(),
    }
}

/// How often a body meets a year, read from its rhythm as the demo data writes it;
/// four times when the rhythm says nothing we know.
pub fn per_year(rhythm: &str) -> u32 {
    const KNOWN: [(&str, u32); 12] = [
        ("alle vier wochen", 13),
        ("monatlich", 12),
        ("alle sechs wochen", 8),
        ("alle zwei monate", 6),
        ("sechsmal", 6),
        ("viermal", 4),
        ("vierteljährlich", 4),
        ("dreimal", 3),
        ("halbjährlich", 2),
        ("zweimal", 2),
        ("nach bedarf", 8),
        ("jährlich", 1),
    ];
    let rhythm = rhythm.to_lowercase();
    KNOWN
        .iter()
        .find(|(phrase, _)| rhythm.contains(phrase))
        .map_or(4, |(_, n)| *n)
}

/// The minutes' first paragraph.
pub fn opening_paragraph(present: usize, excused: usize) -> String {
    let excused = match excused {
        0 => String::new(),
        1 => " Ein Mitglied hat sich entschuldigt.".to_owned(),
        n => format!(" {n} Mitglieder haben sich entschuldigt."),
    };
    format!(
        "Die Sitzung wird eröffnet und die Tagesordnung festgestellt. Anwesend sind {present} \
         Mitglieder.{excused}"
    )
}

/// One item's paragraph in the minutes.
pub fn item_paragraph(
    number: &str,
    title: &str,
    result: &str,
    resolution: Option<&str>,
    votes: Option<[i64; 3]>,
    public: bool,
) -> String {
    if !public {
        return format!("TOP {number} wurde nicht öffentlich beraten.");
    }
    match (resolution, votes) {
        (Some(resolution), Some([yes, no, abstain])) => {
            let abstentions = if abstain == 1 {
                "Enthaltung"
            } else {
                "Enthaltungen"
            };
            format!(
                "Zu TOP {number} ({title}): {resolution} Abstimmung: {yes} Ja, {no} Nein, \
                 {abstain} {abstentions}."
            )
        }
        _ => format!("Zu TOP {number} ({title}): {result}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rhythms_of_the_demo_data_are_understood() {
        assert_eq!(per_year("sechsmal im Jahr"), 6);
        assert_eq!(per_year("monatlich"), 12);
        assert_eq!(per_year("halbjährlich"), 2);
        assert_eq!(per_year("vierteljährlich"), 4);
        assert_eq!(per_year("alle vier Wochen"), 13);
        assert_eq!(per_year("wenn es passt"), 4);
    }

    #[test]
    fn titles_read_like_german_invitations() {
        assert_eq!(
            title(
                BodyKind::Arbeitskreis,
                "Arbeitskreis Kinder und Jugend Ost/Rothe Erde"
            ),
            "Treffen des Arbeitskreises Kinder und Jugend Ost/Rothe Erde"
        );
        assert_eq!(
            title(BodyKind::Stadtteilkonferenz, "Stadtteilkonferenz Preuswald"),
            "Sitzung der Stadtteilkonferenz Preuswald"
        );
        assert_eq!(
            title(BodyKind::RunderTisch, "Runder Tisch Kronenberg"),
            "Runder Tisch Kronenberg"
        );
    }

    #[test]
    fn every_body_kind_has_topics() {
        for kind in BodyKind::ALL {
            assert!(!topics(*kind).is_empty());
        }
    }
}
