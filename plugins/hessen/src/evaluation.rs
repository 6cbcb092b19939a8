//! Checks of a self-evaluation along the nine GWA quality standards: every standard rated,
//! next steps where a standard is not (yet) met, and who took part.

use quartier_plugin_sdk::{Finding, Submission};

use crate::catalogue::{GWA_STANDARDS, RATINGS, RATINGS_NEEDING_STEPS};
use crate::forms::standard_key;

/// All findings for a self-evaluation.
pub fn validate(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    for index in 0..GWA_STANDARDS.len() {
        standard(form, index, &mut findings);
    }
    let named = form
        .str("/participants")
        .is_some_and(|s| !s.trim().is_empty());
    if !named {
        findings.push(Finding::warning(
            "/participants",
            "beteiligte-fehlen",
            "Die Selbstevaluation soll mit den für den Stadtteil engagierten Akteuren \
             durchgeführt werden. Bitte nennen Sie, wer mitgewirkt hat.",
        ));
    }
    findings
}

fn standard(form: &Submission, index: usize, findings: &mut Vec<Finding>) {
    let base = format!("/gwa_standards/{}", standard_key(index));
    let number = index + 1;
    let rating = form.str(&format!("{base}/rating"));
    match rating {
        Some(r) if RATINGS.iter().any(|(key, _)| *key == r) => {}
        _ => {
            findings.push(Finding::error(
                &format!("{base}/rating"),
                "standard-nicht-bewertet",
                format!("Bitte schätzen Sie den Qualitätsstandard {number} ein."),
            ));
            return;
        }
    }
    let needs_steps = rating.is_some_and(|r| RATINGS_NEEDING_STEPS.contains(&r));
    let has_steps = form
        .str(&format!("{base}/next_steps"))
        .is_some_and(|s| !s.trim().is_empty());
    if needs_steps && !has_steps {
        findings.push(Finding::warning(
            &format!("{base}/next_steps"),
            "schritte-fehlen",
            format!(
                "Der Qualitätsstandard {number} trifft nach Ihrer Einschätzung nicht zu. Was \
                 nehmen Sie sich vor?"
            ),
        ));
    }
}
