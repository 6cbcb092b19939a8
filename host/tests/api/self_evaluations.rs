//! Self-evaluations: staff record them on the municipality's form (checked like every form,
//! each error at its pointer under `/answers`), read and delete them; the report dataset
//! carries the answers of the evaluated years and area, and the report `selbstevaluation`
//! shows them. Nobody else sees one.

use serde_json::{Value, json};

use crate::support::TestApp;

crate::tests![
    staff_record_a_self_evaluation_and_the_report_shows_its_answers,
    a_self_evaluation_is_checked_against_the_form_and_kept_within_its_area,
    only_staff_of_the_municipality_see_self_evaluations,
];

fn example(year: i64) -> Value {
    let mut answers: Value = serde_json::from_str(include_str!(
        "../../../schemas/forms/examples/self-evaluation.json"
    ))
    .unwrap();
    answers["year"] = year.into();
    answers
}

async fn staff_record_a_self_evaluation_and_the_report_shows_its_answers(app: TestApp) {
    let a = &app.a;
    let created = app
        .post(
            &a.api("/self-evaluations"),
            Some(&a.qm),
            json!({"answers": example(2025)}),
        )
        .await
        .expect(201);
    assert_eq!(created.json["year"], 2025);
    assert_eq!(created.json["review_state"], "geprueft");
    assert_eq!(created.json["answers"], example(2025));
    let id = created.json["id"].as_str().unwrap().to_owned();
    let path = a.api(&format!("/self-evaluations/{id}"));
    let read = app.get(&path, Some(&a.coordinator)).await.expect(200);
    assert_eq!(read.etag(), "\"1\"");
    assert_eq!(
        read.json["answers"]["items"][1]["rating"],
        "teilweise_erfuellt"
    );

    let listed = app
        .get(&a.api("/self-evaluations?year=2025"), Some(&a.qm))
        .await
        .expect(200);
    assert_eq!(listed.json["total"], 1);
    let other_year = app
        .get(&a.api("/self-evaluations?year=2024"), Some(&a.qm))
        .await
        .expect(200);
    assert_eq!(other_year.json["total"], 0);

    let dataset = app
        .get(
            &a.api("/reports/selbstevaluation/dataset?year=2025"),
            Some(&a.qm),
        )
        .await
        .expect(200)
        .json;
    assert_eq!(
        dataset["self_evaluations"],
        json!([{"year": 2025, "answers": example(2025)}])
    );
    let before = app
        .get(
            &a.api("/reports/selbstevaluation/dataset?year=2024"),
            Some(&a.qm),
        )
        .await
        .expect(200)
        .json;
    assert_eq!(before["self_evaluations"], json!([]));

    let report = app
        .get(
            &a.api("/reports/selbstevaluation?year=2025&format=json"),
            Some(&a.qm),
        )
        .await
        .expect(200)
        .json;
    let text = report.to_string();
    assert!(
        text.contains("Selbstevaluation 2025") && text.contains("Abendsprechstunde"),
        "{text:.1500}"
    );

    app.send(reqwest::Method::DELETE, &path, Some(&a.qm), &[], None)
        .await
        .expect(204);
    app.get(&path, Some(&a.qm)).await.expect(404);
}

async fn a_self_evaluation_is_checked_against_the_form_and_kept_within_its_area(app: TestApp) {
    let a = &app.a;
    let mut wrong = example(2025);
    wrong["items"][0]["rating"] = 7.into();
    let refused = app
        .post(
            &a.api("/self-evaluations"),
            Some(&a.qm),
            json!({"answers": wrong}),
        )
        .await
        .expect(422);
    let pointers: Vec<&str> = refused.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["pointer"].as_str())
        .collect();
    assert!(
        pointers
            .iter()
            .any(|p| p.starts_with("/answers/items/0/rating")),
        "{pointers:?}"
    );
    let no_year = app
        .post(
            &a.api("/self-evaluations"),
            Some(&a.qm),
            json!({"answers": {"summary": "Ohne Jahr."}}),
        )
        .await
        .expect(422);
    assert!(no_year.text.contains("/answers/year"), "{}", no_year.text);
    let foreign_area = app
        .post(
            &a.api("/self-evaluations"),
            Some(&a.qm),
            json!({"area_id": app.b.id, "answers": example(2025)}),
        )
        .await
        .expect(422);
    assert!(
        foreign_area.text.contains("/area_id"),
        "{}",
        foreign_area.text
    );

    // An evaluation of one area: in that area's dataset and the whole municipality's, not
    // in a sibling's.
    let area = |name: &str| json!({"kind": "sozialraum", "name": name});
    let nord = app
        .post(&a.api("/areas"), Some(&a.coordinator), area("Nord"))
        .await
        .expect(201)
        .json["id"]
        .clone();
    let sued = app
        .post(&a.api("/areas"), Some(&a.coordinator), area("Süd"))
        .await
        .expect(201)
        .json["id"]
        .clone();
    app.post(
        &a.api("/self-evaluations"),
        Some(&a.qm),
        json!({"area_id": nord, "answers": example(2025)}),
    )
    .await
    .expect(201);
    let count = |query: String| {
        let app = app.clone();
        async move {
            app.get(
                &app.a.api(&format!(
                    "/reports/selbstevaluation/dataset?year=2025{query}"
                )),
                Some(&app.a.qm),
            )
            .await
            .expect(200)
            .json["self_evaluations"]
                .as_array()
                .unwrap()
                .len()
        }
    };
    assert_eq!(count(String::new()).await, 1);
    assert_eq!(count(format!("&area={}", nord.as_str().unwrap())).await, 1);
    assert_eq!(count(format!("&area={}", sued.as_str().unwrap())).await, 0);
}

async fn only_staff_of_the_municipality_see_self_evaluations(app: TestApp) {
    let a = &app.a;
    let id = app
        .post(
            &a.api("/self-evaluations"),
            Some(&a.coordinator),
            json!({"answers": example(2025)}),
        )
        .await
        .expect(201)
        .json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = a.api("/self-evaluations");
    let one = a.api(&format!("/self-evaluations/{id}"));
    app.get(&list, None).await.expect(401);
    for other in [&a.member, &a.jury, &app.b.coordinator] {
        app.get(&list, Some(other)).await.expect(403);
        app.get(&one, Some(other)).await.expect(404);
        app.send(reqwest::Method::DELETE, &one, Some(other), &[], None)
            .await
            .expect(404);
    }
    app.post(&list, Some(&a.member), json!({"answers": example(2025)}))
        .await
        .expect(403);
    app.get(&one, Some(&a.qm)).await.expect(200);
}
