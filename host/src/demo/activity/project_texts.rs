//! The projects (*Maßnahmen*) of the integrated action concept: what they are for, their
//! goal hierarchy (Leitziel → Handlungsziel → measurable targets) and their targets'
//! indicators, in German. `{ort}` is the Sozialraum.

/// A measurable target: indicator, unit, value at the start, value to reach, and how much
/// of the way a typical project gets (1.0: all of it).
pub type Target = (&'static str, &'static str, f64, f64, f64);

#[derive(Debug)]
pub struct Template {
    pub title: &'static str,
    /// A field of action of the Aachen catalogue.
    pub field: &'static str,
    pub description: &'static str,
    pub leitziel: &'static str,
    pub handlungsziel: &'static str,
    pub targets: &'static [Target],
    /// Budget in euros.
    pub euros: i64,
}

#[rustfmt::skip]
pub const TEMPLATES: &[Template] = &[
    Template {
        title: "Nachbarschaftstreff {ort}", field: "nachbarschaft_begegnung",
        description: "Ein offener Treffpunkt im Stadtteilbüro mit Café, Tauschregal und \
            wechselnden Angeboten, getragen von Ehrenamtlichen.",
        leitziel: "Nachbarschaftliche Kontakte im Quartier stärken",
        handlungsziel: "Einen offenen Treffpunkt mit regelmäßigen Angeboten schaffen",
        targets: &[("Besucherinnen und Besucher pro Monat", "Personen", 0.0, 120.0, 0.9),
            ("Ehrenamtlich Engagierte im Treff", "Personen", 2.0, 12.0, 1.0)],
        euros: 18_000,
    },
    Template {
        title: "Fahrradwerkstatt für Kinder {ort}", field: "kinder_jugend_familie",
        description: "Kinder lernen, ihre Fahrräder selbst zu reparieren; ältere Kinder \
            werden zu Werkstatthelferinnen und -helfern.",
        leitziel: "Kinder in ihrer Selbstständigkeit stärken",
        handlungsziel: "Eine regelmäßige Werkstatt für Kinder im Quartier betreiben",
        targets: &[("Reparierte Fahrräder", "Fahrräder", 0.0, 150.0, 1.1),
            ("Teilnehmende Kinder", "Kinder", 0.0, 60.0, 0.8)],
        euros: 9_500,
    },
    Template {
        title: "Altengerechtes Quartier {ort}", field: "altengerechtes_quartier",
        description: "Besuchsdienst, Sitzgelegenheiten und ein Mittagstisch, damit ältere \
            Menschen im Quartier wohnen bleiben können.",
        leitziel: "Älteren Menschen ein selbstbestimmtes Leben im Quartier ermöglichen",
        handlungsziel: "Vereinsamung vorbeugen und Wege im Quartier erleichtern",
        targets: &[("Ältere Menschen, die der Besuchsdienst erreicht", "Personen", 10.0, 60.0, 0.75),
            ("Barrierefreie Sitzgelegenheiten", "Bänke", 3.0, 15.0, 1.0)],
        euros: 42_000,
    },
    Template {
        title: "Sprach- und Begegnungscafé {ort}", field: "integration_vielfalt",
        description: "Wöchentliche Treffen, in denen Neuzugewanderte und Alteingesessene \
            miteinander Deutsch sprechen.",
        leitziel: "Das Zusammenleben im Quartier fördern",
        handlungsziel: "Neuzugewanderten Kontakte in die Nachbarschaft eröffnen",
        targets: &[("Teilnehmende pro Treffen", "Personen", 5.0, 25.0, 0.85),
            ("Ehrenamtliche Sprachpatinnen und -paten", "Personen", 0.0, 10.0, 0.6)],
        euros: 6_000,
    },
    Template {
        title: "Stadtteilzeitung {ort}", field: "image_quartier",
        description: "Eine Zeitung von Bewohnerinnen und Bewohnern über ihr Quartier, verteilt \
            an alle Haushalte.",
        leitziel: "Das Bild des Quartiers nach innen und außen verbessern",
        handlungsziel: "Regelmäßig über Angebote und Menschen im Quartier berichten",
        targets: &[("Ausgaben pro Jahr", "Ausgaben", 0.0, 4.0, 1.0),
            ("Verteilte Exemplare pro Ausgabe", "Exemplare", 0.0, 3_000.0, 0.9)],
        euros: 12_000,
    },
    Template {
        title: "Beteiligungswerkstatt Quartiersplatz {ort}", field: "beteiligung_engagement",
        description: "Bewohnerinnen und Bewohner planen die Umgestaltung des Quartiersplatzes \
            mit; die Ergebnisse gehen in die Ausführungsplanung ein.",
        leitziel: "Bewohnerinnen und Bewohner an der Gestaltung ihres Quartiers beteiligen",
        handlungsziel: "Vorschläge für den Quartiersplatz gemeinsam erarbeiten",
        targets: &[("Teilnehmende an Beteiligungsveranstaltungen", "Personen", 0.0, 200.0, 0.7),
            ("Umgesetzte Vorschläge aus der Beteiligung", "Vorschläge", 0.0, 8.0, 0.5)],
        euros: 25_000,
    },
    Template {
        title: "Hausaufgabenhilfe {ort}", field: "teilhabe_bildung",
        description: "Ehrenamtliche begleiten Grundschulkinder bei den Hausaufgaben, in \
            Zusammenarbeit mit Schule und Familienzentrum.",
        leitziel: "Bildungschancen der Kinder im Quartier verbessern",
        handlungsziel: "Verlässliche Lernbegleitung am Nachmittag anbieten",
        targets: &[("Regelmäßig begleitete Kinder", "Kinder", 0.0, 40.0, 0.9),
            ("Lernnachmittage pro Woche", "Nachmittage", 0.0, 3.0, 1.0)],
        euros: 15_000,
    },
    Template {
        title: "Kulturabende im Quartier {ort}", field: "freizeit_kultur",
        description: "Filmabende, Lesungen und Konzerte an Orten im Quartier, geplant mit \
            einem Kulturkreis aus der Nachbarschaft.",
        leitziel: "Kulturelle Teilhabe im Quartier ermöglichen",
        handlungsziel: "Ein Kulturprogramm mit und für die Nachbarschaft gestalten",
        targets: &[("Veranstaltungen pro Jahr", "Veranstaltungen", 0.0, 10.0, 1.0),
            ("Besucherinnen und Besucher je Veranstaltung", "Personen", 0.0, 50.0, 0.8)],
        euros: 8_000,
    },
];

/// Why a project idea was dropped.
pub const DROPPED: &str = "Die Idee wird nicht weiterverfolgt: Ein ähnliches Angebot eines \
    Trägers deckt den Bedarf bereits.";

/// What staff note with a measurement.
pub const MEASURED: &str = "Zählung des Quartiersmanagements";

#[cfg(test)]
mod tests {
    use super::*;

    const AACHEN: &str = include_str!("../../../../plugins/aachen/src/catalogue.rs");

    #[test]
    fn templates_use_the_aachen_fields_and_measurable_targets() {
        for t in TEMPLATES {
            assert!(AACHEN.contains(&format!("\"{}\"", t.field)), "{}", t.field);
            assert!(t.title.contains("{ort}"));
            assert!(!t.targets.is_empty());
            for (_, unit, baseline, target, _) in t.targets {
                assert!(!unit.is_empty() && target > baseline);
            }
        }
    }
}
