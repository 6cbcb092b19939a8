//! The self-evaluation page in a real browser: a neighbourhood manager records the year's
//! self-evaluation with two criteria — one rated in points, one by its degree of fulfilment
//! — first with an error, then complete, and finds it listed; every state checked with
//! axe-core, on a desktop and a phone-sized window.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![a_manager_records_the_years_self_evaluation,];

const PAGE: &str = "/arbeit/aachen/selbstevaluation";

/// Chooses `value` in the select `id` (a choice loads no page: not through `Page::click`).
async fn choose(page: &Page, id: &str, value: &str) {
    page.client
        .find(Locator::Css(&format!("#{id} option[value='{value}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn a_manager_records_the_years_self_evaluation(page: Page) {
    page.window(1280, 1000).await;
    page.open("/anmelden").await;
    page.sign_in("qm-aachen", PASSWORD).await;
    page.click(&format!(".staff-nav a[href='{PAGE}']")).await;
    assert_eq!(page.path().await, PAGE);
    assert_eq!(page.text("h1").await, "Selbstevaluation");
    page.screenshot("selbstevaluation-desktop").await;
    page.accessible("the self-evaluation page").await;

    // A criterion without its rating: the error is listed and shown at the field.
    page.fill("feld-year", "2025").await;
    page.fill("feld-items-0-criterion", "Beteiligung der Bewohnerschaft")
        .await;
    page.click("form.schema-form button[type=submit]").await;
    let summary = page.text(".error-summary").await;
    assert!(summary.contains("Einschätzung"), "{summary}");
    page.screenshot("selbstevaluation-fehler").await;
    page.accessible("the self-evaluation with an error").await;

    choose(&page, "feld-items-0-rating", "4").await;
    page.fill("feld-items-1-criterion", "Vernetzung der Träger")
        .await;
    choose(&page, "feld-items-1-rating", "teilweise_erfuellt").await;
    page.fill("feld-strengths", "Die Stadtteilkonferenz trägt viel.")
        .await;
    page.click("form.schema-form button[type=submit]").await;
    assert_eq!(page.path().await, format!("{PAGE}?hinweis=gespeichert"));
    assert!(
        page.text(".notice")
            .await
            .contains("Die Selbstevaluation ist gespeichert.")
    );
    let listed = page.text("table").await;
    assert!(
        listed.contains("2025") && listed.contains("ganze Kommune"),
        "{listed}"
    );
    page.accessible("the self-evaluation page with the year listed")
        .await;

    page.window(390, 844).await;
    page.open(PAGE).await;
    page.fits_width().await;
    page.screenshot("selbstevaluation-telefon").await;
    page.accessible("the self-evaluation page on a phone").await;
}
