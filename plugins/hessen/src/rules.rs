//! Checks of a Verfügungsfonds application ("Prüfung auf Förderfähigkeit"): in the programme
//! area, a known field of action, residents taking part, a sensible schedule, and consent to
//! the transparent award. Codes are stable; messages are for applicants.

use quartier_plugin_sdk::{Context, Finding, Submission};

use crate::catalogue::field_of_action;
use crate::config::VERFUEGUNGSFONDS_CAP_CENTS;
use crate::forms::PARTICIPATION_MIN_CHARS;

/// All findings for a Verfügungsfonds application.
pub fn fund_application(ctx: &Context, form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    cap(form, &mut findings);
    programme_area(form, &mut findings);
    field(form, &mut findings);
    participation(form, &mut findings);
    schedule(ctx, form, &mut findings);
    transparency(form, &mut findings);
    findings
}

fn cap(form: &Submission, findings: &mut Vec<Finding>) {
    let (Some(cap), Some(amount)) = (VERFUEGUNGSFONDS_CAP_CENTS, form.i64("/amount_cents")) else {
        return;
    };
    if amount > cap {
        findings.push(Finding::error(
            "/amount_cents",
            "betrag-ueber-obergrenze",
            format!(
                "Je Antrag sind aus dem Verfügungsfonds höchstens {} € möglich.",
                cap / 100
            ),
        ));
    }
}

fn programme_area(form: &Submission, findings: &mut Vec<Finding>) {
    if form.bool("/in_programme_area") != Some(true) {
        findings.push(Finding::error(
            "/in_programme_area",
            "ausserhalb-foerdergebiet",
            "Mittel aus dem Verfügungsfonds gibt es nur für Vorhaben im Fördergebiet der \
             Sozialen Stadt.",
        ));
    }
}

fn field(form: &Submission, findings: &mut Vec<Finding>) {
    match form.str("/field_of_action") {
        Some(key) if field_of_action(key).is_some() => {}
        Some(_) => findings.push(Finding::error(
            "/field_of_action",
            "handlungsfeld-unbekannt",
            "Bitte wählen Sie eines der Handlungsfelder des Stadtteils.",
        )),
        None => findings.push(Finding::error(
            "/field_of_action",
            "handlungsfeld-fehlt",
            "Bitte geben Sie an, zu welchem Handlungsfeld das Vorhaben beiträgt.",
        )),
    }
}

fn participation(form: &Submission, findings: &mut Vec<Finding>) {
    let described = form
        .str("/participation")
        .map(|s| s.trim().chars().count())
        .unwrap_or(0);
    if described < PARTICIPATION_MIN_CHARS {
        findings.push(Finding::error(
            "/participation",
            "beteiligung-unklar",
            "Bitte beschreiben Sie, wie Bewohnerinnen und Bewohner das Vorhaben mitgestalten.",
        ));
    }
    let reaches = form
        .str("/hard_to_reach_groups")
        .is_some_and(|s| !s.trim().is_empty());
    if !reaches {
        findings.push(Finding::info(
            "/hard_to_reach_groups",
            "zielgruppen-nicht-benannt",
            "Der Verfügungsfonds soll gerade Menschen aktivieren, die sonst selten mitmachen. \
             Wenn Ihr Vorhaben solche Gruppen anspricht, nennen Sie sie.",
        ));
    }
}

fn schedule(ctx: &Context, form: &Submission, findings: &mut Vec<Finding>) {
    let (Some(start), Some(end)) = (form.str("/schedule/start"), form.str("/schedule/end")) else {
        return;
    };
    if end < start {
        findings.push(Finding::error(
            "/schedule/end",
            "zeitraum-ungueltig",
            "Das Ende des Vorhabens liegt vor seinem Beginn.",
        ));
    }
    // ISO dates compare as text; `now` is RFC 3339, its first ten characters are the day.
    if ctx.now.get(..10).is_some_and(|today| start < today) {
        findings.push(Finding::warning(
            "/schedule/start",
            "beginn-in-vergangenheit",
            "Laut Zeitplan hat das Vorhaben schon begonnen. Bitte klären Sie mit dem \
             Quartiersmanagement, ob es noch gefördert werden kann.",
        ));
    }
}

fn transparency(form: &Submission, findings: &mut Vec<Finding>) {
    if form.bool("/publication_consent") != Some(true) {
        findings.push(Finding::warning(
            "/publication_consent",
            "veroeffentlichung-nicht-erlaubt",
            "Ohne Ihr Einverständnis kann die Vergabe nicht wie vorgesehen veröffentlicht \
             werden. Das Quartiersmanagement spricht Sie dazu an.",
        ));
    }
}
