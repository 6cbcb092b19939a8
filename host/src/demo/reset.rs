//! Creating the demo municipality, or emptying it for a refresh.

use super::data;
use crate::db::{Id, Timestamp, Tx};

/// Returns the id of the demo municipality, creating it or bringing its name and model up to
/// date.
pub async fn municipality(tx: &mut Tx, now: Timestamp) -> anyhow::Result<Id> {
    named(tx, now, data::SLUG, data::NAME, data::STATE, data::QM_MODEL).await
}

/// Returns the id of municipality `slug`, creating it or bringing its name, federal state
/// and QM model up to date.
pub async fn named(
    tx: &mut Tx,
    now: Timestamp,
    slug: &str,
    name: &str,
    state: &str,
    qm_model: &str,
) -> anyhow::Result<Id> {
    let existing: Option<Id> = sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await?;
    let id = existing.unwrap_or_default();
    let sql = if existing.is_some() {
        "UPDATE municipalities SET slug = $2, name = $3, state = $4, qm_model = $5,
                version = version + 1, updated_at = $6
         WHERE id = $1"
    } else {
        "INSERT INTO municipalities (id, slug, name, state, qm_model, version, created_at,
                                     updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6)"
    };
    sqlx::query(sql)
        .bind(id)
        .bind(slug)
        .bind(name)
        .bind(state)
        .bind(qm_model)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// Deletes every municipal row of the municipality, children before parents so that no
/// foreign key is violated on either backend. Organisations are host-wide and stay; users and
/// their tokens stay too.
pub async fn clear(tx: &mut Tx, municipality_id: Id) -> anyhow::Result<()> {
    const STATEMENTS: &[&str] = &[
        // The workflows first: they refer to meetings, bodies, areas and organisations.
        "DELETE FROM self_evaluations WHERE municipality_id = $1",
        "DELETE FROM contract_review_results
         WHERE review_id IN (SELECT id FROM contract_reviews WHERE municipality_id = $1)",
        "DELETE FROM contract_reviews WHERE municipality_id = $1",
        "DELETE FROM contract_targets WHERE municipality_id = $1",
        "DELETE FROM contract_parties
         WHERE contract_id IN (SELECT id FROM contracts WHERE municipality_id = $1)",
        "DELETE FROM contracts WHERE municipality_id = $1",
        "DELETE FROM project_measurements WHERE municipality_id = $1",
        "DELETE FROM project_targets WHERE municipality_id = $1",
        "DELETE FROM project_goals WHERE municipality_id = $1",
        "DELETE FROM project_events WHERE municipality_id = $1",
        "DELETE FROM project_partners
         WHERE project_id IN (SELECT id FROM projects WHERE municipality_id = $1)",
        "DELETE FROM projects WHERE municipality_id = $1",
        "DELETE FROM concern_events WHERE municipality_id = $1",
        "DELETE FROM concern_reporters WHERE municipality_id = $1",
        "DELETE FROM concerns WHERE municipality_id = $1",
        "DELETE FROM fund_application_events WHERE municipality_id = $1",
        "DELETE FROM fund_applicants WHERE municipality_id = $1",
        "DELETE FROM fund_applications WHERE municipality_id = $1",
        "DELETE FROM funds WHERE municipality_id = $1",
        "DELETE FROM task_log WHERE municipality_id = $1",
        "DELETE FROM task_matrix_actors WHERE municipality_id = $1",
        "DELETE FROM attendance
         WHERE meeting_id IN (SELECT id FROM meetings WHERE municipality_id = $1)",
        "DELETE FROM agenda_items
         WHERE meeting_id IN (SELECT id FROM meetings WHERE municipality_id = $1)",
        "DELETE FROM meetings WHERE municipality_id = $1",
        "DELETE FROM join_requests WHERE municipality_id = $1",
        "DELETE FROM memberships WHERE municipality_id = $1",
        "DELETE FROM body_powers
         WHERE body_id IN (SELECT id FROM bodies WHERE municipality_id = $1)",
        // One statement for the whole tree: both backends check self-references at its end.
        "DELETE FROM bodies WHERE municipality_id = $1",
        "DELETE FROM persons WHERE municipality_id = $1",
        "DELETE FROM organisation_areas
         WHERE area_id IN (SELECT id FROM areas WHERE municipality_id = $1)",
        "DELETE FROM areas WHERE municipality_id = $1",
        "DELETE FROM plugin_activations WHERE municipality_id = $1",
        "DELETE FROM plugin_versions WHERE municipality_id = $1",
        "DELETE FROM audit_log WHERE municipality_id = $1",
    ];
    for statement in STATEMENTS {
        sqlx::query(*statement)
            .bind(municipality_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
