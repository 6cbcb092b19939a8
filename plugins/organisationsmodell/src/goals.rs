//! Goals that must be measurable: "Für die Ergebniskontrolle müssen die Ziele messbar sein. Es
//! müssen Verfahren und Indikatoren entwickelt werden, an denen sich die Erreichung oder
//! Nichterreichung der Ziele auch für Außenstehende ablesen lässt … Für die Erreichung der
//! Ziele muss eine Zeitperspektive bestimmt und eine konkrete Terminierung gesetzt werden."
//! A target without indicator, target value or deadline is refused at the field; a target
//! that only keeps the baseline is "trivial" and gets a warning.

use quartier_plugin_sdk::{Finding, Submission, Value};

/// Whether `text` is an ISO date `JJJJ-MM-TT` with a month 01–12 and a day 01–31.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (bytes[5] - b'0') * 10 + (bytes[6] - b'0');
    let day = (bytes[8] - b'0') * 10 + (bytes[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn filled(form: &Submission, pointer: &str) -> bool {
    form.str(pointer).is_some_and(|s| !s.trim().is_empty())
}

/// The findings for the measurable target at `at` (a JSON pointer to an object with
/// `indicator`, `target_value`, `deadline`, optionally `baseline_value`); `start` is the
/// project's first day, before which no target can be due.
pub fn measurable(form: &Submission, at: &str, start: Option<&str>, findings: &mut Vec<Finding>) {
    let indicator = format!("{at}/indicator");
    if !filled(form, &indicator) {
        findings.push(Finding::error(
            &indicator,
            "indikator-fehlt",
            "Bitte nennen Sie einen Indikator, an dem sich die Erreichung dieses Ziels auch für \
             Außenstehende ablesen lässt.",
        ));
    }
    let value = format!("{at}/target_value");
    let target = form.get(&value).and_then(Value::as_f64);
    if target.is_none() {
        findings.push(Finding::error(
            &value,
            "zielwert-fehlt",
            "Bitte nennen Sie den Zielwert, den der Indikator erreichen soll – ohne ihn ist das \
             Ziel nicht messbar.",
        ));
    }
    let deadline = format!("{at}/deadline");
    match form.str(&deadline).filter(|d| is_date(d)) {
        None => findings.push(Finding::error(
            &deadline,
            "termin-fehlt",
            "Bitte setzen Sie einen Termin (JJJJ-MM-TT), bis zu dem das Ziel erreicht sein soll.",
        )),
        // ISO dates compare as text.
        Some(due) if start.is_some_and(|s| is_date(s) && due < s) => {
            findings.push(Finding::error(
                &deadline,
                "termin-vor-beginn",
                "Der Termin dieses Ziels liegt vor dem Beginn der Maßnahme.",
            ));
        }
        Some(_) => {}
    }
    let baseline = form
        .get(&format!("{at}/baseline_value"))
        .and_then(Value::as_f64);
    if target.is_some() && target == baseline {
        findings.push(Finding::warning(
            &value,
            "ziel-trivial",
            "Zielwert und Ausgangswert sind gleich. Ein Ziel soll keinen Zustand beschreiben, \
             der ohnehin zu erwarten ist, sondern eine realistische Perspektive.",
        ));
    }
}

/// The target hierarchy of a project dossier: Leitziele, their Handlungsziele, and under
/// each at least one measurable target. A project still at the stage `idee` is reminded,
/// not refused, when it has no goals yet.
pub fn hierarchy(form: &Submission, findings: &mut Vec<Finding>) {
    let idea = form.str("/state") == Some("idee");
    let start = form.str("/schedule/start");
    let goals = form.get("/goals").and_then(Value::as_array);
    let Some(goals) = goals.filter(|g| !g.is_empty()) else {
        let message = "Ohne klare Ziele auf der operativen Ebene sind Qualitätssicherung und \
                       Evaluation nicht möglich. Bitte formulieren Sie mindestens ein Leitziel \
                       mit Handlungsziel und messbarem Ziel.";
        findings.push(if idea {
            Finding::warning("/goals", "ziele-fehlen", message)
        } else {
            Finding::error("/goals", "ziele-fehlen", message)
        });
        return;
    };
    for (i, goal) in goals.iter().enumerate() {
        let action_goals = goal["action_goals"].as_array().filter(|a| !a.is_empty());
        let Some(action_goals) = action_goals else {
            findings.push(Finding::error(
                &format!("/goals/{i}/action_goals"),
                "handlungsziele-fehlen",
                "Bitte konkretisieren Sie das Leitziel in mindestens einem Handlungsziel.",
            ));
            continue;
        };
        for (j, action_goal) in action_goals.iter().enumerate() {
            let at = format!("/goals/{i}/action_goals/{j}/targets");
            let count = action_goal["targets"].as_array().map_or(0, Vec::len);
            if count == 0 {
                findings.push(Finding::error(
                    &at,
                    "messbare-ziele-fehlen",
                    "Bitte nennen Sie zu diesem Handlungsziel mindestens ein messbares Ziel mit \
                     Indikator, Zielwert und Termin.",
                ));
            }
            for k in 0..count {
                measurable(form, &format!("{at}/{k}"), start, findings);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quartier_plugin_sdk::json;

    fn codes(form: serde_json::Value) -> Vec<(String, String)> {
        let mut findings = Vec::new();
        hierarchy(&Submission(form), &mut findings);
        findings.into_iter().map(|f| (f.pointer, f.code)).collect()
    }

    #[test]
    fn a_date_is_checked_for_its_shape_and_ranges() {
        assert!(is_date("2027-09-30"));
        assert!(!is_date("2027-13-01"));
        assert!(!is_date("30.09.2027"));
        assert!(!is_date("2027-9-30"));
    }

    #[test]
    fn a_target_without_indicator_value_and_deadline_is_refused_at_each_field() {
        let form = json!({"state": "umsetzung", "goals": [{"title": "Leitziel",
            "action_goals": [{"title": "Handlungsziel", "targets": [{"unit": "Personen"}]}]}]});
        let at = "/goals/0/action_goals/0/targets/0";
        assert_eq!(
            codes(form),
            [
                (format!("{at}/indicator"), "indikator-fehlt".to_owned()),
                (format!("{at}/target_value"), "zielwert-fehlt".to_owned()),
                (format!("{at}/deadline"), "termin-fehlt".to_owned()),
            ]
        );
    }

    #[test]
    fn an_idea_without_goals_is_reminded_and_a_running_project_refused() {
        let mut findings = Vec::new();
        hierarchy(&Submission(json!({"state": "idee"})), &mut findings);
        assert_eq!(findings[0].severity, quartier_plugin_sdk::Severity::Warning);
        assert_eq!(
            codes(json!({"state": "umsetzung", "goals": []})),
            [("/goals".to_owned(), "ziele-fehlen".to_owned())]
        );
    }
}
