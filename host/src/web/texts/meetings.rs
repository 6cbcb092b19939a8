//! The words of the signed-in pages of bodies, meetings and minutes (`web::meeting_*`,
//! `web::minutes`), in one place like the other pages' in the parent module. Vocabulary
//! labels (a meeting's state, attendance) come from the types' `label_de()`.

/// The meeting pages' words in one language.
#[derive(Debug)]
pub struct MeetingTexts {
    /// The main navigation's link.
    pub nav: &'static str,

    // The bodies.
    pub bodies_title: &'static str,
    pub bodies_intro_staff: &'static str,
    pub bodies_intro_member: &'static str,
    pub bodies_caption: &'static str,
    pub bodies_none: &'static str,
    pub col_body: &'static str,
    pub col_kind: &'static str,
    pub col_public: &'static str,
    pub col_next: &'static str,
    pub none_planned: &'static str,
    /// "… und {} weitere."
    pub more: &'static str,

    // One body's meetings.
    pub fact_kind: &'static str,
    pub fact_rhythm: &'static str,
    pub fact_public: &'static str,
    pub public_page: &'static str,
    pub upcoming_heading: &'static str,
    pub upcoming_none: &'static str,
    pub past_heading: &'static str,
    pub past_none: &'static str,
    /// "… und {} ältere."
    pub older: &'static str,
    pub col_when: &'static str,
    pub col_meeting: &'static str,
    pub col_location: &'static str,
    pub col_state: &'static str,
    pub plan_heading: &'static str,
    pub plan_intro: &'static str,
    pub plan_button: &'static str,
    pub read_only: &'static str,

    // The fields of a meeting (planning and details).
    pub field_title: &'static str,
    pub hint_title: &'static str,
    pub field_date: &'static str,
    pub hint_date: &'static str,
    pub field_start: &'static str,
    pub hint_start: &'static str,
    pub field_end: &'static str,
    pub hint_end: &'static str,
    pub field_location: &'static str,
    pub field_state: &'static str,

    // The meeting's page.
    pub on_this_page: &'static str,
    pub fact_body: &'static str,
    pub fact_when: &'static str,
    pub fact_location: &'static str,
    pub fact_state: &'static str,
    pub fact_minutes: &'static str,
    pub minutes_approved: &'static str,
    pub minutes_draft: &'static str,
    pub minutes_none: &'static str,
    pub minutes_link: &'static str,
    pub details_heading: &'static str,
    pub details_button: &'static str,
    pub agenda_heading: &'static str,
    pub agenda_intro: &'static str,
    pub agenda_none: &'static str,
    /// The legend of an agenda row: "Punkt {}".
    pub agenda_row: &'static str,
    /// The legend of a blank agenda row: "Punkt {} (neu)".
    pub agenda_new_row: &'static str,
    pub field_number: &'static str,
    pub field_item_title: &'static str,
    pub field_position: &'static str,
    pub field_item_public: &'static str,
    pub field_remove: &'static str,
    pub agenda_button: &'static str,
    pub agenda_caption: &'static str,
    pub col_number: &'static str,
    pub col_topic: &'static str,
    pub col_result: &'static str,
    pub col_votes: &'static str,
    pub not_public: &'static str,
    pub attendance_heading: &'static str,
    pub attendance_intro: &'static str,
    pub attendance_none: &'static str,
    pub attendance_unrecorded: &'static str,
    pub attendance_button: &'static str,
    pub attendance_staff_only: &'static str,
    pub results_heading: &'static str,
    pub results_intro: &'static str,
    pub results_none: &'static str,
    /// The legend of an item's results: "TOP {number}: {title}".
    pub results_item: &'static str,
    pub field_result: &'static str,
    pub hint_result: &'static str,
    /// What the result field suggests (a `datalist`: any other text is fine too).
    pub result_suggestions: &'static [&'static str],
    pub field_resolution: &'static str,
    pub votes_legend: &'static str,
    pub votes_hint: &'static str,
    pub field_yes: &'static str,
    pub field_no: &'static str,
    pub field_abstain: &'static str,
    pub results_button: &'static str,
    pub protocol_heading: &'static str,
    pub field_minutes: &'static str,
    pub hint_minutes: &'static str,
    pub field_approved: &'static str,
    pub hint_approved: &'static str,
    pub protocol_button: &'static str,

    // Notices after a saved form.
    pub planned_notice: &'static str,
    pub details_notice: &'static str,
    pub agenda_notice: &'static str,
    pub attendance_notice: &'static str,
    pub results_notice: &'static str,
    pub protocol_notice: &'static str,

    // Refusals.
    pub errors_heading: &'static str,
    pub stale: &'static str,
    pub forbidden: &'static str,
    pub unknown_form: &'static str,
    pub not_a_count: &'static str,
    /// "… von 0 bis {} …"
    pub votes_range: &'static str,
    /// "… höchstens {} Punkte."
    pub agenda_too_long: &'static str,
    pub date_missing: &'static str,
    pub date_malformed: &'static str,
    pub date_out_of_range: &'static str,
    pub time_missing: &'static str,
    pub time_malformed: &'static str,
    pub time_skipped: &'static str,
    pub approve_empty: &'static str,

    // The printable minutes (Niederschrift).
    pub print_title: &'static str,
    pub print_hint: &'static str,
    pub back_to_meeting: &'static str,
    pub print_attendance: &'static str,
    pub print_no_attendance: &'static str,
    pub print_items: &'static str,
    pub print_no_items: &'static str,
    pub print_no_result: &'static str,
    pub print_resolution: &'static str,
    pub print_votes: &'static str,
    pub print_notes: &'static str,
    pub print_draft: &'static str,
    /// "Stand: {}"
    pub print_as_of: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

impl MeetingTexts {
    /// "… und 4 weitere."
    pub fn more(&self, n: usize) -> String {
        self.more.replace("{}", &n.to_string())
    }

    /// "… und 4 ältere."
    pub fn older(&self, n: usize) -> String {
        self.older.replace("{}", &n.to_string())
    }

    /// The legend of agenda row `n` (counted from 1).
    pub fn agenda_row(&self, n: usize) -> String {
        self.agenda_row.replace("{}", &n.to_string())
    }

    /// The legend of blank agenda row `n` (counted from 1).
    pub fn agenda_new_row(&self, n: usize) -> String {
        self.agenda_new_row.replace("{}", &n.to_string())
    }

    /// "TOP 3: Haushalt"
    pub fn results_item(&self, number: &str, title: &str) -> String {
        self.results_item
            .replace("{number}", number)
            .replace("{title}", title)
    }

    /// The refusal of a vote count outside 0..=`max`.
    pub fn votes_range(&self, max: i64) -> String {
        self.votes_range.replace("{}", &max.to_string())
    }

    /// The refusal of an agenda longer than `max` items.
    pub fn agenda_too_long(&self, max: usize) -> String {
        self.agenda_too_long.replace("{}", &max.to_string())
    }

    /// "Stand: 04.12.2026, 18:00 Uhr"
    pub fn print_as_of(&self, at: &str) -> String {
        self.print_as_of.replace("{}", at)
    }
}

pub static DE: MeetingTexts = MeetingTexts {
    nav: "Sitzungen",

    bodies_title: "Gremien und Sitzungen",
    bodies_intro_staff: "Wählen Sie ein Gremium, um seine Sitzungen zu sehen, eine neue zu \
        planen, die Tagesordnung einzutragen und die Sitzung zu protokollieren.",
    bodies_intro_member: "Die öffentlichen Gremien und die, in denen Ihre Organisation \
        mitwirkt. Sitzungen planen und protokollieren kann das Quartiersmanagement.",
    bodies_caption: "Gremien, nach Namen sortiert",
    bodies_none: "Es sind noch keine Gremien eingetragen.",
    col_body: "Gremium",
    col_kind: "Art",
    col_public: "Öffentlich",
    col_next: "Nächste Sitzung",
    none_planned: "keine geplant",
    more: "… und {} weitere.",

    fact_kind: "Art",
    fact_rhythm: "Turnus",
    fact_public: "Öffentlich",
    public_page: "Öffentliche Seite des Gremiums",
    upcoming_heading: "Kommende Sitzungen",
    upcoming_none: "Es sind keine Sitzungen geplant.",
    past_heading: "Vergangene Sitzungen",
    past_none: "Es haben noch keine Sitzungen stattgefunden.",
    older: "… und {} ältere.",
    col_when: "Datum und Uhrzeit",
    col_meeting: "Sitzung",
    col_location: "Ort",
    col_state: "Status",
    plan_heading: "Sitzung planen",
    plan_intro: "Legen Sie die Sitzung an; die Tagesordnung tragen Sie danach auf der Seite \
        der Sitzung ein.",
    plan_button: "Sitzung planen",
    read_only: "Sitzungen planen und bearbeiten kann das Quartiersmanagement; Sie sehen sie \
        hier nur.",

    field_title: "Titel",
    hint_title: "Zum Beispiel „Stadtteilkonferenz Dezember“.",
    field_date: "Datum",
    hint_date: "Als TT.MM.JJJJ, zum Beispiel 10.12.2026.",
    field_start: "Beginn",
    hint_start: "Uhrzeit, zum Beispiel 18:00.",
    field_end: "Ende",
    hint_end: "Uhrzeit. Leer lassen, wenn offen; liegt sie vor dem Beginn, endet die Sitzung \
        am nächsten Tag.",
    field_location: "Ort",
    field_state: "Status",

    on_this_page: "Auf dieser Seite",
    fact_body: "Gremium",
    fact_when: "Datum und Uhrzeit",
    fact_location: "Ort",
    fact_state: "Status",
    fact_minutes: "Protokoll",
    minutes_approved: "freigegeben",
    minutes_draft: "Entwurf, nicht freigegeben",
    minutes_none: "noch keine Notizen",
    minutes_link: "Niederschrift ansehen und drucken",
    details_heading: "Angaben zur Sitzung",
    details_button: "Angaben speichern",
    agenda_heading: "Tagesordnung",
    agenda_intro: "Tragen Sie je Zeile einen Punkt ein. Die Nummer erscheint so, wie Sie sie \
        schreiben (zum Beispiel 1, 2 oder 3.1); die Position bestimmt die Reihenfolge. Zeilen \
        ohne Titel werden nicht gespeichert. Für weitere Punkte speichern Sie: Danach stehen \
        wieder drei leere Zeilen bereit.",
    agenda_none: "Noch keine Tagesordnung eingetragen.",
    agenda_row: "Punkt {}",
    agenda_new_row: "Punkt {} (neu)",
    field_number: "Nummer",
    field_item_title: "Titel des Punkts",
    field_position: "Position",
    field_item_public: "öffentlich",
    field_remove: "entfernen",
    agenda_button: "Tagesordnung speichern",
    agenda_caption: "Tagesordnung mit Ergebnissen",
    col_number: "TOP",
    col_topic: "Thema",
    col_result: "Ergebnis",
    col_votes: "Abstimmung",
    not_public: "nicht öffentlich",
    attendance_heading: "Anwesenheit",
    attendance_intro: "Die Mitglieder des Gremiums und alle bisher Erfassten. „Nicht erfasst“ \
        lässt den Eintrag weg.",
    attendance_none: "Für dieses Gremium sind keine Mitglieder eingetragen.",
    attendance_unrecorded: "nicht erfasst",
    attendance_button: "Anwesenheit speichern",
    attendance_staff_only: "Die Anwesenheit sieht nur das Quartiersmanagement.",
    results_heading: "Ergebnisse je Tagesordnungspunkt",
    results_intro: "Das Ergebnis, der Wortlaut des Beschlusses und die Abstimmung. Die \
        Ergebnisse öffentlicher Punkte stehen sofort auf der öffentlichen Seite des Gremiums.",
    results_none: "Tragen Sie zuerst die Tagesordnung ein.",
    results_item: "TOP {number}: {title}",
    field_result: "Ergebnis",
    hint_result: "Zum Beispiel „angenommen“, „abgelehnt“, „vertagt“ oder „zur Kenntnis \
        genommen“.",
    result_suggestions: &[
        "angenommen",
        "abgelehnt",
        "vertagt",
        "zur Kenntnis genommen",
        "beraten",
    ],
    field_resolution: "Beschluss",
    votes_legend: "Abstimmung",
    votes_hint: "Anzahl der Stimmen. Leer lassen, wenn nicht abgestimmt wurde.",
    field_yes: "Ja",
    field_no: "Nein",
    field_abstain: "Enthaltungen",
    results_button: "Ergebnisse speichern",
    protocol_heading: "Protokoll",
    field_minutes: "Weitere Notizen zum Protokoll",
    hint_minutes: "Was zu keinem Tagesordnungspunkt gehört. Außer dem Quartiersmanagement \
        sieht die Notizen niemand vor der Freigabe.",
    field_approved: "Protokoll freigegeben",
    hint_approved: "Mit der Freigabe sehen die Notizen alle, die das Gremium sehen dürfen – \
        bei einem öffentlichen Gremium über die Programmierschnittstelle also jede und jeder. \
        Die öffentliche Niederschrift zeigt sie nicht.",
    protocol_button: "Protokoll speichern",

    planned_notice: "Die Sitzung ist geplant. Tragen Sie jetzt die Tagesordnung ein.",
    details_notice: "Die Angaben zur Sitzung sind gespeichert.",
    agenda_notice: "Die Tagesordnung ist gespeichert.",
    attendance_notice: "Die Anwesenheit ist gespeichert.",
    results_notice: "Die Ergebnisse sind gespeichert.",
    protocol_notice: "Das Protokoll ist gespeichert.",

    errors_heading: "Die Änderung wurde nicht gespeichert",
    stale: "Die Sitzung wurde inzwischen von jemand anderem geändert, deshalb wurde Ihre \
        Änderung nicht gespeichert. Die Seite zeigt jetzt den aktuellen Stand – bitte prüfen \
        Sie ihn und tragen Sie Ihre Änderung erneut ein.",
    forbidden: "Sitzungen planen und bearbeiten kann nur das Quartiersmanagement.",
    unknown_form: "Dieses Formular ist unbekannt. Bitte öffnen Sie die Seite neu.",
    not_a_count: "Bitte geben Sie eine ganze Zahl ein, nur Ziffern (zum Beispiel 7).",
    votes_range: "Bitte geben Sie eine Zahl von 0 bis {} ein.",
    agenda_too_long: "Eine Tagesordnung hat höchstens {} Punkte.",
    date_missing: "Bitte geben Sie das Datum an.",
    date_malformed: "Bitte geben Sie das Datum als TT.MM.JJJJ an, zum Beispiel 10.12.2026.",
    date_out_of_range: "Das Datum muss zwischen den Jahren 1900 und 2199 liegen.",
    time_missing: "Bitte geben Sie die Uhrzeit an.",
    time_malformed: "Bitte geben Sie die Uhrzeit als SS:MM an, zum Beispiel 18:00.",
    time_skipped: "Diese Uhrzeit gibt es am Tag der Umstellung auf die Sommerzeit nicht.",
    approve_empty: "Ein Protokoll ohne Notizen kann nicht freigegeben werden.",

    print_title: "Niederschrift",
    print_hint: "Zum Drucken nutzen Sie das Menü Ihres Browsers (oder Strg+P).",
    back_to_meeting: "Zurück zur Sitzung",
    print_attendance: "Anwesenheit",
    print_no_attendance: "Keine Anwesenheit erfasst.",
    print_items: "Tagesordnung und Ergebnisse",
    print_no_items: "Keine Tagesordnungspunkte eingetragen.",
    print_no_result: "Kein Ergebnis eingetragen.",
    print_resolution: "Beschluss",
    print_votes: "Abstimmung",
    print_notes: "Weitere Notizen",
    print_draft: "Entwurf – das Protokoll ist noch nicht freigegeben.",
    print_as_of: "Stand: {}",
    yes: "ja",
    no: "nein",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_are_put_into_the_german_sentences() {
        assert_eq!(DE.more(3), "… und 3 weitere.");
        assert_eq!(DE.agenda_row(2), "Punkt 2");
        assert_eq!(DE.results_item("3.1", "Haushalt"), "TOP 3.1: Haushalt");
        assert_eq!(
            DE.votes_range(10_000),
            "Bitte geben Sie eine Zahl von 0 bis 10000 ein."
        );
        assert!(DE.agenda_too_long(200).contains("höchstens 200 Punkte"));
    }
}
