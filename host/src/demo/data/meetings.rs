//! Meetings of the demo bodies: held ones with agenda, votes, minutes and attendance, and
//! upcoming ones with an agenda only. Days count from the day the demo is seeded.

use super::minutes::*;
use super::{Item, Meeting, closed, noted, topic, voted};
use crate::network::kinds::MeetingState as S;

const OST: &str = "Stadtteilbüro Ost/Rothe Erde, Nadelfabrik, Gruppenraum";
const FORST: &str = "Stadtteilbüro Forst/Driescher Hof";
const PREUSWALD: &str = "Stadtteilbüro Preuswald, Gemeinschaftsraum";
const KULLEN: &str = "AWO-Kita Kullen, Mehrzweckraum";
const KRONENBERG: &str = "Pfarrheim Kronenberg";
const BZ_OST: &str = "Begegnungszentrum Aachen-Ost";
const VERWALTUNG: &str = "Verwaltungsgebäude Mozartstraße, Sitzungsraum 2";

const OPENING: Item = noted(
    "1",
    "Begrüßung und Feststellung der Tagesordnung",
    "festgestellt",
);
const OPEN: Item = topic("1", "Begrüßung und Feststellung der Tagesordnung");
const LAST_MINUTES: Item = topic("2", "Genehmigung des Protokolls der letzten Sitzung");
const QM_REPORT: Item = topic("3", "Bericht aus dem Quartiersmanagement");
const OTHER: &str = "Verschiedenes";
const NOTED: &str = "zur Kenntnis genommen";

#[rustfmt::skip]
pub const MEETINGS: &[Meeting] = &[
    Meeting {
        agenda: &[
            OPENING,
            voted("2", "Genehmigung des Protokolls der letzten Sitzung", "genehmigt",
                "Das Protokoll wird ohne Änderungen genehmigt.", [6, 0, 1]),
            noted("3", "Bericht aus dem Quartiersmanagement", NOTED),
            voted("4", "Stadtteilfonds: Antrag „Interkulturelles Kochen im Begegnungszentrum“ \
                (480 €)", "empfohlen",
                "Die Stadtteilkonferenz empfiehlt der Verwaltung, den Antrag des \
                Begegnungszentrums Aachen-Ost in voller Höhe zu fördern. Das Vorhaben ist \
                quartiersbezogen und wird gemeinsam mit Bewohnerinnen und Bewohnern vorbereitet.",
                [6, 0, 0]),
            noted("5", "Wilder Müll an der Nadelfabrik", "weitergeleitet"),
            noted("6", OTHER, NOTED),
        ],
        minutes: Some(STK_OST_1),
        minutes_approved: true,
        excused: &["kita", "stadtbetrieb"],
        ..held("stk_ost", "Sitzung der Stadtteilkonferenz Ost/Rothe Erde", -84, OST)
    },
    Meeting {
        minutes_long: 135,
        agenda: &[
            OPENING,
            voted("2", "Genehmigung des Protokolls der letzten Sitzung", "genehmigt",
                "Das Protokoll wird mit einer Ergänzung zu TOP 5 genehmigt.", [6, 0, 1]),
            noted("3", "Rückmeldung des Aachener Stadtbetriebs zum wilden Müll", NOTED),
            voted("4.1", "Stadtteilfonds: Antrag „Fahrradwerkstatt für Kinder“ (1.250 €)",
                "empfohlen",
                "Die Stadtteilkonferenz empfiehlt, den Antrag der Fahrradwerkstatt Rothe Erde \
                e.V. für Ersatzteile und Werkzeug zu fördern und ihn an die \
                Stadtteilfonds-Jury weiterzugeben.",
                [5, 0, 1]),
            voted("4.2", "Stadtteilfonds: Antrag „Sommerkino auf dem Quartiersplatz“ (3.800 €)",
                "nicht empfohlen",
                "Die Stadtteilkonferenz empfiehlt, den Antrag in der vorliegenden Form nicht zu \
                fördern, weil ein partizipativer Charakter nicht erkennbar ist. Die \
                Antragstellenden sind eingeladen, das Vorhaben mit Nachbarinnen und Nachbarn \
                weiterzuentwickeln.",
                [1, 4, 2]),
            noted("5", "Vorbereitung des Stadtteilfests Rothe Erde",
                "Vorbereitungsgruppe gebildet"),
            closed("6", "Beschwerde einer Mietergemeinschaft (nicht öffentlich)",
                "vertraulich beraten"),
            noted("7", OTHER, NOTED),
        ],
        minutes: Some(STK_OST_2),
        excused: &["pfarrei"],
        absent: &["stadtbetrieb"],
        ..held("stk_ost", "Sitzung der Stadtteilkonferenz Ost/Rothe Erde", -28, OST)
    },
    upcoming("stk_ost", "Sitzung der Stadtteilkonferenz Ost/Rothe Erde", 14, OST, S::Eingeladen, &[
        OPEN,
        LAST_MINUTES,
        QM_REPORT,
        topic("4", "Stadtteilfest Rothe Erde: Stand der Planung"),
        topic("5", "Stadtteilfonds: Antrag „Nachbarschaftscafé im Begegnungszentrum“ (650 €)"),
        topic("6", OTHER),
    ]),
    upcoming("stk_ost", "Sitzung der Stadtteilkonferenz Ost/Rothe Erde", 70, OST, S::Geplant, &[
        OPEN,
        topic("2", "Rückblick auf das Stadtteilfest und Jahresplanung"),
    ]),
    Meeting {
        hour: 15,
        agenda: &[
            OPENING,
            noted("2", "Bürogemeinschaft im Stadtteilbüro: Sprechstunden des SKM", "vereinbart"),
            voted("3", "Stadtteilfonds: Antrag „Bepflanzungsaktion am Driescher Hof“ (900 €)",
                "empfohlen",
                "Die Stadtteilkonferenz empfiehlt den Antrag der Offenen Tür Driescher Hof zur \
                Förderung. Kinder und Eltern pflanzen gemeinsam Beete im Innenhof.",
                [5, 0, 0]),
            noted("4", "Schulweg an der Gemeinschaftsgrundschule: Anregungen der Eltern",
                "an den Fachbereich Stadtentwicklung und Verkehrsanlagen weitergeleitet"),
            noted("5", OTHER, NOTED),
        ],
        minutes: Some(STK_FORST),
        minutes_approved: true,
        excused: &["gewoge"],
        ..held("stk_forst", "Sitzung der Stadtteilkonferenz Forst/Driescher Hof", -49, FORST)
    },
    upcoming("stk_forst", "Sitzung der Stadtteilkonferenz Forst/Driescher Hof", 21, FORST,
        S::Eingeladen, &[
            OPEN,
            LAST_MINUTES,
            QM_REPORT,
            topic("4", "Rückmeldung zum Schulweg an der Gemeinschaftsgrundschule"),
            topic("5", OTHER),
        ]),
    Meeting {
        hour: 17,
        minutes_long: 90,
        agenda: &[
            OPENING,
            voted("2", "Stadtteilfonds: Antrag „Wandercafé im Preuswald“ (350 €)", "empfohlen",
                "Die Stadtteilkonferenz empfiehlt den Antrag des Bürgervereins zur Förderung.",
                [3, 0, 1]),
            noted("3", "Nutzung des Nebenraums im Stadtteilbüro durch weitere Träger",
                "Belegungsplan abgestimmt"),
            noted("4", OTHER, NOTED),
        ],
        minutes: Some(STK_PREUSWALD),
        absent: &["gewoge"],
        ..held("stk_preuswald", "Sitzung der Stadtteilkonferenz Preuswald", -35, PREUSWALD)
    },
    upcoming("stk_preuswald", "Sitzung der Stadtteilkonferenz Preuswald", 28, PREUSWALD,
        S::Geplant, &[OPEN, LAST_MINUTES, QM_REPORT, topic("4", OTHER)]),
    Meeting {
        agenda: &[
            OPENING,
            noted("2", "Vorstellung des Quartiersmanagements Kronenberg/Kullen", NOTED),
            noted("3", "Neubauten der gewoge: nachbarschaftliche Angebote für neue Mieterinnen \
                und Mieter", "Arbeitsgruppe gebildet"),
            voted("4", "Stadtteilfonds: Antrag „Hausaufgabenhilfe im Familienzentrum“ (1.800 €)",
                "empfohlen",
                "Die Stadtteilkonferenz empfiehlt den Antrag der AWO-Kita Kullen zur Förderung.",
                [3, 0, 1]),
            noted("5", OTHER, NOTED),
        ],
        minutes: Some(STK_KULLEN),
        minutes_approved: true,
        ..held("stk_kullen", "Sitzung der Stadtteilkonferenz Kullen, Steppenberg und \
            Vaalserquartier", -63, KULLEN)
    },
    upcoming("stk_kullen", "Sitzung der Stadtteilkonferenz Kullen, Steppenberg und \
        Vaalserquartier", 10, KULLEN, S::Eingeladen, &[
            OPEN,
            LAST_MINUTES,
            topic("3", "Aufnahme der Nachbarschaftshilfe Kullen e.V."),
            topic("4", "Nachbarschaftsfest Kullen"),
            topic("5", OTHER),
        ]),
    Meeting {
        hour: 14,
        minutes_long: 90,
        agenda: &[
            noted("1", "Ferienprogramm: Angebote der Träger", "Programmentwurf abgestimmt"),
            noted("2", "Fahrradwerkstatt für Kinder: Termine", NOTED),
        ],
        minutes: Some(AK_JUGEND),
        excused: &["pfarrei"],
        ..held("ak_jugend", "Treffen des Arbeitskreises Kinder und Jugend", -14, OST)
    },
    upcoming("ak_jugend", "Treffen des Arbeitskreises Kinder und Jugend", 16, OST, S::Geplant, &[
        topic("1", "Ferienprogramm: Verteilung der Flyer"),
        topic("2", OTHER),
    ]),
    upcoming("rt_kronenberg", "Runder Tisch Kronenberg", -70, KRONENBERG, S::Abgesagt,
        &[topic("1", "Bericht aus den Sprachcafés")]),
    Meeting {
        hour: 17,
        minutes_long: 90,
        agenda: &[
            noted("1", "Bericht aus den Sprachcafés", NOTED),
            noted("2", "Kinderbetreuung parallel zu Sprachkursen",
                "Lösung mit der Caritas vereinbart"),
            noted("3", "Versorgung älterer Alleinstehender: erste Ergebnisse der Befragung",
                NOTED),
        ],
        minutes: Some(RT_KRONENBERG),
        minutes_approved: true,
        excused: &["skm"],
        ..held("rt_kronenberg", "Runder Tisch Kronenberg", -42, KRONENBERG)
    },
    upcoming("rt_kronenberg", "Runder Tisch Kronenberg", 7, KRONENBERG, S::Eingeladen, &[
        topic("1", "Bericht aus den Sprachcafés"),
        topic("2", "Planung eines Begegnungsnachmittags für Jung und Alt"),
    ]),
    Meeting {
        hour: 13,
        minutes_long: 90,
        agenda: &[
            noted("1", "Angebote der Begegnungszentren im Winterhalbjahr", NOTED),
            noted("2", "Besuchsdienste: gemeinsame Schulung Ehrenamtlicher", "vereinbart"),
        ],
        minutes: Some(OAG_OST),
        minutes_approved: true,
        absent: &["caritas_dienste"],
        ..held("oag_ost", "Örtliche Arbeitsgemeinschaft der Altenarbeit Ost/Rothe Erde", -56,
            BZ_OST)
    },
    upcoming("oag_ost", "Örtliche Arbeitsgemeinschaft der Altenarbeit Ost/Rothe Erde", 35,
        BZ_OST, S::Geplant, &[topic("1", "Schulung Ehrenamtlicher: Termine"), topic("2", OTHER)]),
    Meeting {
        hour: 17,
        minutes_long: 60,
        agenda: &[
            voted("1", "Antrag „Fahrradwerkstatt für Kinder“ (1.250 €)", "bewilligt",
                "Die Jury bewilligt 1.250 € aus dem Stadtteilfonds.", [5, 0, 0]),
            voted("2", "Antrag „Bepflanzungsaktion am Driescher Hof“ (900 €)", "bewilligt",
                "Die Jury bewilligt 900 € aus dem Stadtteilfonds.", [4, 0, 1]),
            voted("3", "Antrag „Wandercafé im Preuswald“ (350 €)", "bewilligt",
                "Die Jury bewilligt 350 € aus dem Stadtteilfonds.", [5, 0, 0]),
        ],
        minutes: Some(JURY),
        minutes_approved: true,
        ..held("jury", "Sitzung der Stadtteilfonds-Jury", -7, VERWALTUNG)
    },
    upcoming("jury", "Sitzung der Stadtteilfonds-Jury", 30, VERWALTUNG, S::Geplant, &[
        topic("1", "Antrag „Nachbarschaftscafé im Begegnungszentrum“ (650 €)"),
        topic("2", "Antrag „Hausaufgabenhilfe im Familienzentrum“ (1.800 €)"),
    ]),
    Meeting {
        hour: 9,
        agenda: &[
            noted("1", "Jahresbericht des Quartiersmanagements", NOTED),
            voted("2", "Ansatz des Stadtteilfonds für das kommende Jahr", "beschlossen",
                "Die Lenkungsgruppe empfiehlt, den Ansatz des Stadtteilfonds unverändert \
                fortzuschreiben.", [4, 0, 0]),
            closed("3", "Standortsuche für ein Stadtteilbüro Kronenberg/Kullen",
                "vertraulich beraten"),
        ],
        minutes: Some(LENKUNG),
        ..held("lenkung", "Sitzung der Lenkungsgruppe Quartiersmanagement", -21, VERWALTUNG)
    },
    upcoming("lenkung", "Sitzung der Lenkungsgruppe Quartiersmanagement", 56, VERWALTUNG,
        S::Geplant, &[topic("1", "Kontrakte mit den Trägern: Zwischenstand")]),
    Meeting {
        hour: 10,
        agenda: &[
            noted("1", "Bürogemeinschaften in den Stadtteilbüros",
                "Gespräche mit der Sozialplanung vereinbart"),
            noted("2", "Altengerechte Quartiere: Erfahrungen aus dem Westparkviertel", NOTED),
        ],
        minutes: Some(TRAEGER),
        minutes_approved: true,
        ..held("traeger", "Arbeitskreis der Träger der Freien Wohlfahrtspflege", -30,
            "AWO Kreisverband Aachen-Stadt, Besprechungsraum")
    },
    upcoming("traeger", "Arbeitskreis der Träger der Freien Wohlfahrtspflege", 45,
        "Caritasverband, Besprechungsraum", S::Geplant,
        &[topic("1", "Bürogemeinschaften: Stand der Gespräche")]),
];

/// A meeting not held yet: an agenda without results, no minutes, no attendance.
const fn upcoming(
    body: &'static str,
    title: &'static str,
    day: i64,
    location: &'static str,
    state: S,
    agenda: &'static [Item],
) -> Meeting {
    Meeting {
        body,
        title,
        day,
        hour: 16,
        minutes_long: 120,
        location,
        state,
        agenda,
        minutes: None,
        minutes_approved: false,
        excused: &[],
        absent: &[],
    }
}

/// The defaults of a held meeting; the table fills in agenda, minutes and attendance.
const fn held(
    body: &'static str,
    title: &'static str,
    day: i64,
    location: &'static str,
) -> Meeting {
    upcoming(body, title, day, location, S::Durchgefuehrt, &[])
}
