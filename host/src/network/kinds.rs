//! The closed vocabularies of the network registry (docs/architecture.md, "Domain model"), with German labels.

crate::text_enum! {
    /// Kinds of *Gremien* (bodies) found in the seeds.
    pub enum BodyKind {
        Stadtteilkonferenz = ("stadtteilkonferenz", "Stadtteilkonferenz"),
        RunderTisch = ("runder_tisch", "Runder Tisch"),
        Quartiersrat = ("quartiersrat", "Quartiersrat"),
        Quartiersbeirat = ("quartiersbeirat", "Quartiersbeirat"),
        Stadtteilbeirat = ("stadtteilbeirat", "Stadtteilbeirat"),
        Lenkungsgruppe = ("lenkungsgruppe", "Lenkungsgruppe"),
        Steuerungsrunde = ("steuerungsrunde", "Steuerungsrunde"),
        Aktionsfondsjury = ("aktionsfondsjury", "Aktionsfondsjury"),
        Quartiersfondsjury = ("quartiersfondsjury", "Quartiersfondsjury"),
        Buergerjury = ("buergerjury", "Bürgerjury"),
        /// Has a parent body.
        Arbeitskreis = ("arbeitskreis", "Arbeitskreis"),
        /// Has a parent body.
        Unterarbeitsgruppe = ("unterarbeitsgruppe", "Unterarbeitsgruppe"),
        Traegerverbund = ("traegerverbund", "Trägerverbund"),
        OertlicheArbeitsgemeinschaftAltenarbeit = ("oertliche_arbeitsgemeinschaft_altenarbeit", "Örtliche Arbeitsgemeinschaft der Altenarbeit"),
        // The political bodies that decide funds in practice (plugins name them in route
        // steps); their area is usually a Stadtbezirk or Ortsteil above the fund's area.
        /// District council in North Rhine-Westphalia's cities (GO NRW § 36).
        Bezirksvertretung = ("bezirksvertretung", "Bezirksvertretung"),
        /// District council in Lower Saxony's cities (NKomVG § 90).
        Stadtbezirksrat = ("stadtbezirksrat", "Stadtbezirksrat"),
        /// Local council of an Ortsbezirk (Hesse, Rhineland-Palatinate).
        Ortsbeirat = ("ortsbeirat", "Ortsbeirat"),
        /// District assembly of Berlin's districts.
        Bezirksverordnetenversammlung = ("bezirksverordnetenversammlung", "Bezirksverordnetenversammlung"),
        /// A committee of the municipal council.
        Ratsausschuss = ("ratsausschuss", "Ratsausschuss"),
        /// The municipal council itself (Rat, Stadtrat, Gemeinderat, Stadtverordnetenversammlung).
        Rat = ("rat", "Rat/Gemeinderat"),
        /// The service centre's exchange meeting of the sites' neighbourhood managers,
        /// held twice a year (*Austauschtreffen für Quartiersmanager_innen*, Hessian
        /// guideline): a body of the centre's own municipality (`federation::centre`).
        Austauschtreffen = ("austauschtreffen", "Austauschtreffen der Quartiersmanager_innen"),
    }
}

impl BodyKind {
    /// Working groups exist inside another body.
    pub fn needs_parent(self) -> bool {
        matches!(self, BodyKind::Arbeitskreis | BodyKind::Unterarbeitsgruppe)
    }
}

crate::text_enum! {
    /// Kinds of organisations in a neighbourhood network.
    pub enum OrganisationKind {
        Wohlfahrtspflege = ("traeger_wohlfahrtspflege", "Träger der Wohlfahrtspflege"),
        Verein = ("verein", "Verein"),
        Stadtteilverein = ("stadtteilverein", "Stadtteilverein"),
        Schule = ("schule", "Schule"),
        Kita = ("kita", "Kita"),
        Jugendeinrichtung = ("jugendeinrichtung", "Jugendeinrichtung"),
        Begegnungszentrum = ("begegnungszentrum", "Begegnungszentrum"),
        Verwaltung = ("verwaltung", "Verwaltung/Fachbereich"),
        Wohnungsunternehmen = ("wohnungsunternehmen", "Wohnungsunternehmen"),
        Planungsbuero = ("planungsbuero", "Planungsbüro"),
        Sanierungstraeger = ("sanierungstraeger", "Sanierungsträger"),
        StaedtischeGesellschaft = ("staedtische_gesellschaft", "Städtische Gesellschaft"),
        Initiative = ("initiative", "Initiative"),
        Kirchengemeinde = ("kirchengemeinde", "Kirchengemeinde"),
        Unternehmen = ("unternehmen", "Unternehmen"),
        Sonstige = ("sonstige", "Sonstige"),
    }
}

crate::text_enum! {
    /// Roles in a body.
    pub enum MemberRole {
        Sprecher = ("sprecher", "Sprecher:in"),
        Mitglied = ("mitglied", "Mitglied"),
        Stellvertretung = ("stellvertretung", "Stellvertretung"),
        Gast = ("gast", "Gast"),
        Moderation = ("moderation", "Moderation"),
        Geschaeftsfuehrung = ("geschaeftsfuehrung", "Geschäftsführung"),
    }
}

impl MemberRole {
    /// Roles whose organisation manages the body (decides join requests).
    pub fn manages(self) -> bool {
        matches!(self, MemberRole::Sprecher | MemberRole::Geschaeftsfuehrung)
    }
}

crate::text_enum! {
    /// What a body may do with fund applications.
    pub enum Power {
        Advises = ("beraet", "berät"),
        Decides = ("entscheidet", "entscheidet"),
    }
}

crate::text_enum! {
    /// States of a meeting (*Sitzung*).
    pub enum MeetingState {
        Geplant = ("geplant", "geplant"),
        Eingeladen = ("eingeladen", "eingeladen"),
        Durchgefuehrt = ("durchgefuehrt", "durchgeführt"),
        Abgesagt = ("abgesagt", "abgesagt"),
    }
}

crate::text_enum! {
    /// Whether someone attended a meeting.
    pub enum AttendanceStatus {
        Anwesend = ("anwesend", "anwesend"),
        Entschuldigt = ("entschuldigt", "entschuldigt"),
        Abwesend = ("abwesend", "abwesend"),
    }
}

crate::text_enum! {
    /// States of a join request.
    pub enum JoinState {
        Offen = ("offen", "offen"),
        Angenommen = ("angenommen", "angenommen"),
        Abgelehnt = ("abgelehnt", "abgelehnt"),
    }
}

crate::text_enum! {
    /// Kinds of areas in the municipal tree.
    pub enum AreaKind {
        Stadt = ("stadt", "Stadt"),
        Stadtbezirk = ("stadtbezirk", "Stadtbezirk"),
        Sozialraum = ("sozialraum", "Sozialraum"),
        Lebensraum = ("lebensraum", "Lebensraum"),
        QmGebiet = ("qm_gebiet", "QM-Gebiet"),
        Foerdergebiet = ("foerdergebiet", "Fördergebiet"),
        Quartier = ("quartier", "Quartier"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips_through_text() {
        for kind in BodyKind::ALL {
            assert_eq!(kind.as_str().parse::<BodyKind>().unwrap(), *kind);
        }
        assert!("stadtteilkonferenz ".parse::<BodyKind>().is_err());
        assert_eq!(BodyKind::Buergerjury.label_de(), "Bürgerjury");
    }
}
