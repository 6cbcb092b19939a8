//! Checks of an application to the Aktionsfonds or the Quartiersfonds.

use quartier_plugin_sdk::{Finding, Submission};

use crate::catalogue::{AKTIONSFONDS, AKTIONSFONDS_PER_YEAR_CENTS, QUARTIERSFONDS, goal};
use crate::forms::PARTICIPATION_MIN_CHARS;
use crate::funds::OVER_CAP;

/// All findings for a fund application.
pub fn fund_application(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    let fund = form.str("/fund_kind");
    match fund {
        Some(AKTIONSFONDS) => aktionsfonds(form, &mut findings),
        Some(QUARTIERSFONDS) => {
            if form.get("/field_of_action").is_none() {
                findings.push(Finding::error(
                    "/field_of_action",
                    "handlungsziel-fehlt",
                    "Projekte aus dem Quartiersfonds setzen das Integrierte Handlungskonzept um. \
                     Bitte wählen Sie das strategische Handlungsziel, zu dem es beiträgt.",
                ));
            }
        }
        _ => findings.push(Finding::error(
            "/fund_kind",
            "fonds-unbekannt",
            "Bitte wählen Sie, ob der Antrag an den Aktionsfonds oder an den Quartiersfonds \
             geht.",
        )),
    }
    if form
        .str("/field_of_action")
        .is_some_and(|key| goal(key).is_none())
    {
        findings.push(Finding::error(
            "/field_of_action",
            "handlungsziel-unbekannt",
            "Bitte wählen Sie eines der neun strategischen Handlungsziele.",
        ));
    }
    let area = form
        .str("/qm_gebiet")
        .map_or(0, |s| s.trim().chars().count());
    if area < 2 {
        findings.push(Finding::error(
            "/qm_gebiet",
            "qm-gebiet-fehlt",
            "Bitte nennen Sie das QM-Gebiet, in dem das Projekt stattfindet.",
        ));
    }
    findings
}

fn aktionsfonds(form: &Submission, findings: &mut Vec<Finding>) {
    if form
        .i64("/amount_cents")
        .is_some_and(|amount| amount > AKTIONSFONDS_PER_YEAR_CENTS)
    {
        findings.push(Finding::error(
            "/amount_cents",
            "aktionsfonds-ueber-jahresbetrag",
            OVER_CAP,
        ));
    }
    let described = form
        .str("/participation")
        .map_or(0, |s| s.trim().chars().count());
    if described < PARTICIPATION_MIN_CHARS {
        findings.push(Finding::error(
            "/participation",
            "eigenes-engagement-unklar",
            "Der Aktionsfonds soll Anwohnerinnen und Anwohner ermutigen, selbst und \
             eigenverantwortlich in ihrem Kiez aktiv zu werden. Bitte beschreiben Sie, was \
             die Beteiligten selbst tun.",
        ));
    }
    let year = |pointer| form.str(pointer).and_then(|d| d.get(..4));
    if let (Some(start), Some(end)) = (year("/schedule/start"), year("/schedule/end"))
        && start != end
    {
        findings.push(Finding::warning(
            "/schedule/end",
            "aktionsfonds-ueber-jahreswechsel",
            "Aktionsfondsmittel stehen je Jahr zur Verfügung. Ein Projekt, das erst im \
             Folgejahr endet, klären Sie bitte vorab mit dem Quartiersmanagement.",
        ));
    }
}
