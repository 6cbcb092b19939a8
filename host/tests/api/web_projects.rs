//! The signed-in pages of projects (Maßnahmen), over HTTP with the session cookie and the
//! form token: list and page per role (staff, a user of the lead organisation, a user of an
//! unrelated one), a measurement recorded and its progress shown, the state changed, goals
//! added; stale forms, forms without their token (also the contracts' review form), another
//! municipality's projects and contracts, and hostile input answered in German, never 500.
//! The contracts' pages: `web_contracts.rs`.

use serde_json::{Value, json};

use crate::support::{Reply, TestApp};
use crate::web_browser::{Browser, form_token, location, post_forms, qm, with_password};
use crate::web_contracts::contract_with_body;
use quartier::auth::Role;
use quartier::db::Id;

crate::tests![
    the_project_list_and_page_show_each_role_what_the_api_shows_it,
    a_user_of_the_lead_organisation_records_a_measurement_and_sees_the_progress,
    staff_change_the_state_and_stale_or_refused_steps_are_explained_in_german,
    staff_add_a_handlungsziel_and_a_target_and_measured_targets_keep_their_values,
    forms_without_the_form_token_are_refused_and_change_nothing,
    another_municipalitys_project_and_contract_are_the_same_404_as_unknown_ones,
    hostile_input_is_answered_in_german_with_a_4xx_and_never_a_500,
];

fn project(title: &str, lead: Option<Id>) -> Value {
    json!({
        "title": title,
        "description": "Aus dem Integrierten Handlungskonzept.",
        "field_of_action": "nachbarschaft_begegnung",
        "lead_organisation_id": lead,
        "budget_cents": 2_500_000,
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
    })
}

fn goals() -> Value {
    json!([{
        "title": "Das Wohnumfeld ist lebenswert",
        "handlungsziele": [{
            "title": "Mehr Menschen nutzen den Quartierspark",
            "targets": [
                {"indicator": "Besuchende pro Woche", "unit": "Personen", "baseline": 100,
                 "target_value": 300, "deadline": "2027-06-30"}
            ]
        }]
    }])
}

/// A project of A led by A's member organisation, with goals; answers its id and the API's
/// view of it.
async fn planned(app: &TestApp, title: &str) -> (String, Value) {
    let created = app
        .post(
            &app.a.api("/projects"),
            Some(&app.a.qm),
            project(title, Some(app.a.member_org)),
        )
        .await
        .expect(201);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let with_goals = app
        .put(
            &app.a.api(&format!("/projects/{id}/goals")),
            Some(&app.a.qm),
            Some(&created.etag()),
            goals(),
        )
        .await
        .expect(200);
    (id, with_goals.json)
}

fn first_target(project: &Value) -> String {
    project["goals"][0]["handlungsziele"][0]["targets"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A member user of A acting for a new organisation that takes no part in anything.
pub async fn outsider(app: &TestApp) -> Browser {
    let org = app
        .post(
            "/api/v1/organisations",
            Some(&app.a.qm),
            json!({"kind": "verein", "name": "Bürgerverein Süd"}),
        )
        .await
        .expect(201);
    let org: Id = org.json["id"].as_str().unwrap().parse().unwrap();
    with_password(app, "fremd-aachen", Role::Member, Some(app.a.id), Some(org)).await;
    let mut browser = Browser::new(app);
    browser.sign_in("fremd-aachen").await;
    browser
}

/// A's member user (of the lead organisation), signed in.
pub async fn member(app: &TestApp) -> Browser {
    with_password(
        app,
        "mitglied-aachen",
        Role::Member,
        Some(app.a.id),
        Some(app.a.member_org),
    )
    .await;
    let mut browser = Browser::new(app);
    browser.sign_in("mitglied-aachen").await;
    browser
}

pub async fn staff(app: &TestApp) -> Browser {
    let mut browser = Browser::new(app);
    browser.sign_in(qm(app).await).await;
    browser
}

/// Opens `page` and posts its form `form` (to `{page}/{form}`) with the page's token, the
/// form's id and version (as the page shows them) and `fields`.
pub async fn send(browser: &mut Browser, page: &str, form: &str, fields: &[(&str, &str)]) -> Reply {
    let html = browser.get(page).await.expect(200).text;
    let token = form_token(&html);
    let version = hidden(&html, form, "version");
    let mut all = vec![("csrf", token.as_str()), ("form", form)];
    if let Some(version) = &version {
        all.push(("version", version));
    }
    all.extend_from_slice(fields);
    browser.post(&format!("{page}/{form}"), &all).await
}

/// The value of hidden field `name` in the form with id `form`, if it has one.
fn hidden(html: &str, form: &str, name: &str) -> Option<String> {
    let at = html.find(&format!(r#"id="{form}""#))?;
    let end = html[at..].find("</form>").map_or(html.len(), |e| at + e);
    let within = &html[at..end];
    let marker = format!(r#"name="{name}" value=""#);
    let i = within.find(&marker)?;
    let rest = &within[i + marker.len()..];
    Some(rest[..rest.find('"').unwrap()].to_owned())
}

async fn api_project(app: &TestApp, id: &str) -> Value {
    app.get(&app.a.api(&format!("/projects/{id}")), Some(&app.a.qm))
        .await
        .expect(200)
        .json
}

async fn the_project_list_and_page_show_each_role_what_the_api_shows_it(app: TestApp) {
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
    let (park, _) = planned(&app, "Quartierspark Ost").await;
    let kantine = app
        .post(
            &app.a.api("/projects"),
            Some(&app.a.qm),
            project("Kiezkantine", None),
        )
        .await
        .expect(201);
    let kantine = kantine.json["id"].as_str().unwrap().to_owned();
    let slug = &app.a.slug;
    let list = format!("/arbeit/{slug}/massnahmen");
    let page = format!("{list}/{park}");

    let mut qm = staff(&app).await;
    let start = qm.get(&format!("/arbeit/{slug}")).await.expect(200).text;
    assert!(
        start.contains(&format!(r#"href="{list}""#)),
        "in the navigation"
    );
    assert!(start.contains(&format!(r#"href="/arbeit/{slug}/kontrakte""#)));
    let all = qm.get(&list).await.expect(200).text;
    assert!(all.contains(&format!(r#"href="{page}""#)));
    assert!(all.contains(&format!(r#"href="{list}/{kantine}""#)));
    assert!(
        all.contains("Nachbarschaft und Begegnung"),
        "the catalogue's label"
    );
    assert!(all.contains("Maßnahmen 1–2 von 2"));
    assert!(all.contains("25.000 €") && all.contains("01.01.2026 bis 31.12.2027"));
    let later = qm.get(&format!("{list}?offset=1")).await.expect(200).text;
    assert!(later.contains("Maßnahmen 2–2 von 2") && later.contains("Vorherige Seite"));
    let none = qm
        .get(&format!("{list}?stand=umsetzung"))
        .await
        .expect(200)
        .text;
    assert!(none.contains("Hier ist keine Maßnahme."));
    assert!(none.contains(r#"aria-current="page">Umsetzung<"#));
    let shown = qm.get(&page).await.expect(200).text;
    for fact in [
        "<h1>Quartierspark Ost</h1>",
        "Nachbarschaft und Begegnung",
        "AWO Stadt Aachen",
        "Das Wohnumfeld ist lebenswert",
        "Mehr Menschen nutzen den Quartierspark",
        "Besuchende pro Woche",
        "100 Personen",
        "300 Personen",
        "30.06.2027",
        "noch kein Messwert",
    ] {
        assert!(shown.contains(fact), "{fact}");
    }
    let forms = post_forms(&shown);
    for form in ["messwert", "stand", "indikator", "handlungsziel"] {
        assert!(forms.contains(&format!("{page}/{form}")), "staff: {form}");
    }

    // The lead organisation's user sees their project and may record, nothing more.
    let mut member = member(&app).await;
    let theirs = member.get(&list).await.expect(200).text;
    assert!(theirs.contains("Quartierspark Ost") && !theirs.contains("Kiezkantine"));
    assert!(theirs.contains("Maßnahmen 1–1 von 1"));
    let their_page = member.get(&page).await.expect(200).text;
    let their_forms: Vec<String> = post_forms(&their_page)
        .into_iter()
        .filter(|f| f != "/abmelden")
        .collect();
    assert_eq!(their_forms, vec![format!("{page}/messwert")]);
    member.get(&format!("{list}/{kantine}")).await.expect(404);

    // A user of an unrelated organisation sees none of it, the page like an unknown one.
    let mut stranger = outsider(&app).await;
    let empty = stranger.get(&list).await.expect(200).text;
    assert!(empty.contains("Hier ist keine Maßnahme."));
    let hidden = stranger.get(&page).await.expect(404);
    let unknown = stranger
        .get(&format!("{list}/{}", uuid::Uuid::now_v7()))
        .await
        .expect(404);
    assert_eq!(hidden.text, unknown.text);
}

async fn a_user_of_the_lead_organisation_records_a_measurement_and_sees_the_progress(app: TestApp) {
    let (id, planned) = planned(&app, "Quartierspark Ost").await;
    let target = first_target(&planned);
    let page = format!("/arbeit/{}/massnahmen/{id}", app.a.slug);
    let mut member = member(&app).await;

    // The link of the target preselects it in the form.
    let chosen = member
        .get(&format!("{page}?messen={target}"))
        .await
        .expect(200)
        .text;
    assert!(chosen.contains(&format!(r#"<option value="{target}" selected>"#)));

    let wrong = send(
        &mut member,
        &page,
        "messwert",
        &[
            ("target_id", &target),
            ("measured_on", "31.12.2026"),
            ("actual_value", "viele"),
        ],
    )
    .await
    .expect(422);
    assert!(wrong.text.contains(r##"href="#messwert-actual_value""##));
    assert!(wrong.text.contains("Bitte geben Sie eine Zahl ein"));
    assert!(
        wrong.text.contains(r#"value="viele""#),
        "what was entered stays"
    );
    assert!(wrong.text.contains(r#"aria-invalid="true""#));

    let sent = send(
        &mut member,
        &page,
        "messwert",
        &[
            ("target_id", &target),
            ("measured_on", "31.12.2026"),
            ("actual_value", "200"),
            ("note", "Zählung am Parkeingang"),
        ],
    )
    .await;
    assert_eq!(sent.status, 303, "{}", sent.text);
    assert_eq!(location(&sent), format!("{page}?hinweis=messwert"));
    let shown = member.get(&location(&sent)).await.expect(200).text;
    assert!(shown.contains("Der Messwert ist gespeichert."));
    assert!(
        shown.contains("200 Personen am 31.12.2026"),
        "the latest value"
    );
    assert!(
        shown.contains("50 % erreicht"),
        "half the way from 100 to 300"
    );
    assert!(shown.contains(r#"<progress max="100" value="50""#));
    assert!(shown.contains("<td>mitglied-aachen</td>") && shown.contains("Zählung am Parkeingang"));
    let api = app
        .get(
            &app.a.api(&format!("/projects/{id}/measurements")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(api.json["total"], 1);
    assert_eq!(api.json["items"][0]["actual_value"], 200.0);
    assert_eq!(api.json["items"][0]["measured_on"], "2026-12-31");
    assert_eq!(api.json["items"][0]["actor"], "mitglied-aachen");
}

async fn staff_change_the_state_and_stale_or_refused_steps_are_explained_in_german(app: TestApp) {
    let (id, _) = planned(&app, "Nachbarschaftscafé").await;
    let page = format!("/arbeit/{}/massnahmen/{id}", app.a.slug);
    let mut qm = staff(&app).await;
    let before = qm.get(&page).await.expect(200).text;
    let old_version = hidden(&before, "stand", "version").unwrap();

    let moved = send(
        &mut qm,
        &page,
        "stand",
        &[
            ("to", "konzept"),
            ("reason", "Beschluss der Steuerungsrunde"),
        ],
    )
    .await;
    assert_eq!(moved.status, 303, "{}", moved.text);
    let shown = qm.get(&location(&moved)).await.expect(200).text;
    assert!(shown.contains("Der Stand der Maßnahme ist geändert."));
    assert!(shown.contains("<td>Idee → Konzept</td>"));
    assert!(shown.contains("Beschluss der Steuerungsrunde"));
    assert_eq!(api_project(&app, &id).await["state"], "konzept");

    // A form made from an earlier version is refused: someone changed the project first.
    let token = form_token(&shown);
    let stale = qm
        .post(
            &format!("{page}/stand"),
            &[
                ("csrf", &token),
                ("form", "stand"),
                ("version", &old_version),
                ("to", "umsetzung"),
            ],
        )
        .await
        .expect(412);
    assert!(
        stale
            .text
            .contains("inzwischen von jemand anderem geändert")
    );
    assert!(stale.text.contains(r#"class="error-summary" role="alert""#));
    // A step the state does not allow, with the API's words and status.
    let skipped = send(&mut qm, &page, "stand", &[("to", "abgeschlossen")])
        .await
        .expect(409);
    assert!(
        skipped
            .text
            .contains("kann nicht in den Stand „Abgeschlossen“"),
        "{}",
        skipped.text
    );
    let unknown = send(&mut qm, &page, "stand", &[("to", "fliegend")])
        .await
        .expect(422);
    assert!(
        unknown
            .text
            .contains("Bitte wählen Sie einen Eintrag aus der Liste.")
    );
    assert!(unknown.text.contains(r##"href="#stand-to""##));

    // The lead organisation's user may not change the state: the API's refusal.
    let mut member = member(&app).await;
    let html = member.get(&page).await.expect(200).text;
    let version = api_project(&app, &id).await["version"].to_string();
    let refused = member
        .post(
            &format!("{page}/stand"),
            &[
                ("csrf", &form_token(&html)),
                ("form", "stand"),
                ("version", &version),
                ("to", "umsetzung"),
            ],
        )
        .await
        .expect(403);
    assert!(
        refused
            .text
            .contains("Für diese Aktion fehlt Ihnen die Berechtigung.")
    );
    assert_eq!(api_project(&app, &id).await["state"], "konzept");
}

async fn staff_add_a_handlungsziel_and_a_target_and_measured_targets_keep_their_values(
    app: TestApp,
) {
    let created = app
        .post(
            &app.a.api("/projects"),
            Some(&app.a.qm),
            project("Grüne Höfe", None),
        )
        .await
        .expect(201);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let page = format!("/arbeit/{}/massnahmen/{id}", app.a.slug);
    let mut qm = staff(&app).await;
    let empty = qm.get(&page).await.expect(200).text;
    assert!(empty.contains("Für diese Maßnahme sind noch keine Ziele festgelegt."));
    assert!(
        !post_forms(&empty).contains(&format!("{page}/indikator")),
        "no Handlungsziel yet"
    );

    // A new Leitziel needs its title: shown at its field.
    let untitled = send(
        &mut qm,
        &page,
        "handlungsziel",
        &[
            ("leitziel", "neu"),
            ("new_leitziel", ""),
            ("title", "Mehr Grün in den Höfen"),
        ],
    )
    .await
    .expect(422);
    assert!(
        untitled
            .text
            .contains(r##"href="#handlungsziel-new_leitziel""##)
    );
    assert!(untitled.text.contains("Mehr Grün in den Höfen"), "kept");
    let added = send(
        &mut qm,
        &page,
        "handlungsziel",
        &[
            ("leitziel", "neu"),
            ("new_leitziel", "Das Wohnumfeld ist lebenswert"),
            ("title", "Mehr Grün in den Höfen"),
        ],
    )
    .await;
    assert_eq!(added.status, 303, "{}", added.text);
    // Handlungsziele get new ids with every replacement of the goals: the form offers the
    // current one.
    let goal = |project: Value| {
        project["goals"][0]["handlungsziele"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let target = |goal: String, indicator: &str| {
        vec![
            ("goal", goal),
            ("indicator", indicator.to_owned()),
            ("unit", "Höfe".to_owned()),
            ("baseline", "2".to_owned()),
            ("target_value", "12,5".to_owned()),
            ("deadline", "2027-12-31".to_owned()),
        ]
    };
    let first = target(goal(api_project(&app, &id).await), "Begrünte Höfe");
    let fields: Vec<(&str, &str)> = first.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let sent = send(&mut qm, &page, "indikator", &fields).await;
    assert_eq!(sent.status, 303, "{}", sent.text);
    assert_eq!(location(&sent), format!("{page}?hinweis=indikator"));
    let now = api_project(&app, &id).await;
    let greened = &now["goals"][0]["handlungsziele"][0]["targets"][0];
    assert_eq!(greened["indicator"], "Begrünte Höfe");
    assert_eq!(greened["target_value"], 12.5);
    assert_eq!(greened["deadline"], "2027-12-31");
    let greened_id = greened["id"].as_str().unwrap().to_owned();
    app.post(
        &app.a.api(&format!("/projects/{id}/measurements")),
        Some(&app.a.qm),
        json!({"target_id": greened_id, "measured_on": "2026-10-01", "actual_value": 5}),
    )
    .await
    .expect(201);

    let second = target(goal(api_project(&app, &id).await), "Neue Hochbeete");
    let fields: Vec<(&str, &str)> = second.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let sent = send(&mut qm, &page, "indikator", &fields).await;
    assert_eq!(sent.status, 303, "{}", sent.text);
    let now = api_project(&app, &id).await;
    let targets = now["goals"][0]["handlungsziele"][0]["targets"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(targets.len(), 2);
    assert_eq!(
        targets[0]["id"],
        greened_id.as_str(),
        "the measured target keeps its id"
    );
    assert_eq!(targets[0]["latest_value"], 5.0);
    let shown = qm.get(&page).await.expect(200).text;
    assert!(shown.contains("<h5 id=") && shown.contains("Neue Hochbeete"));
    assert!(
        shown.contains("28 % erreicht"),
        "(5 − 2) / (12,5 − 2), rounded down"
    );
}

async fn forms_without_the_form_token_are_refused_and_change_nothing(app: TestApp) {
    let (id, planned) = planned(&app, "Quartierspark Ost").await;
    let target = first_target(&planned);
    let contract = contract_with_body(&app, "Kontrakt Ost", "2020-01-01", "2099-12-31").await;
    let contract = contract["id"].as_str().unwrap();
    let slug = &app.a.slug;
    let page = format!("/arbeit/{slug}/massnahmen/{id}");
    let mut qm = staff(&app).await;
    for (path, fields) in [
        (
            format!("{page}/messwert"),
            vec![
                ("target_id", target.as_str()),
                ("measured_on", "2026-12-31"),
                ("actual_value", "200"),
            ],
        ),
        (
            format!("{page}/stand"),
            vec![("version", "2"), ("to", "konzept")],
        ),
        (
            format!("/arbeit/{slug}/kontrakte/{contract}/ueberpruefung"),
            vec![("reviewed_on", "2026-11-20")],
        ),
    ] {
        let forged = qm.post(&path, &fields).await.expect(403);
        assert!(
            forged.text.contains("Sicherheitsprüfung fehlgeschlagen"),
            "{path}"
        );
        let wrong = [vec![("csrf", "gefälscht")], fields].concat();
        qm.post(&path, &wrong).await.expect(403);
    }
    let now = api_project(&app, &id).await;
    assert_eq!(now["state"], "idee");
    assert_eq!(
        now["goals"][0]["handlungsziele"][0]["targets"][0]["latest_value"],
        Value::Null
    );
    let reviews = app
        .get(
            &app.a.api(&format!("/contracts/{contract}")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(reviews.json["reviews"], json!([]));
}

async fn another_municipalitys_project_and_contract_are_the_same_404_as_unknown_ones(app: TestApp) {
    let foreign = app
        .post(
            &app.b.api("/projects"),
            Some(&app.b.qm),
            project("Kiezgarten", None),
        )
        .await
        .expect(201);
    let foreign = foreign.json["id"].as_str().unwrap().to_owned();
    let (ours, _) = planned(&app, "Quartierspark Ost").await;
    let (a, b) = (&app.a.slug, &app.b.slug);
    let mut qm = staff(&app).await;
    let unknown = qm
        .get(&format!("/arbeit/{a}/massnahmen/{}", uuid::Uuid::now_v7()))
        .await
        .expect(404);
    for path in [
        format!("/arbeit/{a}/massnahmen/{foreign}"),
        format!("/arbeit/{b}/massnahmen/{foreign}"),
        format!("/arbeit/{b}/massnahmen"),
        format!("/arbeit/{b}/kontrakte"),
        format!("/arbeit/{a}/massnahmen/keine-massnahme"),
        format!("/arbeit/{a}/kontrakte/{}", uuid::Uuid::now_v7()),
    ] {
        let reply = qm.get(&path).await.expect(404);
        assert_eq!(reply.text, unknown.text, "{path}");
    }
    let token = form_token(
        &qm.get(&format!("/arbeit/{a}/massnahmen/{ours}"))
            .await
            .expect(200)
            .text,
    );
    let posted = qm
        .post(
            &format!("/arbeit/{a}/massnahmen/{foreign}/stand"),
            &[
                ("csrf", &token),
                ("form", "stand"),
                ("version", "1"),
                ("to", "konzept"),
            ],
        )
        .await
        .expect(404);
    assert_eq!(posted.text, unknown.text);
    let still = app
        .get(&app.b.api(&format!("/projects/{foreign}")), Some(&app.b.qm))
        .await
        .expect(200);
    assert_eq!(still.json["state"], "idee");
}

async fn hostile_input_is_answered_in_german_with_a_4xx_and_never_a_500(app: TestApp) {
    let (id, planned) = planned(&app, "Quartierspark Ost").await;
    let target = first_target(&planned);
    let contract = contract_with_body(&app, "Kontrakt Ost", "2020-01-01", "2099-12-31").await;
    let contract_id = contract["id"].as_str().unwrap().to_owned();
    let sessions = contract["targets"][0]["id"].as_str().unwrap().to_owned();
    let slug = &app.a.slug;
    let page = format!("/arbeit/{slug}/massnahmen/{id}");
    let contract_page = format!("/arbeit/{slug}/kontrakte/{contract_id}");
    let mut qm = staff(&app).await;
    // One character over the API's limit for texts (`TEXT_MAX`).
    let long = "x".repeat(100_001);
    let unknown_target = uuid::Uuid::now_v7().to_string();
    let measurement = |value: &'static str, on: &'static str, target: &str, note: &str| {
        vec![
            ("target_id".to_owned(), target.to_owned()),
            ("measured_on".to_owned(), on.to_owned()),
            ("actual_value".to_owned(), value.to_owned()),
            ("note".to_owned(), note.to_owned()),
        ]
    };
    for (fields, expected, field) in [
        (
            measurement("1e400", "2026-12-31", &target, ""),
            "außerhalb des erlaubten Bereichs",
            "actual_value",
        ),
        (
            measurement("NaN", "2026-12-31", &target, ""),
            "außerhalb des erlaubten Bereichs",
            "actual_value",
        ),
        (
            measurement("-99999999999999999", "2026-12-31", &target, ""),
            "außerhalb des erlaubten Bereichs",
            "actual_value",
        ),
        (
            measurement("5", "30.02.2026", &target, ""),
            "gültiges Datum",
            "measured_on",
        ),
        (
            measurement("5", "99999-01-01", &target, ""),
            "gültiges Datum",
            "measured_on",
        ),
        (
            measurement("5", "'; DROP TABLE projects; --", &target, ""),
            "gültiges Datum",
            "measured_on",
        ),
        (
            measurement("5", "2026-12-31", "<script>", ""),
            "Eintrag aus der Liste",
            "target_id",
        ),
        (
            measurement("5", "2026-12-31", &unknown_target, ""),
            "existiert nicht",
            "target_id",
        ),
        (
            measurement("5", "2026-12-31", &target, &long),
            "zu lang",
            "note",
        ),
    ] {
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let reply = send(&mut qm, &page, "messwert", &fields).await;
        assert_eq!(reply.status, 422, "{fields:?}");
        assert!(reply.text.contains(expected), "{expected}: {fields:?}");
        assert!(
            reply
                .text
                .contains(&format!(r##"href="#messwert-{field}""##)),
            "{field}"
        );
    }
    let reason = send(
        &mut qm,
        &page,
        "stand",
        &[("to", "konzept"), ("reason", &long)],
    )
    .await
    .expect(422);
    assert!(reason.text.contains("zu lang") && reason.text.contains(r##"href="#stand-reason""##));
    let indicator = send(
        &mut qm,
        &page,
        "indikator",
        &[
            ("goal", "kein-ziel"),
            ("indicator", &long),
            ("unit", "Bäume"),
            ("target_value", "1e13"),
            ("deadline", "gestern"),
        ],
    )
    .await
    .expect(422);
    assert!(indicator.text.contains("gültiges Datum"));
    let comment = send(
        &mut qm,
        &contract_page,
        "ueberpruefung",
        &[
            ("reviewed_on", "2026-11-20"),
            ("meeting_id", "keine-sitzung"),
            (&format!("status-{sessions}"), "bestens"),
        ],
    )
    .await
    .expect(422);
    assert!(
        comment
            .text
            .contains(&format!(r##"href="#ueberpruefung-status-{sessions}""##))
    );
    assert!(
        comment
            .text
            .contains(r##"href="#ueberpruefung-meeting_id""##)
    );
    let too_long = send(
        &mut qm,
        &contract_page,
        "ueberpruefung",
        &[
            ("reviewed_on", "2026-11-20"),
            (&format!("status-{sessions}"), "erfuellt"),
            (&format!("comment-{sessions}"), &long),
        ],
    )
    .await
    .expect(422);
    assert!(
        too_long
            .text
            .contains(&format!(r##"href="#ueberpruefung-comment-{sessions}""##))
    );
    assert!(too_long.text.contains("zu lang"));
    // A body over the limit is refused before anyone reads it.
    let token = form_token(&qm.get(&page).await.expect(200).text);
    let huge = "x".repeat(300 * 1024);
    let reply = qm
        .post(
            &format!("{page}/messwert"),
            &[("csrf", &token), ("form", "messwert"), ("note", &huge)],
        )
        .await;
    assert_eq!(reply.status, 413, "{}", reply.status);
    // Addresses nobody links to.
    for path in [
        format!(
            "/arbeit/{slug}/massnahmen?stand=%3Cscript%3E&offset=99999999999999999999&handlungsfeld=x"
        ),
        format!("/arbeit/{slug}/massnahmen?offset=-5"),
        format!("/arbeit/{slug}/kontrakte?stand=%3C%2Fa%3E&offset=abc"),
        format!("{page}?messen=kein-ziel&hinweis=%3Cb%3E"),
    ] {
        let reply = qm.get(&path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            !reply.text.contains("<script>") && !reply.text.contains("<b>"),
            "{path}"
        );
    }
    // A control character in the address is refused by the host's guard, in German.
    let control = qm.get(&format!("/arbeit/{slug}/kontrakte?stand=%00")).await;
    assert!((400..500).contains(&control.status), "{}", control.status);
    let nothing = api_project(&app, &id).await;
    assert_eq!(nothing["state"], "idee");
    assert_eq!(nothing["version"], 2);
}
