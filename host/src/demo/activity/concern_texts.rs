//! The concern categories residents choose from, where each goes, how long its department
//! usually takes to answer, and what residents write and departments answer (German).
//! The keys and departments are those of the Aachen plugin (`plugins/aachen/src/catalogue.rs`);
//! the large municipality names its offices the general way.

/// Whose names the departments carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offices {
    /// The Stadt Aachen's departments, as its rule plugin routes.
    Aachen,
    /// A large city's offices (*Ämter*), for the benchmark municipality.
    Generic,
}

/// A category with its route and its texts.
#[derive(Debug)]
pub struct Category {
    pub key: &'static str,
    /// How common it is (weights, not shares).
    pub weight: u32,
    /// The Aachen department, the generic office; `None`: nobody in the city is
    /// responsible, `NOT_RESPONSIBLE` is the answer.
    pub aachen: Option<&'static str>,
    pub generic: Option<&'static str>,
    /// Median days from forwarding to the department's answer.
    pub answer_days: f64,
    /// (what the resident writes, what the department answers); `{ort}` is the place.
    pub texts: &'static [(&'static str, &'static str)],
}

impl Category {
    pub fn department(&self, offices: Offices) -> Option<&'static str> {
        match offices {
            Offices::Aachen => self.aachen,
            Offices::Generic => self.generic,
        }
    }
}

const STADTBETRIEB: &str = "Aachener Stadtbetrieb";
const STADTENTWICKLUNG: &str = "Fachbereich Stadtentwicklung und Verkehrsanlagen";
const SOZIALES: &str = "Fachbereich Wohnen, Soziales und Integration";

/// What the resident is told when the police, not the city, is responsible (the Aachen
/// plugin's text).
pub const NOT_RESPONSIBLE: &str = "Für Straftaten ist die Polizei zuständig, nicht die Stadt \
    Aachen. Bitte wenden Sie sich an die Polizei Aachen, im Notfall unter 110. Das \
    Quartiersmanagement gibt den Wunsch nach mehr Sicherheit im Quartier an die Verwaltung \
    weiter.";

/// Why a concern on private ground is no matter for the city.
pub const PRIVATE_GROUND: &str = "Die Fläche gehört nicht der Stadt. Bitte wenden Sie sich an \
    die Hausverwaltung oder den Eigentümer; das Quartiersmanagement hilft Ihnen gern dabei.";

#[rustfmt::skip]
pub const CATEGORIES: &[Category] = &[
    Category { key: "wilder_muell", weight: 22, aachen: Some(STADTBETRIEB),
        generic: Some("Amt für Stadtreinigung"), answer_days: 5.0, texts: &[
        ("An der Ecke beim Spielplatz im Quartier {ort} liegen seit Tagen Sperrmüll und alte \
          Elektrogeräte.",
         "Der Sperrmüll wurde abgeholt. Die Stelle wird in den nächsten Wochen häufiger \
          kontrolliert."),
        ("Am Glascontainer im Quartier {ort} stapeln sich Säcke und Kartons.",
         "Die Fläche wurde gereinigt; die Leerung der Container wird auf zweimal pro Woche \
          erhöht."),
        ("Hinter den Garagen im Quartier {ort} wurden Reifen und Bauschutt abgeladen.",
         "Der Abfall wurde beseitigt. Ein Hinweisschild wird aufgestellt."),
    ]},
    Category { key: "schlagloch", weight: 12, aachen: Some(STADTENTWICKLUNG),
        generic: Some("Tiefbauamt"), answer_days: 14.0, texts: &[
        ("Auf dem Gehweg im Quartier {ort} ist ein tiefes Loch, an dem schon jemand gestürzt ist.",
         "Die Schadstelle wurde vorläufig gesichert und wird in den nächsten Wochen \
          ausgebessert."),
        ("Die Fahrbahn im Quartier {ort} hat nach dem Winter mehrere Schlaglöcher.",
         "Die Schäden sind in das Ausbesserungsprogramm aufgenommen; die Arbeiten sind für \
          das Frühjahr geplant."),
    ]},
    Category { key: "spielplatz", weight: 8, aachen: Some(STADTBETRIEB),
        generic: Some("Grünflächenamt"), answer_days: 9.0, texts: &[
        ("Die Schaukel auf dem Spielplatz im Quartier {ort} ist kaputt.",
         "Die Schaukel wurde gesperrt; ein Ersatzteil ist bestellt."),
        ("Im Sandkasten im Quartier {ort} liegen Scherben.",
         "Der Sand wurde gesiebt und ausgetauscht."),
    ]},
    Category { key: "platz_umgestaltung", weight: 5, aachen: Some(STADTENTWICKLUNG),
        generic: Some("Stadtplanungsamt"), answer_days: 30.0, texts: &[
        ("Der Platz im Quartier {ort} ist trist; wir wünschen uns Bänke und Bäume.",
         "Der Platz ist für eine Umgestaltung vorgesehen. Die Bewohnerinnen und Bewohner \
          werden zu einer Beteiligungsveranstaltung eingeladen."),
        ("Könnte der Bolzplatz im Quartier {ort} einen neuen Belag bekommen?",
         "Eine Erneuerung ist im Haushalt des übernächsten Jahres angemeldet."),
    ]},
    Category { key: "verkehr", weight: 12, aachen: Some(STADTENTWICKLUNG),
        generic: Some("Straßenverkehrsamt"), answer_days: 24.0, texts: &[
        ("Vor der Schule im Quartier {ort} fahren Autos viel zu schnell.",
         "Eine Geschwindigkeitsmessung ist beauftragt; über weitere Maßnahmen wird danach \
          entschieden."),
        ("Die Haltestelle im Quartier {ort} hat kein Wartehäuschen.",
         "Ein Wartehäuschen ist mit dem Verkehrsbetrieb für das nächste Jahr vereinbart."),
        ("Der Radweg im Quartier {ort} ist ständig zugeparkt.",
         "Der Ordnungsdienst kontrolliert dort in den nächsten Wochen verstärkt."),
    ]},
    Category { key: "kinder_jugend", weight: 8, aachen: Some("Fachbereich Kinder, Jugend und \
        Schule"), generic: Some("Jugendamt"), answer_days: 12.0, texts: &[
        ("Im Quartier {ort} fehlt ein Treffpunkt für Jugendliche am Abend.",
         "Die offene Jugendarbeit bietet ab dem nächsten Monat zwei Abendöffnungen in der \
          Woche an."),
        ("Gibt es im Quartier {ort} eine Hausaufgabenhilfe für Grundschulkinder?",
         "Die Schulsozialarbeit nennt drei Angebote im Quartier; die Liste liegt im \
          Stadtteilbüro aus."),
    ]},
    Category { key: "aeltere_menschen", weight: 7, aachen: Some(SOZIALES),
        generic: Some("Sozialamt"), answer_days: 10.0, texts: &[
        ("Meine Nachbarin im Quartier {ort} ist allein und braucht Hilfe beim Einkaufen.",
         "Der Besuchsdienst hat Kontakt aufgenommen und vermittelt eine Einkaufshilfe."),
        ("Im Quartier {ort} fehlt ein Mittagstisch für ältere Menschen.",
         "Das Begegnungszentrum prüft einen Mittagstisch an zwei Tagen in der Woche."),
    ]},
    Category { key: "integration", weight: 5, aachen: Some(SOZIALES),
        generic: Some("Amt für Integration"), answer_days: 10.0, texts: &[
        ("Wo gibt es im Quartier {ort} einen Deutschkurs mit Kinderbetreuung?",
         "Zwei Kurse mit Kinderbetreuung beginnen im nächsten Quartal; die Anmeldung läuft \
          über das Stadtteilbüro."),
        ("Zwischen den Nachbarn in unserem Haus im Quartier {ort} gibt es Streit.",
         "Die Konfliktberatung bietet ein gemeinsames Gespräch an."),
    ]},
    Category { key: "lokale_wirtschaft", weight: 3, aachen: Some("Fachbereich Wirtschaft, \
        Wissenschaft und Europa"), generic: Some("Amt für Wirtschaftsförderung"),
        answer_days: 18.0, texts: &[
        ("Im Quartier {ort} stehen viele Läden leer.",
         "Die Wirtschaftsförderung lädt die Eigentümer zu einem Runden Tisch über \
          Zwischennutzungen ein."),
    ]},
    Category { key: "sport", weight: 4, aachen: Some("Fachbereich Sport"),
        generic: Some("Sportamt"), answer_days: 15.0, texts: &[
        ("Die Turnhalle im Quartier {ort} ist abends nie für Vereine frei.",
         "Zwei Abendzeiten werden zum nächsten Halbjahr an Vereine aus dem Quartier vergeben."),
    ]},
    Category { key: "beratung", weight: 9,
        aachen: Some("Quartiersmanagement (Verweis an die Angebote im Quartier)"),
        generic: Some("Quartiersmanagement"), answer_days: 3.0, texts: &[
        ("Wo bekomme ich im Quartier {ort} Hilfe beim Ausfüllen von Anträgen?",
         "Die Sozialberatung im Stadtteilbüro hilft dienstags und donnerstags ohne Termin."),
        ("Gibt es im Quartier {ort} Freizeitangebote für Familien am Wochenende?",
         "Das Programm der Einrichtungen im Quartier liegt im Stadtteilbüro aus und steht \
          auf der Seite der Stadtteilkonferenz."),
    ]},
    Category { key: "kriminalitaet", weight: 5, aachen: None, generic: None,
        answer_days: 0.0, texts: &[
        ("Im Quartier {ort} werden nachts Autos aufgebrochen.", ""),
        ("Am Bahnhof im Quartier {ort} wird offen gedealt.", ""),
    ]},
];

/// What the QM answers a duplicate (`concerns::transitions` writes the same).
pub fn duplicate(reference: &str) -> String {
    format!(
        "Dieses Anliegen wurde bereits gemeldet und wird unter der Referenz {reference} \
         bearbeitet."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const AACHEN: &str = include_str!("../../../../plugins/aachen/src/catalogue.rs");

    #[test]
    fn categories_and_departments_are_the_aachen_plugins() {
        for c in CATEGORIES {
            assert!(AACHEN.contains(&format!("\"{}\"", c.key)), "{}", c.key);
            if let Some(d) = c.aachen {
                let words: Vec<&str> = d.split_whitespace().collect();
                assert!(
                    AACHEN.contains(words[0]) && AACHEN.contains(words[words.len() - 1]),
                    "{d}"
                );
            }
            assert_eq!(c.aachen.is_some(), c.generic.is_some(), "{}", c.key);
            assert!(!c.texts.is_empty());
            assert!(
                c.texts.iter().all(|(t, _)| t.contains("{ort}")),
                "{}",
                c.key
            );
        }
        assert!(AACHEN.contains("im Notfall unter 110"));
    }
}
