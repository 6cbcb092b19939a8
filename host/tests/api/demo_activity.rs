//! The demo's years of activity: what they write obeys the workflows' invariants and gives
//! every report something true to show.

use std::collections::BTreeMap;

use quartier::db::{Id, Timestamp};
use quartier::demo::{Options, seed_with};
use quartier::funds::kinds::ApplicationState;
use quartier::funds::workflow;

use crate::support::TestApp;

crate::tests![
    the_demo_has_applications_in_every_state_and_overdue_proofs,
    every_fund_total_is_the_sum_of_its_events_and_every_history_follows_the_workflow,
    concerns_are_answered_after_positive_days_and_reported_back,
    the_demo_report_year_has_meetings_minutes_projects_contracts_and_a_task_log,
];

/// A fixed anchor: the report year is 2025.
pub fn anchor() -> Timestamp {
    Timestamp("2026-12-04T12:00:00Z".parse().unwrap())
}

pub async fn rows<T>(app: &TestApp, sql: &str, municipality: Id) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(municipality)
        .fetch_all(&app.db.pool)
        .await
        .expect(sql)
}

pub async fn scalar(app: &TestApp, sql: &str, municipality: Id) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(municipality)
        .fetch_one(&app.db.pool)
        .await
        .expect(sql)
}

/// Seeded today, as the first start of `quartier demo` does: every state must be there on
/// whatever day it runs.
async fn the_demo_has_applications_in_every_state_and_overdue_proofs(app: TestApp) {
    seed_with(&app.db, Options::default()).await.expect("seed");
    let states: Vec<(String, i64)> = rows(
        &app,
        "SELECT state, COUNT(*) FROM fund_applications WHERE municipality_id = $1 GROUP BY state",
        app.a.id,
    )
    .await;
    let states: BTreeMap<String, i64> = states.into_iter().collect();
    for state in ApplicationState::ALL {
        assert!(
            states.get(state.as_str()).is_some_and(|n| *n > 0),
            "no application is {}: {states:?}",
            state.as_str()
        );
    }
    let today = quartier::db::Date::today().to_string();
    let due = |condition: &str| {
        format!(
            "SELECT COUNT(*) FROM fund_applications WHERE municipality_id = $1
               AND state IN ('bewilligt', 'ausgezahlt') AND proof_due_on {condition} '{today}'"
        )
    };
    let overdue = scalar(&app, &due("<"), app.a.id).await;
    let not_yet = scalar(&app, &due(">="), app.a.id).await;
    assert!(overdue > 0, "some proofs of use are overdue");
    assert!(not_yet > 0, "and some are not due yet");
    let late = scalar(
        &app,
        "SELECT COUNT(*) FROM fund_applications a WHERE a.municipality_id = $1
           AND a.state IN ('verwendungsnachweis_eingereicht', 'abgeschlossen')
           AND (SELECT MIN(e.at) FROM fund_application_events e WHERE e.application_id = a.id
                  AND e.to_state = 'verwendungsnachweis_eingereicht') > a.proof_due_on",
        app.a.id,
    )
    .await;
    assert!(late > 0, "some proofs of use came in late");
    let decided_in_meetings = scalar(
        &app,
        "SELECT COUNT(*) FROM fund_application_events e JOIN meetings m ON m.id = e.meeting_id
         WHERE e.municipality_id = $1 AND e.to_state IN ('beraten', 'bewilligt', 'abgelehnt')
           AND e.votes_yes IS NOT NULL",
        app.a.id,
    )
    .await;
    assert!(decided_in_meetings > 50, "{decided_in_meetings}");
}

type Event = (Id, String, Option<String>, String, i64, i64);
/// id, state, steps, version, approved, proof due.
type ApplicationRow = (Id, String, String, i64, Option<i64>, Option<String>);
/// state, received, forwarded, feedback, reported, closed.
type ConcernRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

async fn every_fund_total_is_the_sum_of_its_events_and_every_history_follows_the_workflow(
    app: TestApp,
) {
    seed_with(
        &app.db,
        Options {
            seed: 7,
            now: anchor(),
        },
    )
    .await
    .expect("seed");
    let funds: Vec<(String, i64, i64, i64, i64, i64)> = rows(
        &app,
        "SELECT f.name, f.budget_cents, f.approved_cents, f.paid_cents,
                CAST(COALESCE((SELECT SUM(e.approved_delta_cents) FROM fund_application_events e
                               WHERE e.fund_id = f.id), 0) AS BIGINT),
                CAST(COALESCE((SELECT SUM(e.paid_delta_cents) FROM fund_application_events e
                               WHERE e.fund_id = f.id), 0) AS BIGINT)
         FROM funds f WHERE f.municipality_id = $1",
        app.a.id,
    )
    .await;
    assert_eq!(funds.len(), 4 * 5, "a fund per conference and year");
    for (name, budget, approved, paid, approved_events, paid_events) in &funds {
        assert_eq!(approved, approved_events, "{name}");
        assert_eq!(paid, paid_events, "{name}");
        assert!(approved <= budget && paid <= approved, "{name}");
    }
    let events: Vec<Event> = rows(
        &app,
        "SELECT application_id, at, from_state, to_state, approved_delta_cents, paid_delta_cents
         FROM fund_application_events WHERE municipality_id = $1 ORDER BY application_id, at",
        app.a.id,
    )
    .await;
    let applications: Vec<ApplicationRow> = rows(
        &app,
        "SELECT id, state, steps, version, approved_cents, proof_due_on FROM fund_applications
         WHERE municipality_id = $1",
        app.a.id,
    )
    .await;
    assert!(applications.len() > 200, "{}", applications.len());
    for (id, state, steps, version, approved, proof_due) in &applications {
        let history: Vec<&Event> = events.iter().filter(|e| e.0 == *id).collect();
        assert_eq!(history.len() as i64, *version, "an event per move");
        assert_eq!(history[0].2, None, "the history starts with the submission");
        let advise = steps.contains("\"advise\"");
        for pair in history.windows(2) {
            assert!(pair[0].1 < pair[1].1, "in time order");
            assert_eq!(pair[1].2.as_deref(), Some(pair[0].3.as_str()));
            let from: ApplicationState = pair[0].3.parse().unwrap();
            let to: ApplicationState = pair[1].3.parse().unwrap();
            assert!(
                workflow::check(from, to, advise).is_ok(),
                "{from:?} → {to:?}"
            );
        }
        assert_eq!(&history[history.len() - 1].3, state);
        let state: ApplicationState = state.parse().unwrap();
        if workflow::counts_as_approved(state) {
            assert!(approved.is_some() && proof_due.is_some(), "{state:?}");
        }
    }
}

async fn concerns_are_answered_after_positive_days_and_reported_back(app: TestApp) {
    seed_with(
        &app.db,
        Options {
            seed: 11,
            now: anchor(),
        },
    )
    .await
    .expect("seed");
    let concerns: Vec<ConcernRow> = rows(
        &app,
        "SELECT state, received_at, forwarded_at, feedback_at, reported_at, closed_at
             FROM concerns WHERE municipality_id = $1
               AND received_at >= '2025-01-01' AND received_at < '2026-01-01'",
        app.a.id,
    )
    .await;
    assert_eq!(concerns.len(), quartier::demo::VOLUME.concerns as usize);
    let mut answered = 0;
    let mut days = Vec::new();
    for (state, received, forwarded, feedback, reported, closed) in &concerns {
        if let (Some(forwarded), Some(feedback)) = (forwarded, feedback) {
            assert!(received < forwarded && forwarded < feedback, "{state}");
            let f = Timestamp::parse(forwarded).unwrap().0;
            let b = Timestamp::parse(feedback).unwrap().0;
            days.push((b - f).num_hours() as f64 / 24.0);
        }
        if let Some(reported) = reported {
            answered += 1;
            assert!(feedback.as_deref().is_some_and(|f| f < reported.as_str()));
        }
        if let (Some(closed), Some(reported)) = (closed, reported) {
            assert!(reported < closed);
        }
    }
    assert!(
        days.iter().all(|d| *d > 0.0),
        "days to feedback are positive"
    );
    days.sort_by(f64::total_cmp);
    let median = days[days.len() / 2];
    assert!((3.0..30.0).contains(&median), "median {median} days");
    let share = f64::from(answered) / concerns.len() as f64;
    assert!((0.6..0.95).contains(&share), "share reported back {share}");
    let categories = scalar(
        &app,
        "SELECT COUNT(DISTINCT category) FROM concerns WHERE municipality_id = $1",
        app.a.id,
    )
    .await;
    assert!(categories >= 10, "{categories}");
    let forwarded_departments = scalar(
        &app,
        "SELECT COUNT(DISTINCT department) FROM concerns WHERE municipality_id = $1
           AND forwarded_at IS NOT NULL",
        app.a.id,
    )
    .await;
    assert!(forwarded_departments >= 6, "{forwarded_departments}");
    let erased = scalar(
        &app,
        "SELECT COUNT(*) FROM concern_reporters WHERE municipality_id = $1
           AND erased_at IS NOT NULL AND name IS NULL AND email IS NULL",
        app.a.id,
    )
    .await;
    assert!(
        erased > 0,
        "contacts past their retention period are erased"
    );
}

async fn the_demo_report_year_has_meetings_minutes_projects_contracts_and_a_task_log(app: TestApp) {
    seed_with(
        &app.db,
        Options {
            seed: 3,
            now: anchor(),
        },
    )
    .await
    .expect("seed");
    let year = "starts_at >= '2025-01-01' AND starts_at < '2026-01-01'";
    let m = app.a.id;
    let held = scalar(
        &app,
        &format!("SELECT COUNT(*) FROM meetings WHERE municipality_id = $1 AND {year} AND state = 'durchgefuehrt' AND minutes IS NOT NULL"),
        m,
    )
    .await;
    let cancelled = scalar(
        &app,
        &format!("SELECT COUNT(*) FROM meetings WHERE municipality_id = $1 AND {year} AND state = 'abgesagt'"),
        m,
    )
    .await;
    assert!(
        held >= 40 && cancelled >= 1,
        "{held} held, {cancelled} cancelled"
    );
    let resolutions = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM agenda_items a JOIN meetings t ON t.id = a.meeting_id
             WHERE t.municipality_id = $1 AND {year} AND a.resolution IS NOT NULL
               AND a.votes_yes IS NOT NULL"
        ),
        m,
    )
    .await;
    assert!(resolutions >= 60, "{resolutions}");
    let present = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM attendance a JOIN meetings t ON t.id = a.meeting_id
             WHERE t.municipality_id = $1 AND {year} AND a.status = 'anwesend'"
        ),
        m,
    )
    .await;
    assert!(present >= 200, "{present}");
    let projects: Vec<(String, i64)> = rows(
        &app,
        "SELECT state, COUNT(*) FROM projects WHERE municipality_id = $1 GROUP BY state",
        m,
    )
    .await;
    assert!(
        projects.len() >= 3,
        "projects in several states: {projects:?}"
    );
    let measured = scalar(
        &app,
        "SELECT COUNT(*) FROM project_measurements WHERE municipality_id = $1
           AND measured_on >= '2025-01-01' AND measured_on < '2026-01-01'",
        m,
    )
    .await;
    assert!(measured > 0);
    let reviews = scalar(
        &app,
        "SELECT COUNT(*) FROM contract_reviews r JOIN contract_review_results x
           ON x.review_id = r.id
         WHERE r.municipality_id = $1 AND r.reviewed_on >= '2025-01-01'
           AND r.reviewed_on < '2026-01-01' AND r.meeting_id IS NOT NULL",
        m,
    )
    .await;
    assert!(
        reviews >= 5,
        "a contract reviewed in a meeting with a result per target"
    );
    let groups: Vec<(String, i64)> = rows(
        &app,
        "SELECT task_key, COUNT(*) FROM task_log WHERE municipality_id = $1 AND year = 2025
         GROUP BY task_key",
        m,
    )
    .await;
    assert!(groups.len() >= 15, "{groups:?}");
    let columns = scalar(
        &app,
        "SELECT COUNT(DISTINCT column_key) FROM task_log WHERE municipality_id = $1",
        m,
    )
    .await;
    assert_eq!(columns, 3);
    let years = scalar(
        &app,
        "SELECT COUNT(DISTINCT year) FROM task_log WHERE municipality_id = $1",
        m,
    )
    .await;
    assert_eq!(
        years, 5,
        "the report year, the current one and three before"
    );
}
