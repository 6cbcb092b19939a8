//! The signed-in pages of funds and fund applications: the funds with their balances, the
//! applications by state and order, an application's page with its route, project data and
//! moves — run over HTTP with the session cookie and the form token, through the API's own
//! transition: the jury's advice with its votes, the approval within the fund's balance, and
//! every refusal (another body, another municipality, beyond the balance, a stale form, a
//! missing token, hostile input) a German 4xx that changes nothing.

use quartier::auth::Role;
use serde_json::json;

use crate::funds::{body_with_our_jury, form, fund, fund_json, id, to};
use crate::persons::audit_actions;
use crate::support::{Reply, Tenant, TestApp};
use crate::web_browser::{Browser, form_token, location, post_forms, qm, with_password};
use crate::web_concern_inbox::form_value;

crate::tests![
    the_funds_page_shows_budget_approved_paid_and_balance_to_the_municipality_only,
    the_applications_list_by_state_and_order_shows_each_person_what_the_api_shows,
    a_jury_member_advises_with_the_bodys_votes_and_the_coordinator_approves_within_the_balance,
    a_jury_member_of_another_body_is_refused_as_the_api_refuses,
    another_municipalitys_application_is_the_same_404_as_an_unknown_one,
    an_approval_beyond_the_balance_is_refused_in_german_and_nothing_changes,
    a_stale_form_and_a_form_without_its_token_are_refused_and_nothing_changes,
    hostile_input_gets_a_german_4xx_and_never_a_500,
    the_applicants_contact_is_offered_to_staff_only_and_every_showing_is_logged,
];

/// A's jury body (its organisation is a voting member), a Verfügungsfonds of 10.000 € it
/// advises on (the QM decides), and an application of 800 € to it: (fund, application).
async fn advised(app: &TestApp) -> (String, String) {
    let a = &app.a;
    let jury = body_with_our_jury(app, a, "aktionsfondsjury", "Aktionsfondsjury Ost").await;
    let fund = fund(
        app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds Ost 2027", "year": 2027,
               "budget_cents": 1_000_000, "advising_body_id": jury}),
    )
    .await;
    let application = submit(app, a, &fund, "Sommerfest am Lindenplatz", 80_000).await;
    (fund, application)
}

/// A fund of `budget_cents` without bodies: the QM decides directly.
async fn plain_fund(app: &TestApp, t: &Tenant, name: &str, budget_cents: i64) -> String {
    fund(
        app,
        t,
        json!({"kind": "aktionsfonds", "name": name, "year": 2027, "budget_cents": budget_cents}),
    )
    .await
}

async fn submit(app: &TestApp, t: &Tenant, fund: &str, title: &str, cents: i64) -> String {
    id(app
        .post(
            &t.api(&format!("/funds/{fund}/applications")),
            Some(&t.qm),
            form(title, cents),
        )
        .await)
}

fn page_of(t: &Tenant, application: &str) -> String {
    format!("/arbeit/{}/foerderantraege/{application}", t.slug)
}

/// Opens the application's page and posts the form of move `to` with `fields`.
async fn take(browser: &mut Browser, page: &str, to: &str, fields: &[(&str, &str)]) -> Reply {
    let html = browser.get(page).await.expect(200).text;
    let token = form_token(&html);
    let version = form_value(&html, to, "version");
    let mut all = vec![("csrf", token.as_str()), ("to", to), ("version", &version)];
    all.extend_from_slice(fields);
    browser.post(&format!("{page}/schritt"), &all).await
}

async fn state_of(app: &TestApp, application: &str) -> String {
    crate::funds::application(app, &app.a, application)
        .await
        .json["state"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn signed_in(app: &TestApp, username: &str, role: Role) -> Browser {
    let org = matches!(role, Role::Jury | Role::Member).then_some(app.a.member_org);
    with_password(app, username, role, Some(app.a.id), org).await;
    let mut browser = Browser::new(app);
    browser.sign_in(username).await;
    browser
}

async fn the_funds_page_shows_budget_approved_paid_and_balance_to_the_municipality_only(
    app: TestApp,
) {
    let a = &app.a;
    let (_, _) = advised(&app).await;
    let small = plain_fund(&app, a, "Aktionsfonds West 2027", 500_000).await;
    let application = submit(&app, a, &small, "Bänke für den Hof", 80_000).await;
    for input in [
        json!({"to": "in_pruefung"}),
        json!({"to": "bewilligt"}),
        json!({"to": "ausgezahlt", "paid_cents": 50_000}),
    ] {
        to(&app, a, &a.qm, &application, input).await.expect(200);
    }
    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let start = staff.get("/arbeit/aachen").await.expect(200).text;
    assert!(
        start.contains(r#"href="/arbeit/aachen/fonds""#),
        "in the navigation"
    );
    assert!(start.contains(r#"href="/arbeit/aachen/foerderantraege""#));
    let page = staff.get("/arbeit/aachen/fonds").await.expect(200).text;
    assert!(page.contains("Verfügungsfonds Ost 2027") && page.contains("10.000 €"));
    let west = &page[page.find("Aktionsfonds West 2027").unwrap()..];
    let west = &west[..west.find("</tr>").unwrap()];
    for cell in ["5.000 €", "800 €", "500 €", "4.200 €"] {
        assert!(west.contains(&format!(">{cell}<")), "{cell} in {west}");
    }
    assert!(page.contains(&format!("/arbeit/aachen/foerderantraege?fonds={small}")));
    assert!(page.contains("<caption") && page.contains(r#"scope="col""#));
    // The API reads the same balance.
    assert_eq!(
        fund_json(&app, a, &small, "").await["available_cents"],
        420_000
    );

    let mut jury = signed_in(&app, "jury-aachen", Role::Jury).await;
    let theirs = jury.get("/arbeit/aachen/fonds").await.expect(200).text;
    assert!(
        theirs.contains("4.200 €"),
        "the municipality's users read the funds"
    );
    with_password(&app, "qm-berlin", Role::Qm, Some(app.b.id), None).await;
    let mut foreign = Browser::new(&app);
    foreign.sign_in("qm-berlin").await;
    foreign.get("/arbeit/aachen/fonds").await.expect(404);
    let own = foreign.get("/arbeit/berlin/fonds").await.expect(200).text;
    assert!(own.contains("noch kein Fonds") && !own.contains("Aktionsfonds West"));
}

async fn the_applications_list_by_state_and_order_shows_each_person_what_the_api_shows(
    app: TestApp,
) {
    let a = &app.a;
    let (fund_a, first) = advised(&app).await;
    let second = submit(&app, a, &fund_a, "Zweiter Antrag", 30_000).await;
    let third = submit(&app, a, &fund_a, "Dritter Antrag", 20_000).await;
    to(&app, a, &a.qm, &second, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    let other = plain_fund(&app, a, "Aktionsfonds West 2027", 500_000).await;
    let hidden = submit(&app, a, &other, "Nicht für die Jury", 10_000).await;
    let list = "/arbeit/aachen/foerderantraege";
    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let all = staff.get(list).await.expect(200).text;
    let at = |html: &str, id: &str| html.find(&format!("{list}/{id}")).unwrap();
    assert!(at(&all, &hidden) < at(&all, &third) && at(&all, &third) < at(&all, &first));
    assert!(all.contains("Förderanträge 1–4 von 4, neueste zuerst"));
    assert!(all.contains("800 €") && all.contains("Verfügungsfonds Ost 2027"));
    let oldest = staff
        .get(&format!("{list}?reihenfolge=aelteste"))
        .await
        .expect(200)
        .text;
    assert!(
        at(&oldest, &first) < at(&oldest, &third) && at(&oldest, &third) < at(&oldest, &hidden)
    );
    let checking = staff
        .get(&format!("{list}?stand=in_pruefung"))
        .await
        .expect(200)
        .text;
    assert!(checking.contains(&second) && !checking.contains(&first));
    assert!(checking.contains(r#"aria-current="page">in Prüfung<"#));
    let later = staff
        .get(&format!("{list}?stand=alle&offset=2"))
        .await
        .expect(200)
        .text;
    assert!(later.contains("Förderanträge 3–4 von 4") && later.contains("Vorherige Seite"));
    let one_fund = staff
        .get(&format!("{list}?fonds={other}"))
        .await
        .expect(200)
        .text;
    assert!(one_fund.contains(&hidden) && !one_fund.contains(&first));
    // Nonsense in the address shows the default list, not an error.
    let odd = staff
        .get(&format!(
            "{list}?stand=%3Cx%3E&reihenfolge=quer&fonds=kaputt&offset=-4"
        ))
        .await
        .expect(200)
        .text;
    assert!(odd.contains("Förderanträge 1–4 von 4") && !odd.contains("<x>"));

    // The jury sees the applications routed to its body, as the API lists them.
    let api = app
        .get(&a.api("/fund-applications"), Some(&a.jury))
        .await
        .expect(200);
    assert_eq!(api.json["total"], 3);
    let mut jury = signed_in(&app, "jury-aachen", Role::Jury).await;
    let theirs = jury.get(list).await.expect(200).text;
    for id in [&first, &second, &third] {
        assert!(theirs.contains(id.as_str()));
    }
    assert!(!theirs.contains(&hidden));
    jury.get(&page_of(a, &hidden)).await.expect(404);
}

async fn a_jury_member_advises_with_the_bodys_votes_and_the_coordinator_approves_within_the_balance(
    app: TestApp,
) {
    let a = &app.a;
    let (fund_id, application) = advised(&app).await;
    let page = page_of(a, &application);
    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let start = staff.get("/arbeit/aachen").await.expect(200).text;
    assert!(
        start.contains(&format!(r#"href="{page}""#)),
        "the start page links it"
    );
    let shown = staff.get(&page).await.expect(200).text;
    assert!(shown.contains("Sommerfest am Lindenplatz"));
    assert!(
        shown.contains("<strong>Beratung:</strong> Aktionsfondsjury Ost"),
        "the route"
    );
    assert!(shown.contains("<strong>Entscheidung:</strong> Quartiersmanagement"));
    assert!(shown.contains("Den Weg bestimmten die Grundregel des Fonds."));
    for (label, value) in [("Beginn", "01.05.2027"), ("Anzahl Mitwirkende", "6")] {
        assert!(
            shown.contains(&format!(
                r#"<dt>{label}</dt><dd class="description">{value}</dd>"#
            )),
            "{label}"
        );
    }
    assert!(shown.contains("Beantragter Betrag") && shown.contains(">800 €<"));
    let checked = take(&mut staff, &page, "in_pruefung", &[]).await;
    assert_eq!(checked.status, 303, "{}", checked.text);
    assert_eq!(location(&checked), format!("{page}?hinweis=in_pruefung"));
    let after = staff.get(&location(&checked)).await.expect(200).text;
    assert!(after.contains("Der Antrag ist in Prüfung."));
    assert!(
        !after.contains(r#"name="to" value="bewilligt""#),
        "the advice comes first"
    );

    let mut jury = signed_in(&app, "jury-aachen", Role::Jury).await;
    let waiting = jury.get("/arbeit/aachen").await.expect(200).text;
    assert!(waiting.contains(&format!(r#"href="{page}""#)));
    let theirs = jury.get(&page).await.expect(200).text;
    let forms: Vec<&str> = ["beraten", "bewilligt", "in_pruefung", "zurueckgezogen"]
        .into_iter()
        .filter(|to| theirs.contains(&format!(r#"name="to" value="{to}""#)))
        .collect();
    assert_eq!(forms, ["beraten"], "the jury advises, nothing else");
    assert!(theirs.contains(r#"id="beraten-votes_yes""#));
    let advice = take(
        &mut jury,
        &page,
        "beraten",
        &[
            ("recommendation", "empfohlen"),
            ("votes_yes", "5"),
            ("votes_no", "1"),
            ("votes_abstain", "2"),
            ("reason", "Ein gutes Fest für alle."),
        ],
    )
    .await;
    assert_eq!(advice.status, 303, "{}", advice.text);
    assert_eq!(state_of(&app, &application).await, "beraten");
    let detail = crate::funds::application(&app, a, &application).await.json;
    let event = detail["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (event["votes_yes"].clone(), event["votes_no"].clone()),
        (json!(5), json!(1))
    );
    assert_eq!(event["actor"], "jury-aachen");
    let advised_page = jury.get(&location(&advice)).await.expect(200).text;
    assert!(advised_page.contains("Die Beratung ist gespeichert."));
    assert!(advised_page.contains("5 ja, 1 nein, 2 Enthaltungen"));
    assert!(advised_page.contains("Empfehlung: empfohlen – Ein gutes Fest für alle."));
    assert!(
        post_forms(&advised_page)
            .iter()
            .all(|f| !f.ends_with("/schritt"))
    );

    let mut coordinator = signed_in(&app, "koordination-aachen", Role::Coordinator).await;
    let deciding = coordinator.get(&page).await.expect(200).text;
    let approval = &deciding[deciding.find(r#"id="schritt-bewilligt""#).unwrap()..];
    let approval = &approval[..approval.find("</form>").unwrap()];
    assert!(
        approval.contains("10.000 € von 10.000 € im Fonds „Verfügungsfonds Ost 2027“"),
        "the balance next to the button: {approval}"
    );
    assert!(
        approval.contains(r#"value="800""#),
        "the requested amount proposed"
    );
    let approved = take(
        &mut coordinator,
        &page,
        "bewilligt",
        &[("approved", "750,50")],
    )
    .await;
    assert_eq!(approved.status, 303, "{}", approved.text);
    let fund = fund_json(&app, a, &fund_id, "").await;
    assert_eq!(fund["approved_cents"], 75_050);
    let funds = coordinator
        .get("/arbeit/aachen/fonds")
        .await
        .expect(200)
        .text;
    assert!(funds.contains(">9.249,50 €<"), "the balance changed");
    let done = coordinator.get(&location(&approved)).await.expect(200).text;
    assert!(done.contains("Der Antrag ist bewilligt"));
    assert!(
        done.contains(r#"name="to" value="ausgezahlt""#),
        "payout comes next"
    );
}

async fn a_jury_member_of_another_body_is_refused_as_the_api_refuses(app: TestApp) {
    let a = &app.a;
    let (_, application) = advised(&app).await;
    to(&app, a, &a.qm, &application, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    let page = page_of(a, &application);
    // A jury user of an organisation on no body of this fund sees nothing of it.
    let stranger_org = quartier::db::Id::new();
    sqlx::query(
        "INSERT INTO organisations (id, name, kind, version, created_at, updated_at)
         VALUES ($1, 'Nachbarschaftsverein West', 'verein', 1, $2, $2)",
    )
    .bind(stranger_org)
    .bind(quartier::db::Timestamp::now())
    .execute(&app.db.pool)
    .await
    .unwrap();
    with_password(
        &app,
        "jury-west",
        Role::Jury,
        Some(a.id),
        Some(stranger_org),
    )
    .await;
    let mut stranger = Browser::new(&app);
    stranger.sign_in("jury-west").await;
    stranger.get(&page).await.expect(404);
    let start = stranger.get("/arbeit/aachen").await.expect(200).text;
    let token = form_token(&start);
    stranger
        .post(
            &format!("{page}/schritt"),
            &[
                ("csrf", &token),
                ("to", "beraten"),
                ("version", "2"),
                ("recommendation", "empfohlen"),
            ],
        )
        .await
        .expect(404);

    // The advising jury may not decide: 403 from the page as from the API.
    let mut jury = signed_in(&app, "jury-aachen", Role::Jury).await;
    let advice = take(
        &mut jury,
        &page,
        "beraten",
        &[("recommendation", "empfohlen")],
    )
    .await;
    assert_eq!(advice.status, 303, "{}", advice.text);
    to(&app, a, &a.jury, &application, json!({"to": "bewilligt"}))
        .await
        .expect(403);
    let html = jury.get(&page).await.expect(200).text;
    assert!(
        !html.contains(r#"name="to" value="beraten""#),
        "no form to advise twice"
    );
    let forged = jury
        .post(
            &format!("{page}/schritt"),
            &[
                ("csrf", &form_token(&html)),
                ("to", "bewilligt"),
                ("version", "3"),
            ],
        )
        .await
        .expect(403);
    assert!(
        forged
            .text
            .contains("Für diese Aktion fehlt Ihnen die Berechtigung.")
    );
    assert_eq!(state_of(&app, &application).await, "beraten");
}

async fn another_municipalitys_application_is_the_same_404_as_an_unknown_one(app: TestApp) {
    let (_, ours) = advised(&app).await;
    with_password(&app, "qm-berlin", Role::Qm, Some(app.b.id), None).await;
    let mut foreign = Browser::new(&app);
    foreign.sign_in("qm-berlin").await;
    let theirs = foreign.get(&page_of(&app.a, &ours)).await.expect(404).text;
    let unknown = foreign
        .get(&page_of(&app.a, &quartier::db::Id::new().to_string()))
        .await
        .expect(404)
        .text;
    assert_eq!(theirs, unknown);
    // Under their own municipality's address the id is as unknown.
    foreign.get(&page_of(&app.b, &ours)).await.expect(404);
    foreign
        .get(&page_of(&app.b, "kein-antrag"))
        .await
        .expect(404);
    let token = form_token(&foreign.get("/arbeit/berlin").await.expect(200).text);
    foreign
        .post(
            &format!("{}/schritt", page_of(&app.b, &ours)),
            &[("csrf", &token), ("to", "in_pruefung"), ("version", "1")],
        )
        .await
        .expect(404);
    assert_eq!(state_of(&app, &ours).await, "eingereicht");
}

async fn an_approval_beyond_the_balance_is_refused_in_german_and_nothing_changes(app: TestApp) {
    let a = &app.a;
    let small = plain_fund(&app, a, "Aktionsfonds Klein 2027", 50_000).await;
    let application = submit(&app, a, &small, "Großes Fest", 80_000).await;
    to(&app, a, &a.qm, &application, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    let page = page_of(a, &application);
    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let before = crate::funds::application(&app, a, &application).await.json;
    let refused = take(&mut staff, &page, "bewilligt", &[("approved", "800")]).await;
    assert_eq!(refused.status, 409, "{}", refused.text);
    assert!(
        refused
            .text
            .contains("übersteigt die noch verfügbaren Mittel des Fonds"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("Es sind noch 500,00 € verfügbar."));
    assert!(
        refused.text.contains(r#"id="schritt-bewilligt-problem""#),
        "next to the button"
    );
    assert!(
        refused
            .text
            .contains("500 € von 500 € im Fonds „Aktionsfonds Klein 2027“")
    );
    assert!(
        refused.text.contains(r#"value="800""#),
        "what was entered stays"
    );
    let after = crate::funds::application(&app, a, &application).await.json;
    assert_eq!(before, after, "the application is unchanged");
    assert_eq!(fund_json(&app, a, &small, "").await["approved_cents"], 0);
    // Within the balance it passes.
    let fits = take(&mut staff, &page, "bewilligt", &[("approved", "500")]).await;
    assert_eq!(fits.status, 303, "{}", fits.text);
    assert_eq!(fund_json(&app, a, &small, "").await["available_cents"], 0);
}

async fn a_stale_form_and_a_form_without_its_token_are_refused_and_nothing_changes(app: TestApp) {
    let a = &app.a;
    let (_, application) = advised(&app).await;
    let page = page_of(a, &application);
    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let old = staff.get(&page).await.expect(200).text;
    let version = form_value(&old, "in_pruefung", "version");
    let forged = staff
        .post(
            &format!("{page}/schritt"),
            &[("to", "in_pruefung"), ("version", &version)],
        )
        .await
        .expect(403);
    assert!(forged.text.contains("Sicherheitsprüfung fehlgeschlagen"));
    assert_eq!(state_of(&app, &application).await, "eingereicht");
    // Someone else takes it up meanwhile; the old form is refused, in German.
    to(
        &app,
        a,
        &a.coordinator,
        &application,
        json!({"to": "in_pruefung"}),
    )
    .await
    .expect(200);
    let stale = staff
        .post(
            &format!("{page}/schritt"),
            &[
                ("csrf", &form_token(&old)),
                ("to", "zurueckgezogen"),
                ("version", &version),
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
    assert_eq!(state_of(&app, &application).await, "in_pruefung");
}

/// A move, the fields sent with it, and words of the German refusal expected.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

async fn hostile_input_gets_a_german_4xx_and_never_a_500(app: TestApp) {
    let a = &app.a;
    let jury = body_with_our_jury(&app, a, "aktionsfondsjury", "Aktionsfondsjury Ost").await;
    let fund_id = fund(
        &app,
        a,
        json!({"kind": "aktionsfonds", "name": "Aktionsfonds Ost 2027", "year": 2027,
               "budget_cents": 1_000_000, "deciding_body_id": jury}),
    )
    .await;
    let application = submit(&app, a, &fund_id, "Sommerfest", 80_000).await;
    to(&app, a, &a.qm, &application, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    let page = page_of(a, &application);
    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let long = "x".repeat(6_000);
    let cases: [Case; 10] = [
        (
            "abgelehnt",
            vec![("reason", "Nein."), ("votes_yes", "-3")],
            "außerhalb des erlaubten Bereichs",
        ),
        (
            "abgelehnt",
            vec![("reason", "Nein."), ("votes_no", "99999999999999999999999")],
            "als ganze Zahl",
        ),
        (
            "bewilligt",
            vec![("votes_abstain", "10001")],
            "außerhalb des erlaubten Bereichs",
        ),
        (
            "bewilligt",
            vec![("approved", "99999999999999999999")],
            "Betrag in Euro",
        ),
        (
            "bewilligt",
            vec![("approved", "-800")],
            "außerhalb des erlaubten Bereichs",
        ),
        ("bewilligt", vec![("approved", "1e9")], "Betrag in Euro"),
        (
            "bewilligt",
            vec![("approved", "99999999")],
            "übersteigt den beantragten Betrag",
        ),
        (
            "bewilligt",
            vec![("proof_due_on", "31.02.2027")],
            "Datum ist nicht gültig",
        ),
        ("abgelehnt", vec![("reason", long.as_str())], "zu lang"),
        ("<script>", vec![], "Dieser Schritt ist unbekannt"),
    ];
    for (step, fields, german) in cases {
        let reply = take_as(&mut staff, &page, step, &fields).await;
        assert!(
            (400..500).contains(&reply.status),
            "{step} {fields:?}: {} {}",
            reply.status,
            reply.text
        );
        assert!(
            reply.text.contains(german),
            "{step} {fields:?}: {}",
            reply.text
        );
        assert!(!reply.text.contains("<script>"), "escaped");
    }
    // A version that is no number is a stale form.
    let html = staff.get(&page).await.expect(200).text;
    let odd = staff
        .post(
            &format!("{page}/schritt"),
            &[
                ("csrf", &form_token(&html)),
                ("to", "abgelehnt"),
                ("version", "zwei"),
                ("reason", "Nein."),
            ],
        )
        .await
        .expect(412);
    assert!(odd.text.contains("inzwischen von jemand anderem geändert"));
    assert_eq!(state_of(&app, &application).await, "in_pruefung");
    assert_eq!(fund_json(&app, a, &fund_id, "").await["approved_cents"], 0);
    let refused = staff.get(&page).await.expect(200).text;
    assert!(refused.contains("Aktionsfonds Ost 2027"));
}

/// Like [`take`], with the version of any form on the page (the move may have no form).
async fn take_as(browser: &mut Browser, page: &str, to: &str, fields: &[(&str, &str)]) -> Reply {
    let html = browser.get(page).await.expect(200).text;
    let version = form_value(&html, "zurueckgezogen", "version");
    let token = form_token(&html);
    let mut all = vec![("csrf", token.as_str()), ("to", to), ("version", &version)];
    all.extend_from_slice(fields);
    browser.post(&format!("{page}/schritt"), &all).await
}

async fn the_applicants_contact_is_offered_to_staff_only_and_every_showing_is_logged(app: TestApp) {
    let a = &app.a;
    let (_, application) = advised(&app).await;
    let page = page_of(a, &application);
    let mut jury = signed_in(&app, "jury-aachen", Role::Jury).await;
    let theirs = jury.get(&page).await.expect(200).text;
    assert!(
        !theirs.contains("Kontaktdaten anzeigen")
            && !theirs.contains("Elterninitiative Lindenplatz")
    );
    let asked = jury
        .get(&format!("{page}?kontakt=anzeigen"))
        .await
        .expect(200)
        .text;
    assert!(!asked.contains("Elterninitiative Lindenplatz"));

    let mut staff = Browser::new(&app);
    staff.sign_in(qm(&app).await).await;
    let offered = staff.get(&page).await.expect(200).text;
    assert!(offered.contains("Kontaktdaten anzeigen"));
    assert!(
        !offered.contains("Elterninitiative Lindenplatz"),
        "not before asked"
    );
    assert!(
        audit_actions(&app, &application)
            .await
            .iter()
            .all(|a| a != "read_personal")
    );
    let shown = staff
        .get(&format!("{page}?kontakt=anzeigen"))
        .await
        .expect(200)
        .text;
    assert!(shown.contains("Elterninitiative Lindenplatz"));
    let reads = audit_actions(&app, &application)
        .await
        .into_iter()
        .filter(|a| a == "read_personal")
        .count();
    assert_eq!(reads, 1);
}
