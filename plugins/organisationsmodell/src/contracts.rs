//! Checks of a contract (*Kontrakt*): "Die Kontrakte sollten präzise definierte quantitative
//! und qualitative Zielformulierungen sowie zeitliche Festlegungen beinhalten. Die
//! Vereinbarungen müssen überprüfbar sein und die Ergebnisse dokumentiert werden. Die
//! Einhaltung der getroffenen Kontrakte wird während und nach Abschluss der Maßnahmen durch
//! das Lenkungsgremium bewertet."

use quartier_plugin_sdk::{Finding, Submission, Value};

use crate::goals::{is_date, measurable};

fn filled(form: &Submission, pointer: &str) -> bool {
    form.str(pointer).is_some_and(|s| !s.trim().is_empty())
}

fn count(form: &Submission, pointer: &str) -> usize {
    form.get(pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// All findings for a contract.
pub fn validate(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    let start = form.str("/term/start");
    let end = form.str("/term/end").filter(|d| is_date(d));
    targets(form, start, end, &mut findings);
    if !filled(form, "/steering_body/name") {
        findings.push(Finding::error(
            "/steering_body/name",
            "lenkungsgremium-fehlt",
            "Die Einhaltung eines Kontrakts bewertet das Lenkungsgremium. Bitte nennen Sie es.",
        ));
    }
    reviews(form, end, &mut findings);
    findings
}

fn targets(form: &Submission, start: Option<&str>, end: Option<&str>, findings: &mut Vec<Finding>) {
    let quantitative = count(form, "/quantitative_targets");
    let qualitative = count(form, "/qualitative_targets");
    if quantitative == 0 {
        findings.push(Finding::warning(
            "/quantitative_targets",
            "quantitative-ziele-fehlen",
            "Ein Kontrakt soll präzise quantitative Ziele enthalten: einen Indikator mit \
             Zielwert und Termin.",
        ));
    }
    if qualitative == 0 {
        findings.push(Finding::warning(
            "/qualitative_targets",
            "qualitative-ziele-fehlen",
            "Ein Kontrakt soll auch qualitative Ziele enthalten, mit der Angabe, wie ihre \
             Erreichung überprüft wird.",
        ));
    }
    for i in 0..quantitative {
        let at = format!("/quantitative_targets/{i}");
        measurable(form, &at, start, findings);
        after_term(form, &at, end, findings);
    }
    for i in 0..qualitative {
        let at = format!("/qualitative_targets/{i}");
        if !filled(form, &format!("{at}/description")) {
            findings.push(Finding::error(
                &format!("{at}/description"),
                "ziel-fehlt",
                "Bitte beschreiben Sie, was vereinbart ist.",
            ));
        }
        if !filled(form, &format!("{at}/verification")) {
            findings.push(Finding::error(
                &format!("{at}/verification"),
                "ueberpruefung-unklar",
                "Vereinbarungen müssen überprüfbar sein. Bitte nennen Sie, woran die Erreichung \
                 dieses Ziels überprüft wird.",
            ));
        }
        let deadline = format!("{at}/deadline");
        if !form.str(&deadline).is_some_and(is_date) {
            findings.push(Finding::error(
                &deadline,
                "termin-fehlt",
                "Bitte setzen Sie einen Termin (JJJJ-MM-TT), bis zu dem das Ziel erreicht sein \
                 soll.",
            ));
        }
        after_term(form, &at, end, findings);
    }
}

/// A target due after the contract ends cannot be reviewed within it.
fn after_term(form: &Submission, at: &str, end: Option<&str>, findings: &mut Vec<Finding>) {
    let deadline = format!("{at}/deadline");
    let due = form.str(&deadline).filter(|d| is_date(d));
    if let (Some(due), Some(end)) = (due, end)
        && due > end
    {
        findings.push(Finding::warning(
            &deadline,
            "termin-nach-laufzeit",
            "Der Termin liegt nach dem Ende des Kontrakts; das Lenkungsgremium kann die \
             Erreichung dann nicht mehr im Rahmen des Kontrakts bewerten.",
        ));
    }
}

fn reviews(form: &Submission, end: Option<&str>, findings: &mut Vec<Finding>) {
    let Some(end) = end else { return };
    let dates: Vec<&str> = form
        .get("/review_dates")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter(|d| is_date(d))
                .collect()
        })
        .unwrap_or_default();
    if !dates.iter().any(|d| *d <= end) {
        findings.push(Finding::warning(
            "/review_dates",
            "ueberpruefung-waehrend-fehlt",
            "Das Lenkungsgremium bewertet die Einhaltung schon während der Laufzeit. Bitte \
             sehen Sie einen Überprüfungstermin vor dem Ende des Kontrakts vor.",
        ));
    }
    if !dates.iter().any(|d| *d >= end) {
        findings.push(Finding::warning(
            "/review_dates",
            "ueberpruefung-nach-abschluss-fehlt",
            "Das Lenkungsgremium bewertet die Einhaltung auch nach Abschluss. Bitte sehen Sie \
             einen Überprüfungstermin nach dem Ende des Kontrakts vor.",
        ));
    }
}
