//! The persons pages for staff: create a person through the form, find it by name, open it
//! (each opening logged as a read of personal data), change its consents with the version
//! the form was made from, and erase it on request — only with the confirmation. Refusals
//! come back in German at their fields; other roles and municipalities see nothing.

use quartier::auth::Role;

use crate::persons::audit_actions;
use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, qm, with_password};

crate::tests![
    staff_create_find_change_and_erase_a_person_on_its_pages,
    a_stale_or_invalid_person_form_is_refused_in_german_and_changes_nothing,
    only_staff_of_the_municipality_see_the_persons_pages,
];

const PERSONS: &str = "/arbeit/aachen/personen";

/// The value of hidden field `name` in the form posting to `action`.
fn hidden(html: &str, action: &str, name: &str) -> String {
    let form = &html[html
        .find(&format!(r#"action="{action}""#))
        .unwrap_or_else(|| panic!("no form for {action}"))..];
    let at = form.find(&format!(r#"name="{name}" value=""#)).unwrap() + name.len() + 15;
    form[at..at + form[at..].find('"').unwrap()].to_owned()
}

/// Creates Anna Beispiel through the form; answers her page's path.
async fn create_anna(browser: &mut Browser) -> String {
    let page = browser.get(PERSONS).await.expect(200);
    let token = form_token(&page.text);
    let created = browser
        .post(
            PERSONS,
            &[
                ("csrf", &token),
                ("name", "Anna Beispiel"),
                ("email", "anna@example.org"),
                ("phone", "0241 123456"),
                ("contact", "ja"),
            ],
        )
        .await
        .expect(303);
    let to = location(&created);
    assert!(to.ends_with("?hinweis=angelegt"), "{to}");
    to.trim_end_matches("?hinweis=angelegt").to_owned()
}

async fn staff_create_find_change_and_erase_a_person_on_its_pages(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let start = browser.get("/arbeit/aachen").await.expect(200);
    assert!(start.text.contains(&format!(r#"href="{PERSONS}""#)));
    let path = create_anna(&mut browser).await;
    let id = path.rsplit('/').next().unwrap().to_owned();

    let shown = browser
        .get(&format!("{path}?hinweis=angelegt"))
        .await
        .expect(200);
    assert!(shown.text.contains("Die Person ist angelegt."));
    assert!(shown.text.contains("anna@example.org"), "{}", shown.text);
    assert!(shown.text.contains("im Protokoll vermerkt"));
    assert_eq!(
        audit_actions(&app, &id).await,
        vec!["read_personal", "create"]
    );

    let found = browser.get(&format!("{PERSONS}?q=beisp")).await.expect(200);
    assert!(
        found
            .text
            .contains(&format!(r#"<a href="{path}">Anna Beispiel</a>"#))
    );
    let none = browser
        .get(&format!("{PERSONS}?q=niemand"))
        .await
        .expect(200);
    assert!(none.text.contains("Keine Personen gefunden."));
    assert!(
        !none.text.contains("anna@example.org"),
        "lists carry no contact data"
    );

    let page = browser.get(&path).await.expect(200);
    let token = form_token(&page.text);
    let version = hidden(&page.text, &path, "version");
    let saved = browser
        .post(
            &path,
            &[
                ("csrf", &token),
                ("version", &version),
                ("organisation", ""),
                ("name", "Anna Beispiel"),
                ("email", "anna@example.org"),
                ("phone", ""),
                ("listed", "ja"),
            ],
        )
        .await
        .expect(303);
    assert_eq!(location(&saved), format!("{path}?hinweis=gespeichert"));
    let person = app
        .get(&app.a.api(&format!("/persons/{id}")), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(person.json["listed_publicly"], true);
    assert_eq!(
        person.json["may_contact"], false,
        "an unticked box withdraws consent"
    );
    assert!(person.json.get("phone").is_none(), "{}", person.text);

    // Erasure needs the confirmation that the person asked for it.
    let page = browser.get(&path).await.expect(200);
    let erase = format!("{path}/loeschen");
    let version = hidden(&page.text, &erase, "version");
    let unconfirmed = browser
        .post(&erase, &[("csrf", &token), ("version", &version)])
        .await
        .expect(422);
    assert!(
        unconfirmed.text.contains("Bitte bestätigen Sie"),
        "{}",
        unconfirmed.text
    );
    let erased = browser
        .post(
            &erase,
            &[("csrf", &token), ("version", &version), ("confirm", "ja")],
        )
        .await
        .expect(303);
    assert_eq!(location(&erased), format!("{path}?hinweis=geloescht"));
    let after = browser.get(&location(&erased)).await.expect(200);
    assert!(after.text.contains("sind gelöscht"), "{}", after.text);
    assert!(!after.text.contains("Anna Beispiel"));
    assert!(!after.text.contains("anna@example.org"));
    let actions = audit_actions(&app, &id).await;
    assert!(actions.contains(&"erase".to_owned()), "{actions:?}");
}

async fn a_stale_or_invalid_person_form_is_refused_in_german_and_changes_nothing(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let page = browser.get(PERSONS).await.expect(200);
    let token = form_token(&page.text);
    let refused = browser
        .post(
            PERSONS,
            &[
                ("csrf", &token),
                ("name", "Bert"),
                ("email", "keine-adresse"),
            ],
        )
        .await
        .expect(422);
    assert!(
        refused.text.contains(r##"<a href="#email">"##),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains(r#"value="keine-adresse""#),
        "what was entered stays"
    );
    let blank = browser
        .post(PERSONS, &[("csrf", &token), ("name", "  ")])
        .await
        .expect(422);
    assert!(blank.text.contains(r##"<a href="#name">"##));
    let long = "x".repeat(5_000);
    browser
        .post(PERSONS, &[("csrf", &token), ("name", &long)])
        .await
        .expect(422);
    let listed = app
        .get(&app.a.api("/persons"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(listed.json["total"], 0);

    let path = create_anna(&mut browser).await;
    for (version, organisation, status) in
        [("7", "", 412), ("kaputt", "", 412), ("1", "keine-id", 422)]
    {
        let sent = [
            ("csrf", token.as_str()),
            ("version", version),
            ("organisation", organisation),
            ("name", "Anna B."),
        ];
        let reply = browser.post(&path, &sent).await;
        assert_eq!(
            reply.status, status,
            "{version} {organisation}: {}",
            reply.text
        );
        assert!(
            reply.text.contains("Bitte prüfen Sie Ihre Angaben"),
            "{}",
            reply.text
        );
    }
    let still = browser.get(&path).await.expect(200);
    assert!(
        still.text.contains("<h1>Anna Beispiel</h1>"),
        "nothing changed"
    );
    browser
        .post(&path, &[("version", "1"), ("name", "Ohne Token")])
        .await
        .expect(403);
}

async fn only_staff_of_the_municipality_see_the_persons_pages(app: TestApp) {
    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let path = create_anna(&mut staff).await;
    let id = path.rsplit('/').next().unwrap().to_owned();

    with_password(
        &app,
        "member-aachen",
        Role::Member,
        Some(app.a.id),
        Some(app.a.member_org),
    )
    .await;
    let mut member = Browser::new(&app);
    member.sign_in("member-aachen").await;
    member.get(PERSONS).await.expect(404);
    member.get(&path).await.expect(404);
    with_password(&app, "qm-b", Role::Qm, Some(app.b.id), None).await;
    let mut other = Browser::new(&app);
    other.sign_in("qm-b").await;
    other.get(&path).await.expect(404);
    other
        .get(&format!("/arbeit/{}/personen/{id}", app.b.slug))
        .await
        .expect(404);
    other
        .get("/arbeit/aachen/personen/kein-id")
        .await
        .expect(404);
    // Nobody else's look at the page was logged as a read.
    assert_eq!(audit_actions(&app, &id).await, vec!["create"]);
}
