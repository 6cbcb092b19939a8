//! The words of the signed-in pages (sign-in, the frame with navigation, the start page,
//! reports, the concerns' inbox and steps),
//! in one place like the public pages' in the parent module.

use crate::auth::Role;

/// The signed-in pages' words in one language.
#[derive(Debug)]
pub struct StaffTexts {
    // The sign-in page.
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub field_username: &'static str,
    pub field_password: &'static str,
    pub sign_in_submit: &'static str,
    // Single sign-on.
    pub sso_heading: &'static str,
    pub sso_intro: &'static str,
    pub sso_with: &'static str,
    pub sso_failed_title: &'static str,
    pub sso_back: &'static str,
    pub username_missing: &'static str,
    pub password_missing: &'static str,
    /// The one answer for an unknown name and a wrong password alike.
    pub credentials_wrong: &'static str,
    /// "… {} Minuten …": the wait after too many attempts.
    pub too_many_attempts: &'static str,
    pub too_many_attempts_one: &'static str,
    pub signed_out: &'static str,
    pub session_expired: &'static str,
    pub public_hint: &'static str,
    pub public_hint_link: &'static str,

    // A state-changing form without its token.
    pub form_refused_title: &'static str,
    pub form_refused_text: &'static str,
    pub form_unreadable_text: &'static str,
    pub back_to_sign_in: &'static str,
    pub back_to_start: &'static str,

    // The frame of every signed-in page.
    pub tagline: &'static str,
    pub nav_label: &'static str,
    pub signed_in_as: &'static str,
    pub sign_out: &'static str,
    pub nav_overview: &'static str,
    pub nav_public: &'static str,
    pub nav_municipalities: &'static str,
    pub nav_reports: &'static str,
    pub footer: &'static str,

    // The reports pages.
    pub reports_title: &'static str,
    pub reports_intro: &'static str,
    pub report_kind: &'static str,
    pub report_year: &'static str,
    pub report_year_hint: &'static str,
    pub report_area: &'static str,
    pub report_whole_municipality: &'static str,
    pub report_show: &'static str,
    pub report_error_heading: &'static str,
    // The comparison across sites (centre mode, the centre's own municipality).
    pub comparison_heading: &'static str,
    pub comparison_intro: &'static str,
    pub comparison_period: &'static str,
    pub comparison_period_hint: &'static str,
    pub comparison_show: &'static str,
    // Publishing reports on the municipality's public page (coordination).
    pub published_heading: &'static str,
    pub published_intro: &'static str,
    pub published_none: &'static str,
    pub published_col_title: &'static str,
    pub published_col_at: &'static str,
    pub published_col_actions: &'static str,
    pub publish_button: &'static str,
    pub publish_hint: &'static str,
    pub withdraw_button: &'static str,
    pub published_notice: &'static str,
    pub withdrawn_notice: &'static str,

    // Roles as people call them.
    pub role_admin: &'static str,
    pub role_coordinator: &'static str,
    pub role_qm: &'static str,
    pub role_member: &'static str,
    pub role_jury: &'static str,
    pub role_centre: &'static str,

    // The start page.
    pub work_title: &'static str,
    pub work_summary_label: &'static str,
    pub nothing_for_role: &'static str,
    pub choose_title: &'static str,
    pub choose_intro: &'static str,
    pub applications_heading_staff: &'static str,
    pub applications_heading_jury: &'static str,
    pub no_applications: &'static str,
    pub concerns_heading_staff: &'static str,
    pub concerns_heading_member: &'static str,
    pub no_concerns: &'static str,
    pub proofs_heading: &'static str,
    pub no_proofs: &'static str,
    pub meetings_heading: &'static str,
    pub no_meetings: &'static str,
    /// "… und {} weitere": more items than the list shows.
    pub more_items: &'static str,
    pub step_check: &'static str,
    pub step_advise: &'static str,
    pub step_decide: &'static str,
    pub manual_review: &'static str,
    pub fact_fund: &'static str,
    pub fact_amount: &'static str,
    pub fact_state: &'static str,
    pub fact_step: &'static str,
    pub fact_received: &'static str,
    pub fact_area: &'static str,
    pub fact_department: &'static str,
    pub fact_due: &'static str,
    pub fact_paid: &'static str,
    pub fact_location: &'static str,
    pub today: &'static str,
    pub one_day_ago: &'static str,
    /// "vor {} Tagen"
    pub days_ago: &'static str,

    // The concerns pages (Lotsenfunktion): the inbox.
    pub nav_concerns: &'static str,
    pub nav_self_evaluations: &'static str,
    pub inbox_title: &'static str,
    pub inbox_intro_staff: &'static str,
    pub inbox_intro_member: &'static str,
    pub inbox_filter_label: &'static str,
    pub inbox_open: &'static str,
    pub inbox_final: &'static str,
    pub inbox_all: &'static str,
    pub inbox_empty: &'static str,
    /// "Anliegen {from}–{to} von {total}, die am längsten wartenden zuerst"
    pub inbox_range: &'static str,
    pub col_reference: &'static str,
    pub col_category: &'static str,
    pub col_area: &'static str,
    pub col_state: &'static str,
    pub col_received: &'static str,
    pub col_department: &'static str,
    pub pages_label: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    // One concern.
    /// "Anliegen {}"
    pub concern_title: &'static str,
    pub fact_category: &'static str,
    pub fact_source: &'static str,
    pub fact_reference: &'static str,
    pub fact_forwarded: &'static str,
    pub fact_feedback_at: &'static str,
    pub fact_reported: &'static str,
    pub fact_channel: &'static str,
    pub fact_closed: &'static str,
    pub fact_duplicate_of: &'static str,
    pub concern_text_heading: &'static str,
    pub concern_no_text: &'static str,
    pub proposal_heading: &'static str,
    /// "Die Regeln Ihrer Kommune schlagen vor: an {} weiterleiten."
    pub proposal_department: &'static str,
    /// "Die Regeln Ihrer Kommune sehen niemanden in der Kommune als zuständig: {}"
    pub proposal_not_responsible: &'static str,
    pub proposal_none: &'static str,
    pub contact_heading: &'static str,
    pub contact_show: &'static str,
    pub contact_logged_hint: &'static str,
    pub contact_none: &'static str,
    pub contact_erased: &'static str,
    pub contact_refused: &'static str,
    pub contact_name: &'static str,
    pub contact_email: &'static str,
    pub contact_phone: &'static str,
    pub contact_may_contact: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub answers_heading: &'static str,
    pub answer_department: &'static str,
    pub answer_released: &'static str,
    pub answer_none: &'static str,
    pub history_heading: &'static str,
    pub col_at: &'static str,
    pub col_step: &'static str,
    pub col_actor: &'static str,
    pub col_note: &'static str,
    pub history_received: &'static str,
    pub steps_heading: &'static str,
    pub steps_none: &'static str,
    pub step_errors_heading: &'static str,
    // The step forms.
    pub forward_heading: &'static str,
    pub forward_department: &'static str,
    pub forward_department_hint: &'static str,
    pub forward_proposed: &'static str,
    pub forward_other: &'static str,
    pub forward_other_hint: &'static str,
    pub forward_note: &'static str,
    pub forward_button: &'static str,
    pub forward_unknown: &'static str,
    pub feedback_heading: &'static str,
    pub feedback_text: &'static str,
    pub feedback_hint: &'static str,
    pub feedback_button: &'static str,
    pub report_heading: &'static str,
    pub report_text: &'static str,
    pub report_hint: &'static str,
    pub report_channel: &'static str,
    pub report_button: &'static str,
    pub close_heading: &'static str,
    pub close_hint: &'static str,
    pub close_button: &'static str,
    pub not_responsible_heading: &'static str,
    pub not_responsible_text: &'static str,
    pub not_responsible_hint: &'static str,
    pub not_responsible_button: &'static str,
    pub duplicate_heading: &'static str,
    pub duplicate_reference: &'static str,
    pub duplicate_hint: &'static str,
    pub duplicate_button: &'static str,
    pub duplicate_unknown: &'static str,
    pub step_unknown: &'static str,
    // What a step did (after the redirect).
    pub forwarded_notice: &'static str,
    pub feedback_notice: &'static str,
    pub reported_notice: &'static str,
    pub closed_notice: &'static str,
    pub not_responsible_notice: &'static str,
    pub duplicate_notice: &'static str,
}

impl StaffTexts {
    /// How people call a role.
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.role_admin,
            Role::Coordinator => self.role_coordinator,
            Role::Qm => self.role_qm,
            Role::Member => self.role_member,
            Role::Jury => self.role_jury,
            Role::Centre => self.role_centre,
        }
    }

    /// The wait after too many sign-in attempts, in whole minutes (at least one).
    pub fn wait_minutes(&self, minutes: u64) -> String {
        match minutes {
            0 | 1 => self.too_many_attempts_one.to_owned(),
            n => self.too_many_attempts.replace("{}", &n.to_string()),
        }
    }

    /// How long ago, in days: "heute", "vor 1 Tag", "vor 3 Tagen".
    pub fn days_ago(&self, days: i64) -> String {
        match days {
            ..=0 => self.today.to_owned(),
            1 => self.one_day_ago.to_owned(),
            n => self.days_ago.replace("{}", &n.to_string()),
        }
    }

    /// "Anliegen 1–50 von 120, …"
    pub fn inbox_range(&self, from: i64, to: i64, total: i64) -> String {
        self.inbox_range
            .replace("{from}", &from.to_string())
            .replace("{to}", &to.to_string())
            .replace("{total}", &total.to_string())
    }

    /// "und 4 weitere"
    pub fn more(&self, count: usize) -> String {
        self.more_items.replace("{}", &count.to_string())
    }
}

/// German.
pub static DE: StaffTexts = StaffTexts {
    sign_in_title: "Anmelden",
    sso_heading: "Mit dem Benutzerkonto Ihrer Kommune",
    sso_intro: "Wenn Ihre Kommune es eingerichtet hat, melden Sie sich mit dem Konto an, \
        mit dem Sie auch sonst bei der Verwaltung arbeiten.",
    sso_with: "Anmelden über",
    sso_failed_title: "Anmeldung nicht möglich",
    sso_back: "Zurück zur Anmeldung",
    sign_in_intro: "Für Mitarbeitende des Quartiersmanagements und der städtischen \
        Koordination, für Partnerorganisationen und Jurys.",
    field_username: "Benutzername",
    field_password: "Passwort",
    sign_in_submit: "Anmelden",
    username_missing: "Bitte geben Sie Ihren Benutzernamen ein.",
    password_missing: "Bitte geben Sie Ihr Passwort ein.",
    credentials_wrong: "Benutzername oder Passwort ist falsch. Bitte prüfen Sie beides und \
        versuchen Sie es noch einmal.",
    too_many_attempts: "Zu viele Anmeldeversuche. Bitte warten Sie etwa {} Minuten und \
        versuchen Sie es dann noch einmal.",
    too_many_attempts_one: "Zu viele Anmeldeversuche. Bitte warten Sie etwa eine Minute und \
        versuchen Sie es dann noch einmal.",
    signed_out: "Sie haben sich abgemeldet.",
    session_expired: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    public_hint: "Sie möchten ein Anliegen melden oder sich über Gremien und Sitzungen \
        informieren? Dafür brauchen Sie kein Konto:",
    public_hint_link: "zu den öffentlichen Seiten",

    form_refused_title: "Sicherheitsprüfung fehlgeschlagen",
    form_refused_text: "Das Formular war zu lange geöffnet, oder es wurde nicht von dieser \
        Seite abgeschickt. Zu Ihrem Schutz wurde nichts gespeichert. Bitte öffnen Sie die Seite \
        neu und versuchen Sie es noch einmal.",
    form_unreadable_text: "Das Formular konnte nicht gelesen werden. Zu Ihrem Schutz wurde \
        nichts gespeichert. Bitte öffnen Sie die Seite neu und versuchen Sie es noch einmal.",
    back_to_sign_in: "Zur Anmeldung",
    back_to_start: "Zur Übersicht",

    tagline: "Arbeitsbereich",
    nav_label: "Hauptnavigation",
    signed_in_as: "Angemeldet als",
    sign_out: "Abmelden",
    nav_overview: "Übersicht",
    nav_public: "Öffentliche Seite",
    nav_municipalities: "Kommunen",
    nav_reports: "Berichte",
    footer: "Quartier – Arbeitsbereich für die Netzwerke des Quartiersmanagements.",

    reports_title: "Berichte",
    reports_intro: "Wählen Sie Berichtsart, Jahr und Gebiet. Der Bericht wird so gestaltet, \
        wie es das Modell Ihrer Kommune vorsieht, und lässt sich als PDF, Excel-Arbeitsmappe \
        oder CSV herunterladen.",
    report_kind: "Berichtsart",
    report_year: "Berichtsjahr",
    report_year_hint: "Beim Monitoring: das letzte von fünf Jahren.",
    report_area: "Gebiet",
    report_whole_municipality: "Gesamte Kommune",
    report_show: "Bericht anzeigen",
    report_error_heading: "Der Bericht kann so nicht erstellt werden",
    comparison_heading: "Standortvergleich",
    comparison_intro: "Als Servicestelle vergleichen Sie die bestätigten Standorte: je \
        Standort sein neuestes Austauschpaket des Zeitraums, daneben die Summen. Was ein \
        Standort zum Schutz kleiner Zahlen nicht übermittelt hat, steht als „geschützt“ da.",
    comparison_period: "Zeitraum des Austauschs",
    comparison_period_hint: "Ein Jahr (2026) oder ein Halbjahr (2026-H1, 2026-H2).",
    comparison_show: "Vergleich anzeigen",
    published_heading: "Veröffentlichte Berichte",
    published_intro: "Diese Berichte stehen auf der öffentlichen Seite Ihrer Kommune, so wie \
        sie bei der Veröffentlichung waren. Zahlen unter 5 sind dort unterdrückt.",
    published_none: "Es ist noch kein Bericht veröffentlicht.",
    published_col_title: "Bericht",
    published_col_at: "Veröffentlicht am",
    published_col_actions: "Aktionen",
    publish_button: "Auf der öffentlichen Seite veröffentlichen",
    publish_hint: "Veröffentlicht wird der Bericht, wie er jetzt ist. Zahlen unter 5 werden \
        unterdrückt, auch wo sie sich aus Summen errechnen ließen; spätere Änderungen der \
        Daten ändern ihn nicht. Sie können ihn jederzeit zurückziehen.",
    withdraw_button: "Zurückziehen",
    published_notice: "Der Bericht ist veröffentlicht.",
    withdrawn_notice: "Der Bericht ist zurückgezogen und nicht mehr öffentlich.",

    role_admin: "Server-Administration",
    role_coordinator: "Städtische Koordination",
    role_qm: "Quartiersmanagement",
    role_member: "Partnerorganisation",
    role_jury: "Jury",
    role_centre: "Servicestelle",

    work_title: "Was ansteht",
    work_summary_label: "Überblick",
    nothing_for_role: "Für Ihre Rolle gibt es hier zurzeit nichts zu tun.",
    choose_title: "Kommune wählen",
    choose_intro: "Als Server-Administration arbeiten Sie in jeder Kommune. Wählen Sie eine \
        Kommune:",
    applications_heading_staff: "Fondsanträge in Bearbeitung",
    applications_heading_jury: "Fondsanträge zur Beratung oder Entscheidung",
    no_applications: "Kein Fondsantrag wartet auf einen Schritt von Ihnen.",
    concerns_heading_staff: "Anliegen ohne Rückmeldung",
    concerns_heading_member: "Anliegen, die auf Ihre Rückmeldung warten",
    no_concerns: "Kein Anliegen wartet auf Sie.",
    proofs_heading: "Überfällige Verwendungsnachweise",
    no_proofs: "Kein Verwendungsnachweis ist überfällig.",
    meetings_heading: "Nächste Sitzungen",
    no_meetings: "Es sind keine Sitzungen geplant.",
    more_items: "… und {} weitere.",
    step_check: "prüfen",
    step_advise: "beraten",
    step_decide: "entscheiden",
    manual_review: "Muss von einer Person geprüft werden",
    fact_fund: "Fonds",
    fact_amount: "Beantragt",
    fact_state: "Stand",
    fact_step: "Nächster Schritt",
    fact_received: "Eingegangen",
    fact_area: "Gebiet",
    fact_department: "Weitergeleitet an",
    fact_due: "Fällig seit",
    fact_paid: "Ausgezahlt",
    fact_location: "Ort",
    today: "heute",
    one_day_ago: "vor 1 Tag",
    days_ago: "vor {} Tagen",

    nav_concerns: "Anliegen",
    nav_self_evaluations: "Selbstevaluation",
    inbox_title: "Anliegen",
    inbox_intro_staff: "Anliegen von Bewohnerinnen und Bewohnern, die Sie an die zuständige \
        Stelle weiterleiten und deren Antwort Sie zurückmelden (Lotsenfunktion). Die am \
        längsten wartenden stehen oben.",
    inbox_intro_member: "Anliegen, die das Quartiersmanagement an Ihre Organisation \
        weitergeleitet hat. Die am längsten wartenden stehen oben.",
    inbox_filter_label: "Anliegen nach Stand",
    inbox_open: "Offen",
    inbox_final: "Erledigt",
    inbox_all: "Alle",
    inbox_empty: "Hier ist kein Anliegen.",
    inbox_range: "Anliegen {from}–{to} von {total}, die am längsten wartenden zuerst",
    col_reference: "Referenz",
    col_category: "Kategorie",
    col_area: "Gebiet",
    col_state: "Stand",
    col_received: "Eingegangen",
    col_department: "Weitergeleitet an",
    pages_label: "Seiten",
    previous_page: "Vorherige Seite",
    next_page: "Nächste Seite",
    concern_title: "Anliegen {}",
    fact_category: "Kategorie",
    fact_source: "Eingegangen",
    fact_reference: "Referenz",
    fact_forwarded: "Weitergeleitet am",
    fact_feedback_at: "Rückmeldung der Stelle am",
    fact_reported: "Zurückgemeldet am",
    fact_channel: "Zurückgemeldet per",
    fact_closed: "Abgeschlossen am",
    fact_duplicate_of: "Duplikat von",
    concern_text_heading: "Das Anliegen",
    concern_no_text: "Zu diesem Anliegen gibt es keinen Text.",
    proposal_heading: "Vorschlag der Regeln Ihrer Kommune",
    proposal_department: "An {} weiterleiten.",
    proposal_not_responsible: "In der Kommune ist niemand zuständig: {}",
    proposal_none: "Die Regeln Ihrer Kommune haben keine Stelle vorgeschlagen.",
    contact_heading: "Kontakt der meldenden Person",
    contact_show: "Kontaktdaten anzeigen",
    contact_logged_hint: "Das Anzeigen wird im Protokoll der Kommune vermerkt.",
    contact_none: "Die meldende Person hat keine Kontaktdaten hinterlassen.",
    contact_erased: "Die Kontaktdaten wurden nach Ablauf der Aufbewahrungsfrist gelöscht.",
    contact_refused: "Die Kontaktdaten sieht nur das Quartiersmanagement.",
    contact_name: "Name",
    contact_email: "E-Mail",
    contact_phone: "Telefon",
    contact_may_contact: "Mit Kontaktaufnahme einverstanden",
    yes: "ja",
    no: "nein",
    answers_heading: "Rückmeldungen",
    answer_department: "Antwort der Stelle",
    answer_released: "Rückmeldung an die meldende Person (Statusseite)",
    answer_none: "Noch keine.",
    history_heading: "Verlauf",
    col_at: "Zeitpunkt",
    col_step: "Schritt",
    col_actor: "Von",
    col_note: "Notiz",
    history_received: "Eingegangen",
    steps_heading: "Nächste Schritte",
    steps_none: "Für Sie ist bei diesem Anliegen zurzeit kein Schritt möglich.",
    step_errors_heading: "Der Schritt wurde nicht ausgeführt",
    forward_heading: "An die zuständige Stelle weiterleiten",
    forward_department: "Zuständige Stelle",
    forward_department_hint: "Organisationen und Stellen Ihrer Kommune; der Vorschlag der \
        Regeln ist vorausgewählt.",
    forward_proposed: "(Vorschlag)",
    forward_other: "Andere Stelle",
    forward_other_hint: "Nur ausfüllen, wenn die Stelle nicht in der Liste steht.",
    forward_note: "Notiz für den Verlauf",
    forward_button: "Weiterleiten",
    forward_unknown: "Bitte wählen Sie eine Stelle aus der Liste oder geben Sie eine andere \
        an.",
    feedback_heading: "Antwort der Stelle erfassen",
    feedback_text: "Antwort der Stelle",
    feedback_hint: "Die meldende Person sieht diesen Text erst, wenn das \
        Quartiersmanagement ihn zurückmeldet.",
    feedback_button: "Antwort speichern",
    report_heading: "An die meldende Person zurückmelden",
    report_text: "Text für die meldende Person",
    report_hint: "Erscheint auf ihrer Statusseite. Vorausgefüllt mit der Antwort der Stelle.",
    report_channel: "Zurückgemeldet per",
    report_button: "Zurückmelden",
    close_heading: "Abschließen",
    close_hint: "Die Rückmeldung ist erfolgt; das Anliegen ist erledigt.",
    close_button: "Anliegen abschließen",
    not_responsible_heading: "Nicht zuständig",
    not_responsible_text: "Begründung für die meldende Person",
    not_responsible_hint: "Erscheint auf ihrer Statusseite. Das Anliegen wird damit \
        abgeschlossen.",
    not_responsible_button: "Als nicht zuständig abschließen",
    duplicate_heading: "Bereits gemeldet (Duplikat)",
    duplicate_reference: "Referenz des ursprünglichen Anliegens",
    duplicate_hint: "Zum Beispiel AN-7K3F-Q9P2. Die meldende Person erfährt die Referenz auf \
        ihrer Statusseite.",
    duplicate_button: "Als Duplikat abschließen",
    duplicate_unknown: "Kein Anliegen Ihrer Kommune hat diese Referenz.",
    step_unknown: "Dieser Schritt ist unbekannt. Bitte öffnen Sie die Seite neu.",
    forwarded_notice: "Das Anliegen ist weitergeleitet.",
    feedback_notice: "Die Antwort der Stelle ist gespeichert.",
    reported_notice: "Die Rückmeldung ist gespeichert; die meldende Person sieht sie auf \
        ihrer Statusseite.",
    closed_notice: "Das Anliegen ist abgeschlossen.",
    not_responsible_notice: "Das Anliegen ist als nicht zuständig abgeschlossen.",
    duplicate_notice: "Das Anliegen ist als Duplikat abgeschlossen.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_put_into_the_german_sentences() {
        assert_eq!(DE.days_ago(0), "heute");
        assert_eq!(DE.days_ago(1), "vor 1 Tag");
        assert_eq!(DE.days_ago(12), "vor 12 Tagen");
        assert!(DE.wait_minutes(1).contains("eine Minute"));
        assert!(DE.wait_minutes(15).contains("etwa 15 Minuten"));
        assert_eq!(DE.more(4), "… und 4 weitere.");
        assert_eq!(
            DE.inbox_range(51, 100, 120),
            "Anliegen 51–100 von 120, die am längsten wartenden zuerst"
        );
    }
}
