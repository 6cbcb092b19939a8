//! The words of the exchange page: the centre's catalogue and the municipality's shared
//! items.

/// The exchange page's words in one language.
#[derive(Debug)]
pub struct ExchangeTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub catalogue_heading: &'static str,
    pub search_label: &'static str,
    pub search_words: &'static str,
    pub search_kind: &'static str,
    pub search_kind_all: &'static str,
    pub search_button: &'static str,
    pub found_one: &'static str,
    /// "{} Beiträge gefunden"
    pub found: &'static str,
    pub found_none: &'static str,
    /// "von {site} ({municipality}), freigegeben am {day}"
    pub from_site: &'static str,
    /// "Termin: {}"
    pub on_day: &'static str,
    pub not_enrolled: &'static str,
    pub mine_heading: &'static str,
    pub mine_empty: &'static str,
    pub col_title: &'static str,
    pub col_kind: &'static str,
    pub col_released: &'static str,
    pub col_state: &'static str,
    pub listed: &'static str,
    pub withdrawn: &'static str,
    pub delivered: &'static str,
    pub waiting: &'static str,
    pub withdraw_button: &'static str,
    pub release_heading: &'static str,
    pub release_hint: &'static str,
    pub field_kind: &'static str,
    pub field_title: &'static str,
    pub field_summary: &'static str,
    pub field_summary_hint: &'static str,
    pub field_field: &'static str,
    pub field_field_none: &'static str,
    pub field_date: &'static str,
    pub field_date_hint: &'static str,
    pub field_place: &'static str,
    pub field_file: &'static str,
    pub field_file_hint: &'static str,
    /// "Unterlagen: {name} (PDF, {kb} KB)"
    pub attachment: &'static str,
    pub release_button: &'static str,
    pub released_notice: &'static str,
    pub withdrawn_notice: &'static str,
}

pub static DE: ExchangeTexts = ExchangeTexts {
    nav: "Austausch",
    title: "Austausch mit anderen Standorten",
    intro: "Im Austauschkatalog der Servicestelle steht, was andere Standorte geteilt haben: \
            Gute-Praxis-Dossiers, Ausschreibungsunterlagen und Veranstaltungen.",
    catalogue_heading: "Austauschkatalog",
    search_label: "Im Katalog suchen",
    search_words: "Suchwörter",
    search_kind: "Art",
    search_kind_all: "alle Arten",
    search_button: "Suchen",
    found_one: "1 Beitrag gefunden",
    found: "{} Beiträge gefunden",
    found_none: "Keine Beiträge gefunden.",
    from_site: "von {site} ({municipality}), freigegeben am {day}",
    on_day: "Termin: {}",
    not_enrolled: "Dieser Standort ist bei keiner Servicestelle angemeldet. Die Betreiberin \
                   oder der Betreiber meldet ihn mit „quartier federation enrol“ an.",
    mine_heading: "Geteilte Beiträge dieser Kommune",
    mine_empty: "Die Kommune hat noch nichts geteilt.",
    col_title: "Titel",
    col_kind: "Art",
    col_released: "Freigegeben",
    col_state: "Stand",
    listed: "im Katalog",
    withdrawn: "zurückgezogen",
    delivered: "bei der Servicestelle",
    waiting: "wird zugestellt",
    withdraw_button: "Zurückziehen",
    release_heading: "Einen Beitrag teilen",
    release_hint: "Was Sie hier freigeben, sehen die Fachkräfte aller angeschlossenen \
                   Standorte. Bitte keine Namen von Personen, keine E-Mail-Adressen und \
                   keine Telefonnummern: die Servicestelle erhält keine personenbezogenen \
                   Daten.",
    field_kind: "Art des Beitrags",
    field_title: "Titel",
    field_summary: "Zusammenfassung",
    field_summary_hint: "Was andere Standorte wissen sollten, höchstens 4.000 Zeichen.",
    field_field: "Handlungsfeld",
    field_field_none: "keines",
    field_date: "Datum",
    field_date_hint: "Bei Veranstaltungen der Tag, bei Ausschreibungen die Abgabefrist.",
    field_place: "Ort",
    field_file: "Unterlagen (PDF)",
    field_file_hint: "Zum Beispiel die Ausschreibungsunterlagen, höchstens 2 MiB. Bitte nur \
                      Unterlagen ohne personenbezogene Daten.",
    attachment: "Unterlagen: {name} (PDF, {kb} KB)",
    release_button: "Freigeben",
    released_notice: "Der Beitrag ist freigegeben und wird der Servicestelle zugestellt.",
    withdrawn_notice: "Der Beitrag ist zurückgezogen; die Servicestelle nimmt ihn aus dem \
                       Katalog.",
};
