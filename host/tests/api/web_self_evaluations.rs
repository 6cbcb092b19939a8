//! The staff's self-evaluation page: the form is the municipality's self-evaluation schema
//! (a field its plugin adds appears), a sending is recorded through the API's own check and
//! listed, errors come back next to their fields with what was entered; only staff find
//! the page, and a sending without the form token changes nothing.

use serde_json::json;

use crate::areas::area;
use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, qm, with_password};
use quartier::auth::Role;

crate::tests![
    staff_record_a_self_evaluation_on_the_page_and_find_it_listed,
    a_wrong_sending_is_shown_again_with_its_errors_next_to_the_fields,
    only_staff_find_the_page_and_a_sending_needs_the_form_token,
];

fn page(app: &TestApp) -> String {
    format!("/arbeit/{}/selbstevaluation", app.a.slug)
}

async fn recorded(app: &TestApp) -> serde_json::Value {
    app.get(&app.a.api("/self-evaluations"), Some(&app.a.qm))
        .await
        .expect(200)
        .json
}

async fn staff_record_a_self_evaluation_on_the_page_and_find_it_listed(app: TestApp) {
    let area = crate::areas::create(&app, &app.a, area("quartier", "Ostviertel", None)).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let start = browser
        .get(&format!("/arbeit/{}", app.a.slug))
        .await
        .expect(200);
    assert!(
        start.text.contains(&format!(r#"href="{}""#, page(&app))),
        "a link in the navigation"
    );
    let form = browser.get(&page(&app)).await.expect(200);
    assert!(
        form.text
            .contains("Noch keine Selbstevaluation festgehalten.")
    );
    // The schema's fields, named by their pointers, and the area beside them.
    for field in [
        r#"name="/year""#,
        r#"name="/participants""#,
        r#"name="/strengths""#,
    ] {
        assert!(form.text.contains(field), "{field}");
    }
    assert!(form.text.contains("Ostviertel"));

    let token = form_token(&form.text);
    let sent = browser
        .post(
            &page(&app),
            &[
                ("csrf", &token),
                ("area", &area),
                ("/year", "2025"),
                ("/participants", "Stadtteilkonferenz Ost und Träger"),
                ("/strengths", "Gute Zusammenarbeit der Träger"),
            ],
        )
        .await
        .expect(303);
    assert_eq!(
        location(&sent),
        format!("{}?hinweis=gespeichert", page(&app))
    );
    let listed = recorded(&app).await;
    assert_eq!(listed["total"], 1);
    let evaluation = &listed["items"][0];
    assert_eq!(evaluation["year"], 2025);
    assert_eq!(evaluation["area_id"], area.as_str());
    assert_eq!(
        evaluation["answers"],
        json!({"year": 2025, "participants": "Stadtteilkonferenz Ost und Träger",
               "strengths": "Gute Zusammenarbeit der Träger"})
    );
    let shown = browser.get(&location(&sent)).await.expect(200);
    assert!(shown.text.contains("Die Selbstevaluation ist gespeichert."));
    assert!(
        shown
            .text
            .contains("<th scope=\"row\">2025</th><td>Ostviertel</td>")
    );
}

async fn a_wrong_sending_is_shown_again_with_its_errors_next_to_the_fields(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let token = form_token(&browser.get(&page(&app)).await.expect(200).text);
    // No year: the API's rule; the text entered stays.
    let again = browser
        .post(
            &page(&app),
            &[("csrf", &token), ("/participants", "<b>Beirat</b>")],
        )
        .await
        .expect(422);
    assert!(again.text.contains("error-summary"));
    assert!(
        again.text.contains(r##"href="#feld-year""##),
        "{}",
        again.text
    );
    assert!(
        again.text.contains("&#60;b&#62;Beirat&#60;/b&#62;") && !again.text.contains("<b>Beirat")
    );
    // A year that is no number is an error at the field, before anything is sent on.
    let unreadable = browser
        .post(&page(&app), &[("csrf", &token), ("/year", "zweitausend")])
        .await
        .expect(422);
    assert!(unreadable.text.contains("ganze Zahl"));
    // Out of the schema's range.
    let range = browser
        .post(&page(&app), &[("csrf", &token), ("/year", "1850")])
        .await
        .expect(422);
    assert!(range.text.contains(r##"href="#feld-year""##));
    // An area that is no id of ours.
    let area = browser
        .post(
            &page(&app),
            &[("csrf", &token), ("area", "kein-gebiet"), ("/year", "2025")],
        )
        .await
        .expect(422);
    assert!(area.text.contains(r##"href="#feld-area""##));
    assert_eq!(recorded(&app).await["total"], 0, "nothing recorded");
}

async fn only_staff_find_the_page_and_a_sending_needs_the_form_token(app: TestApp) {
    with_password(
        &app,
        "mitglied-aachen",
        Role::Member,
        Some(app.a.id),
        Some(app.a.member_org),
    )
    .await;
    let mut member = Browser::new(&app);
    member.sign_in("mitglied-aachen").await;
    let refused = member.get(&page(&app)).await.expect(404);
    let unknown = member.get("/arbeit/aachen/gibt-es-nicht").await.expect(404);
    assert_eq!(refused.text, unknown.text);
    let start = member
        .get(&format!("/arbeit/{}", app.a.slug))
        .await
        .expect(200);
    assert!(!start.text.contains("selbstevaluation"));

    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    staff
        .post(&page(&app), &[("/year", "2025")])
        .await
        .expect(403);
    // Another municipality's page is the same 404.
    let foreign = staff
        .get(&format!("/arbeit/{}/selbstevaluation", app.b.slug))
        .await;
    assert_eq!(foreign.status, 404);
    assert_eq!(recorded(&app).await["total"], 0);
}
