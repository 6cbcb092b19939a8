//! A resident applies to a fund in a real browser, on a phone-sized and a desktop window:
//! from the municipality's page to the form rendered from the schema, once with errors and
//! then complete, to the status page — each page checked with axe-core; and the concern
//! form, rendered by the same module, with and without errors.

use fantoccini::Locator;
use serde_json::json;

use crate::support::Page;

crate::tests![
    a_resident_applies_to_a_fund_on_a_phone,
    a_resident_applies_to_a_fund_on_a_desktop,
    the_concern_form_from_the_same_module_is_accessible_with_and_without_errors,
];

const FORM: &str = "/kommunen/aachen/foerderantrag";

async fn a_resident_applies_to_a_fund_on_a_phone(page: Page) {
    page.window(390, 844).await;
    apply(&page, "telefon").await;
}

async fn a_resident_applies_to_a_fund_on_a_desktop(page: Page) {
    page.window(1280, 1000).await;
    apply(&page, "desktop").await;
}

/// Sets a date field's value as a date picker would (typing into one depends on the locale).
async fn pick_date(page: &Page, id: &str, iso: &str) {
    page.client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![json!(id), json!(iso)],
        )
        .await
        .unwrap();
}

async fn apply(page: &Page, window: &str) {
    page.open("/kommunen/aachen").await;
    page.click(&format!("a.button[href='{FORM}']")).await;
    assert_eq!(page.path().await, FORM);
    assert_eq!(
        page.text("h1").await,
        "Antrag auf Mittel aus dem Verfügungsfonds"
    );
    page.fits_width().await;
    page.screenshot(&format!("foerderantrag-{window}")).await;
    page.accessible(&format!("the fund application form ({window})"))
        .await;

    // Sent with too little: the errors are listed at the top and shown at their fields.
    page.fill("feld-title", "Fe").await;
    page.click("form.schema-form button[type=submit]").await;
    assert_eq!(page.path().await, FORM);
    let summary = page.text(".error-summary").await;
    assert!(summary.contains("Titel des Vorhabens"), "{summary}");
    assert!(summary.contains("Was soll geschehen?"), "{summary}");
    assert!(page.text("#fehler-title").await.contains("zu kurz"));
    page.fits_width().await;
    page.screenshot(&format!("foerderantrag-fehler-{window}"))
        .await;
    page.accessible(&format!("the fund application with errors ({window})"))
        .await;
    // The summary's link leads to the field.
    let link = page
        .client
        .find(Locator::Css(".error-summary a[href='#feld-title']"))
        .await
        .unwrap();
    link.click().await.unwrap();
    let focused = page
        .client
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!("feld-title"));

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
    pick_date(page, "feld-schedule-start", &format!("{year}-06-01")).await;
    pick_date(page, "feld-schedule-end", &format!("{year}-06-15")).await;
    page.client
        .find(Locator::Css(
            "#feld-applicant-kind option[value='initiative']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.fill("feld-applicant-name", "Hofgemeinschaft Lindenstraße")
        .await;
    page.fill("feld-cost_items-0-label", "Miete für Bänke")
        .await;
    page.fill("feld-cost_items-0-amount_cents", "30000").await;
    page.click("form.schema-form button[type=submit]").await;

    let path = page.path().await;
    assert!(path.starts_with("/status/antrag/"), "{path}");
    let html = page.html().await;
    assert!(html.contains("Vielen Dank! Ihr Antrag ist eingegangen."));
    assert!(html.contains("<dd>800 €</dd>"), "the requested amount");
    assert!(
        !html.contains("Hofgemeinschaft"),
        "no applicant on the status page"
    );
    page.fits_width().await;
    page.screenshot(&format!("antrag-status-{window}")).await;
    page.accessible(&format!("the application's status page ({window})"))
        .await;
}

async fn the_concern_form_from_the_same_module_is_accessible_with_and_without_errors(page: Page) {
    page.window(390, 844).await;
    page.open("/kommunen/aachen/anliegen").await;
    page.fits_width().await;
    page.accessible("the concern form on a phone").await;
    page.fill("feld-name", "Max").await;
    page.client
        .find(Locator::Id("feld-may-contact"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.click("form.schema-form button[type=submit]").await;
    let summary = page.text(".error-summary").await;
    assert!(summary.contains("Worum geht es?"), "{summary}");
    assert!(page.html().await.contains(r#"id="fehler-may-contact""#));
    page.screenshot("anliegen-fehler-telefon").await;
    page.accessible("the concern form with errors on a phone")
        .await;
}
