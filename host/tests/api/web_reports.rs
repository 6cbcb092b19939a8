//! The staff's report pages: the form leads to the report's own page, which shows the
//! report in the frame with its downloads; a wrong year is answered on the form in German;
//! a member of a partner organisation finds no reports.

use quartier::auth::Role;
use quartier::demo::{Options, seed_with};

use crate::demo_activity::anchor;
use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, post_forms, qm, with_password};

crate::tests![
    staff_choose_read_and_download_a_report_others_find_none,
    the_coordination_publishes_the_report_it_reads_and_withdraws_it,
];

async fn staff_choose_read_and_download_a_report_others_find_none(app: TestApp) {
    seed_with(
        &app.db,
        Options {
            seed: quartier::demo::DEFAULT_SEED,
            now: anchor(),
        },
    )
    .await
    .expect("seed");
    let slug = app.a.slug.clone();
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;

    let start = browser.get(&format!("/arbeit/{slug}")).await.expect(200);
    let reports = format!("/arbeit/{slug}/berichte");
    assert!(
        start.text.contains(&format!(r#"href="{reports}""#)),
        "a link in the navigation"
    );
    let form = browser.get(&reports).await.expect(200);
    assert!(form.text.contains(r#"name="kind""#) && form.text.contains(r#"name="year""#));

    let sent = browser
        .get(&format!("{reports}?kind=monitoring&year=2025&area="))
        .await
        .expect(303);
    assert_eq!(location(&sent), format!("{reports}/monitoring?year=2025"));
    let page = browser.get(&location(&sent)).await.expect(200);
    assert!(page.text.contains(r#"<article class="report">"#));
    assert!(
        page.text.contains("<svg") && page.text.contains("role=\"img\""),
        "a chart"
    );
    assert!(page.text.contains("Abmelden"), "inside the staff frame");
    let pdf_link = format!("{reports}/monitoring?year=2025&#38;format=pdf");
    assert!(
        page.text.contains(&pdf_link),
        "{pdf_link} not in {}",
        &page.text[page.text.find("report-downloads").unwrap_or(0)..][..600]
    );

    let pdf = browser
        .get(&format!("{reports}/monitoring?year=2025&format=pdf"))
        .await
        .expect(200);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let csv = browser
        .get(&format!(
            "{reports}/monitoring?year=2025&format=csv&table=1"
        ))
        .await
        .expect(200);
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"monitoring-2021-2025-")
    );

    let wrong = browser
        .get(&format!("{reports}/jahresbericht?year=zwanzig"))
        .await
        .expect(422);
    assert!(
        wrong.text.contains("Der Berichtszeitraum ist nicht gültig"),
        "{}",
        wrong.text
    );
    assert!(wrong.text.contains(r#"name="year""#), "the form again");

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
    let start = member.get(&format!("/arbeit/{slug}")).await.expect(200);
    assert!(!start.text.contains(&reports));
    member.get(&reports).await.expect(404);
    member
        .get(&format!("{reports}/jahresbericht?year=2025"))
        .await
        .expect(404);
}

async fn the_coordination_publishes_the_report_it_reads_and_withdraws_it(app: TestApp) {
    seed_with(
        &app.db,
        Options {
            seed: quartier::demo::DEFAULT_SEED,
            now: anchor(),
        },
    )
    .await
    .expect("seed");
    let slug = app.a.slug.clone();
    let reports = format!("/arbeit/{slug}/berichte");
    let publish = format!("{reports}/veroeffentlichungen");
    let report = format!("{reports}/jahresbericht?year=2025");

    // Neighbourhood managers read reports but do not publish them.
    let mut qm_browser = Browser::new(&app);
    qm_browser.sign_in(qm(&app).await).await;
    let page = qm_browser.get(&report).await.expect(200);
    assert!(
        !post_forms(&page.text).contains(&publish),
        "no publish form"
    );
    let token = form_token(&page.text);
    let refused = qm_browser
        .post(
            &publish,
            &[
                ("csrf", &token),
                ("kind", "jahresbericht"),
                ("year", "2025"),
            ],
        )
        .await
        .expect(403);
    assert!(
        refused.text.contains(r#"name="year""#),
        "the reports page again"
    );

    with_password(
        &app,
        "koordination-aachen",
        Role::Coordinator,
        Some(app.a.id),
        None,
    )
    .await;
    let mut coordination = Browser::new(&app);
    coordination.sign_in("koordination-aachen").await;
    let page = coordination.get(&report).await.expect(200);
    assert!(post_forms(&page.text).contains(&publish), "a publish form");
    let token = form_token(&page.text);

    // A period that is not one is answered on the reports page; nothing is published.
    let wrong = coordination
        .post(
            &publish,
            &[
                ("csrf", &token),
                ("kind", "jahresbericht"),
                ("year", "zwanzig"),
            ],
        )
        .await
        .expect(422);
    assert!(
        wrong.text.contains("Der Berichtszeitraum ist nicht gültig"),
        "{}",
        wrong.text
    );

    let sent = coordination
        .post(
            &publish,
            &[
                ("csrf", &token),
                ("kind", "jahresbericht"),
                ("year", "2025"),
                ("from", ""),
                ("to", ""),
                ("area", ""),
            ],
        )
        .await
        .expect(303);
    assert_eq!(
        location(&sent),
        format!("{reports}?hinweis=veroeffentlicht")
    );
    let listed = coordination.get(&location(&sent)).await.expect(200);
    assert!(
        listed.text.contains("Der Bericht ist veröffentlicht."),
        "{}",
        listed.text
    );
    let public_prefix = format!(r#"href="/kommunen/{slug}/berichte/"#);
    let at = listed
        .text
        .find(&public_prefix)
        .expect("the publication listed")
        + 6;
    let public = listed.text[at..][..listed.text[at..].find('"').unwrap()].to_owned();
    let shown = app.get(&public, None).await.expect(200);
    assert!(shown.text.contains("Jahresbericht"), "{}", shown.text);

    // The QM sees the list without withdraw buttons; the coordination withdraws.
    let qm_list = qm_browser.get(&reports).await.expect(200);
    assert!(qm_list.text.contains(&public) && !qm_list.text.contains("zurueckziehen"));
    let withdraw = post_forms(&listed.text)
        .into_iter()
        .find(|a| a.ends_with("/zurueckziehen"))
        .expect("a withdraw form");
    let back = coordination
        .post(&withdraw, &[("csrf", &form_token(&listed.text))])
        .await
        .expect(303);
    assert_eq!(location(&back), format!("{reports}?hinweis=zurueckgezogen"));
    app.get(&public, None).await.expect(404);
    // Withdrawing it again finds nothing.
    coordination
        .post(&withdraw, &[("csrf", &form_token(&listed.text))])
        .await
        .expect(404);
}
