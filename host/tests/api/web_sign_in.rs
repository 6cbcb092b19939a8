//! Signing in through the browser at the HTTP level: one answer for unknown names and wrong
//! passwords, the rate limit, the same-origin `next`, and the audit entries.

use quartier::auth::Role;
use quartier::config::Settings;

use crate::support::{Reply, TestApp};
use crate::web_browser::{Browser, PASSWORD, form_token, location, qm, with_password};

crate::tests![
    an_unknown_name_and_a_wrong_password_get_the_same_answer,
    sign_in_attempts_are_limited_per_name_and_per_address_with_one_answer,
    signed_out_visitors_go_to_sign_in_and_come_back_only_to_this_host,
    sign_ins_and_sign_outs_are_in_the_audit_log,
];

fn without(reply: &Reply, name: &str) -> (u16, String) {
    (reply.status, reply.text.replace(name, "NAME"))
}

async fn an_unknown_name_and_a_wrong_password_get_the_same_answer(app: TestApp) {
    let name = qm(&app).await;
    // A user without a password (API only) and a disabled one answer the same.
    sqlx::query("UPDATE users SET disabled = 1 WHERE username = $1")
        .bind("jury-aachen")
        .execute(&app.db.pool)
        .await
        .unwrap();
    with_password(
        &app,
        "jury-aachen",
        Role::Jury,
        Some(app.a.id),
        Some(app.a.member_org),
    )
    .await;
    let mut browser = Browser::new(&app);
    let wrong = browser.sign_in_as(name, "falsch", "").await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong
            .text
            .contains("Benutzername oder Passwort ist falsch."),
        "{}",
        wrong.text
    );
    assert!(
        !wrong.text.contains("falsch\""),
        "the password is not shown again"
    );
    let expected = without(&wrong, name);
    for (other, password) in [
        ("niemand-hier", "falsch"),
        ("mitglied-aachen", PASSWORD),
        ("jury-aachen", PASSWORD),
    ] {
        let reply = browser.sign_in_as(other, password, "").await;
        assert_eq!(without(&reply, other), expected, "{other}");
    }
    assert!(browser.session().is_none());
    // Empty fields are named at their fields.
    let empty = browser.sign_in_as("", "", "").await.expect(422);
    assert!(
        empty
            .text
            .contains("Bitte geben Sie Ihren Benutzernamen ein.")
    );
    assert!(empty.text.contains("Bitte geben Sie Ihr Passwort ein."));
    assert!(empty.text.contains(r##"href="#feld-password""##));
}

async fn sign_in_attempts_are_limited_per_name_and_per_address_with_one_answer(app: TestApp) {
    let name = qm(&app).await;
    let mut settings = Settings::for_database("unused");
    settings.sessions.sign_in_attempts_per_name = 3;
    settings.sessions.sign_in_attempts_per_address = 10;
    let (server, _) = app.with_settings(settings).await;
    let mut browser = Browser::new(&server);
    for _ in 0..3 {
        browser.sign_in_as(name, "falsch", "").await.expect(422);
        browser
            .sign_in_as("niemand-hier", "falsch", "")
            .await
            .expect(422);
    }
    // The fourth attempt for a name is refused, even with the right password, and an
    // unknown name is refused the same way.
    let known = browser.sign_in_as(name, PASSWORD, "").await.expect(429);
    assert!(
        known.text.contains("Zu viele Anmeldeversuche."),
        "{}",
        known.text
    );
    assert!(known.headers.contains_key("retry-after"));
    let unknown = browser.sign_in_as("niemand-hier", "falsch", "").await;
    assert_eq!(without(&unknown, "niemand-hier"), without(&known, name));
    assert!(browser.session().is_none());
    // Names are counted whatever their case.
    browser
        .sign_in_as("QM-Aachen", PASSWORD, "")
        .await
        .expect(429);
    // Nine attempts from this address so far, refused ones included: the tenth is taken,
    // the eleventh refused whatever the name.
    browser
        .sign_in_as("koordination-aachen", "falsch", "")
        .await
        .expect(422);
    browser
        .sign_in_as("noch-jemand", "falsch", "")
        .await
        .expect(429);
    // The limits are per server process and window: the first server still signs in.
    Browser::new(&app).sign_in(name).await;
}

async fn signed_out_visitors_go_to_sign_in_and_come_back_only_to_this_host(app: TestApp) {
    let name = qm(&app).await;
    let mut browser = Browser::new(&app);
    let sent = browser.get("/arbeit/aachen?x=1").await.expect(303);
    assert_eq!(location(&sent), "/anmelden?next=%2Farbeit%2Faachen%3Fx%3D1");
    let form = browser.get(&location(&sent)).await.expect(200);
    assert!(
        form.text
            .contains(r#"name="next" value="/arbeit/aachen?x=1""#),
        "{}",
        form.text
    );
    let back = browser
        .sign_in_as(name, PASSWORD, "/arbeit/aachen?x=1")
        .await
        .expect(303);
    assert_eq!(location(&back), "/arbeit/aachen?x=1");
    // Another host, or something a browser would read as one, is never a destination.
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
    ] {
        let reply = Browser::new(&app)
            .sign_in_as(name, PASSWORD, evil)
            .await
            .expect(303);
        assert_eq!(location(&reply), "/arbeit", "{evil:?}");
        let page = Browser::new(&app)
            .get(&format!(
                "/anmelden?{}",
                serde_urlencoded::to_string([("next", evil)]).unwrap()
            ))
            .await
            .expect(200);
        assert!(!page.text.contains("evil.example"), "{evil:?}");
    }
    // Signed in, the sign-in page sends on to the start page.
    let again = browser.get("/anmelden").await.expect(303);
    assert_eq!(location(&again), "/arbeit");
    let start = browser.get("/arbeit").await.expect(303);
    assert_eq!(location(&start), "/arbeit/aachen");
    // A person of another municipality finds no page here.
    with_password(&app, "qm-berlin", Role::Qm, Some(app.b.id), None).await;
    let mut berliner = Browser::new(&app);
    berliner.sign_in("qm-berlin").await;
    berliner.get("/arbeit/aachen").await.expect(404);
    berliner.get("/arbeit/berlin").await.expect(200);
}

async fn sign_ins_and_sign_outs_are_in_the_audit_log(app: TestApp) {
    let name = qm(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in_as(name, "falsch", "").await.expect(422);
    browser.sign_in(name).await;
    let token = form_token(&browser.get("/arbeit/aachen").await.expect(200).text);
    browser
        .post("/abmelden", &[("csrf", &token)])
        .await
        .expect(303);
    let log = app
        .get(&app.a.api("/audit"), Some(&app.a.coordinator))
        .await
        .expect(200);
    let entries: Vec<(String, String, String)> = log.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["object_kind"].as_str().unwrap().to_owned(),
                e["actor"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for action in ["sign_in", "sign_out"] {
        let found = entries
            .iter()
            .filter(|(a, kind, actor)| a == action && kind == "user" && actor == name)
            .count();
        assert_eq!(found, 1, "{action}: {entries:?}");
    }
}
