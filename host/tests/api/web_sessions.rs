//! Browser sessions at the HTTP level: fixation, the form tokens on every state-changing
//! form, signing out on the server, idle and absolute timeouts, the cookies' flags, and the
//! one script of the signed-in pages. Signing in itself is in `web_sign_in`.

use std::time::Duration;

use quartier::auth::sessions::{Purpose, Secret};
use quartier::config::Settings;
use reqwest::header::COOKIE;

use crate::support::TestApp;
use crate::web_browser::{
    Browser, PASSWORD, SESSION, SIGN_IN_COOKIE, form_token, location, post_forms, qm, set_cookies,
};

crate::tests![
    a_session_planted_before_sign_in_is_not_the_one_after,
    a_running_session_brought_to_sign_in_ends_and_a_new_one_begins,
    every_state_changing_form_refuses_a_missing_or_wrong_token,
    signing_out_ends_the_session_on_the_server,
    an_idle_session_ends_and_a_used_one_lasts_until_its_absolute_end,
    the_cookies_are_secure_http_only_same_site_and_host_bound,
    without_secure_cookies_the_names_lose_their_host_prefix,
    signed_in_pages_load_their_one_script_from_this_host_and_work_without_it,
];

async fn a_session_planted_before_sign_in_is_not_the_one_after(app: TestApp) {
    let name = qm(&app).await;
    let mut browser = Browser::new(&app);
    // An attacker put a session cookie of their choosing into the victim's browser.
    let planted = Secret::generate().as_str().to_owned();
    browser.cookies.insert(SESSION.to_owned(), planted.clone());
    browser.sign_in(name).await;
    let session = browser.session().expect("a session cookie");
    assert_ne!(session, planted);
    browser.get("/arbeit/aachen").await.expect(200);
    // The planted value opens nothing.
    let mut attacker = Browser::new(&app);
    attacker.cookies.insert(SESSION.to_owned(), planted);
    let refused = attacker.get("/arbeit/aachen").await.expect(303);
    assert!(
        location(&refused).starts_with("/anmelden"),
        "{}",
        location(&refused)
    );
}

async fn a_running_session_brought_to_sign_in_ends_and_a_new_one_begins(app: TestApp) {
    let name = qm(&app).await;
    // Someone signs in and puts their own, running session into another browser that has
    // the sign-in form open: whoever signs in there must not end up in that session.
    let mut attacker = Browser::new(&app);
    attacker.sign_in(name).await;
    let planted = attacker.session().unwrap();
    let mut victim = Browser::new(&app);
    let form = victim.get("/anmelden").await.expect(200);
    victim.cookies.insert(SESSION.to_owned(), planted.clone());
    let token = form_token(&form.text);
    victim
        .post(
            "/anmelden",
            &[("csrf", &token), ("username", name), ("password", PASSWORD)],
        )
        .await
        .expect(303);
    let session = victim.session().unwrap();
    assert_ne!(session, planted);
    victim.get("/arbeit/aachen").await.expect(200);
    // The brought session ended on the server.
    attacker.get("/arbeit/aachen").await.expect(303);
}

async fn every_state_changing_form_refuses_a_missing_or_wrong_token(app: TestApp) {
    let name = qm(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(name).await;
    let mut other = Browser::new(&app);
    other.sign_in(name).await;
    let others_token = form_token(&other.get("/arbeit/aachen").await.expect(200).text);
    let mut visitor = Browser::new(&app);
    let sign_in_page = visitor.get("/anmelden").await.expect(200).text;
    let other_visitors_token = form_token(&Browser::new(&app).get("/anmelden").await.text);

    // Every POST form of the signed-in pages and of the sign-in page.
    let start = browser.get("/arbeit/aachen").await.expect(200).text;
    let mut forms = post_forms(&start);
    forms.extend(post_forms(&sign_in_page));
    forms.sort();
    forms.dedup();
    assert_eq!(forms, ["/abmelden", "/anmelden"]);

    for action in &forms {
        // Who sends the form, a token of someone else, and the sender's own secret's
        // token for the other purpose.
        let (sender, foreign, other_purpose) = if action == "/anmelden" {
            let secret = Secret::parse(&visitor.cookies[SIGN_IN_COOKIE]).unwrap();
            let token = secret.form_token(Purpose::Session);
            (&mut visitor, other_visitors_token.clone(), token)
        } else {
            let secret = Secret::parse(&browser.session().unwrap()).unwrap();
            let token = secret.form_token(Purpose::SignIn);
            (&mut browser, others_token.clone(), token)
        };
        let refusals: [(&str, Option<&str>); 4] = [
            ("without a token", None),
            ("with a made-up token", Some("erfunden")),
            ("with someone else's token", Some(foreign.as_str())),
            (
                "with a token for the other purpose",
                Some(other_purpose.as_str()),
            ),
        ];
        for (how, token) in refusals {
            let mut fields = vec![("username", name), ("password", PASSWORD)];
            fields.extend(token.map(|t| ("csrf", t)));
            let before = sender.cookies.clone();
            let reply = sender.post(action, &fields).await;
            assert_eq!(reply.status, 403, "{action} {how}: {}", reply.text);
            assert!(
                reply.text.contains("Sicherheitsprüfung fehlgeschlagen"),
                "{}",
                reply.text
            );
            assert_eq!(sender.cookies, before, "{action} {how} changed cookies");
        }
    }
    // A JSON body is no form: refused as well, even with the right token inside.
    let own_token = form_token(&start);
    let json = reqwest::Client::new()
        .post(format!("{}/abmelden", app.base))
        .header(COOKIE, format!("{SESSION}={}", browser.session().unwrap()))
        .header("content-type", "application/json")
        .body(format!(r#"{{"csrf":"{own_token}"}}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status().as_u16(), 403);
    // Nothing was changed: the visitor is not signed in, the session still works, and
    // nobody signed out.
    assert!(visitor.session().is_none());
    browser.get("/arbeit/aachen").await.expect(200);
    let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind("sign_out")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(audit, 0);
    // With its token, the same form works.
    browser
        .post("/abmelden", &[("csrf", &own_token)])
        .await
        .expect(303);
}

async fn signing_out_ends_the_session_on_the_server(app: TestApp) {
    let name = qm(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(name).await;
    let session = browser.session().unwrap();
    let start = browser.get("/arbeit/aachen").await.expect(200);
    let token = form_token(&start.text);
    let out = browser
        .post("/abmelden", &[("csrf", &token)])
        .await
        .expect(303);
    assert_eq!(location(&out), "/anmelden?abgemeldet");
    assert!(browser.session().is_none(), "the cookie is removed");
    let page = browser.get("/anmelden?abgemeldet").await.expect(200);
    assert!(page.text.contains("Sie haben sich abgemeldet."));
    // The old cookie, kept by someone, no longer opens anything.
    let mut kept = Browser::new(&app);
    kept.cookies.insert(SESSION.to_owned(), session);
    let refused = kept.get("/arbeit/aachen").await.expect(303);
    assert!(location(&refused).starts_with("/anmelden"));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM web_sessions")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

async fn an_idle_session_ends_and_a_used_one_lasts_until_its_absolute_end(app: TestApp) {
    let name = qm(&app).await;
    let mut settings = Settings::for_database("unused");
    settings.sessions.idle_timeout = Duration::from_millis(1500);
    settings.sessions.absolute_timeout = Duration::from_secs(3);
    let (server, _) = app.with_settings(settings).await;
    let mut browser = Browser::new(&server);
    browser.sign_in(name).await;
    // Measured from after the sign-in, so the session is at least this old.
    let signed_in = std::time::Instant::now();
    // Used every 0.3 s, the session outlives its idle timeout until its absolute end.
    let mut ended = None;
    while ended.is_none() {
        let age = signed_in.elapsed();
        let reply = browser.get("/arbeit/aachen").await;
        if age < Duration::from_millis(2500) {
            assert_eq!(reply.status, 200, "{age:?} after signing in");
        } else if reply.status == 303 {
            ended = Some(reply);
        } else {
            assert!(
                age < Duration::from_millis(3100),
                "still open {age:?} after signing in"
            );
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let ended = ended.unwrap();
    assert_eq!(
        location(&ended),
        "/anmelden?abgelaufen&next=%2Farbeit%2Faachen"
    );
    assert!(browser.session().is_none(), "the dead cookie is removed");
    let page = browser.get(&location(&ended)).await.expect(200);
    assert!(page.text.contains("Ihre Sitzung ist abgelaufen."));

    // Left alone longer than the idle timeout, a session ends.
    browser.sign_in(name).await;
    browser.get("/arbeit/aachen").await.expect(200);
    tokio::time::sleep(Duration::from_millis(1700)).await;
    browser.get("/arbeit/aachen").await.expect(303);
}

async fn the_cookies_are_secure_http_only_same_site_and_host_bound(app: TestApp) {
    let name = qm(&app).await;
    let mut browser = Browser::new(&app);
    let page = browser.get("/anmelden").await.expect(200);
    let [form_cookie] = set_cookies(&page).try_into().unwrap();
    assert!(
        form_cookie.starts_with(&format!("{SIGN_IN_COOKIE}=")),
        "{form_cookie}"
    );
    for attribute in ["; Path=/", "; HttpOnly", "; SameSite=Strict", "; Secure"] {
        assert!(form_cookie.contains(attribute), "{form_cookie}");
    }
    let token = form_token(&page.text);
    let signed_in = browser
        .post(
            "/anmelden",
            &[("csrf", &token), ("username", name), ("password", PASSWORD)],
        )
        .await
        .expect(303);
    let cookies = set_cookies(&signed_in);
    let session = cookies
        .iter()
        .find(|c| c.starts_with(&format!("{SESSION}=")))
        .expect("a session cookie");
    for attribute in ["; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure"] {
        assert!(session.contains(attribute), "{session}");
    }
    for absent in ["Domain", "Expires", "Max-Age"] {
        assert!(!session.contains(absent), "{session}");
    }
    // The sign-in form's cookie is done with.
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with(&format!("{SIGN_IN_COOKIE}=;")) && c.contains("Max-Age=0"))
    );
    // Only a hash of the secret is stored.
    let secret = browser.session().unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT secret_hash FROM web_sessions")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], secret);
    assert!(!stored[0].contains(&secret));
    // Pages of a session are never cached.
    let start = browser.get("/arbeit/aachen").await.expect(200);
    assert_eq!(start.headers["cache-control"], "no-store");
}

async fn without_secure_cookies_the_names_lose_their_host_prefix(app: TestApp) {
    let name = qm(&app).await;
    let mut settings = Settings::for_database("unused");
    settings.sessions.secure_cookies = false;
    let (server, _) = app.with_settings(settings).await;
    let mut browser = Browser::new(&server);
    browser.sign_in(name).await;
    let names: Vec<&String> = browser.cookies.keys().collect();
    assert_eq!(names, ["quartier-sitzung"]);
    browser.get("/arbeit/aachen").await.expect(200);
    // A cookie of the secure kind means nothing to this host.
    let secret = browser.cookies["quartier-sitzung"].clone();
    let mut other = Browser::new(&server);
    other.cookies.insert(SESSION.to_owned(), secret);
    other.get("/arbeit/aachen").await.expect(303);
}

/// The page with the typed name blanked out, to compare answers for different names.
async fn signed_in_pages_load_their_one_script_from_this_host_and_work_without_it(app: TestApp) {
    let name = qm(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(name).await;
    let page = browser.get("/arbeit/aachen").await.expect(200);
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("script-src 'self'") && policy.contains("default-src 'none'"));
    let scripts: Vec<&str> = page.text.split("<script").skip(1).collect();
    assert_eq!(scripts.len(), 1, "{}", page.text);
    let src = scripts[0].split(r#"src=""#).nth(1).unwrap();
    let src = &src[..src.find('"').unwrap()];
    assert!(src.starts_with("/static/staff.js?v="), "{src}");
    let script = browser.get(src).await.expect(200);
    assert!(
        script.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        script.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(script.text.contains("event.persisted"));
    // Everything on the page is plain HTML: the sign-out is a form, not a script.
    assert!(
        page.text
            .contains(r#"<form method="post" action="/abmelden""#)
    );
    // Public pages carry no script.
    let public = browser.get("/kommunen/aachen").await.expect(200);
    assert!(!public.text.contains("<script"));
}
