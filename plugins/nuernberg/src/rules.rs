//! Checks of a project dossier, a fund application and a concern. A project is filed under one
//! of the nine tasks and involves the residents ("Aktivierung der Anwohnerinnen und Anwohner –
//! Beteiligung und Mitwirkung"); the QM coordinates and builds on the networks in the area,
//! so a project without partners is pointed out.

use quartier_plugin_sdk::{Finding, Submission, Value};

use crate::catalogue::{category, task};
use crate::forms::PARTICIPATION_MIN_CHARS;

fn field(form: &Submission, findings: &mut Vec<Finding>) {
    if form.str("/field_of_action").and_then(task).is_none() {
        findings.push(Finding::error(
            "/field_of_action",
            "aufgabe-unbekannt",
            "Bitte wählen Sie, zu welcher der neun Aufgaben des Quartiersmanagements das \
             Vorhaben beiträgt.",
        ));
    }
}

fn participation(form: &Submission, findings: &mut Vec<Finding>) {
    let described = form
        .str("/participation")
        .map_or(0, |s| s.trim().chars().count());
    if described < PARTICIPATION_MIN_CHARS {
        findings.push(Finding::error(
            "/participation",
            "beteiligung-unklar",
            "Die Anwohnerinnen und Anwohner sollen sich am Entwicklungsprozess ihres Viertels \
             beteiligen. Bitte beschreiben Sie, wie sie mitwirken.",
        ));
    }
}

/// All findings for a project dossier.
pub fn project_dossier(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    field(form, &mut findings);
    participation(form, &mut findings);
    let partners = form
        .get("/partner_organisations")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let cooperation = form
        .get("/cooperation")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if partners == 0 && cooperation == 0 {
        findings.push(Finding::warning(
            "/partner_organisations",
            "keine-kooperation",
            "Das Quartiersmanagement koordiniert und baut auf den Netzwerken der Einrichtungen \
             und Initiativen im Gebiet auf. Nennen Sie die Partner, die mitwirken.",
        ));
    }
    findings
}

/// All findings for a fund application.
pub fn fund_application(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    field(form, &mut findings);
    participation(form, &mut findings);
    findings
}

/// Findings for a concern: a category the QM does not know blocks it.
pub fn concern(form: &Submission) -> Vec<Finding> {
    match form.str("/category") {
        Some(key) if category(key).is_some() => Vec::new(),
        _ => vec![Finding::error(
            "/category",
            "kategorie-unbekannt",
            "Bitte wählen Sie eines der angebotenen Themen.",
        )],
    }
}
