//! Areas, organisations and contact persons of the demo municipality.

use super::{Area, Organisation, Person};
use crate::network::kinds::{AreaKind as A, OrganisationKind as O};

/// Stadt → Sozialräume → Lebensräume. Aachen has 14 Sozialräume and 60 Lebensräume of
/// about 600 to 8,800 inhabitants; the demo keeps those where the seed places its
/// neighbourhood management (Kullen and Kronenberg together: 8,852, as in the seed).
#[rustfmt::skip]
pub const AREAS: &[Area] = &[
    area("stadt", None, A::Stadt, "Stadt Aachen", 252_136),
    area("ost", Some("stadt"), A::Sozialraum, "Ost/Rothe Erde", 24_870),
    area("rothe_erde", Some("ost"), A::Lebensraum, "Rothe Erde", 8_140),
    area("ostviertel", Some("ost"), A::Lebensraum, "Ostviertel", 7_620),
    area("forst", Some("stadt"), A::Sozialraum, "Forst/Driescher Hof", 21_310),
    area("driescher_hof", Some("forst"), A::Lebensraum, "Driescher Hof", 4_380),
    area("forst_lr", Some("forst"), A::Lebensraum, "Forst", 6_950),
    area("schoenforst", Some("forst"), A::Lebensraum, "Schönforst", 5_170),
    area("burtscheid", Some("stadt"), A::Sozialraum, "Burtscheid", 19_640),
    area("preuswald", Some("burtscheid"), A::Lebensraum, "Preuswald", 2_640),
    area("burtscheid_lr", Some("burtscheid"), A::Lebensraum, "Burtscheid-Kurgarten", 6_480),
    area("laurensberg", Some("stadt"), A::Sozialraum, "Laurensberg", 23_900),
    area("kullen", Some("laurensberg"), A::Lebensraum, "Kullen", 4_480),
    area("kronenberg", Some("laurensberg"), A::Lebensraum, "Kronenberg", 4_372),
    area("steppenberg", Some("laurensberg"), A::Lebensraum, "Steppenberg", 3_150),
    area("vaalserquartier", Some("laurensberg"), A::Lebensraum, "Vaalserquartier", 6_230),
    area("nord", Some("stadt"), A::Sozialraum, "Aachen-Nord", 18_450),
    area("rehmviertel", Some("nord"), A::Lebensraum, "Rehmviertel", 6_910),
    area("juelicher", Some("nord"), A::Lebensraum, "Jülicher Straße", 7_480),
];

const fn area(
    key: &'static str,
    parent: Option<&'static str>,
    kind: A,
    name: &'static str,
    population: i64,
) -> Area {
    Area {
        key,
        parent,
        kind,
        name,
        population,
    }
}

/// Welfare organisations, city departments and local partners. Contact addresses use the
/// reserved `.example` domain: the demo must not send anyone mail.
#[rustfmt::skip]
pub const ORGANISATIONS: &[Organisation] = &[
    org("awo", "AWO Kreisverband Aachen-Stadt e.V.", O::Wohlfahrtspflege, None,
        Some("info@awo-aachen.example"), &["ost", "forst", "kullen"]),
    org("caritas", "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
        O::Wohlfahrtspflege, None, Some("info@caritas-aachen.example"),
        &["forst", "preuswald", "laurensberg"]),
    org("caritas_dienste", "Aachener Caritas Dienste gGmbH", O::Wohlfahrtspflege,
        Some("caritas"), None, &["ost"]),
    org("elisabeth", "Altenheim St. Elisabeth", O::Sonstige, Some("caritas_dienste"), None,
        &["ost"]),
    org("diakonie", "Diakonisches Werk im Kirchenkreis Aachen e.V.", O::Wohlfahrtspflege, None,
        Some("beratung@diakonie-aachen.example"), &["preuswald", "kronenberg"]),
    org("skm", "SKM – Katholischer Verein für soziale Dienste in Aachen e.V.",
        O::Wohlfahrtspflege, None, Some("kontakt@skm-aachen.example"), &["forst", "kronenberg"]),
    org("fb56", "Stadt Aachen – Fachbereich Wohnen, Soziales und Integration", O::Verwaltung,
        None, Some("quartiersmanagement@stadt-aachen.example"), &["stadt"]),
    org("fb45", "Stadt Aachen – Fachbereich Kinder, Jugend und Schule", O::Verwaltung, None,
        None, &["stadt"]),
    org("bezirksamt", "Stadt Aachen – Bezirksamt Laurensberg", O::Verwaltung, None, None,
        &["laurensberg"]),
    org("stadtbetrieb", "Aachener Stadtbetrieb", O::StaedtischeGesellschaft, None,
        Some("service@stadtbetrieb-aachen.example"), &["stadt"]),
    org("gewoge", "gewoge AG", O::Wohnungsunternehmen, None, Some("quartier@gewoge.example"),
        &["ost", "forst", "kullen"]),
    org("stb_ost", "Stadtteilbüro Ost/Rothe Erde", O::Verwaltung, Some("fb56"),
        Some("stadtteilbuero-ost@stadt-aachen.example"), &["ost"]),
    org("stb_preuswald", "Stadtteilbüro Preuswald", O::Verwaltung, Some("fb56"),
        Some("stadtteilbuero-preuswald@stadt-aachen.example"), &["preuswald"]),
    org("bz_ost", "Begegnungszentrum Aachen-Ost", O::Begegnungszentrum, Some("awo"), None,
        &["ost"]),
    org("pfarrei", "Kath. Pfarrei St. Josef und Fronleichnam", O::Kirchengemeinde, None, None,
        &["ost"]),
    org("schule", "Gemeinschaftsgrundschule Driescher Hof", O::Schule, None, None,
        &["driescher_hof"]),
    org("kita", "Städtische Kita Rothe Erde – Familienzentrum", O::Kita, Some("fb45"), None,
        &["rothe_erde"]),
    org("kita_awo", "AWO-Kita Kullen", O::Kita, Some("awo"), None, &["kullen"]),
    org("ot_forst", "Offene Tür Driescher Hof", O::Jugendeinrichtung, None, None,
        &["driescher_hof"]),
    org("buergerverein", "Bürgerverein Preuswald e.V.", O::Stadtteilverein, None,
        Some("vorstand@buergerverein-preuswald.example"), &["preuswald"]),
    org("fahrrad", "Fahrradwerkstatt Rothe Erde e.V.", O::Verein, None, None, &["rothe_erde"]),
    org("willkommen", "Willkommensinitiative Kronenberg", O::Initiative, None, None,
        &["kronenberg"]),
    org("nachbarschaft", "Nachbarschaftshilfe Kullen e.V.", O::Verein, None, None, &["kullen"]),
];

const fn org(
    key: &'static str,
    name: &'static str,
    kind: O,
    parent: Option<&'static str>,
    email: Option<&'static str>,
    areas: &'static [&'static str],
) -> Organisation {
    Organisation {
        key,
        name,
        kind,
        parent,
        email,
        areas,
    }
}

/// Invented contact persons. Some agreed to be listed publicly, some did not.
#[rustfmt::skip]
pub const PERSONS: &[Person] = &[
    person("qm_ost", "Miriam Schöller", Some("stb_ost"), true),
    person("qm_forst", "Jonas Brückner", Some("fb56"), true),
    person("qm_preuswald", "Leyla Aydın", Some("stb_preuswald"), true),
    person("qm_kronenberg", "Tobias Hensen", Some("fb56"), true),
    person("sozialplanung", "Dr. Katrin Vossen", Some("fb56"), true),
    person("awo", "Sabine Krings", Some("awo"), true),
    person("bz_ost", "Heinz-Peter Lennartz", Some("bz_ost"), false),
    person("caritas", "Andrea Moll", Some("caritas"), true),
    person("elisabeth", "Bernd Classen", Some("elisabeth"), false),
    person("diakonie", "Friederike Jansen", Some("diakonie"), true),
    person("skm", "Murat Yıldız", Some("skm"), true),
    person("schule", "Claudia Offermann", Some("schule"), true),
    person("kita", "Nadine Esser", Some("kita"), false),
    person("kita_awo", "Julia Hamacher", Some("kita_awo"), true),
    person("gewoge", "Stefan Wirtz", Some("gewoge"), true),
    person("stadtbetrieb", "Ralf Dohmen", Some("stadtbetrieb"), false),
    person("pfarrei", "Monika Schiffers", Some("pfarrei"), true),
    person("ot_forst", "Kevin Zimmermann", Some("ot_forst"), true),
    person("buergerverein", "Gerda Kohnen", Some("buergerverein"), true),
    person("fahrrad", "Ali Rahimi", Some("fahrrad"), false),
    person("willkommen", "Marlies Frings", Some("willkommen"), true),
    person("bezirksamt", "Georg Mertens", Some("bezirksamt"), true),
    person("fb45", "Sandra Pütz", Some("fb45"), false),
    // Residents who take part in their own name, not for an organisation.
    person("bewohnerin_ost", "Elke Brandt", None, false),
    Person { may_contact: false, ..person("bewohner_kullen", "Yusuf Demir", None, false) },
];

/// A person who agreed to be contacted.
const fn person(
    key: &'static str,
    name: &'static str,
    organisation: Option<&'static str>,
    listed_publicly: bool,
) -> Person {
    Person {
        key,
        name,
        organisation,
        listed_publicly,
        may_contact: true,
    }
}
