//! A fund decision in a real browser, only through the pages: a resident applies to the
//! Verfügungsfonds on the public form; the neighbourhood manager takes it up; the jury
//! member signs in on a phone-sized window, reads the application and records the jury's
//! advice with its votes; the coordinator signs in, sees the fund's balance next to the
//! approval's button, approves, and sees the balance change on the funds page. Every page
//! is checked with axe-core and fits the window.

use fantoccini::Locator;
use serde_json::json;

use crate::support::{PASSWORD, Page};

crate::tests![a_resident_applies_the_jury_votes_on_a_phone_and_the_coordinator_approves];

const FORM: &str = "/kommunen/aachen/foerderantrag";

async fn choose(page: &Page, css: &str) {
    page.client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The resident's application, typed into the public form; answers the reference.
async fn apply(page: &Page, fund: &str) -> String {
    page.open(FORM).await;
    choose(page, &format!("#feld-fund option[value='{fund}']")).await;
    page.fill("feld-title", "Hoffest in der Lindenstraße").await;
    page.fill(
        "feld-description",
        "Ein Fest im Hinterhof mit Musik, Kuchen und einem Flohmarkt für Kinder.",
    )
    .await;
    page.fill("feld-amount_cents", "80000").await;
    page.fill(
        "feld-participation",
        "Die Nachbarinnen und Nachbarn planen das Fest gemeinsam und bauen auf.",
    )
    .await;
    page.fill("feld-target_group", "Familien im Haus").await;
    let year = crate::site::FUND_YEAR;
    for (id, day) in [
        ("feld-schedule-start", "06-01"),
        ("feld-schedule-end", "06-15"),
    ] {
        page.client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![json!(id), json!(format!("{year}-{day}"))],
            )
            .await
            .unwrap();
    }
    choose(page, "#feld-applicant-kind option[value='initiative']").await;
    page.fill("feld-applicant-name", "Hofgemeinschaft Lindenstraße")
        .await;
    page.click("form.schema-form button[type=submit]").await;
    assert!(page.path().await.starts_with("/status/antrag/"));
    page.text(".reference").await
}

async fn sign_in(page: &Page, username: &str) {
    page.open("/anmelden").await;
    page.sign_in(username, PASSWORD).await;
    assert_eq!(page.path().await, "/arbeit/aachen");
}

/// The address of the link that reads `text`.
async fn link_to(page: &Page, text: &str) -> String {
    let link = page
        .client
        .wait()
        .for_element(Locator::XPath(&format!("//a[normalize-space()='{text}']")))
        .await
        .unwrap();
    let href = link.attr("href").await.unwrap().unwrap_or_default();
    href.trim_start_matches(&page.site.base).to_owned()
}

async fn a_resident_applies_the_jury_votes_on_a_phone_and_the_coordinator_approves(page: Page) {
    let fund = page.site.advised_fund().await.unwrap();
    page.window(1280, 1000).await;
    let reference = apply(&page, &fund).await;
    assert!(reference.starts_with("FA-"), "{reference}");

    // The neighbourhood manager finds it among the applications and takes it up.
    sign_in(&page, "qm-aachen").await;
    page.click(".staff-nav a[href='/arbeit/aachen/foerderantraege']")
        .await;
    assert_eq!(page.text("h1").await, "Förderanträge");
    page.fits_width().await;
    page.screenshot("foerderantraege-desktop").await;
    page.accessible("the fund applications").await;
    let application = link_to(&page, &reference).await;
    page.click(&format!("table.inbox a[href='{application}']"))
        .await;
    assert_eq!(page.path().await, application);
    let route = page.text("ol.route").await;
    assert!(route.contains("Beratung: Aktionsfondsjury Ost"), "{route}");
    assert!(
        route.contains("Entscheidung: Quartiersmanagement"),
        "{route}"
    );
    page.window(1280, 2200).await;
    page.screenshot("foerderantrag-eingereicht-desktop").await;
    page.accessible("an application just in").await;
    page.click("#schritt-in_pruefung button[type=submit]").await;
    assert_eq!(page.text(".notice").await, "Der Antrag ist in Prüfung.");
    page.click(".sign-out button").await;

    // The jury member, on a phone: from the start page to the application, and votes.
    page.window(390, 844).await;
    sign_in(&page, "jury-aachen").await;
    page.fits_width().await;
    page.click(&format!(
        "section[aria-labelledby='antraege'] a[href='{application}']"
    ))
    .await;
    assert_eq!(page.path().await, application);
    let project = page.text("section[aria-labelledby='vorhaben-titel']").await;
    assert!(project.contains("Hoffest in der Lindenstraße"), "{project}");
    assert!(
        !page.html().await.contains("Hofgemeinschaft"),
        "no contact for the jury"
    );
    page.fits_width().await;
    page.screenshot("foerderantrag-jury-telefon").await;
    page.accessible("the application for the jury on a phone")
        .await;
    // The whole page once, to look at the vote's form below the project.
    page.window(390, 3200).await;
    page.screenshot("foerderantrag-jury-ganz-telefon").await;
    page.window(390, 844).await;
    // Sent without a recommendation: refused at its field, what was typed stays.
    page.fill("beraten-votes_yes", "5").await;
    page.click("#schritt-beraten button[type=submit]").await;
    let summary = page.text(".error-summary").await;
    assert!(
        summary.contains("Empfehlung des Gremiums: Dieses Feld ist ein Pflichtfeld."),
        "{summary}"
    );
    assert_eq!(
        page.client
            .find(Locator::Id("beraten-votes_yes"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "5"
    );
    page.fits_width().await;
    page.screenshot("foerderantrag-jury-fehler-telefon").await;
    page.accessible("the jury's refused advice on a phone")
        .await;
    page.client
        .find(Locator::Id("beraten-recommendation"))
        .await
        .unwrap()
        .select_by_value("empfohlen")
        .await
        .unwrap();
    page.fill("beraten-votes_no", "1").await;
    page.fill("beraten-votes_abstain", "2").await;
    page.click("#schritt-beraten button[type=submit]").await;
    assert_eq!(page.text(".notice").await, "Die Beratung ist gespeichert.");
    let history = page.text("#verlauf + .table-scroll").await;
    assert!(
        history.contains("5 ja, 1 nein, 2 Enthaltungen"),
        "{history}"
    );
    page.fits_width().await;
    page.screenshot("foerderantrag-beraten-telefon").await;
    page.accessible("the advised application on a phone").await;
    page.click(".staff-nav a[href='/arbeit/aachen/fonds']")
        .await;
    page.fits_width().await;
    page.screenshot("fonds-telefon").await;
    page.accessible("the funds on a phone").await;
    page.click(".sign-out button").await;

    // The coordinator sees the balance next to the button, approves, and the balance drops.
    page.window(1280, 1000).await;
    sign_in(&page, "koordination-aachen").await;
    page.click(".staff-nav a[href='/arbeit/aachen/fonds']")
        .await;
    let funds = page.text("table.funds").await;
    assert!(funds.contains("Verfügungsfonds Ost"), "{funds}");
    page.screenshot("fonds-vorher-desktop").await;
    page.accessible("the funds").await;
    page.open(&application).await;
    let balance = page.text("#schritt-bewilligt-mittel").await;
    assert!(balance.contains("5.000 € von 5.000 €"), "{balance}");
    page.window(1280, 2600).await;
    page.screenshot("foerderantrag-entscheiden-desktop").await;
    page.accessible("the application to decide").await;
    page.fill("bewilligt-approved", "750").await;
    page.click("#schritt-bewilligt button[type=submit]").await;
    assert!(page.text(".notice").await.contains("bewilligt"));
    let facts = page.text("dl.status").await;
    assert!(facts.contains("4.250 € von 5.000 €"), "{facts}");
    page.click(".staff-nav a[href='/arbeit/aachen/fonds']")
        .await;
    let row = page.text(&format!("table.funds a[href$='{fund}']")).await;
    assert_eq!(row, "Verfügungsfonds Ost 2100");
    let funds = page.text("table.funds").await;
    assert!(funds.contains("4.250 €"), "{funds}");
    page.window(1280, 1000).await;
    page.screenshot("fonds-nachher-desktop").await;
    page.accessible("the funds after the approval").await;
}
