//! Checks of a project dossier and of a Quartiersfonds application. Both follow the model's
//! rule for projects: "Die aus dem integrierten Handlungskonzept abgeleiteten Projekte müssen
//! immer unter Einbindung der Bewohnerschaft bzw. örtlicher Kräfte entwickelt werden", with
//! measurable goals ([`crate::goals`]).

use quartier_plugin_sdk::{Finding, Submission};

use crate::catalogue::field_of_action;
use crate::forms::PARTICIPATION_MIN_CHARS;
use crate::goals::{hierarchy, measurable};

fn chars(form: &Submission, pointer: &str) -> usize {
    form.str(pointer).map_or(0, |s| s.trim().chars().count())
}

fn field(form: &Submission, findings: &mut Vec<Finding>) {
    if form
        .str("/field_of_action")
        .and_then(field_of_action)
        .is_none()
    {
        findings.push(Finding::error(
            "/field_of_action",
            "handlungsfeld-unbekannt",
            "Bitte wählen Sie eines der Handlungsfelder des integrierten Handlungskonzepts.",
        ));
    }
}

fn participation(form: &Submission, findings: &mut Vec<Finding>) {
    if chars(form, "/participation") < PARTICIPATION_MIN_CHARS {
        findings.push(Finding::error(
            "/participation",
            "beteiligung-unklar",
            "Projekte werden immer unter Einbindung der Bewohnerschaft und der örtlichen Kräfte \
             entwickelt. Bitte beschreiben Sie, wer wie mitwirkt.",
        ));
    }
}

fn schedule(form: &Submission, findings: &mut Vec<Finding>) {
    if let (Some(start), Some(end)) = (form.str("/schedule/start"), form.str("/schedule/end"))
        && end < start
    {
        findings.push(Finding::error(
            "/schedule/end",
            "zeitraum-ungueltig",
            "Das Ende liegt vor dem Beginn.",
        ));
    }
}

/// All findings for a project dossier.
pub fn project_dossier(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    field(form, &mut findings);
    hierarchy(form, &mut findings);
    participation(form, &mut findings);
    schedule(form, &mut findings);
    // "in einem Umsetzungskonzept … zu klären, wer Verantwortung für die Umsetzung übernimmt"
    let implementing = matches!(form.str("/state"), Some("umsetzung" | "abgeschlossen"));
    if implementing && chars(form, "/lead_organisation/name") < 2 {
        findings.push(Finding::error(
            "/lead_organisation",
            "verantwortung-ungeklaert",
            "Bevor eine Maßnahme umgesetzt wird, ist zu klären, wer die Verantwortung für die \
             Umsetzung übernimmt. Bitte nennen Sie die federführende Organisation.",
        ));
    }
    findings
}

/// All findings for a Quartiersfonds application.
pub fn fund_application(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    field(form, &mut findings);
    participation(form, &mut findings);
    schedule(form, &mut findings);
    measurable(
        form,
        "/measurable_target",
        form.str("/schedule/start"),
        &mut findings,
    );
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use quartier_plugin_sdk::json;

    #[test]
    fn a_project_in_implementation_names_who_is_responsible() {
        let form = Submission(json!({
            "field_of_action": "kultur", "state": "umsetzung",
            "participation": "Bewohnerinnen planen das Fest in offenen Treffen.",
            "goals": [{"title": "Leitziel", "action_goals": [{"title": "Handlungsziel",
                "targets": [{"indicator": "Gäste aus dem Quartier", "target_value": 80,
                             "unit": "Personen", "deadline": "2027-09-30"}]}]}],
        }));
        let codes: Vec<String> = project_dossier(&form).into_iter().map(|f| f.code).collect();
        assert_eq!(codes, ["verantwortung-ungeklaert"]);
    }
}
