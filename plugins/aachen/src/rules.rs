//! Checks before the Stadtteilkonferenz sees a Stadtteilfonds application — quartiersbezogen
//! (a Lebensraum), partizipativ, with own initiative and the Stadtteilkonferenz named — and
//! of a concern's category.

use quartier_plugin_sdk::{Finding, Submission};

use crate::catalogue::{Destination, FIELDS_OF_ACTION, category};
use crate::forms::MIN_CHARS;

fn chars(form: &Submission, pointer: &str) -> usize {
    form.str(pointer)
        .map(|s| s.trim().chars().count())
        .unwrap_or(0)
}

/// All findings for a Stadtteilfonds application.
pub fn fund_application(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    if chars(form, "/lebensraum") < 2 {
        findings.push(Finding::error(
            "/lebensraum",
            "lebensraum-fehlt",
            "Der Stadtteilfonds fördert quartiersbezogene Projekte. Bitte nennen Sie den \
             Lebensraum, in dem das Projekt stattfindet.",
        ));
    }
    if chars(form, "/stadtteilkonferenz") < 3 {
        findings.push(Finding::error(
            "/stadtteilkonferenz",
            "stadtteilkonferenz-fehlt",
            "Anträge zum Stadtteilfonds berät zuerst die Stadtteilkonferenz. Bitte nennen Sie \
             die Stadtteilkonferenz Ihres Quartiers.",
        ));
    }
    if chars(form, "/participation") < MIN_CHARS {
        findings.push(Finding::error(
            "/participation",
            "partizipation-unklar",
            "Die Stadtteilkonferenz achtet auf den partizipativen Charakter. Bitte beschreiben \
             Sie, wie Bürgerinnen und Bürger das Projekt planen und umsetzen.",
        ));
    }
    if chars(form, "/own_initiative") < MIN_CHARS {
        findings.push(Finding::error(
            "/own_initiative",
            "eigeninitiative-fehlt",
            "Der Stadtteilfonds ist ein Zuschuss, der Eigeninitiative voraussetzt. Bitte \
             beschreiben Sie, was Sie selbst einbringen.",
        ));
    }
    match form.str("/field_of_action") {
        Some(key) if FIELDS_OF_ACTION.iter().any(|(k, _)| *k == key) => {}
        _ => findings.push(Finding::error(
            "/field_of_action",
            "handlungsfeld-unbekannt",
            "Bitte wählen Sie eines der Handlungsfelder des Quartiersmanagements.",
        )),
    }
    let partners = form
        .get("/partner_institutions")
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len);
    if partners == 0 {
        findings.push(Finding::warning(
            "/partner_institutions",
            "keine-institution-beteiligt",
            "Der Stadtteilfonds zielt auf Projekte mit Beteiligung von Institutionen im \
             Quartier. Nennen Sie Partner, wenn es welche gibt.",
        ));
    }
    if let (Some(start), Some(end)) = (form.str("/schedule/start"), form.str("/schedule/end"))
        && end < start
    {
        findings.push(Finding::error(
            "/schedule/end",
            "zeitraum-ungueltig",
            "Das Ende des Projekts liegt vor seinem Beginn.",
        ));
    }
    findings
}

/// Findings for a concern: an unknown category blocks it; one outside the city's remit is
/// accepted with a hint where to turn.
pub fn concern(form: &Submission) -> Vec<Finding> {
    let Some(key) = form.str("/category") else {
        return vec![Finding::error(
            "/category",
            "kategorie-fehlt",
            "Bitte wählen Sie, worum es bei Ihrem Anliegen geht.",
        )];
    };
    match category(key).map(|c| c.destination) {
        None => vec![Finding::error(
            "/category",
            "kategorie-unbekannt",
            "Bitte wählen Sie eines der angebotenen Themen.",
        )],
        Some(Destination::NotResponsible(reason)) => {
            vec![Finding::info("/category", "nicht-zustaendig", reason)]
        }
        Some(Destination::Department(_)) => Vec::new(),
    }
}
