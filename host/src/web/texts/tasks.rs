//! The words of the task pages: the municipality's task matrix (*Aufgabenmatrix*) with the
//! year's log counts, and the task log (*Aufgabenprotokoll*) with its form.

/// The task pages' words in one language.
#[derive(Debug)]
pub struct TaskTexts {
    pub nav_tasks: &'static str,

    // The matrix.
    pub matrix_title: &'static str,
    pub matrix_intro: &'static str,
    /// "QM-Modell: {}"
    pub qm_model: &'static str,
    pub adapted: &'static str,
    pub base_applies: &'static str,
    pub year_label: &'static str,
    pub year_show: &'static str,
    pub col_task: &'static str,
    /// "Einträge {}"
    pub col_logged: &'static str,
    pub counts_as_qm: &'static str,
    pub not_assigned: &'static str,
    pub to_log: &'static str,

    // The log.
    pub log_title: &'static str,
    pub log_intro: &'static str,
    pub log_filter: &'static str,
    pub any_task: &'static str,
    pub log_empty: &'static str,
    /// "Einträge {} bis {} von {}"
    pub log_range: &'static str,
    pub col_year: &'static str,
    pub col_column: &'static str,
    pub col_activity: &'static str,
    pub col_recorded: &'static str,
    pub whole_task: &'static str,
    pub delete_button: &'static str,
    pub add_heading: &'static str,
    pub field_task: &'static str,
    pub field_column: &'static str,
    pub field_activity: &'static str,
    pub activity_hint: &'static str,
    pub add_button: &'static str,
    pub error_heading: &'static str,
    pub recorded_notice: &'static str,
    pub deleted_notice: &'static str,
    pub back_to_matrix: &'static str,
}

impl TaskTexts {
    /// "Einträge 2026"
    pub fn logged(&self, year: i64) -> String {
        self.col_logged.replace("{}", &year.to_string())
    }

    /// "Einträge 1 bis 50 von 120"
    pub fn range(&self, from: i64, to: i64, total: i64) -> String {
        self.log_range
            .replacen("{}", &from.to_string(), 1)
            .replacen("{}", &to.to_string(), 1)
            .replacen("{}", &total.to_string(), 1)
    }
}

pub const DE: TaskTexts = TaskTexts {
    nav_tasks: "Aufgaben",

    matrix_title: "Aufgabenmatrix",
    matrix_intro: "Wer im Quartiersmanagement welche Aufgabe übernimmt – Steuerung, Planung und Gemeinwesenarbeit – nach dem QM-Modell der Kommune, mit den Einträgen des Jahres im Aufgabenprotokoll.",
    qm_model: "QM-Modell: {}",
    adapted: "Die Matrix ist vom Plugin der Kommune an ihr QM-Modell angepasst.",
    base_applies: "Es gilt die Grundmatrix des Leitfadens.",
    year_label: "Jahr",
    year_show: "Anzeigen",
    col_task: "Aufgabe",
    col_logged: "Einträge {}",
    counts_as_qm: "zählt als Quartiersmanagement",
    not_assigned: "nicht zugeordnet",
    to_log: "Zum Aufgabenprotokoll",

    log_title: "Aufgabenprotokoll",
    log_intro: "Was für welche Aufgabe der Matrix getan wurde, neueste Einträge zuerst. Einträge werden nicht geändert; ein falscher Eintrag wird gelöscht und neu erfasst.",
    log_filter: "Einträge eingrenzen",
    any_task: "alle Aufgaben",
    log_empty: "Keine Einträge.",
    log_range: "Einträge {} bis {} von {}",
    col_year: "Jahr",
    col_column: "Bereich",
    col_activity: "Was getan wurde",
    col_recorded: "Erfasst",
    whole_task: "ganze Aufgabe",
    delete_button: "Löschen",
    add_heading: "Eintrag erfassen",
    field_task: "Aufgabe",
    field_column: "Bereich",
    field_activity: "Was wurde getan?",
    activity_hint: "Ein, zwei Sätze; höchstens 2.000 Zeichen.",
    add_button: "Eintrag speichern",
    error_heading: "Bitte prüfen Sie Ihre Angaben",
    recorded_notice: "Der Eintrag ist gespeichert.",
    deleted_notice: "Der Eintrag ist gelöscht.",
    back_to_matrix: "Zur Aufgabenmatrix",
};
