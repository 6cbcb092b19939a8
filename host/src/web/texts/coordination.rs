//! The words of the coordination's own pages: the municipality's plugins (upload, switch,
//! how their calls went) and the audit log.

/// The coordination pages' words in one language.
#[derive(Debug)]
pub struct CoordinationTexts {
    pub nav_plugins: &'static str,
    pub nav_audit: &'static str,

    // The plugins page.
    pub plugins_title: &'static str,
    pub plugins_intro: &'static str,
    pub plugins_read_only: &'static str,
    pub active_heading: &'static str,
    /// "{name} {version}, aktiv seit {day}"
    pub active_line: &'static str,
    pub none_active: &'static str,
    pub upload_heading: &'static str,
    pub upload_field: &'static str,
    pub upload_hint: &'static str,
    pub upload_button: &'static str,
    pub upload_missing: &'static str,
    pub versions_heading: &'static str,
    pub no_versions: &'static str,
    pub col_plugin: &'static str,
    pub col_uploaded: &'static str,
    pub col_size: &'static str,
    pub col_state: &'static str,
    pub col_calls: &'static str,
    pub col_errors: &'static str,
    pub col_actions: &'static str,
    pub state_active: &'static str,
    pub state_inactive: &'static str,
    pub activate_button: &'static str,
    /// "{} Aufrufe, Median {} ms, 99 % unter {} ms"
    pub calls_line: &'static str,
    pub no_calls: &'static str,
    pub no_errors: &'static str,
    pub failures_summary: &'static str,
    pub failures_caption: &'static str,
    pub col_at: &'static str,
    pub col_hook: &'static str,
    pub col_code: &'static str,
    pub stats_note: &'static str,
    pub switch_heading: &'static str,
    pub roll_back_button: &'static str,
    pub roll_back_hint: &'static str,
    pub deactivate_button: &'static str,
    pub deactivate_hint: &'static str,
    pub problem_heading: &'static str,
    pub uploaded_notice: &'static str,
    pub activated_notice: &'static str,
    pub rolled_back_notice: &'static str,
    pub deactivated_notice: &'static str,

    // The audit log.
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub audit_filter: &'static str,
    pub audit_action: &'static str,
    pub audit_object: &'static str,
    pub audit_any: &'static str,
    pub audit_show: &'static str,
    pub audit_empty: &'static str,
    /// "Einträge {} bis {} von {}"
    pub audit_range: &'static str,
    pub col_when: &'static str,
    pub col_actor: &'static str,
    pub col_action: &'static str,
    pub col_object: &'static str,
    pub col_detail: &'static str,
}

impl CoordinationTexts {
    /// "{} Aufrufe, Median … ms, 99 % unter … ms", or that there were none.
    pub fn calls(&self, count: u64, p50_ms: Option<f64>, p99_ms: Option<f64>) -> String {
        match (count, p50_ms, p99_ms) {
            (0, _, _) => self.no_calls.to_owned(),
            (n, Some(p50), Some(p99)) => self
                .calls_line
                .replacen("{}", &n.to_string(), 1)
                .replacen("{}", &milliseconds(p50), 1)
                .replacen("{}", &milliseconds(p99), 1),
            (n, _, _) => n.to_string(),
        }
    }

    /// "Einträge 1 bis 50 von 1.234"
    pub fn range(&self, from: i64, to: i64, total: i64) -> String {
        self.audit_range
            .replacen("{}", &from.to_string(), 1)
            .replacen("{}", &to.to_string(), 1)
            .replacen("{}", &total.to_string(), 1)
    }
}

/// "0,42" — milliseconds with a German decimal comma.
fn milliseconds(ms: f64) -> String {
    format!("{ms:.2}").replace('.', ",")
}

pub const DE: CoordinationTexts = CoordinationTexts {
    nav_plugins: "Plugins",
    nav_audit: "Protokoll",

    plugins_title: "Plugins",
    plugins_intro: "Das Plugin passt Formulare, Aufgaben, Wege und Berichte an das QM-Modell der Kommune an. Es läuft abgeschottet; ohne aktives Plugin gelten die Grundregeln.",
    plugins_read_only: "Hochladen und Umschalten ist der Koordination vorbehalten.",
    active_heading: "Aktives Plugin",
    active_line: "{name} {version}, aktiv seit {day}",
    none_active: "Kein Plugin ist aktiv: Es gelten die Grundregeln.",
    upload_heading: "Neue Version hochladen",
    upload_field: "Komponente (.wasm)",
    upload_hint: "Eine mit dem Quartier-SDK gebaute WebAssembly-Komponente. Sie wird geprüft und als inaktive Version gespeichert.",
    upload_button: "Hochladen und prüfen",
    upload_missing: "Bitte wählen Sie eine Datei aus.",
    versions_heading: "Versionen",
    no_versions: "Noch keine Version hochgeladen.",
    col_plugin: "Plugin",
    col_uploaded: "Hochgeladen",
    col_size: "Größe",
    col_state: "Status",
    col_calls: "Aufrufe in diesem Prozess",
    col_errors: "Fehler",
    col_actions: "Aktion",
    state_active: "aktiv",
    state_inactive: "inaktiv",
    activate_button: "Aktivieren",
    calls_line: "{} Aufrufe, Median {} ms, 99 % unter {} ms",
    no_calls: "keine",
    no_errors: "keine",
    failures_summary: "Letzte Fehler",
    failures_caption: "Die letzten fehlgeschlagenen Aufrufe, neueste zuerst",
    col_at: "Zeitpunkt",
    col_hook: "Schnittstelle",
    col_code: "Fehlercode",
    stats_note: "Aufrufe und Fehler zählt jeder Serverprozess für sich, seit seinem Start.",
    switch_heading: "Umschalten",
    roll_back_button: "Zur vorherigen Version zurück",
    roll_back_hint: "Aktiviert die Version, die vor der jetzigen aktiv war.",
    deactivate_button: "Plugin deaktivieren",
    deactivate_hint: "Alle Funktionen arbeiten dann nach den Grundregeln.",
    problem_heading: "Das hat nicht geklappt",
    uploaded_notice: "Die Version ist geprüft und gespeichert. Sie ist noch nicht aktiv.",
    activated_notice: "Die Version ist jetzt aktiv.",
    rolled_back_notice: "Die vorherige Version ist wieder aktiv.",
    deactivated_notice: "Das Plugin ist deaktiviert; es gelten die Grundregeln.",

    audit_title: "Protokoll",
    audit_intro: "Wer wann was geändert hat, und wer personenbezogene Daten gelesen hat – neueste Einträge zuerst.",
    audit_filter: "Einträge eingrenzen",
    audit_action: "Aktion",
    audit_object: "Art des Objekts",
    audit_any: "alle",
    audit_show: "Anzeigen",
    audit_empty: "Keine Einträge.",
    audit_range: "Einträge {} bis {} von {}",
    col_when: "Zeitpunkt",
    col_actor: "Wer",
    col_action: "Aktion",
    col_object: "Objekt",
    col_detail: "Anlass",
};

#[cfg(test)]
mod tests {
    use super::DE;

    #[test]
    fn call_figures_read_as_german_sentences() {
        assert_eq!(
            DE.calls(12, Some(0.4213), Some(3.0)),
            "12 Aufrufe, Median 0,42 ms, 99 % unter 3,00 ms"
        );
        assert_eq!(DE.calls(0, None, None), "keine");
        assert_eq!(DE.range(1, 50, 120), "Einträge 1 bis 50 von 120");
    }
}
