//! German texts of the generated fund applications: the small projects residents and local
//! partners apply for (after the kinds the Aachen concept names: Stadtteilfeste,
//! Fahrradwerkstätten, Kochaktionen, Filmabende, Bepflanzungsaktionen, Ausflüge,
//! Wandercafés), and the reasons staff and juries write.

/// Who applies, as the form's `applicant.kind` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicantKind {
    Initiative,
    Verein,
    Einrichtung,
    Einzelperson,
}

impl ApplicantKind {
    pub fn key(self) -> &'static str {
        match self {
            ApplicantKind::Initiative => "initiative",
            ApplicantKind::Verein => "verein",
            ApplicantKind::Einrichtung => "einrichtung",
            ApplicantKind::Einzelperson => "einzelperson",
        }
    }
}

/// A project idea applications are made of.
#[derive(Debug)]
pub struct Idea {
    pub title: &'static str,
    /// A field of action of the Aachen catalogue (`plugins/aachen/src/catalogue.rs`).
    pub field: &'static str,
    pub description: &'static str,
    pub participation: &'static str,
    pub own_initiative: &'static str,
    pub target_group: &'static str,
    pub applicant: ApplicantKind,
    /// The usual amount in euros.
    pub euros: i64,
}

use ApplicantKind::{Einrichtung as E, Einzelperson as P, Initiative as I, Verein as V};

const fn idea(
    title: &'static str,
    field: &'static str,
    description: &'static str,
    participation: &'static str,
    target_group: &'static str,
    applicant: ApplicantKind,
    euros: i64,
) -> Idea {
    Idea {
        title,
        field,
        description,
        participation,
        own_initiative: "Die Beteiligten bringen ihre Zeit, eigene Räume und Material ein und \
            übernehmen Auf- und Abbau selbst.",
        target_group,
        applicant,
        euros,
    }
}

#[rustfmt::skip]
pub const IDEAS: &[Idea] = &[
    idea("Nachbarschaftsfest", "nachbarschaft_begegnung",
        "Ein Fest für alle Nachbarinnen und Nachbarn mit Musik, Spielen für Kinder und einem \
        Buffet, zu dem alle etwas mitbringen.",
        "Eine Vorbereitungsgruppe aus Anwohnerinnen und Anwohnern plant das Programm und lädt \
        von Tür zu Tür ein.", "Alle Nachbarinnen und Nachbarn", I, 900),
    idea("Interkulturelles Kochen", "integration_vielfalt",
        "Monatliche Kochabende, an denen Bewohnerinnen und Bewohner Gerichte ihrer \
        Herkunftsländer vorstellen und gemeinsam essen.",
        "Die Rezepte und Abende gestalten die Teilnehmenden selbst; jedes Mal kocht eine andere \
        Gruppe.", "Familien und Alleinstehende aller Herkunft", E, 600),
    idea("Fahrradwerkstatt für Kinder", "kinder_jugend_familie",
        "Kinder reparieren unter Anleitung ihre Fahrräder; angeschafft werden Werkzeug und \
        Ersatzteile.",
        "Ehrenamtliche aus der Nachbarschaft leiten an, ältere Kinder helfen jüngeren.",
        "Kinder von 8 bis 14 Jahren", V, 1200),
    idea("Filmabende im Quartier", "freizeit_kultur",
        "Vier Filmabende im Gemeinschaftsraum mit anschließendem Gespräch; beantragt werden \
        Vorführrechte und Technik.",
        "Ein Filmkreis aus Bewohnerinnen und Bewohnern wählt die Filme aus und moderiert.",
        "Erwachsene und Jugendliche", I, 700),
    idea("Bepflanzungsaktion im Innenhof", "nachbarschaft_begegnung",
        "Kinder und Eltern bepflanzen gemeinsam Beete und Kübel im Innenhof; beantragt werden \
        Pflanzen, Erde und Gartengeräte.",
        "Die Hausgemeinschaft übernimmt Planung, Pflanzung und Pflege über den Sommer.",
        "Familien der Siedlung", I, 800),
    idea("Wandercafé", "altengerechtes_quartier",
        "Ein mobiles Café macht im Sommer an mehreren Orten im Quartier Station und lädt \
        ältere Menschen zum Gespräch ein.",
        "Ehrenamtliche backen, bauen auf und laden ihre Nachbarinnen und Nachbarn persönlich ein.",
        "Ältere Menschen im Quartier", V, 400),
    idea("Hausaufgabenhilfe", "teilhabe_bildung",
        "Ehrenamtliche begleiten Schulkinder zweimal in der Woche bei den Hausaufgaben; \
        beantragt werden Lernmaterial und ein kleiner Imbiss.",
        "Eltern und Ehrenamtliche organisieren die Nachmittage gemeinsam mit der Einrichtung.",
        "Grundschulkinder", E, 1500),
    idea("Sprachcafé", "integration_vielfalt",
        "Wöchentliches Sprachcafé, in dem Neuzugewanderte und Alteingesessene ins Gespräch \
        kommen; beantragt werden Material und Getränke.",
        "Zugewanderte bringen Themen mit, Ehrenamtliche moderieren die Tische.",
        "Neuzugewanderte und Nachbarschaft", I, 500),
    idea("Stadtteilzeitung", "image_quartier",
        "Zwei Ausgaben einer Stadtteilzeitung mit Berichten aus Einrichtungen, Vereinen und \
        der Nachbarschaft; beantragt werden Druck und Verteilung.",
        "Ein Redaktionsteam aus Bewohnerinnen und Bewohnern schreibt und fotografiert.",
        "Alle Haushalte im Quartier", I, 1800),
    idea("Ausflug für Familien", "kinder_jugend_familie",
        "Ein Tagesausflug in die Eifel für Familien, die sonst selten aus dem Quartier \
        herauskommen; beantragt werden Bus und Eintritte.",
        "Familien planen den Ausflug mit und bereiten das Picknick gemeinsam vor.",
        "Familien mit geringem Einkommen", V, 1400),
    idea("Spielplatzfest", "kinder_jugend_familie",
        "Ein Nachmittag mit Spielstationen, Kinderschminken und Musik auf dem Spielplatz.",
        "Eltern und Jugendliche betreuen die Stationen.", "Kinder und Eltern", I, 600),
    idea("Seniorentreff mit Mittagstisch", "altengerechtes_quartier",
        "Ein wöchentlicher Mittagstisch mit anschließendem Treff; beantragt werden \
        Küchenausstattung und Geschirr.",
        "Ältere Menschen kochen abwechselnd und laden Nachbarinnen und Nachbarn ein.",
        "Ältere Alleinstehende", E, 2200),
    idea("Digitale Sprechstunde", "teilhabe_bildung",
        "Jugendliche erklären älteren Menschen Smartphone und Online-Termine; beantragt werden \
        zwei Tablets.",
        "Jugendliche aus dem Quartier bieten die Sprechstunde ehrenamtlich an.",
        "Ältere Menschen", E, 900),
    idea("Frühjahrsputz im Quartier", "image_quartier",
        "Eine gemeinsame Aufräumaktion auf Plätzen und Grünflächen mit anschließendem Imbiss.",
        "Anwohnerinnen, Schulklassen und Vereine sammeln gemeinsam.",
        "Alle Generationen", I, 300),
    idea("Nachbarschaftsgarten", "nachbarschaft_begegnung",
        "Hochbeete auf einer Brachfläche, die von Nachbarinnen und Nachbarn gemeinsam \
        bewirtschaftet werden.",
        "Eine Gartengruppe teilt Beete und Gießdienste untereinander auf.",
        "Nachbarschaft", V, 2500),
    idea("Theaterprojekt mit Jugendlichen", "freizeit_kultur",
        "Jugendliche entwickeln ein Theaterstück über ihr Quartier und führen es auf.",
        "Die Jugendlichen schreiben das Stück selbst und gestalten Bühne und Plakate.",
        "Jugendliche von 13 bis 18 Jahren", E, 3000),
    idea("Bewohnerversammlung", "beteiligung_engagement",
        "Eine Versammlung zu den Plänen für den Quartiersplatz mit Kinderbetreuung und \
        Übersetzung.",
        "Bewohnerinnen und Bewohner sammeln vorab Fragen und moderieren Tischgruppen.",
        "Alle Bewohnerinnen und Bewohner", I, 450),
    idea("Ehrenamtsfest", "beteiligung_engagement",
        "Ein Dankeschön-Abend für die Ehrenamtlichen des Quartiers.",
        "Die Vereine des Quartiers gestalten das Programm gemeinsam.",
        "Ehrenamtliche im Quartier", V, 1100),
    idea("Lesepatenschaften", "teilhabe_bildung",
        "Lesepatinnen und Lesepaten lesen in der Kita vor; beantragt werden Bücher und eine \
        Leseecke.",
        "Ehrenamtliche aus der Nachbarschaft übernehmen feste Lesezeiten.",
        "Kinder von 3 bis 6 Jahren", E, 700),
    idea("Bouleplatz für alle", "altengerechtes_quartier",
        "Ein Bouleplatz am Begegnungszentrum mit Kugeln und einer Bank.",
        "Eine Boulegruppe pflegt den Platz und lädt zu offenen Spielen ein.",
        "Ältere Menschen und Nachbarschaft", V, 1900),
    idea("Kinderflohmarkt", "kinder_jugend_familie",
        "Ein Flohmarkt von Kindern für Kinder mit Spielständen.",
        "Kinder und Eltern verkaufen, tauschen und organisieren die Stände selbst.",
        "Familien", P, 250),
    idea("Adventssingen", "freizeit_kultur",
        "Ein offenes Singen im Hof mit Chor, Punsch und Gebäck.",
        "Die Hausgemeinschaft lädt ein; Nachbarinnen backen und schmücken.",
        "Nachbarschaft", P, 350),
    idea("Willkommenspaket für Neuzugezogene", "integration_vielfalt",
        "Ein Paket mit Stadtteilplan, Angeboten und Gutscheinen für neue Mieterinnen und \
        Mieter, übergeben bei einem Begrüßungskaffee.",
        "Nachbarinnen und Nachbarn übergeben die Pakete persönlich.",
        "Neu zugezogene Haushalte", I, 650),
    idea("Nachbarschaftscafé", "nachbarschaft_begegnung",
        "Ein Café am Samstagnachmittag, in dem Nachbarinnen und Nachbarn ins Gespräch kommen; \
        beantragt werden Geschirr, Kaffeemaschine und Werbung.",
        "Ein Team aus der Nachbarschaft backt, bedient und plant die Themennachmittage.",
        "Nachbarschaft, besonders Alleinlebende", E, 650),
    idea("Spielenachmittag für Familien", "kinder_jugend_familie",
        "Brett- und Bewegungsspiele für Familien an vier Nachmittagen im Gemeinschaftsraum; \
        beantragt werden Spiele und ein Imbiss.",
        "Eltern bringen Lieblingsspiele mit und betreuen die Spieltische.",
        "Familien mit Kindern", P, 300),
    idea("Fotoausstellung über das Quartier", "image_quartier",
        "Bewohnerinnen und Bewohner fotografieren ihr Quartier; die Bilder werden im \
        Stadtteilbüro ausgestellt.",
        "Die Fotografinnen und Fotografen wählen die Bilder gemeinsam aus.",
        "Alle Generationen", I, 850),
];

/// Why staff ask back (*Rückfrage*).
pub const QUERIES: &[&str] = &[
    "Bitte reichen Sie einen Kostenplan mit den einzelnen Ausgaben nach.",
    "Bitte beschreiben Sie genauer, wie Nachbarinnen und Nachbarn beteiligt werden.",
    "Bitte ergänzen Sie den Zeitplan und den Ort der Veranstaltung.",
    "Bitte erläutern Sie Ihre Eigenleistung.",
];

/// The advising body's suggestion to rework an application it did not recommend.
pub const REWORK: &str = "Die Stadtteilkonferenz regt an, das Vorhaben gemeinsam mit \
    Nachbarinnen und Nachbarn weiterzuentwickeln. Bitte überarbeiten Sie den Antrag.";

/// Why an application is refused.
pub const REFUSALS: &[&str] = &[
    "Die Förderrichtlinie schließt laufende Personal- und Honorarkosten aus.",
    "Ein quartiersbezogener und partizipativer Charakter ist nicht erkennbar.",
    "Das Vorhaben wird bereits aus anderen Mitteln gefördert.",
    "Die Anschaffung dient überwiegend einer einzelnen Einrichtung.",
];

/// Why applicants withdraw.
pub const WITHDRAWALS: &[&str] = &[
    "Die Veranstaltung findet in diesem Jahr nicht statt.",
    "Das Vorhaben wird aus Spenden finanziert.",
    "Die Initiative hat sich aufgelöst.",
];

/// Invented names of residents applying in their own name: plainly fictitious.
pub const RESIDENTS: &[&str] = &[
    "Erika Beispiel",
    "Max Mustermann",
    "Paula Probe",
    "Lena Musterfrau",
    "Tom Testweg",
    "Aylin Beispiel",
];

/// Groups residents found for one project.
pub const INITIATIVES: &[&str] = &[
    "Nachbarschaftsinitiative",
    "Elterninitiative",
    "Hausgemeinschaft",
    "Initiative Lebendiges Quartier",
];

#[cfg(test)]
mod tests {
    use super::*;

    const AACHEN: &str = include_str!("../../../../plugins/aachen/src/catalogue.rs");

    #[test]
    fn every_idea_fits_the_aachen_form() {
        assert!(IDEAS.len() >= 20);
        for idea in IDEAS {
            assert!(
                AACHEN.contains(&format!("\"{}\"", idea.field)),
                "{} is no Aachen field of action",
                idea.field
            );
            for text in [idea.description, idea.participation, idea.own_initiative] {
                assert!(text.chars().count() >= 20, "{}", idea.title);
            }
            assert!((100..=5_000).contains(&idea.euros), "{}", idea.title);
        }
        for pool in [QUERIES, REFUSALS, WITHDRAWALS, RESIDENTS, INITIATIVES] {
            assert!(!pool.is_empty());
        }
    }
}
