//! The concerns' pages of the signed-in people (Lotsenfunktion): the inbox by state, the
//! longest waiting first; a concern's page with the steps the person may take, run through
//! over HTTP with the session cookie and the form token until the resident reads the
//! feedback on the status page; the reporter's contact only for staff and audit-logged;
//! another municipality's concern the same 404 as an unknown one.

use serde_json::{Value, json};

use crate::concerns::{staff_concern, step, wilder_muell};
use crate::persons::audit_actions;
use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, post_forms, qm, with_password};
use quartier::auth::Role;

crate::tests![
    the_inbox_lists_concerns_by_state_the_longest_waiting_first,
    the_lotsenfunktion_runs_over_the_pages_until_the_resident_reads_the_feedback,
    the_reporters_contact_is_shown_to_staff_only_and_every_showing_is_logged,
    a_department_user_records_the_answer_of_a_concern_forwarded_to_their_organisation,
    a_concern_is_closed_as_a_duplicate_by_reference_or_as_not_responsible_with_a_reason,
    another_municipalitys_concern_is_the_same_404_as_an_unknown_one,
];

/// A concern of A entered by staff as received `days` ago; answers its id and reference.
async fn received_days_ago(app: &TestApp, days: i64, text: &str) -> (String, String) {
    let mut data = wilder_muell();
    data["text"] = json!(text);
    let at = chrono::Utc::now() - chrono::TimeDelta::days(days);
    data["submitted_at"] = json!(at.to_rfc3339());
    let id = staff_concern(app, data).await;
    let reference = app
        .get(&app.a.api(&format!("/concerns/{id}")), Some(&app.a.qm))
        .await
        .expect(200)
        .json["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, reference)
}

/// The value of the hidden field or the selected option named `name` in the form that
/// posts `to` (the first such form).
pub fn form_value(html: &str, to: &str, name: &str) -> String {
    let at = html
        .find(&format!(r#"name="to" value="{to}""#))
        .unwrap_or_else(|| panic!("no form for {to}"));
    let form = &html[at..html[at..].find("</form>").map_or(html.len(), |e| at + e)];
    if let Some(i) = form.find(&format!(r#"name="{name}" value=""#)) {
        let rest = &form[i + name.len() + 15..];
        return rest[..rest.find('"').unwrap()].to_owned();
    }
    let select = &form[form
        .find(&format!(r#"name="{name}""#))
        .unwrap_or_else(|| panic!("no field {name} in the form for {to}"))..];
    let selected = select.find(" selected>").expect("a selected option");
    let option = &select[..selected];
    let value = &option[option.rfind(r#"value=""#).unwrap() + 7..];
    value[..value.find('"').unwrap()].to_owned()
}

/// Opens the concern's page and posts the form of step `to` with `fields`.
async fn take(
    browser: &mut Browser,
    page: &str,
    to: &str,
    fields: &[(&str, &str)],
) -> crate::support::Reply {
    let html = browser.get(page).await.expect(200).text;
    let token = form_token(&html);
    let version = form_value(&html, to, "version");
    let mut all = vec![("csrf", token.as_str()), ("to", to), ("version", &version)];
    all.extend_from_slice(fields);
    browser.post(&format!("{page}/schritt"), &all).await
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} not on the page"))
}

async fn the_inbox_lists_concerns_by_state_the_longest_waiting_first(app: TestApp) {
    let (old, old_ref) = received_days_ago(&app, 10, "Sperrmüll am Spielplatz.").await;
    let (forwarded, forwarded_ref) = received_days_ago(&app, 4, "Glascontainer voll.").await;
    let (_, new_ref) = received_days_ago(&app, 0, "Müll an der Haltestelle.").await;
    step(
        &app,
        &app.a.qm,
        &forwarded,
        json!({"to": "weitergeleitet", "department": "AWO", "organisation_id": app.a.member_org}),
    )
    .await
    .expect(200);
    let foreign = app
        .post(&app.b.api("/concerns"), Some(&app.b.qm), wilder_muell())
        .await
        .expect(201);
    let foreign_ref = foreign.json["reference"].as_str().unwrap().to_owned();
    // The API's list the inbox reads: open ones, the oldest receipt first.
    let listed = app
        .get(
            &app.a.api("/concerns?stage=open&order=oldest"),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    let order: Vec<&str> = listed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [old_ref.as_str(), forwarded_ref.as_str(), new_ref.as_str()]
    );
    let slug = &app.a.slug;
    let inbox = format!("/arbeit/{slug}/anliegen");

    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let start = browser.get(&format!("/arbeit/{slug}")).await.expect(200);
    assert!(
        start.text.contains(&format!(r#"href="{inbox}""#)),
        "in the navigation"
    );
    assert!(
        start.text.contains(&format!(r#"href="{inbox}/{old}""#)),
        "the start page links the concern's page"
    );

    let open = browser.get(&inbox).await.expect(200).text;
    let (a, b, c) = (
        position(&open, &old_ref),
        position(&open, &forwarded_ref),
        position(&open, &new_ref),
    );
    assert!(a < b && b < c, "the longest waiting first");
    assert!(
        !open.contains(&foreign_ref),
        "nothing of another municipality"
    );
    assert!(open.contains("vor 10 Tagen"), "the age");
    assert!(open.contains("Wilder Müll"), "the category's label");
    assert!(open.contains(&format!(r#"href="{inbox}/{old}""#)));
    assert!(open.contains("Anliegen 1–3 von 3"));

    let waiting = browser
        .get(&format!("{inbox}?stand=weitergeleitet"))
        .await
        .expect(200)
        .text;
    assert!(waiting.contains(&forwarded_ref) && waiting.contains("AWO"));
    assert!(!waiting.contains(&old_ref) && !waiting.contains(&new_ref));
    assert!(waiting.contains(r#"aria-current="page">An die zuständige Stelle weitergeleitet<"#));
    let new = browser
        .get(&format!("{inbox}?stand=eingegangen"))
        .await
        .expect(200)
        .text;
    assert!(new.contains(&old_ref) && new.contains(&new_ref) && !new.contains(&forwarded_ref));
    let done = browser
        .get(&format!("{inbox}?stand=erledigt"))
        .await
        .expect(200)
        .text;
    assert!(done.contains("Hier ist kein Anliegen."));

    // The second page of the API's pages starts after the first two.
    let later = browser
        .get(&format!("{inbox}?stand=offen&offset=2"))
        .await
        .expect(200)
        .text;
    assert!(later.contains(&new_ref) && !later.contains(&old_ref));
    assert!(later.contains("Anliegen 3–3 von 3") && later.contains("Vorherige Seite"));

    // The department's user sees what was forwarded to their organisation, nothing else.
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
    let theirs = member.get(&inbox).await.expect(200).text;
    assert!(theirs.contains(&forwarded_ref));
    assert!(!theirs.contains(&old_ref) && !theirs.contains(&new_ref));
}

async fn the_lotsenfunktion_runs_over_the_pages_until_the_resident_reads_the_feedback(
    app: TestApp,
) {
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
    let mut form = wilder_muell();
    form["website"] = json!("");
    let receipt = app
        .post(&app.a.api("/public/concerns"), None, form)
        .await
        .expect(201);
    let token = receipt.json["status_token"].as_str().unwrap().to_owned();
    let list = app
        .get(&app.a.api("/concerns"), Some(&app.a.qm))
        .await
        .expect(200);
    let id = list.json["items"][0]["id"].as_str().unwrap().to_owned();
    let page = format!("/arbeit/{}/anliegen/{id}", app.a.slug);
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;

    let shown = browser.get(&page).await.expect(200).text;
    assert!(shown.contains("Seit zwei Wochen liegen neben den Altglascontainern"));
    assert!(shown.contains("Ecke Lindenstraße/Birkenweg"));
    assert!(
        shown.contains("An Aachener Stadtbetrieb weiterleiten."),
        "the proposal"
    );
    assert!(shown.contains("Aachener Stadtbetrieb (Vorschlag)</option>"));
    let proposed = form_value(&shown, "weitergeleitet", "department");
    assert_eq!(proposed, "d:Aachener Stadtbetrieb", "preselected");
    let forms = post_forms(&shown);
    for to in ["weitergeleitet", "nicht_zustaendig", "duplikat"] {
        assert!(
            shown.contains(&format!(r#"name="to" value="{to}""#)),
            "{to}"
        );
    }
    assert!(
        !shown.contains(r#"name="to" value="geschlossen""#),
        "not yet"
    );
    assert!(forms.contains(&format!("{page}/schritt")));

    // Without the form token nothing happens.
    let version = form_value(&shown, "weitergeleitet", "version");
    let forged = browser
        .post(
            &format!("{page}/schritt"),
            &[
                ("to", "weitergeleitet"),
                ("version", &version),
                ("department", &proposed),
            ],
        )
        .await
        .expect(403);
    assert!(forged.text.contains("Sicherheitsprüfung fehlgeschlagen"));
    let api = app.a.api(&format!("/concerns/{id}"));
    let state = |app: TestApp| {
        let api = api.clone();
        async move { app.get(&api, Some(&app.a.qm)).await.expect(200).json["state"].clone() }
    };
    assert_eq!(state(app.clone()).await, "eingegangen");

    let sent = take(
        &mut browser,
        &page,
        "weitergeleitet",
        &[("department", &proposed)],
    )
    .await;
    assert_eq!(sent.status, 303, "{}", sent.text);
    assert_eq!(location(&sent), format!("{page}?hinweis=weitergeleitet"));
    // A step the state does not allow (forwarding twice) is refused in German, with the
    // API's status.
    let html = browser.get(&page).await.expect(200).text;
    let current = form_value(&html, "rueckmeldung_erhalten", "version");
    let again = browser
        .post(
            &format!("{page}/schritt"),
            &[
                ("csrf", &form_token(&html)),
                ("to", "weitergeleitet"),
                ("version", &current),
                ("department", &proposed),
            ],
        )
        .await
        .expect(409);
    assert!(
        again.text.contains("kann nicht in den Zustand"),
        "{}",
        again.text
    );
    assert!(again.text.contains(r#"class="error-summary" role="alert""#));

    let after = browser
        .get(&format!("{page}?hinweis=weitergeleitet"))
        .await
        .expect(200)
        .text;
    assert!(after.contains("Das Anliegen ist weitergeleitet."));
    assert_eq!(state(app.clone()).await, "weitergeleitet");
    let forwarded = app.get(&api, Some(&app.a.qm)).await.expect(200).json;
    assert_eq!(forwarded["department"], "Aachener Stadtbetrieb");

    // A missing answer is shown at its field, linked from the summary.
    let empty = take(
        &mut browser,
        &page,
        "rueckmeldung_erhalten",
        &[("feedback", "  ")],
    )
    .await;
    assert_eq!(empty.status, 422, "{}", empty.text);
    assert!(
        empty
            .text
            .contains(r##"href="#rueckmeldung_erhalten-feedback""##)
    );
    assert!(empty.text.contains("Dieses Feld ist ein Pflichtfeld."));
    assert!(empty.text.contains(r#"aria-invalid="true""#));

    let answer = "Der Stadtbetrieb räumt die Stelle am Donnerstag.";
    let answered = take(
        &mut browser,
        &page,
        "rueckmeldung_erhalten",
        &[("feedback", answer)],
    )
    .await;
    assert_eq!(answered.status, 303, "{}", answered.text);
    assert_eq!(
        location(&answered),
        format!("{page}?hinweis=rueckmeldung_erhalten")
    );
    // A form of an earlier version is refused: someone else moved the concern meanwhile.
    let token_now = form_token(&browser.get(&page).await.expect(200).text);
    let stale = browser
        .post(
            &format!("{page}/schritt"),
            &[
                ("csrf", &token_now),
                ("to", "zurueckgemeldet"),
                ("version", &version),
                ("channel", "email"),
            ],
        )
        .await
        .expect(412);
    assert!(
        stale
            .text
            .contains("inzwischen von jemand anderem geändert")
    );

    // Not yet released: the resident sees no answer before it is reported back.
    let status_page = format!("/status/anliegen/{token}");
    let before = browser.get(&status_page).await.expect(200).text;
    assert!(!before.contains("Donnerstag"));

    let page_now = browser.get(&page).await.expect(200).text;
    assert!(
        page_now.contains(answer),
        "the answer prefills the text for the resident"
    );
    let released = "Der Stadtbetrieb räumt die Stelle am Donnerstag. Danke für Ihren Hinweis!";
    let no_channel = take(
        &mut browser,
        &page,
        "zurueckgemeldet",
        &[("released_feedback", released), ("channel", "")],
    )
    .await;
    assert_eq!(no_channel.status, 422);
    assert!(
        no_channel
            .text
            .contains(r##"href="#zurueckgemeldet-channel""##)
    );
    assert!(no_channel.text.contains(released), "what was entered stays");
    let reported = take(
        &mut browser,
        &page,
        "zurueckgemeldet",
        &[("released_feedback", released), ("channel", "statusseite")],
    )
    .await;
    assert_eq!(reported.status, 303, "{}", reported.text);
    let closed = take(&mut browser, &page, "geschlossen", &[]).await;
    assert_eq!(closed.status, 303, "{}", closed.text);

    let last = browser.get(&location(&closed)).await.expect(200).text;
    assert!(last.contains("Das Anliegen ist abgeschlossen."));
    assert!(last.contains("Für Sie ist bei diesem Anliegen zurzeit kein Schritt möglich."));
    assert!(post_forms(&last).iter().all(|f| !f.ends_with("/schritt")));
    for step in [
        "Eingegangen",
        "Rückmeldung der Stelle erhalten",
        "Ihnen zurückgemeldet",
        "Abgeschlossen",
    ] {
        assert!(
            last.contains(&format!("<td>{step}</td>")),
            "history: {step}"
        );
    }
    // The resident reads the answer on the status page.
    let resident = Browser::new(&app).get(&status_page).await.expect(200).text;
    assert!(resident.contains("Danke für Ihren Hinweis!"), "{resident}");
    let status = app
        .get(&format!("/api/v1/public/concerns/{token}"), None)
        .await
        .expect(200);
    assert_eq!(status.json["state"], "geschlossen");
    assert_eq!(status.json["feedback"], released);
    let updates = audit_actions(&app, &id).await;
    assert_eq!(
        updates.iter().filter(|a| *a == "update").count(),
        4,
        "{updates:?}"
    );
}

async fn the_reporters_contact_is_shown_to_staff_only_and_every_showing_is_logged(app: TestApp) {
    let id = staff_concern(&app, wilder_muell()).await;
    let page = format!("/arbeit/{}/anliegen/{id}", app.a.slug);
    let reads = |app: TestApp, id: String| async move {
        audit_actions(&app, &id)
            .await
            .into_iter()
            .filter(|a| a == "read_personal")
            .count()
    };
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let plain = browser.get(&page).await.expect(200).text;
    assert!(!plain.contains("petra@example.org") && !plain.contains("Petra Beispiel"));
    assert!(plain.contains(&format!(r##"href="{page}?kontakt=anzeigen#kontakt""##)));
    assert_eq!(
        reads(app.clone(), id.clone()).await,
        0,
        "the page alone reads nothing"
    );

    let shown = browser
        .get(&format!("{page}?kontakt=anzeigen"))
        .await
        .expect(200)
        .text;
    assert!(shown.contains("petra@example.org") && shown.contains("Petra Beispiel"));
    assert!(shown.contains("Mit Kontaktaufnahme einverstanden"));
    assert_eq!(
        reads(app.clone(), id.clone()).await,
        1,
        "the showing is logged"
    );
    browser
        .get(&format!("{page}?kontakt=anzeigen"))
        .await
        .expect(200);
    assert_eq!(reads(app.clone(), id.clone()).await, 2, "every showing");

    // The department's user works on the concern but never sees the contact.
    step(
        &app,
        &app.a.qm,
        &id,
        json!({"to": "weitergeleitet", "department": "AWO", "organisation_id": app.a.member_org}),
    )
    .await
    .expect(200);
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
    let theirs = member
        .get(&format!("{page}?kontakt=anzeigen"))
        .await
        .expect(200)
        .text;
    assert!(theirs.contains("Seit zwei Wochen"));
    assert!(
        !theirs.contains("petra@example.org") && !theirs.contains("Kontakt der meldenden Person")
    );
    assert_eq!(
        reads(app.clone(), id.clone()).await,
        2,
        "nothing shown, nothing logged"
    );
}

async fn a_department_user_records_the_answer_of_a_concern_forwarded_to_their_organisation(
    app: TestApp,
) {
    let ours = staff_concern(&app, wilder_muell()).await;
    let other = staff_concern(&app, wilder_muell()).await;
    step(
        &app,
        &app.a.qm,
        &ours,
        json!({"to": "weitergeleitet", "department": "AWO", "organisation_id": app.a.member_org,
               "note": "Frau Adler vom Hausmeisterdienst weiß mehr"}),
    )
    .await
    .expect(200);
    // The department sees the steps of its concern, not the staff's working notes.
    let history = |token: String| {
        let app = app.clone();
        let url = app.a.api(&format!("/concerns/{ours}/history"));
        async move { app.get(&url, Some(&token)).await.expect(200).json }
    };
    let for_staff = history(app.a.qm.clone()).await;
    assert_eq!(
        for_staff[1]["note"],
        "Frau Adler vom Hausmeisterdienst weiß mehr"
    );
    let for_department = history(app.a.member.clone()).await;
    assert_eq!(for_department[1]["to_state"], "weitergeleitet");
    assert_eq!(for_department[1]["note"], Value::Null);
    step(
        &app,
        &app.a.qm,
        &other,
        json!({"to": "weitergeleitet", "department": "Ordnungsamt"}),
    )
    .await
    .expect(200);
    with_password(
        &app,
        "jury-aachen",
        Role::Jury,
        Some(app.a.id),
        Some(app.a.member_org),
    )
    .await;
    let mut jury = Browser::new(&app);
    jury.sign_in("jury-aachen").await;
    let page = format!("/arbeit/{}/anliegen/{ours}", app.a.slug);
    let shown = jury.get(&page).await.expect(200).text;
    assert!(shown.contains(r#"name="to" value="rueckmeldung_erhalten""#));
    for not_theirs in ["nicht_zustaendig", "duplikat", "weitergeleitet"] {
        assert!(
            !shown.contains(&format!(r#"name="to" value="{not_theirs}""#)),
            "{not_theirs}"
        );
    }
    // A step that is not theirs is refused by the API's rule, in German.
    let refused = take(&mut jury, &page, "rueckmeldung_erhalten", &[]).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    let html = jury.get(&page).await.expect(200).text;
    let token = form_token(&html);
    let version = form_value(&html, "rueckmeldung_erhalten", "version");
    let not_allowed = jury
        .post(
            &format!("{page}/schritt"),
            &[
                ("csrf", &token),
                ("to", "nicht_zustaendig"),
                ("version", &version),
                ("note", "Nicht unsere Sache."),
            ],
        )
        .await
        .expect(403);
    assert!(
        not_allowed
            .text
            .contains("Für diese Aktion fehlt Ihnen die Berechtigung.")
    );
    let answered = take(
        &mut jury,
        &page,
        "rueckmeldung_erhalten",
        &[("feedback", "Wir kümmern uns.")],
    )
    .await;
    assert_eq!(answered.status, 303, "{}", answered.text);
    let concern: Value = app
        .get(&app.a.api(&format!("/concerns/{ours}")), Some(&app.a.qm))
        .await
        .expect(200)
        .json;
    assert_eq!(concern["state"], "rueckmeldung_erhalten");
    assert_eq!(concern["feedback"], "Wir kümmern uns.");
    // A concern forwarded elsewhere does not exist for them.
    let elsewhere = jury
        .get(&format!("/arbeit/{}/anliegen/{other}", app.a.slug))
        .await
        .expect(404);
    let unknown = jury
        .get(&format!(
            "/arbeit/{}/anliegen/{}",
            app.a.slug,
            uuid::Uuid::now_v7()
        ))
        .await
        .expect(404);
    assert_eq!(elsewhere.text, unknown.text);
}

async fn another_municipalitys_concern_is_the_same_404_as_an_unknown_one(app: TestApp) {
    let foreign = app
        .post(&app.b.api("/concerns"), Some(&app.b.qm), wilder_muell())
        .await
        .expect(201);
    let foreign = foreign.json["id"].as_str().unwrap().to_owned();
    let ours = staff_concern(&app, wilder_muell()).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let a = &app.a.slug;
    let b = &app.b.slug;
    let unknown = browser
        .get(&format!("/arbeit/{a}/anliegen/{}", uuid::Uuid::now_v7()))
        .await
        .expect(404);
    for path in [
        format!("/arbeit/{a}/anliegen/{foreign}"),
        format!("/arbeit/{b}/anliegen/{foreign}"),
        format!("/arbeit/{b}/anliegen"),
        format!("/arbeit/{a}/anliegen/kein-anliegen"),
    ] {
        let reply = browser.get(&path).await.expect(404);
        assert_eq!(reply.text, unknown.text, "{path}");
    }
    let token = form_token(
        &browser
            .get(&format!("/arbeit/{a}/anliegen/{ours}"))
            .await
            .expect(200)
            .text,
    );
    let posted = browser
        .post(
            &format!("/arbeit/{a}/anliegen/{foreign}/schritt"),
            &[("csrf", &token), ("to", "geschlossen"), ("version", "1")],
        )
        .await
        .expect(404);
    assert_eq!(posted.text, unknown.text);
    let still = app
        .get(&app.b.api(&format!("/concerns/{foreign}")), Some(&app.b.qm))
        .await
        .expect(200);
    assert_eq!(still.json["state"], "eingegangen");
}

/// A resident reports through the public API; answers the concern's id and status token.
async fn public_concern(app: &TestApp) -> (String, String) {
    let mut form = wilder_muell();
    form["website"] = json!("");
    let receipt = app
        .post(&app.a.api("/public/concerns"), None, form)
        .await
        .expect(201);
    let reference = receipt.json["reference"].as_str().unwrap().to_owned();
    let listed = app
        .get(&app.a.api("/concerns?limit=200"), Some(&app.a.qm))
        .await
        .expect(200);
    let id = listed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["reference"] == reference.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (
        id,
        receipt.json["status_token"].as_str().unwrap().to_owned(),
    )
}

async fn a_concern_is_closed_as_a_duplicate_by_reference_or_as_not_responsible_with_a_reason(
    app: TestApp,
) {
    let (_, original) = received_days_ago(&app, 3, "Sperrmüll am Lindenplatz.").await;
    let (again, again_token) = public_concern(&app).await;
    let (elsewhere, elsewhere_token) = public_concern(&app).await;
    let foreign = app
        .post(&app.b.api("/concerns"), Some(&app.b.qm), wilder_muell())
        .await
        .expect(201);
    let foreign_ref = foreign.json["reference"].as_str().unwrap().to_owned();
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;

    let page = format!("/arbeit/{}/anliegen/{again}", app.a.slug);
    for unknown in ["AN-0000-0000", foreign_ref.as_str()] {
        let refused = take(
            &mut browser,
            &page,
            "duplikat",
            &[("duplicate_of", unknown)],
        )
        .await;
        assert_eq!(refused.status, 422, "{unknown}: {}", refused.text);
        assert!(
            refused
                .text
                .contains("Kein Anliegen Ihrer Kommune hat diese Referenz.")
        );
        assert!(refused.text.contains(r##"href="#duplikat-duplicate_of""##));
        assert!(
            refused.text.contains(&format!(r#"value="{unknown}""#)),
            "kept"
        );
    }
    let lower = original.to_lowercase();
    let marked = take(&mut browser, &page, "duplikat", &[("duplicate_of", &lower)]).await;
    assert_eq!(marked.status, 303, "{}", marked.text);
    let shown = browser.get(&location(&marked)).await.expect(200).text;
    assert!(shown.contains("Das Anliegen ist als Duplikat abgeschlossen."));
    assert!(
        shown.contains(&format!("<dd>{original}</dd>")),
        "the original"
    );
    let resident = browser
        .get(&format!("/status/anliegen/{again_token}"))
        .await
        .expect(200)
        .text;
    assert!(
        resident.contains(&format!("unter der Referenz {original}")),
        "{resident}"
    );

    let page = format!("/arbeit/{}/anliegen/{elsewhere}", app.a.slug);
    let empty = take(&mut browser, &page, "nicht_zustaendig", &[("note", "")]).await;
    assert_eq!(empty.status, 422, "{}", empty.text);
    assert!(empty.text.contains(r##"href="#nicht_zustaendig-note""##));
    let reason = "Das Grundstück gehört der Bahn; bitte wenden Sie sich an die DB InfraGO.";
    let closed = take(&mut browser, &page, "nicht_zustaendig", &[("note", reason)]).await;
    assert_eq!(closed.status, 303, "{}", closed.text);
    let resident = browser
        .get(&format!("/status/anliegen/{elsewhere_token}"))
        .await
        .expect(200)
        .text;
    assert!(
        resident.contains("wenden Sie sich an die DB InfraGO"),
        "{resident}"
    );
    let api = app
        .get(
            &app.a.api(&format!("/concerns/{elsewhere}")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(api.json["state"], "nicht_zustaendig");
}
