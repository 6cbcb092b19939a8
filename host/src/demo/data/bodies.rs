//! Bodies (*Gremien*), their memberships and an open join request.
//!
//! The seed's three hubs of neighbourhood development appear here: the Stadtteilkonferenzen
//! (which discuss Stadtteilfonds applications before the administration handles them), the
//! Örtliche Arbeitsgemeinschaft der Altenarbeit, and the city's neighbourhood management,
//! which runs the office of each conference (Geschäftsführung) without a vote.

use super::{Body, JoinRequest, Member};
use crate::network::kinds::{BodyKind as K, MemberRole as R, Power};

/// The fund kind of Aachen's small neighbourhood fund.
const FUND: &str = "stadtteilfonds";

const STK: &str = "Freiwilliger Zusammenschluss der im Quartier und im Sozialbereich tätigen \
    Fachkräfte und engagierten Bürgerinnen und Bürger: Austausch über Projekte und \
    Veranstaltungen, Abstimmung der Angebote und Beratung der Anträge zum Stadtteilfonds.";

#[rustfmt::skip]
pub const BODIES: &[Body] = &[
    stk("stk_ost", "Stadtteilkonferenz Ost/Rothe Erde", "ost", "sechsmal im Jahr"),
    stk("stk_forst", "Stadtteilkonferenz Forst/Driescher Hof", "forst", "viermal im Jahr"),
    stk("stk_preuswald", "Stadtteilkonferenz Preuswald", "preuswald", "viermal im Jahr"),
    stk("stk_kullen", "Stadtteilkonferenz Kullen, Steppenberg und Vaalserquartier", "laurensberg",
        "dreimal im Jahr"),
    Body {
        key: "ak_jugend",
        kind: K::Arbeitskreis,
        name: "Arbeitskreis Kinder und Jugend Ost/Rothe Erde",
        area: Some("ost"),
        parent: Some("stk_ost"),
        description: "Unterarbeitsgruppe der Stadtteilkonferenz: Angebote der offenen Kinder- \
            und Jugendarbeit, Schulsozialarbeit und Familienzentren abstimmen, Ferienprogramm \
            planen.",
        public: true,
        rhythm: "monatlich",
        powers: &[],
    },
    Body {
        key: "rt_kronenberg",
        kind: K::RunderTisch,
        name: "Runder Tisch Kronenberg",
        area: Some("kronenberg"),
        parent: None,
        description: "Haupt- und ehrenamtliche Akteure der Integrationsarbeit auf dem Kronenberg; \
            entstanden aus dem Quartiersmanagement mit dem Schwerpunkt Flüchtlingsintegration \
            (QFI).",
        public: true,
        rhythm: "alle zwei Monate",
        powers: &[],
    },
    Body {
        key: "oag_ost",
        kind: K::OertlicheArbeitsgemeinschaftAltenarbeit,
        name: "Örtliche Arbeitsgemeinschaft der Altenarbeit Ost/Rothe Erde",
        area: Some("ost"),
        parent: None,
        description: "Die lokalen Akteure der Altenarbeit und des Pflegebereichs: Begegnung, \
            Beratung und Versorgung älterer Menschen im Quartier.",
        public: true,
        rhythm: "viermal im Jahr",
        powers: &[],
    },
    Body {
        key: "jury",
        kind: K::Quartiersfondsjury,
        name: "Stadtteilfonds-Jury",
        area: Some("stadt"),
        parent: None,
        description: "Entscheidet über Anträge zum Stadtteilfonds bis 5.000 €, nachdem die \
            Stadtteilkonferenz sie beraten hat.",
        public: true,
        rhythm: "nach Bedarf",
        powers: &[(Power::Decides, FUND, Some(500_000))],
    },
    Body {
        key: "lenkung",
        kind: K::Lenkungsgruppe,
        name: "Lenkungsgruppe Quartiersmanagement",
        area: Some("stadt"),
        parent: None,
        description: "Gesamtstädtische Steuerung: Sozialplanung, Fachbereiche und Träger der \
            Freien Wohlfahrtspflege stimmen Standorte, Schwerpunkte und Kontrakte des \
            Quartiersmanagements ab.",
        public: false,
        rhythm: "halbjährlich",
        powers: &[(Power::Decides, FUND, None)],
    },
    Body {
        key: "traeger",
        kind: K::Traegerverbund,
        name: "Arbeitskreis der Träger der Freien Wohlfahrtspflege",
        area: Some("stadt"),
        parent: None,
        description: "Austausch der Wohlfahrtsverbände untereinander und mit der Sozialplanung.",
        public: false,
        rhythm: "vierteljährlich",
        powers: &[],
    },
];

const fn stk(
    key: &'static str,
    name: &'static str,
    area: &'static str,
    rhythm: &'static str,
) -> Body {
    Body {
        key,
        kind: K::Stadtteilkonferenz,
        name,
        area: Some(area),
        parent: None,
        description: STK,
        public: true,
        rhythm,
        powers: &[(Power::Advises, FUND, None)],
    }
}

#[rustfmt::skip]
pub const MEMBERS: &[Member] = &[
    // Stadtteilkonferenz Ost/Rothe Erde
    m("stk_ost", Some("awo"), Some("awo"), R::Sprecher, "2016-02-01"),
    m("stk_ost", Some("pfarrei"), Some("pfarrei"), R::Stellvertretung, "2018-09-01"),
    staff("stk_ost", Some("stb_ost"), "qm_ost", R::Geschaeftsfuehrung, "2012-05-01"),
    m("stk_ost", Some("bz_ost"), Some("bz_ost"), R::Mitglied, "2014-01-15"),
    m("stk_ost", Some("kita"), Some("kita"), R::Mitglied, "2019-03-01"),
    m("stk_ost", Some("fahrrad"), Some("fahrrad"), R::Mitglied, "2021-06-01"),
    m("stk_ost", Some("gewoge"), Some("gewoge"), R::Mitglied, "2017-11-01"),
    m("stk_ost", Some("skm"), None, R::Mitglied, "2015-01-01"),
    m("stk_ost", None, Some("bewohnerin_ost"), R::Mitglied, "2020-01-01"),
    staff("stk_ost", Some("fb45"), "fb45", R::Mitglied, "2018-01-01"),
    staff("stk_ost", Some("stadtbetrieb"), "stadtbetrieb", R::Gast, "2023-04-01"),
    // Stadtteilkonferenz Forst/Driescher Hof
    m("stk_forst", Some("skm"), Some("skm"), R::Sprecher, "2015-06-01"),
    m("stk_forst", Some("schule"), Some("schule"), R::Stellvertretung, "2016-09-01"),
    staff("stk_forst", Some("fb56"), "qm_forst", R::Geschaeftsfuehrung, "2015-03-01"),
    m("stk_forst", Some("ot_forst"), Some("ot_forst"), R::Mitglied, "2015-03-01"),
    m("stk_forst", Some("awo"), None, R::Mitglied, "2015-03-01"),
    m("stk_forst", Some("caritas"), Some("caritas"), R::Mitglied, "2017-02-01"),
    m("stk_forst", Some("gewoge"), Some("gewoge"), R::Mitglied, "2019-05-01"),
    // Stadtteilkonferenz Preuswald
    m("stk_preuswald", Some("buergerverein"), Some("buergerverein"), R::Sprecher, "2013-01-01"),
    m("stk_preuswald", Some("diakonie"), Some("diakonie"), R::Stellvertretung, "2013-01-01"),
    staff("stk_preuswald", Some("stb_preuswald"), "qm_preuswald", R::Geschaeftsfuehrung,
        "2012-10-01"),
    m("stk_preuswald", Some("caritas"), None, R::Mitglied, "2014-04-01"),
    m("stk_preuswald", Some("awo"), None, R::Mitglied, "2016-01-01"),
    staff("stk_preuswald", Some("gewoge"), "gewoge", R::Gast, "2022-01-01"),
    // Stadtteilkonferenz Kullen, Steppenberg und Vaalserquartier
    m("stk_kullen", Some("kita_awo"), Some("kita_awo"), R::Sprecher, "2019-01-01"),
    staff("stk_kullen", Some("bezirksamt"), "bezirksamt", R::Moderation, "2018-01-01"),
    staff("stk_kullen", Some("fb56"), "qm_kronenberg", R::Geschaeftsfuehrung, "2019-01-01"),
    m("stk_kullen", Some("caritas"), Some("caritas"), R::Mitglied, "2018-01-01"),
    m("stk_kullen", Some("gewoge"), Some("gewoge"), R::Mitglied, "2020-03-01"),
    m("stk_kullen", None, Some("bewohner_kullen"), R::Mitglied, "2021-09-01"),
    // Arbeitskreis Kinder und Jugend
    m("ak_jugend", Some("fb45"), Some("fb45"), R::Sprecher, "2019-02-01"),
    staff("ak_jugend", Some("stb_ost"), "qm_ost", R::Geschaeftsfuehrung, "2019-02-01"),
    m("ak_jugend", Some("kita"), Some("kita"), R::Mitglied, "2019-02-01"),
    m("ak_jugend", Some("fahrrad"), Some("fahrrad"), R::Mitglied, "2021-06-01"),
    m("ak_jugend", Some("pfarrei"), None, R::Mitglied, "2019-02-01"),
    // Runder Tisch Kronenberg
    m("rt_kronenberg", Some("willkommen"), Some("willkommen"), R::Sprecher, "2017-05-01"),
    staff("rt_kronenberg", Some("fb56"), "qm_kronenberg", R::Moderation, "2019-01-01"),
    m("rt_kronenberg", Some("caritas"), Some("caritas"), R::Mitglied, "2017-05-01"),
    m("rt_kronenberg", Some("diakonie"), Some("diakonie"), R::Mitglied, "2017-05-01"),
    m("rt_kronenberg", Some("skm"), Some("skm"), R::Mitglied, "2018-03-01"),
    // The QFI position ended with the state programme at the end of 2018.
    Member {
        ends_on: Some("2018-12-31"),
        ..staff("rt_kronenberg", Some("fb56"), "qm_forst", R::Moderation, "2017-05-01")
    },
    // Örtliche Arbeitsgemeinschaft der Altenarbeit
    m("oag_ost", Some("bz_ost"), Some("bz_ost"), R::Sprecher, "2010-01-01"),
    m("oag_ost", Some("elisabeth"), Some("elisabeth"), R::Mitglied, "2012-01-01"),
    m("oag_ost", Some("caritas_dienste"), None, R::Mitglied, "2012-01-01"),
    m("oag_ost", Some("diakonie"), None, R::Mitglied, "2014-01-01"),
    staff("oag_ost", Some("stb_ost"), "qm_ost", R::Gast, "2016-01-01"),
    // Stadtteilfonds-Jury: residents and partners; the administration keeps the office.
    m("jury", Some("buergerverein"), Some("buergerverein"), R::Sprecher, "2022-01-01"),
    m("jury", None, Some("bewohnerin_ost"), R::Mitglied, "2022-01-01"),
    m("jury", None, Some("bewohner_kullen"), R::Mitglied, "2022-01-01"),
    m("jury", Some("awo"), Some("awo"), R::Mitglied, "2022-01-01"),
    m("jury", Some("pfarrei"), Some("pfarrei"), R::Mitglied, "2022-01-01"),
    staff("jury", Some("fb56"), "sozialplanung", R::Geschaeftsfuehrung, "2022-01-01"),
    // Lenkungsgruppe (not public)
    m("lenkung", Some("fb56"), Some("sozialplanung"), R::Geschaeftsfuehrung, "2018-01-01"),
    m("lenkung", Some("fb45"), Some("fb45"), R::Mitglied, "2018-01-01"),
    m("lenkung", Some("awo"), Some("awo"), R::Mitglied, "2018-01-01"),
    m("lenkung", Some("caritas"), Some("caritas"), R::Mitglied, "2018-01-01"),
    Member {
        on_behalf_of: Some("fb56"),
        ..staff("lenkung", Some("stb_ost"), "qm_ost", R::Mitglied, "2018-01-01")
    },
    // Arbeitskreis der Träger (not public)
    m("traeger", Some("awo"), Some("awo"), R::Sprecher, "2015-01-01"),
    m("traeger", Some("caritas"), Some("caritas"), R::Mitglied, "2015-01-01"),
    m("traeger", Some("diakonie"), Some("diakonie"), R::Mitglied, "2015-01-01"),
    m("traeger", Some("skm"), Some("skm"), R::Mitglied, "2015-01-01"),
    staff("traeger", Some("fb56"), "sozialplanung", R::Gast, "2017-03-01"),
];

/// A member with a vote.
const fn m(
    body: &'static str,
    organisation: Option<&'static str>,
    person: Option<&'static str>,
    role: R,
    starts_on: &'static str,
) -> Member {
    Member {
        body,
        organisation,
        person,
        role,
        voting_right: true,
        starts_on,
        ends_on: None,
        on_behalf_of: None,
    }
}

/// A member without a vote: staff of the administration, guests, moderation.
const fn staff(
    body: &'static str,
    organisation: Option<&'static str>,
    person: &'static str,
    role: R,
    starts_on: &'static str,
) -> Member {
    Member {
        voting_right: false,
        ..m(body, organisation, Some(person), role, starts_on)
    }
}

pub const JOIN_REQUESTS: &[JoinRequest] = &[JoinRequest {
    body: "stk_kullen",
    organisation: "nachbarschaft",
    message: "Wir sind ein junger Verein und organisieren Einkaufshilfen und ein \
        Nachbarschaftscafé in Kullen. Gern möchten wir in der Stadtteilkonferenz mitarbeiten.",
}];
