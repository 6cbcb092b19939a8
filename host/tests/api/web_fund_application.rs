//! The resident's fund application page: fields from the municipality's effective schema,
//! errors at their fields, a plugin's field shown and stored, the honeypot, escaping, and the
//! German 404 page for a municipality that does not exist.

use serde_json::{Value, json};

use crate::funds::{application, fund};
use crate::support::{Tenant, TestApp};
use crate::web_concerns::post_form_to;

crate::tests![
    the_form_lists_the_schema_fields_and_the_open_funds_and_is_linked,
    a_valid_application_leads_to_the_status_page_and_is_stored,
    an_invalid_application_is_shown_again_with_german_errors_at_the_fields,
    a_field_the_plugin_adds_appears_and_is_stored,
    a_filled_in_honeypot_is_refused_and_nothing_is_stored,
    html_in_the_input_is_escaped_when_the_form_is_shown_again,
    an_unknown_municipality_or_a_foreign_fund_is_refused,
];

/// Far enough ahead that the fund stays open to applications whenever the test runs.
const YEAR: i64 = 2100;

fn path(t: &Tenant) -> String {
    format!("/kommunen/{}/foerderantrag", t.slug)
}

#[track_caller]
fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} not on the page:\n{text}");
}

async fn open_fund(app: &TestApp, t: &Tenant, kind: &str, name: &str) -> String {
    fund(
        app,
        t,
        json!({"kind": kind, "name": name, "year": YEAR, "budget_cents": 1_000_000,
               "cap_cents": 150_000}),
    )
    .await
}

/// A complete application to the base form, as a resident fills it in.
fn filled(fund: &str) -> Vec<(&str, &str)> {
    vec![
        ("fund", fund),
        ("/title", "Hoffest in der Lindenstraße"),
        (
            "/description",
            "Ein Fest im Hinterhof mit Musik, Kuchen und einem Flohmarkt für Kinder.",
        ),
        ("/amount_cents", "80000"),
        ("/cofinancing_cents", ""),
        (
            "/participation",
            "Die Nachbarinnen und Nachbarn planen das Fest gemeinsam und bauen auf.",
        ),
        ("/target_group", "Familien im Haus"),
        ("/schedule/start", "2027-06-01"),
        ("/schedule/end", "15.06.2027"),
        ("/schedule/milestones/0/date", ""),
        ("/schedule/milestones/0/activity", ""),
        ("/applicant/kind", "initiative"),
        ("/applicant/name", "Hofgemeinschaft Lindenstraße"),
        ("/applicant/members", "7"),
        ("/applicant/contact_email", "hof@example.org"),
        ("/cost_items/0/label", ""),
        ("/cost_items/0/amount_cents", ""),
        ("/cost_items/1/label", "Miete für Bänke"),
        ("/cost_items/1/amount_cents", "30000"),
        ("website", ""),
    ]
}

async fn stored_form(app: &TestApp, t: &Tenant) -> Value {
    let list = app
        .get(&t.api("/fund-applications"), Some(&t.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1, "{}", list.text);
    let id = list.json["items"][0]["id"].as_str().unwrap().to_owned();
    application(app, t, &id).await.json
}

async fn the_form_lists_the_schema_fields_and_the_open_funds_and_is_linked(app: TestApp) {
    let a = &app.a;
    let page = app
        .get(&format!("/kommunen/{}", a.slug), None)
        .await
        .expect(200);
    assert_contains(&page.text, r#"href="/kommunen/aachen/foerderantrag""#);
    // Without an open fund the page says so and shows no form.
    let empty = app.get(&path(a), None).await.expect(200);
    assert_contains(
        &empty.text,
        "Zurzeit nimmt die Kommune über diese Seite keine Anträge an.",
    );
    assert!(!empty.text.contains("<form"));

    let fund = open_fund(&app, a, "verfuegungsfonds", "Verfügungsfonds Nord").await;
    let old = fund_of_year(&app, a, 2020).await;
    let page = app.get(&path(a), None).await.expect(200);
    let html = &page.text;
    assert_contains(html, "<h1>Antrag auf Mittel aus dem Verfügungsfonds</h1>");
    assert_contains(
        html,
        &format!(
            r#"<option value="{fund}" selected>Verfügungsfonds Nord (Verfügungsfonds) – bis zu 1.500 € je Antrag</option>"#
        ),
    );
    assert!(!html.contains(&old), "a fund of a past year is offered");
    for (id, label) in [
        ("feld-title", "Titel des Vorhabens"),
        ("feld-description", "Was soll geschehen?"),
        ("feld-amount_cents", "Beantragter Betrag"),
        ("feld-schedule-start", "Beginn"),
        ("feld-applicant-name", "Name"),
        ("feld-cost_items-0-label", "Wofür?"),
    ] {
        assert_contains(html, &format!(r#"<label for="{id}">{label}"#));
    }
    assert_contains(
        html,
        r#"<textarea id="feld-description" name="/description""#,
    );
    assert_contains(
        html,
        r#"<input type="text" inputmode="numeric" id="feld-amount_cents" name="/amount_cents""#,
    );
    assert_contains(html, r#"<input type="date" id="feld-schedule-start""#);
    assert_contains(
        html,
        r#"<input type="email" id="feld-applicant-contact_email""#,
    );
    // Neither is a key of a catalogue the base form does not list.
    assert!(!html.contains("feld-field_of_action"));
    // A reference into the network directory by id is nothing a resident can fill in.
    assert!(!html.contains("feld-applicant-organisation_id"));
    assert_contains(html, r#"<legend>Antragsteller <span class="required""#);
    assert_contains(html, r#"<legend>Kostenposition 2</legend>"#);
    // Required fields are marked for eyes and screen readers; hints are linked.
    assert_contains(
        html,
        r#"Titel des Vorhabens <span class="required" aria-hidden="true">*</span><span class="visually-hidden"> (Pflichtfeld)</span>"#,
    );
    assert_contains(html, r#"aria-describedby="hinweis-title""#);
    assert_contains(html, r#"<div class="honeypot" aria-hidden="true">"#);
    // In the order the base form is written.
    let title = html.find(r#"id="feld-title""#).unwrap();
    let amount = html.find(r#"id="feld-amount_cents""#).unwrap();
    let applicant = html.find(r#"id="feld-applicant-name""#).unwrap();
    assert!(title < amount && amount < applicant);
    assert!(!html.contains("<script"));
}

async fn fund_of_year(app: &TestApp, t: &Tenant, year: i64) -> String {
    fund(
        app,
        t,
        json!({"kind": "aktionsfonds", "name": "Alter Fonds", "year": year,
               "budget_cents": 1000}),
    )
    .await
}

async fn a_valid_application_leads_to_the_status_page_and_is_stored(app: TestApp) {
    let a = &app.a;
    let fund = open_fund(&app, a, "verfuegungsfonds", "Verfügungsfonds Nord").await;
    let reply = post_form_to(&app, &path(a), &filled(&fund))
        .await
        .expect(303);
    let location = reply.headers["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/status/antrag/"), "{location}");
    assert!(location.ends_with("?neu"), "{location}");
    let page = app.get(&location, None).await.expect(200);
    assert_contains(&page.text, "Vielen Dank! Ihr Antrag ist eingegangen.");
    assert_contains(&page.text, "<strong>eingereicht</strong>");
    assert_contains(&page.text, "<dd>800 €</dd>");
    let stored = stored_form(&app, a).await;
    assert_contains(&page.text, stored["reference"].as_str().unwrap());
    assert_eq!(stored["channel"], "public");
    assert_eq!(stored["fund_id"], fund.as_str());
    let form = &stored["form_data"];
    assert_eq!(form["title"], "Hoffest in der Lindenstraße");
    assert_eq!(form["amount_cents"], 80_000);
    assert_eq!(
        form["schedule"],
        json!({"start": "2027-06-01", "end": "2027-06-15"})
    );
    // The empty row is dropped; the filled one is the first.
    assert_eq!(
        form["cost_items"],
        json!([{"label": "Miete für Bänke", "amount_cents": 30000}])
    );
    assert!(form.get("cofinancing_cents").is_none(), "{form}");
    assert_eq!(form["applicant"]["kind"], "initiative");
    assert_eq!(form["applicant"]["members"], 7);
}

async fn an_invalid_application_is_shown_again_with_german_errors_at_the_fields(app: TestApp) {
    let a = &app.a;
    let fund = open_fund(&app, a, "verfuegungsfonds", "Verfügungsfonds Nord").await;
    // A number that is none: reported at its field before anything is sent on.
    let mut fields = filled(&fund);
    fields[3] = ("/amount_cents", "achthundert Euro");
    let reply = post_form_to(&app, &path(a), &fields).await.expect(422);
    let html = &reply.text;
    assert_contains(html, r#"<div class="error-summary" role="alert""#);
    assert_contains(
        html,
        r##"<a href="#feld-amount_cents">Beantragter Betrag: Bitte geben Sie eine ganze Zahl ein"##,
    );
    assert_contains(html, r#"<p class="field-error" id="fehler-amount_cents">"#);
    assert_contains(
        html,
        r#"value="achthundert Euro" spellcheck="false" required aria-describedby="hinweis-amount_cents fehler-amount_cents" aria-invalid="true""#,
    );
    assert_contains(html, r#"value="Hoffest in der Lindenstraße""#);
    assert!(html.starts_with("<!DOCTYPE html>"));

    // The schema's errors: too short, missing, and a missing fund.
    let mut fields = filled("");
    fields[1] = ("/title", "Fe");
    fields[7] = ("/schedule/start", "");
    let reply = post_form_to(&app, &path(a), &fields).await.expect(422);
    let html = &reply.text;
    assert_contains(html, r##"<a href="#feld-fund">Fonds: "##);
    assert_contains(html, r#"id="fehler-fund""#);
    // A missing fund is found first; the form's own errors then come with the next sending.
    let mut fields = filled(&fund);
    fields[1] = ("/title", "Fe");
    fields[7] = ("/schedule/start", "");
    let reply = post_form_to(&app, &path(a), &fields).await.expect(422);
    let html = &reply.text;
    assert_contains(html, "Der Text ist zu kurz (mindestens 3 Zeichen).");
    assert_contains(html, r##"<a href="#feld-title">Titel des Vorhabens: "##);
    assert_contains(html, r##"<a href="#feld-schedule-start">Beginn: "##);
    assert_contains(html, r#"id="fehler-schedule-start""#);
    // The error sits at its field: between the label and the input.
    let label = html.find(r#"<label for="feld-title">"#).unwrap();
    let error = html.find(r#"id="fehler-title""#).unwrap();
    let input = html.find(r#"<input type="text" id="feld-title""#).unwrap();
    assert!(label < error && error < input);
    // Entered values are kept, the filled row moved up, and one empty row more.
    assert_contains(html, r#"value="Fe""#);
    assert_contains(html, r#"<option value="initiative" selected>"#);
    assert_contains(
        html,
        r#"id="feld-cost_items-0-label" name="/cost_items/0/label" value="Miete für Bänke""#,
    );
    assert_contains(
        html,
        r#"id="feld-cost_items-1-label" name="/cost_items/1/label" value="""#,
    );
    assert!(!html.contains(r#"id="fehler-description""#));
    let list = app
        .get(&a.api("/fund-applications"), Some(&a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 0);
}

async fn a_field_the_plugin_adds_appears_and_is_stored(app: TestApp) {
    let a = &app.a;
    app.activate_plugin(a, "quartier_plugin_aachen").await;
    let fund = open_fund(&app, a, "stadtteilfonds", "Stadtteilfonds Ost").await;
    let page = app.get(&path(a), None).await.expect(200);
    let html = &page.text;
    assert_contains(html, "<h1>Antrag auf Mittel aus dem Stadtteilfonds</h1>");
    assert_contains(
        html,
        r#"<label for="feld-own_initiative">Was bringen Sie selbst ein?"#,
    );
    assert_contains(
        html,
        r#"<textarea id="feld-own_initiative" name="/own_initiative""#,
    );
    assert_contains(html, r#"<label for="feld-lebensraum">Lebensraum"#);
    assert_contains(
        html,
        r#"<option value="kinder_jugend_familie">Kinder, Jugend und Familie</option>"#,
    );
    assert_contains(
        html,
        r#"<textarea id="feld-partner_institutions" name="/partner_institutions""#,
    );
    // The plugin's fields come after the base form's.
    let base = html.find(r#"id="feld-cost_items-0-label""#).unwrap();
    let added = html.find(r#"id="feld-own_initiative""#).unwrap();
    assert!(base < added);

    // Its own rule speaks at its field.
    let mut fields = filled(&fund);
    fields.extend([
        ("/lebensraum", "Rothe Erde"),
        ("/stadtteilkonferenz", "Stadtteilkonferenz Ost"),
        ("/field_of_action", "nachbarschaft_begegnung"),
        ("/own_initiative", "Zu wenig."),
    ]);
    let reply = post_form_to(&app, &path(a), &fields).await.expect(422);
    assert_contains(&reply.text, r#"id="fehler-own_initiative""#);
    assert_contains(&reply.text, "Was bringen Sie selbst ein?: ");

    let mut fields = filled(&fund);
    fields.extend([
        ("/lebensraum", "Rothe Erde"),
        ("/stadtteilkonferenz", "Stadtteilkonferenz Ost"),
        ("/field_of_action", "nachbarschaft_begegnung"),
        (
            "/own_initiative",
            "Wir bringen Bänke, Kuchen und viele helfende Hände mit.",
        ),
        (
            "/partner_institutions",
            "Grundschule Lindenstraße\r\n\r\nKita Sonnenschein",
        ),
    ]);
    post_form_to(&app, &path(a), &fields).await.expect(303);
    let stored = stored_form(&app, a).await;
    let form = &stored["form_data"];
    assert_eq!(
        form["own_initiative"],
        "Wir bringen Bänke, Kuchen und viele helfende Hände mit."
    );
    assert_eq!(form["field_of_action"], "nachbarschaft_begegnung");
    assert_eq!(
        form["partner_institutions"],
        json!(["Grundschule Lindenstraße", "Kita Sonnenschein"])
    );
}

async fn a_filled_in_honeypot_is_refused_and_nothing_is_stored(app: TestApp) {
    let a = &app.a;
    let fund = open_fund(&app, a, "verfuegungsfonds", "Verfügungsfonds Nord").await;
    let mut fields = filled(&fund);
    fields.retain(|(name, _)| *name != "website");
    fields.push(("website", "http://spam.example"));
    let reply = post_form_to(&app, &path(a), &fields).await.expect(422);
    assert_contains(&reply.text, "Eingabe nicht angenommen");
    assert_contains(&reply.text, r#"href="/kommunen/aachen/foerderantrag""#);
    let list = app
        .get(&a.api("/fund-applications"), Some(&a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 0);
}

async fn html_in_the_input_is_escaped_when_the_form_is_shown_again(app: TestApp) {
    let a = &app.a;
    let fund = open_fund(&app, a, "verfuegungsfonds", "Verfügungsfonds Nord").await;
    let mut fields = filled(&fund);
    fields[1] = ("/title", "<script>alert(1)</script>");
    fields[13] = ("/applicant/members", r#""><b>fett</b>"#);
    let reply = post_form_to(&app, &path(a), &fields).await.expect(422);
    let html = &reply.text;
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<b>fett"), "{html}");
    assert_contains(html, "&#60;script&#62;alert(1)&#60;/script&#62;");
    assert_contains(html, r#"id="fehler-applicant-members""#);
}

async fn an_unknown_municipality_or_a_foreign_fund_is_refused(app: TestApp) {
    for reply in [
        app.get("/kommunen/gibtsnicht/foerderantrag", None).await,
        post_form_to(&app, "/kommunen/gibtsnicht/foerderantrag", &[("fund", "x")]).await,
    ] {
        let reply = reply.expect(404);
        assert_contains(&reply.text, "Seite nicht gefunden");
    }
    // Berlin's fund sent to Aachen's form: an error at the fund, nothing stored anywhere.
    let (a, b) = (&app.a, &app.b);
    open_fund(&app, a, "verfuegungsfonds", "Verfügungsfonds Nord").await;
    let foreign = open_fund(&app, b, "aktionsfonds", "Aktionsfonds Berlin").await;
    let page = app.get(&path(a), None).await.expect(200);
    assert!(!page.text.contains(&foreign));
    let reply = post_form_to(&app, &path(a), &filled(&foreign))
        .await
        .expect(422);
    assert_contains(&reply.text, r#"id="fehler-fund""#);
    for t in [a, b] {
        let list = app
            .get(&t.api("/fund-applications"), Some(&t.qm))
            .await
            .expect(200);
        assert_eq!(list.json["total"], 0);
    }
}
