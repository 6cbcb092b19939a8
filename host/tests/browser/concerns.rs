//! The Lotsenfunktion in a real browser: a neighbourhood manager opens the concerns' inbox,
//! opens a concern the municipality's plugin routed, forwards it to the proposed department,
//! records the department's answer (after a refused empty one), reports back, and the
//! resident reads the answer on the status page. The inbox and the concern's page are
//! checked with axe-core, on a desktop and in a phone-sized window.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![a_manager_pilots_a_concern_to_the_department_and_back_to_the_resident];

async fn a_manager_pilots_a_concern_to_the_department_and_back_to_the_resident(page: Page) {
    let (id, token) = page.site.routed_concern().await.unwrap();
    let concern = format!("/arbeit/aachen/anliegen/{id}");
    page.window(1280, 1400).await;
    page.open("/anmelden").await;
    page.sign_in("qm-aachen", PASSWORD).await;
    page.click(".staff-nav a[href='/arbeit/aachen/anliegen']")
        .await;
    assert_eq!(page.path().await, "/arbeit/aachen/anliegen");
    assert_eq!(page.text("h1").await, "Anliegen");
    let listed = page.text("table.inbox").await;
    assert!(listed.contains(&page.site.concern), "{listed}");
    page.screenshot("anliegen-desktop").await;
    page.accessible("the concerns' inbox").await;

    page.click(&format!("table.inbox a[href='{concern}']"))
        .await;
    assert_eq!(page.path().await, concern);
    let proposed = page.text("#weitergeleitet-department option:checked").await;
    assert_eq!(proposed, "Aachener Stadtbetrieb (Vorschlag)");
    page.screenshot("anliegen-eingegangen-desktop").await;
    page.accessible("a concern just in").await;
    page.click("#schritt-weitergeleitet button[type=submit]")
        .await;
    assert_eq!(
        page.path().await,
        format!("{concern}?hinweis=weitergeleitet")
    );
    assert_eq!(
        page.text(".notice").await,
        "Das Anliegen ist weitergeleitet."
    );

    // An empty answer is refused: the summary names the field and links to it.
    page.click("#schritt-rueckmeldung_erhalten button[type=submit]")
        .await;
    let summary = page.text(".error-summary").await;
    assert!(summary.contains("Pflichtfeld"), "{summary}");
    let focused = page
        .client
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, "error-summary", "the summary has the focus");
    page.accessible("a refused step with its error summary")
        .await;
    page.fill(
        "rueckmeldung_erhalten-feedback",
        "Der Stadtbetrieb holt die Säcke am Donnerstag ab.",
    )
    .await;
    page.click("#schritt-rueckmeldung_erhalten button[type=submit]")
        .await;
    assert_eq!(
        page.text(".notice").await,
        "Die Antwort der Stelle ist gespeichert."
    );

    page.fill(
        "zurueckgemeldet-released_feedback",
        "Der Stadtbetrieb holt die Säcke am Donnerstag ab. Danke für Ihren Hinweis!",
    )
    .await;
    let channel = page
        .client
        .find(Locator::Id("zurueckgemeldet-channel"))
        .await
        .unwrap();
    channel.select_by_value("statusseite").await.unwrap();
    page.click("#schritt-zurueckgemeldet button[type=submit]")
        .await;
    assert!(page.text(".notice").await.contains("Statusseite"));
    page.window(1280, 2400).await;
    page.screenshot("anliegen-zurueckgemeldet-desktop").await;
    page.accessible("a concern reported back, with its history")
        .await;

    // One pass at a phone's size: the inbox and the concern fit and stay accessible.
    page.window(390, 844).await;
    page.open("/arbeit/aachen/anliegen?stand=alle").await;
    page.fits_width().await;
    page.screenshot("anliegen-telefon").await;
    page.accessible("the concerns' inbox on a phone").await;
    page.open(&concern).await;
    page.fits_width().await;
    page.screenshot("anliegen-detail-telefon").await;
    page.accessible("a concern on a phone").await;

    page.open(&format!("/status/anliegen/{token}")).await;
    let status = page.text("main").await;
    assert!(status.contains("Danke für Ihren Hinweis!"), "{status}");
}
