//! The start page of the signed-in pages: what waits for each role, read through the same
//! permission checks as the API.

use quartier::auth::Role;
use serde_json::json;

use crate::concerns::{staff_concern, step, wilder_muell};
use crate::funds::{body_with_our_jury, form, fund, id, to};
use crate::support::TestApp;
use crate::web_browser::{Browser, location, qm, with_password};

crate::tests![
    each_role_sees_what_waits_for_it_and_nothing_else,
    the_host_admin_chooses_a_municipality_and_a_role_without_one_finds_nothing_to_do,
];

/// What a reader sees: the page with every tag read as a space, whitespace collapsed.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the page's section `id` (up to the next section).
fn section(html: &str, id: &str) -> Option<String> {
    let start = html.find(&format!(r#"<h2 id="{id}">"#))?;
    let rest = &html[start..];
    let end = rest.find("</section>").unwrap_or(rest.len());
    Some(visible_text(&rest[..end]))
}

async fn each_role_sees_what_waits_for_it_and_nothing_else(app: TestApp) {
    let a = &app.a;
    // A concern just in, and one forwarded to the member's organisation.
    let new_concern = staff_concern(&app, wilder_muell()).await;
    let forwarded = staff_concern(&app, wilder_muell()).await;
    step(
        &app,
        &a.qm,
        &forwarded,
        json!({"to": "weitergeleitet", "department": "AWO", "organisation_id": a.member_org}),
    )
    .await
    .expect(200);
    let reference = |id: &str| {
        let app = app.clone();
        let path = a.api(&format!("/concerns/{id}"));
        async move {
            app.get(&path, Some(&app.a.qm)).await.expect(200).json["reference"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let (new_ref, forwarded_ref) = (reference(&new_concern).await, reference(&forwarded).await);
    // Another municipality's concern shows nowhere here.
    let foreign = app
        .post(&app.b.api("/concerns"), Some(&app.b.qm), wilder_muell())
        .await
        .expect(201);
    let foreign_ref = foreign.json["reference"].as_str().unwrap().to_owned();

    // A fund decided by a jury the member's organisation sits on; one application just
    // submitted, one checked (waiting for the jury), one paid with its proof overdue.
    let jury_body = body_with_our_jury(&app, a, "aktionsfondsjury", "Aktionsfondsjury Ost").await;
    let fund_id = fund(
        &app,
        a,
        json!({"kind": "aktionsfonds", "name": "Aktionsfonds Ost 2027", "year": 2027,
               "budget_cents": 1_000_000, "deciding_body_id": jury_body}),
    )
    .await;
    let submit = |title: &'static str| {
        let app = app.clone();
        let path = a.api(&format!("/funds/{fund_id}/applications"));
        async move {
            let reply = app
                .post(&path, Some(&app.a.qm), form(title, 50_000))
                .await
                .expect(201);
            let reference = reply.json["reference"].as_str().unwrap().to_owned();
            (id(reply), reference)
        }
    };
    let (_, fresh_ref) = submit("Frisch eingereicht").await;
    let (checked, checked_ref) = submit("Geprüfter Antrag").await;
    to(&app, a, &a.qm, &checked, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    let (paid, paid_ref) = submit("Ausgezahlter Antrag").await;
    for input in [
        json!({"to": "in_pruefung"}),
        json!({"to": "bewilligt", "proof_due_on": "2021-03-31"}),
        json!({"to": "ausgezahlt"}),
    ] {
        to(&app, a, &a.qm, &paid, input).await.expect(200);
    }
    // The jury's non-public body meets in the future.
    app.post(
        &a.api("/meetings"),
        Some(&a.qm),
        json!({"body_id": jury_body, "title": "Jurysitzung Frühjahr",
               "starts_at": "2030-03-05T17:00:00Z", "location": "Stadtteilbüro"}),
    )
    .await
    .expect(201);

    // The QM sees all of it.
    let name = qm(&app).await;
    let mut staff = Browser::new(&app);
    staff.sign_in(name).await;
    let page = staff.get("/arbeit/aachen").await.expect(200).text;
    let applications = section(&page, "antraege").expect("an applications section");
    assert!(
        applications.contains("Fondsanträge in Bearbeitung (2)"),
        "{applications}"
    );
    assert!(
        applications.contains(&format!("{fresh_ref} Frisch eingereicht")),
        "{applications}"
    );
    assert!(
        applications.contains("Nächster Schritt prüfen"),
        "{applications}"
    );
    assert!(applications.contains(&checked_ref), "{applications}");
    assert!(
        applications.contains("Nächster Schritt entscheiden"),
        "{applications}"
    );
    assert!(applications.contains("Beantragt 500 €"), "{applications}");
    assert!(!applications.contains(&paid_ref), "{applications}");
    let concerns = section(&page, "anliegen").expect("a concerns section");
    assert!(
        concerns.contains("Anliegen ohne Rückmeldung (2)"),
        "{concerns}"
    );
    // Longest waiting first.
    let (first, second) = (concerns.find(&new_ref), concerns.find(&forwarded_ref));
    assert!(first.unwrap() < second.unwrap(), "{concerns}");
    assert!(concerns.contains("Weitergeleitet an AWO"), "{concerns}");
    let proofs = section(&page, "nachweise").expect("a proofs section");
    assert!(
        proofs.contains(&paid_ref) && proofs.contains("Fällig seit 31.03.2021"),
        "{proofs}"
    );
    let meetings = section(&page, "sitzungen").expect("a meetings section");
    assert!(meetings.contains("Jurysitzung Frühjahr"), "{meetings}");
    assert!(meetings.contains("Aktionsfondsjury Ost"), "{meetings}");
    assert!(!page.contains(&foreign_ref));
    // The overview counts what the sections list.
    assert!(
        visible_text(&page).contains("2 Fondsanträge in Bearbeitung"),
        "{page}"
    );

    // The jury member sees the application waiting for the jury's decision, the concern
    // forwarded to their organisation and the meeting; no proofs.
    with_password(
        &app,
        "jury-aachen",
        Role::Jury,
        Some(a.id),
        Some(a.member_org),
    )
    .await;
    let mut jury = Browser::new(&app);
    jury.sign_in("jury-aachen").await;
    let page = jury.get("/arbeit/aachen").await.expect(200).text;
    let applications = section(&page, "antraege").expect("an applications section");
    assert!(
        applications.contains("Fondsanträge zur Beratung oder Entscheidung (1)"),
        "{applications}"
    );
    assert!(applications.contains(&checked_ref), "{applications}");
    assert!(!applications.contains(&fresh_ref), "{applications}");
    let concerns = section(&page, "anliegen").expect("a concerns section");
    assert!(
        concerns.contains(&forwarded_ref) && !concerns.contains(&new_ref),
        "{concerns}"
    );
    assert!(section(&page, "nachweise").is_none());
    assert!(
        section(&page, "sitzungen")
            .unwrap()
            .contains("Jurysitzung Frühjahr")
    );
    assert!(page.contains("(Jury)"), "the frame names the role");

    // A member sees the forwarded concern and the meeting; no applications.
    with_password(
        &app,
        "mitglied-aachen",
        Role::Member,
        Some(a.id),
        Some(a.member_org),
    )
    .await;
    let mut member = Browser::new(&app);
    member.sign_in("mitglied-aachen").await;
    let page = member.get("/arbeit/aachen").await.expect(200).text;
    assert!(section(&page, "antraege").is_none());
    let concerns = section(&page, "anliegen").expect("a concerns section");
    assert!(
        concerns.contains("Anliegen, die auf Ihre Rückmeldung warten (1)"),
        "{concerns}"
    );
    assert!(concerns.contains(&forwarded_ref), "{concerns}");
    assert!(
        section(&page, "sitzungen")
            .unwrap()
            .contains("Jurysitzung Frühjahr")
    );
    for hidden in [&new_ref, &fresh_ref, &checked_ref, &paid_ref] {
        assert!(!page.contains(hidden.as_str()), "{hidden}");
    }
    // The navigation leads only to pages that exist.
    for href in ["/arbeit/aachen", "/kommunen/aachen"] {
        assert!(page.contains(&format!(r#"href="{href}""#)), "{href}");
        member.get(href).await.expect(200);
    }
}

async fn the_host_admin_chooses_a_municipality_and_a_role_without_one_finds_nothing_to_do(
    app: TestApp,
) {
    with_password(&app, "admin", Role::Admin, None, None).await;
    let mut admin = Browser::new(&app);
    admin.sign_in("admin").await;
    let choose = admin.get("/arbeit").await.expect(200);
    assert!(choose.text.contains("Kommune wählen"));
    for slug in ["aachen", "berlin"] {
        assert!(
            choose.text.contains(&format!(r#"href="/arbeit/{slug}""#)),
            "{slug}"
        );
        let page = admin.get(&format!("/arbeit/{slug}")).await.expect(200);
        assert!(page.text.contains("Fondsanträge in Bearbeitung"));
    }
    admin.get("/arbeit/nirgendwo").await.expect(404);

    with_password(&app, "servicestelle", Role::Centre, None, None).await;
    let mut centre = Browser::new(&app);
    centre.sign_in("servicestelle").await;
    let page = centre.get("/arbeit").await.expect(200);
    assert!(
        page.text
            .contains("Für Ihre Rolle gibt es hier zurzeit nichts zu tun.")
    );
    let refused = centre.get("/arbeit/aachen").await.expect(404);
    assert_eq!(location(&refused), "");
}
