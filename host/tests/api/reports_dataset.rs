//! The report dataset (`GET …/reports/{kind}/dataset`) of a small municipality built in
//! `reports_dataset/town.rs`, checked against figures counted by hand from that file: the
//! year 2025, an area with its sub-area, the monitoring's years, the fund statement, the
//! task log's actors under the municipality's model, and who may ask.

pub mod exchange_bundle;
mod town;

use serde_json::{Value, json};

use crate::support::TestApp;

crate::tests![
    the_year_of_a_small_municipality_matches_the_hand_count,
    an_area_counts_its_sub_areas_but_neither_its_sibling_nor_the_rest,
    the_monitoring_has_a_row_per_year_and_the_fund_statement_every_approved_action,
    the_task_log_names_the_actor_the_municipalitys_model_gives_the_cell,
    only_staff_read_a_dataset_and_a_bad_request_is_refused,
];

async fn dataset(app: &TestApp, kind: &str, query: &str) -> Value {
    app.get(
        &app.a.api(&format!("/reports/{kind}/dataset?{query}")),
        Some(&app.a.qm),
    )
    .await
    .expect(200)
    .json
}

/// The value at rank ⌈p·n⌉ of the sorted values (nearest rank), as the test counts it.
fn nearest_rank(values: &[i64], percent: usize) -> Value {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (percent * sorted.len()).div_ceil(100);
    json!(sorted[rank - 1] as f64)
}

async fn the_year_of_a_small_municipality_matches_the_hand_count(app: TestApp) {
    town::build(&app).await;
    let d = dataset(&app, "jahresbericht", "year=2025").await;
    assert_eq!(d["version"], 2);
    assert_eq!(d["kind"], "jahresbericht");
    assert_eq!(d["municipality"], "aachen");
    assert_eq!(d["municipality_name"], "Stadt Aachen");
    assert_eq!(
        d["period"],
        json!({"from": "2025-01-01", "to": "2025-12-31"})
    );
    assert!(d.get("area").is_none());

    // Network: four bodies; meetings held on 10 Mar, 4 Apr, 5 May and 31 Dec 23:30 (the one
    // at 00:30 on 1 January and the one on 31 Dec 2024 are outside), one cancelled.
    assert_eq!(
        d["bodies_by_kind"],
        json!({"lenkungsgruppe": 1, "runder_tisch": 1, "stadtteilkonferenz": 2})
    );
    assert_eq!(
        d["bodies_by_area"],
        json!({"Nord": 1, "Nord-West": 1, "Süd": 1})
    );
    assert_eq!(d["meetings_held"], 4);
    assert_eq!(d["meetings_cancelled"], 1);
    assert_eq!(
        d["attendance"],
        json!({"present": 2 + 1 + 1 + 3, "excused": 1, "absent": 1})
    );
    assert_eq!(d["resolutions"], 3, "blank resolutions do not count");
    // Active on 31 Dec: Bürgerverein (twice), AWO, Nachbarschaftsinitiative, two persons.
    assert_eq!(
        d["network"],
        json!({"organisations": 3, "bodies": 4, "memberships": 6, "persons": 2,
               "organisations_by_kind": {"traeger_wohlfahrtspflege": 1, "verein": 2}})
    );

    // Concerns: eight received in 2025 (the one at 23:59:59 on 31 Dec included, the one at
    // midnight on 1 January not); answers in 2025 include one received in December 2024.
    let c = &d["concerns"];
    assert_eq!(c["received"], 8);
    assert_eq!(c["forwarded"], 7);
    assert_eq!(c["answered"], 8);
    assert_eq!(c["closed"], 2);
    assert_eq!(
        c["by_category"],
        json!({"schlagloch": 2, "spielplatz": 3, "wilder_muell": 3})
    );
    assert_eq!(
        c["by_department"],
        json!({"Grünflächenamt": 3, "Stadtbetrieb": 4})
    );
    let feedback_days = [2, 5, 1, 10, 3, 20, 11, 21];
    assert_eq!(
        c["median_days_to_feedback"],
        nearest_rank(&feedback_days, 50)
    );
    assert_eq!(c["p90_days_to_feedback"], nearest_rank(&feedback_days, 90));
    assert_eq!(c["median_days_to_feedback"], 5.0);

    // Funds: Nord and Süd of 2025; the fund of 2023 saw nothing in 2025.
    let funds = d["funds"].as_array().unwrap();
    assert_eq!(funds.len(), 2, "{funds:?}");
    let nord = &funds[0];
    assert_eq!(nord["name"], "Verfügungsfonds Nord 2025");
    assert_eq!(nord["fund_kind"], "verfuegungsfonds");
    assert_eq!(nord["year"], 2025);
    assert_eq!(nord["applications_received"], 7);
    assert_eq!(
        nord["applications_by_state"],
        json!({"abgelehnt": 1, "ausgezahlt": 1, "bewilligt": 2, "eingereicht": 1,
               "verwendungsnachweis_eingereicht": 1, "zurueckgezogen": 1})
    );
    assert_eq!(
        nord["recommendations"],
        json!({"empfohlen": 1, "nicht_empfohlen": 1}),
        "Sommerfest advised for, Grillplatz against; the rest not advised"
    );
    assert_eq!(
        nord["requested_cents"],
        100_000 + 50_000 + 30_000 + 20_000 + 40_000 + 15_000 + 25_000
    );
    assert_eq!(
        nord["applications_approved"], 4,
        "the January approval is outside"
    );
    assert_eq!(nord["applications_rejected"], 1);
    assert_eq!(nord["decided_cents"], 80_000 + 30_000 + 20_000 + 15_000);
    assert_eq!(nord["paid_cents"], 80_000 + 20_000);
    assert_eq!(
        nord["remaining_cents"],
        1_000_000 - (80_000 + 30_000 + 20_000 + 15_000 - 15_000),
        "the withdrawn approval gave its money back"
    );
    let decision_days = [10, 3, 7, 1, 2];
    assert_eq!(
        nord["days_to_decision"],
        json!({"median": nearest_rank(&decision_days, 50), "p90": nearest_rank(&decision_days, 90)})
    );
    assert_eq!(
        nord["proofs_due"], 2,
        "due 1 May and 31 Dec, not April 2026"
    );
    assert_eq!(
        nord["proofs_overdue"], 1,
        "31 Dec is not yet overdue on 31 Dec"
    );
    assert!(nord.get("actions").is_none_or(|a| a == &json!([])));
    let sued = &funds[1];
    assert_eq!(sued["name"], "Verfügungsfonds Süd 2025");
    assert_eq!(sued["applications_received"], 1);
    assert_eq!(sued["decided_cents"], 50_000);
    assert_eq!(sued["remaining_cents"], 450_000);
    assert_eq!(sued["days_to_decision"], json!({"median": 2.0, "p90": 2.0}));
    assert_eq!(sued["proofs_due"], 0);

    // Projects running in 2025: the park (since 2024) and the Sprachcafé.
    assert_eq!(
        d["projects_by_field_of_action"],
        json!({"bildung": 1, "wohnumfeld": 1})
    );
    assert_eq!(
        d["projects"]["by_state"],
        json!({"idee": 1, "umsetzung": 1})
    );
    assert_eq!(
        d["projects"]["targets"],
        json!([
            {"project": "Quartierspark Nord", "field_of_action": "wohnumfeld",
             "indicator": "Besuchende pro Woche", "unit": "Personen", "baseline": 100.0,
             "target_value": 300.0, "actual": 180.0, "deadline": "2026-06-30"},
            {"project": "Quartierspark Nord", "field_of_action": "wohnumfeld",
             "indicator": "Gepflanzte Bäume", "unit": "Bäume", "target_value": 40.0,
             "deadline": "2026-12-31"}
        ])
    );

    // Contracts in force: the office's, reviewed twice in 2025 (the 2026 review is later).
    assert_eq!(
        d["contracts"],
        json!([{"title": "Kontrakt Stadtteilbüro Nord", "reviews": 2, "targets": [
            {"kind": "quantitativ", "description": "Beratungsgespräche", "target_value": 200.0,
             "unit": "Gespräche", "deadline": "2025-12-31", "status": "teilweise_erfuellt"},
            {"kind": "qualitativ", "description": "Das Stadtteilbüro ist an drei Tagen geöffnet.",
             "deadline": "2025-12-31", "status": "erfuellt"}
        ]}])
    );

    // Task log of 2025 with the base matrix's actors (no plugin).
    assert_eq!(
        d["task_log"],
        json!([
            {"task_key": "management_koordination", "entries": 1},
            {"task_key": "management_koordination", "column_key": "gemeinwesenarbeit",
             "actor": "traeger_stadtteilbuero", "entries": 1},
            {"task_key": "management_koordination", "column_key": "steuerung",
             "actor": "kommune", "entries": 2}
        ])
    );
    assert_eq!(d["self_evaluations"], json!([]));
    assert_eq!(d["years"], json!([]), "only the monitoring has years");

    // The same days given as from–to make the same dataset.
    let days = dataset(&app, "jahresbericht", "from=2025-01-01&to=2025-12-31").await;
    assert_eq!(days, d);
}

async fn an_area_counts_its_sub_areas_but_neither_its_sibling_nor_the_rest(app: TestApp) {
    let town = town::build(&app).await;
    let d = dataset(
        &app,
        "jahresbericht",
        &format!("year=2025&area={}", town.nord),
    )
    .await;
    assert_eq!(d["area"], "Nord");
    assert_eq!(
        d["bodies_by_kind"],
        json!({"runder_tisch": 1, "stadtteilkonferenz": 1})
    );
    assert_eq!(d["bodies_by_area"], json!({"Nord": 1, "Nord-West": 1}));
    assert_eq!(d["meetings_held"], 3);
    assert_eq!(d["meetings_cancelled"], 1);
    assert_eq!(
        d["attendance"],
        json!({"present": 2 + 1 + 1, "excused": 1, "absent": 1})
    );
    assert_eq!(d["resolutions"], 2);
    assert_eq!(d["network"]["memberships"], 5);
    assert_eq!(d["network"]["persons"], 1);
    assert_eq!(d["network"]["organisations"], 3);
    let c = &d["concerns"];
    assert_eq!(c["received"], 5);
    assert_eq!(c["forwarded"], 5);
    assert_eq!(c["answered"], 6);
    assert_eq!(c["closed"], 2);
    assert_eq!(
        c["by_category"],
        json!({"schlagloch": 2, "wilder_muell": 3})
    );
    assert_eq!(
        c["by_department"],
        json!({"Grünflächenamt": 1, "Stadtbetrieb": 4})
    );
    let feedback_days = [2, 5, 1, 10, 3, 21];
    assert_eq!(
        c["median_days_to_feedback"],
        nearest_rank(&feedback_days, 50)
    );
    assert_eq!(c["p90_days_to_feedback"], nearest_rank(&feedback_days, 90));
    let funds = d["funds"].as_array().unwrap();
    assert_eq!(funds.len(), 1);
    assert_eq!(funds[0]["name"], "Verfügungsfonds Nord 2025");
    assert_eq!(d["projects_by_field_of_action"], json!({"wohnumfeld": 1}));
    assert_eq!(d["contracts"], json!([]), "the steering body has no area");
    assert_eq!(
        d["task_log"].as_array().unwrap().len(),
        3,
        "the log is the municipality's"
    );

    // The sub-area alone, and the sibling alone.
    let west = dataset(
        &app,
        "jahresbericht",
        &format!("year=2025&area={}", town.nord_west),
    )
    .await;
    assert_eq!(west["bodies_by_kind"], json!({"runder_tisch": 1}));
    assert_eq!(west["meetings_held"], 1);
    assert_eq!(west["concerns"]["received"], 1);
    assert_eq!(west["funds"], json!([]));
    let sued = dataset(
        &app,
        "jahresbericht",
        &format!("year=2025&area={}", town.sued),
    )
    .await;
    assert_eq!(sued["meetings_held"], 1);
    assert_eq!(sued["attendance"]["present"], 3);
    assert_eq!(sued["concerns"]["received"], 3);
    assert_eq!(sued["network"]["persons"], 1);
}

async fn the_monitoring_has_a_row_per_year_and_the_fund_statement_every_approved_action(
    app: TestApp,
) {
    town::build(&app).await;
    let d = dataset(&app, "monitoring", "year=2025").await;
    assert_eq!(d["kind"], "monitoring");
    assert_eq!(
        d["period"],
        json!({"from": "2021-01-01", "to": "2025-12-31"})
    );
    let years = d["years"].as_array().unwrap();
    let keys: Vec<&Value> = years.iter().map(|y| &y["year"]).collect();
    assert_eq!(keys, [2021, 2022, 2023, 2024, 2025]);
    assert_eq!(
        years[4],
        json!({"year": 2025, "meetings_held": 4, "attendance_rate": 7.0 / 9.0,
               "concerns_received": 8, "concerns_answered": 8,
               "median_days_to_feedback": 5.0, "fund_applications": 8,
               "fund_decided_cents": 145_000 + 50_000, "fund_paid_cents": 100_000,
               "projects": 2, "organisations": 3})
    );
    assert_eq!(
        years[3],
        json!({"year": 2024, "meetings_held": 1, "attendance_rate": null,
               "concerns_received": 1, "concerns_answered": 0,
               "median_days_to_feedback": null, "fund_applications": 0,
               "fund_decided_cents": 0, "fund_paid_cents": 0,
               "projects": 2, "organisations": 2})
    );
    assert_eq!(years[1]["projects"], 1, "the homework club ran in 2022");
    assert_eq!(years[0]["projects"], 0);
    // The whole five years at once: the meeting of 31 Dec 2024 counts too, and the fund of
    // 2023, which never had an application, is listed with its budget untouched.
    assert_eq!(d["meetings_held"], 5);
    assert_eq!(d["concerns"]["received"], 9);
    let funds = d["funds"].as_array().unwrap();
    let names: Vec<&Value> = funds.iter().map(|f| &f["name"]).collect();
    assert_eq!(
        names,
        [
            "Verfügungsfonds Nord 2023",
            "Verfügungsfonds Nord 2025",
            "Verfügungsfonds Süd 2025"
        ]
    );
    assert_eq!(funds[0]["applications_received"], 0);
    assert_eq!(funds[0]["remaining_cents"], 100_000);
    // The period's figures, counted per year and added up, are those of a report of the
    // whole five years at once.
    let mut whole = dataset(&app, "jahresbericht", "from=2021-01-01&to=2025-12-31").await;
    let mut added_up = d.clone();
    for figures in [&mut whole, &mut added_up] {
        let figures = figures.as_object_mut().unwrap();
        figures.remove("kind");
        figures.remove("years");
    }
    assert_eq!(added_up, whole);

    let statement = dataset(&app, "fondsabrechnung", "year=2025").await;
    let funds = statement["funds"].as_array().unwrap();
    assert_eq!(
        funds[0]["actions"],
        json!([
            {"reference": funds[0]["actions"][0]["reference"], "title": "Sommerfest",
             "state": "ausgezahlt", "approved_on": "2025-02-11", "approved_cents": 80_000,
             "paid_cents": 80_000, "proof_due_on": "2025-05-01", "proof_received": false,
             "recommendation": "empfohlen"},
            {"reference": funds[0]["actions"][1]["reference"], "title": "Lesecafé",
             "state": "bewilligt", "approved_on": "2025-04-08", "approved_cents": 30_000,
             "paid_cents": 0, "proof_due_on": "2025-12-31", "proof_received": false},
            {"reference": funds[0]["actions"][2]["reference"], "title": "Kinderflohmarkt",
             "state": "verwendungsnachweis_eingereicht", "approved_on": "2025-05-02",
             "approved_cents": 20_000, "paid_cents": 20_000, "proof_due_on": "2025-08-31",
             "proof_received": true}
        ])
    );
    for action in funds[0]["actions"].as_array().unwrap() {
        assert!(action["reference"].as_str().unwrap().starts_with("FA-"));
    }
    assert_eq!(funds[1]["actions"][0]["title"], "Spielplatzfest");
    assert_eq!(funds[1]["actions"].as_array().unwrap().len(), 1);
}

async fn the_task_log_names_the_actor_the_municipalitys_model_gives_the_cell(app: TestApp) {
    sqlx::query("UPDATE municipalities SET qm_model = 'tandem' WHERE id = $1")
        .bind(app.a.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let entry = json!({"year": 2025, "task_key": "steuerungsstrukturen", "column_key": "planung",
                       "activity": "Geschäftsordnung der Lenkungsgruppe entworfen"});
    app.post(&app.a.api("/task-log"), Some(&app.a.qm), entry)
        .await
        .expect(201);
    let base = dataset(&app, "jahresbericht", "year=2025").await;
    assert_eq!(base["qm_model"], "tandem");
    assert_eq!(base["task_log"][0]["actor"], "kommune", "the base matrix");

    app.activate_plugin(&app.a, "quartier_plugin_hessen").await;
    let adapted = dataset(&app, "jahresbericht", "year=2025").await;
    assert_eq!(
        adapted["task_log"],
        json!([{"task_key": "steuerungsstrukturen", "column_key": "planung",
                "actor": "planungsbuero", "entries": 1}])
    );
}

async fn only_staff_read_a_dataset_and_a_bad_request_is_refused(app: TestApp) {
    let a = &app.a;
    let path = |rest: &str| a.api(&format!("/reports/{rest}"));
    let year = path("jahresbericht/dataset?year=2025");
    for (token, status) in [
        (None, 401),
        (Some(a.member.as_str()), 403),
        (Some(a.jury.as_str()), 403),
        (Some(app.b.qm.as_str()), 403),
    ] {
        app.get(&year, token).await.expect(status);
    }
    app.get(&year, Some(&a.coordinator)).await.expect(200);
    app.get(&year, Some(&app.admin)).await.expect(200);

    let qm = Some(a.qm.as_str());
    app.get(&path("quartalsbericht/dataset?year=2025"), qm)
        .await
        .expect(404);
    let theirs = crate::areas::create(
        &app,
        &app.b,
        crate::areas::area("qm_gebiet", "Soldiner Straße", None),
    )
    .await;
    let foreign = app
        .get(
            &path(&format!("jahresbericht/dataset?year=2025&area={theirs}")),
            qm,
        )
        .await
        .expect(404);
    let unknown = app
        .get(
            &path(&format!(
                "jahresbericht/dataset?year=2025&area={}",
                uuid::Uuid::now_v7()
            )),
            qm,
        )
        .await
        .expect(404);
    assert_eq!(foreign.json, unknown.json, "a foreign area looks missing");

    for (query, code) in [
        ("", "report_period_missing"),
        (
            "year=2025&from=2025-01-01&to=2025-12-31",
            "report_period_invalid",
        ),
        ("from=2025-01-01", "report_period_invalid"),
        ("year=fünf", "report_period_invalid"),
        ("from=2025-12-31&to=2025-01-01", "report_period_invalid"),
        ("from=31.12.2024&to=2025-01-01", "report_period_invalid"),
        ("from=2010-01-01&to=2025-12-31", "report_period_too_long"),
    ] {
        let refused = app
            .get(&path(&format!("monitoring/dataset?{query}")), qm)
            .await
            .expect(422);
        assert_eq!(refused.code(), code, "{query}: {}", refused.text);
        assert!(!refused.json["detail"].as_str().unwrap().is_empty());
    }
}
