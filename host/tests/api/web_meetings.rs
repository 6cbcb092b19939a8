//! The signed-in pages of bodies, meetings and minutes, over HTTP with the session cookie
//! and the form token: a manager plans a meeting, enters its agenda, records attendance,
//! results with votes and the notes, and the results appear on the public body page and in
//! the printable minutes; stale forms, forms without a token, other municipalities, roles
//! that may only read and hostile input are each refused with a German page, never a 500.

use quartier::auth::Role;
use serde_json::json;

use crate::bodies::body;
use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, qm, with_password};

crate::tests![
    a_manager_plans_a_meeting_and_records_agenda_attendance_and_minutes,
    a_stale_form_is_refused_with_a_german_message_and_changes_nothing,
    a_meeting_form_without_its_token_is_refused,
    another_municipalitys_staff_and_members_find_neither_our_bodies_nor_our_meetings,
    a_member_reads_the_meetings_but_may_not_change_them,
    hostile_input_gets_a_german_refusal_never_a_server_error,
];

/// A public body of municipality A with A's member organisation as a member; its id.
async fn conference(app: &TestApp) -> String {
    let created = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body("Stadtteilkonferenz Ost", true),
        )
        .await
        .expect(201);
    let id = created.json["id"].as_str().unwrap().to_owned();
    app.post(
        &app.a.api(&format!("/bodies/{id}/memberships")),
        Some(&app.a.qm),
        json!({"organisation_id": app.a.member_org, "role": "mitglied", "voting_right": true}),
    )
    .await
    .expect(201);
    id
}

/// The value of the first hidden field `name` on a page.
fn hidden(html: &str, name: &str) -> String {
    let needle = format!(r#"name="{name}" value=""#);
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no field {name} on the page"));
    let rest = &html[at + needle.len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// Posts form `teil` of the meeting page `page` with `fields`, with the page's token and
/// version.
async fn send(
    browser: &mut Browser,
    page: &str,
    teil: &str,
    fields: &[(&str, &str)],
) -> crate::support::Reply {
    let html = browser.get(page).await.expect(200).text;
    let token = form_token(&html);
    let version = hidden(&html, "version");
    let mut all = vec![
        ("csrf", token.as_str()),
        ("teil", teil),
        ("version", &version),
    ];
    all.extend_from_slice(fields);
    browser.post(page, &all).await
}

/// Signs in the manager of A and plans a meeting of `body` through the body's page; answers
/// the meeting page's path.
async fn planned(app: &TestApp, browser: &mut Browser, body: &str) -> String {
    browser.sign_in(qm(app).await).await;
    let list = format!("/arbeit/{}/gremien/{body}", app.a.slug);
    let html = browser.get(&list).await.expect(200).text;
    let token = form_token(&html);
    let reply = browser
        .post(
            &list,
            &[
                ("csrf", &token),
                ("title", "Stadtteilkonferenz Dezember"),
                ("date", "10.12.2030"),
                ("start", "18:00"),
                ("end", "20:30"),
                ("location", "Bürgerhaus Ost"),
                ("state", "eingeladen"),
            ],
        )
        .await
        .expect(303);
    let to = location(&reply);
    to.split('?').next().unwrap().to_owned()
}

async fn a_manager_plans_a_meeting_and_records_agenda_attendance_and_minutes(app: TestApp) {
    let body = conference(&app).await;
    let mut browser = Browser::new(&app);
    let page = planned(&app, &mut browser, &body).await;
    let slug = &app.a.slug;
    assert!(
        page.starts_with(&format!("/arbeit/{slug}/sitzungen/")),
        "{page}"
    );
    let start = browser
        .get(&format!("/arbeit/{slug}"))
        .await
        .expect(200)
        .text;
    assert!(
        start.contains(&format!(r#"href="/arbeit/{slug}/gremien""#)),
        "in the navigation"
    );
    assert!(
        start.contains(&format!(r#"href="{page}""#)),
        "the next meetings link it"
    );
    let shown = browser
        .get(&format!("{page}?hinweis=geplant"))
        .await
        .expect(200)
        .text;
    assert!(shown.contains("Die Sitzung ist geplant."));
    assert!(
        shown.contains("Di., 10.12.2030, 18:00–20:30 Uhr"),
        "German local time"
    );

    // Three items typed into the three blank rows; the third is placed first.
    let saved = send(
        &mut browser,
        &page,
        "tagesordnung",
        &[
            ("top-0-number", "1"),
            ("top-0-title", "Begrüßung"),
            ("top-0-position", "2"),
            ("top-0-public", "ja"),
            ("top-1-number", "2"),
            ("top-1-title", "Spielplatz Lindenplatz"),
            ("top-1-position", "3"),
            ("top-1-public", "ja"),
            ("top-2-number", "0"),
            ("top-2-title", "Interne Personalfragen"),
            ("top-2-position", "1"),
        ],
    )
    .await
    .expect(303);
    assert_eq!(
        location(&saved),
        format!("{page}?hinweis=tagesordnung#tagesordnung")
    );
    let meeting_id = page.rsplit('/').next().unwrap();
    let api = app
        .get(
            &app.a.api(&format!("/meetings/{meeting_id}")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    let titles: Vec<&str> = api.json["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Interne Personalfragen",
            "Begrüßung",
            "Spielplatz Lindenplatz"
        ]
    );
    assert_eq!(api.json["agenda"][0]["public"], false);

    let html = browser.get(&page).await.expect(200).text;
    let organisation = hidden(&html, "anw-0-organisation");
    assert_eq!(
        organisation,
        app.a.member_org.to_string(),
        "the member is offered"
    );
    send(
        &mut browser,
        &page,
        "anwesenheit",
        &[
            ("anw-0-person", ""),
            ("anw-0-organisation", &organisation),
            ("anw-0-status", "anwesend"),
        ],
    )
    .await
    .expect(303);
    send(
        &mut browser,
        &page,
        "ergebnisse",
        &[
            ("erg-2-result", "angenommen"),
            (
                "erg-2-resolution",
                "Der Spielplatz wird im Frühjahr erneuert.",
            ),
            ("erg-2-votes_yes", "7"),
            ("erg-2-votes_no", "1"),
            ("erg-2-votes_abstain", "2"),
        ],
    )
    .await
    .expect(303);
    send(
        &mut browser,
        &page,
        "protokoll",
        &[
            ("minutes", "Nächste Sitzung im Januar."),
            ("minutes_approved", "ja"),
        ],
    )
    .await
    .expect(303);

    let api = app
        .get(
            &app.a.api(&format!("/meetings/{meeting_id}")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    let item = &api.json["agenda"][2];
    assert_eq!(item["result"], "angenommen");
    assert_eq!(
        (item["votes_yes"].as_i64(), item["votes_no"].as_i64()),
        (Some(7), Some(1))
    );
    assert_eq!(api.json["attendance"][0]["status"], "anwesend");
    assert_eq!(api.json["minutes_approved"], true);
    assert_eq!(
        api.json["title"], "Stadtteilkonferenz Dezember",
        "the details stay"
    );

    let public = app
        .client
        .get(format!("{}/kommunen/{slug}/gremien/{body}", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        public.contains("Der Spielplatz wird im Frühjahr erneuert."),
        "{public}"
    );
    assert!(public.contains("7 ja, 1 nein, 2 Enthaltungen"));
    assert!(
        !public.contains("Interne Personalfragen"),
        "non-public items stay hidden"
    );

    let minutes = browser
        .get(&format!("{page}/niederschrift"))
        .await
        .expect(200)
        .text;
    for expected in [
        "Niederschrift: Stadtteilkonferenz Dezember",
        "Bürgerhaus Ost",
        "AWO Stadt Aachen",
        "Interne Personalfragen",
        "7 ja, 1 nein, 2 Enthaltungen",
        "Nächste Sitzung im Januar.",
    ] {
        assert!(minutes.contains(expected), "{expected} missing");
    }
}

async fn a_stale_form_is_refused_with_a_german_message_and_changes_nothing(app: TestApp) {
    let body = conference(&app).await;
    let mut browser = Browser::new(&app);
    let page = planned(&app, &mut browser, &body).await;
    let html = browser.get(&page).await.expect(200).text;
    let (token, version) = (form_token(&html), hidden(&html, "version"));
    // Someone else saves the agenda first.
    send(
        &mut browser,
        &page,
        "tagesordnung",
        &[("top-0-number", "1"), ("top-0-title", "Begrüßung")],
    )
    .await
    .expect(303);
    let stale = browser
        .post(
            &page,
            &[
                ("csrf", &token),
                ("teil", "tagesordnung"),
                ("version", &version),
                ("top-0-number", "1"),
                ("top-0-title", "Etwas anderes"),
            ],
        )
        .await
        .expect(412);
    assert!(
        stale
            .text
            .contains("inzwischen von jemand anderem geändert"),
        "{}",
        stale.text
    );
    assert!(stale.text.contains("error-summary"));
    assert!(
        stale.text.contains(r#"value="Begrüßung""#),
        "the page shows the agenda as it is now"
    );
    let meeting_id = page.rsplit('/').next().unwrap();
    let api = app
        .get(
            &app.a.api(&format!("/meetings/{meeting_id}")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(api.json["agenda"][0]["title"], "Begrüßung");
}

async fn a_meeting_form_without_its_token_is_refused(app: TestApp) {
    let body = conference(&app).await;
    let mut browser = Browser::new(&app);
    let page = planned(&app, &mut browser, &body).await;
    let html = browser.get(&page).await.expect(200).text;
    let version = hidden(&html, "version");
    let refused = browser
        .post(
            &page,
            &[
                ("teil", "angaben"),
                ("version", &version),
                ("title", "Gekapert"),
            ],
        )
        .await
        .expect(403);
    assert!(refused.text.contains("Sicherheitsprüfung fehlgeschlagen"));
    let planned_list = format!("/arbeit/{}/gremien/{body}", app.a.slug);
    browser
        .post(&planned_list, &[("csrf", "falsch"), ("title", "Gekapert")])
        .await
        .expect(403);
    let list = browser.get(&planned_list).await.expect(200).text;
    assert!(!list.contains("Gekapert"));
}

async fn another_municipalitys_staff_and_members_find_neither_our_bodies_nor_our_meetings(
    app: TestApp,
) {
    let body = conference(&app).await;
    let mut ours = Browser::new(&app);
    let page = planned(&app, &mut ours, &body).await;
    with_password(&app, "qm-berlin", Role::Qm, Some(app.b.id), None).await;
    let b = &app.b;
    with_password(
        &app,
        "mitglied-berlin",
        Role::Member,
        Some(b.id),
        Some(b.member_org),
    )
    .await;
    let slug = &app.a.slug;
    let ours = [
        format!("/arbeit/{slug}/gremien"),
        format!("/arbeit/{slug}/gremien/{body}"),
        page.clone(),
        format!("{page}/niederschrift"),
    ];
    let mut member = Browser::new(&app);
    member.sign_in("mitglied-berlin").await;
    let mut theirs = Browser::new(&app);
    theirs.sign_in("qm-berlin").await;
    for browser in [&mut member, &mut theirs] {
        for path in &ours {
            let reply = browser.get(path).await.expect(404);
            assert!(reply.text.contains("Seite nicht gefunden"), "{path}");
        }
    }
    // Their own municipality's address with our meeting's id: the same 404.
    let meeting_id = page.rsplit('/').next().unwrap();
    let own = format!("/arbeit/{}/sitzungen/{meeting_id}", app.b.slug);
    theirs.get(&own).await.expect(404);
    let html = theirs
        .get(&format!("/arbeit/{}", app.b.slug))
        .await
        .expect(200)
        .text;
    let token = form_token(&html);
    theirs
        .post(
            &own,
            &[("csrf", &token), ("teil", "angaben"), ("version", "1")],
        )
        .await
        .expect(404);
}

async fn a_member_reads_the_meetings_but_may_not_change_them(app: TestApp) {
    let body = conference(&app).await;
    let mut manager = Browser::new(&app);
    let page = planned(&app, &mut manager, &body).await;
    send(
        &mut manager,
        &page,
        "tagesordnung",
        &[
            ("top-0-number", "1"),
            ("top-0-title", "Begrüßung"),
            ("top-0-public", "ja"),
        ],
    )
    .await
    .expect(303);
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
    let list = format!("/arbeit/{}/gremien/{body}", app.a.slug);
    let html = member.get(&list).await.expect(200).text;
    assert!(html.contains("Stadtteilkonferenz Dezember"));
    assert!(!html.contains(r#"name="title""#), "no planning form");
    let shown = member.get(&page).await.expect(200).text;
    assert!(
        shown.contains("Begrüßung") && !shown.contains(r#"name="teil""#),
        "read only"
    );
    let token = form_token(&shown);
    let refused = member
        .post(
            &page,
            &[
                ("csrf", &token),
                ("teil", "tagesordnung"),
                ("version", "3"),
                ("top-0-number", "1"),
                ("top-0-title", "Übernommen"),
            ],
        )
        .await
        .expect(403);
    assert!(
        refused.text.contains("nur das Quartiersmanagement"),
        "{}",
        refused.text
    );
    let refused = member
        .post(
            &list,
            &[
                ("csrf", &token),
                ("title", "Eigene Sitzung"),
                ("date", "2030-12-11"),
                ("start", "10:00"),
                ("state", "geplant"),
            ],
        )
        .await
        .expect(403);
    assert!(refused.text.contains("nur das Quartiersmanagement"));
    let after = manager.get(&page).await.expect(200).text;
    assert!(!after.contains("Übernommen"));
}

async fn hostile_input_gets_a_german_refusal_never_a_server_error(app: TestApp) {
    let body = conference(&app).await;
    let mut browser = Browser::new(&app);
    let page = planned(&app, &mut browser, &body).await;
    let long = "Sehr lang ".repeat(30);
    let refused = send(
        &mut browser,
        &page,
        "angaben",
        &[
            ("title", &long),
            ("date", "10.12.2030"),
            ("start", "18:00"),
            ("state", "geplant"),
        ],
    )
    .await
    .expect(422);
    assert!(
        refused.text.contains("Titel: Der Text ist zu lang."),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains(r##"href="#title""##),
        "the summary links the field"
    );

    send(
        &mut browser,
        &page,
        "tagesordnung",
        &[("top-0-number", "1"), ("top-0-title", "Haushalt")],
    )
    .await
    .expect(303);
    let refused = send(
        &mut browser,
        &page,
        "ergebnisse",
        &[("erg-0-votes_yes", "-3")],
    )
    .await
    .expect(422);
    assert!(
        refused
            .text
            .contains("Bitte geben Sie eine Zahl von 0 bis 10000 ein.")
    );
    assert!(
        refused.text.contains(r#"value="-3""#),
        "what was entered is kept"
    );
    let refused = send(
        &mut browser,
        &page,
        "ergebnisse",
        &[("erg-0-votes_no", "viele")],
    )
    .await
    .expect(422);
    assert!(refused.text.contains("Bitte geben Sie eine ganze Zahl ein"));

    let rows: Vec<(String, String)> = (0..201)
        .flat_map(|i| {
            [
                (format!("top-{i}-number"), format!("{}", i + 1)),
                (format!("top-{i}-title"), format!("Punkt {i}")),
            ]
        })
        .collect();
    let rows: Vec<(&str, &str)> = rows.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let refused = send(&mut browser, &page, "tagesordnung", &rows)
        .await
        .expect(422);
    assert!(
        refused
            .text
            .contains("Eine Tagesordnung hat höchstens 200 Punkte.")
    );

    let refused = send(
        &mut browser,
        &page,
        "angaben",
        &[
            ("title", "Sitzung"),
            ("date", "32.13.2030"),
            ("start", "25:99"),
            ("state", "geplant"),
        ],
    )
    .await
    .expect(422);
    assert!(refused.text.contains("TT.MM.JJJJ") && refused.text.contains("SS:MM"));
    let refused = send(&mut browser, &page, "erfunden", &[]).await.expect(422);
    assert!(refused.text.contains("Dieses Formular ist unbekannt."));
    let refused = send(
        &mut browser,
        &page,
        "anwesenheit",
        &[
            ("anw-0-person", &quartier::db::Id::new().to_string()),
            ("anw-0-organisation", ""),
            ("anw-0-status", "anwesend"),
        ],
    )
    .await
    .expect(422);
    assert!(
        refused.text.contains("verknüpfter Eintrag existiert nicht"),
        "{}",
        refused.text
    );
    let refused = send(
        &mut browser,
        &page,
        "protokoll",
        &[("minutes_approved", "ja")],
    )
    .await
    .expect(422);
    assert!(
        refused
            .text
            .contains("ohne Notizen kann nicht freigegeben werden")
    );
}
