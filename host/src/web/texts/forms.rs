//! The words of forms rendered from a JSON Schema (`web::schema_form`), of the resident's
//! fund application and of the staff's self-evaluation page, in one place like the public
//! pages' in the parent module.

/// The forms' words in one language.
#[derive(Debug)]
pub struct FormTexts {
    /// Names a row of a list whose entries have no title: "Eintrag 1".
    pub row: &'static str,
    pub not_an_integer: &'static str,
    pub not_a_number: &'static str,
    /// Below a list entered one per line.
    pub lines_hint: &'static str,
    /// Above the rows of a list.
    pub rows_hint: &'static str,
    /// When the caps left fields of the municipality's form out.
    pub truncated: &'static str,

    // The fund application.
    pub fund_link: &'static str,
    pub fund_link_intro: &'static str,
    /// The heading when the municipality's form has no title.
    pub fund_title: &'static str,
    pub fund_intro: &'static str,
    pub fund_field: &'static str,
    pub fund_hint: &'static str,
    /// "bis zu 1.500,00 € je Antrag"
    pub fund_cap: &'static str,
    pub no_funds: &'static str,
    pub fund_submit: &'static str,
    pub fund_received: &'static str,
    pub fund_manual_review: &'static str,

    // The self-evaluation (staff).
    pub evaluation_title: &'static str,
    pub evaluation_intro: &'static str,
    pub evaluations_heading: &'static str,
    pub evaluations_caption: &'static str,
    pub no_evaluations: &'static str,
    pub col_year: &'static str,
    pub col_area: &'static str,
    pub col_recorded: &'static str,
    pub col_review: &'static str,
    pub whole_municipality: &'static str,
    pub evaluation_form_heading: &'static str,
    pub evaluation_area: &'static str,
    pub evaluation_area_hint: &'static str,
    pub evaluation_submit: &'static str,
    pub evaluation_saved: &'static str,
    /// "… und {} ältere"
    pub evaluations_more: &'static str,
}

pub static DE: FormTexts = FormTexts {
    row: "Eintrag",
    not_an_integer: "Bitte geben Sie eine ganze Zahl ein, nur Ziffern (z. B. 35000).",
    not_a_number: "Bitte geben Sie eine Zahl ein (z. B. 12,5).",
    lines_hint: "Eine Angabe je Zeile.",
    rows_hint: "Füllen Sie so viele Einträge aus, wie Sie brauchen; leere werden nicht \
        gespeichert.",
    truncated: "Dieses Formular ist zu umfangreich, um vollständig angezeigt zu werden. Bitte \
        wenden Sie sich an das Quartiersmanagement.",

    fund_link: "Fördergeld beantragen",
    fund_link_intro: "Sie haben eine Idee für Ihre Nachbarschaft? Aus den Fonds im Quartier \
        können Bewohnerinnen und Bewohner, Initiativen und Vereine Geld für kleine Vorhaben \
        beantragen – ein Konto brauchen Sie dafür nicht.",
    fund_title: "Fördergeld beantragen",
    fund_intro: "Über den Antrag wird nach den Regeln des Fonds entschieden. Nach dem Absenden \
        sehen Sie auf einer eigenen Seite, wie es weitergeht.",
    fund_field: "Fonds",
    fund_hint: "An welchen Fonds richtet sich Ihr Antrag?",
    fund_cap: "bis zu {} je Antrag",
    no_funds: "Zurzeit nimmt die Kommune über diese Seite keine Anträge an. Das \
        Quartiersmanagement berät Sie gern.",
    fund_submit: "Antrag absenden",
    fund_received: "Vielen Dank! Ihr Antrag ist eingegangen.",
    fund_manual_review: "Ihr Antrag wird zunächst von einer Person geprüft.",

    evaluation_title: "Selbstevaluation",
    evaluation_intro: "Halten Sie hier die Selbstevaluation eines Jahres fest – für die ganze \
        Kommune oder ein Gebiet. Der Bericht „Selbstevaluation“ und der Jahresbericht zeigen \
        die Antworten des Jahres.",
    evaluations_heading: "Festgehaltene Selbstevaluationen",
    evaluations_caption: "Selbstevaluationen, das jüngste Jahr zuerst",
    no_evaluations: "Noch keine Selbstevaluation festgehalten.",
    col_year: "Jahr",
    col_area: "Gebiet",
    col_recorded: "Festgehalten am",
    col_review: "Prüfung",
    whole_municipality: "ganze Kommune",
    evaluation_form_heading: "Neue Selbstevaluation",
    evaluation_area: "Gebiet",
    evaluation_area_hint: "Leer lassen, wenn die Selbstevaluation die ganze Kommune betrifft.",
    evaluation_submit: "Selbstevaluation speichern",
    evaluation_saved: "Die Selbstevaluation ist gespeichert.",
    evaluations_more: "… und {} ältere",
};
