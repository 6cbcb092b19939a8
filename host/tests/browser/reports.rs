//! The reports pages in a real browser: a manager opens "Berichte", chooses the monitoring
//! and a year, and reads the report — cover, key figures, tables and a chart drawn as SVG —
//! on a desktop and a phone-sized window, each checked with axe-core.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![a_manager_chooses_and_reads_a_report_on_a_desktop_and_a_phone];

async fn a_manager_chooses_and_reads_a_report_on_a_desktop_and_a_phone(page: Page) {
    page.window(1280, 1000).await;
    page.open("/anmelden").await;
    page.sign_in("qm-aachen", PASSWORD).await;
    page.click(".staff-nav a[href='/arbeit/aachen/berichte']")
        .await;
    assert_eq!(page.path().await, "/arbeit/aachen/berichte");
    assert_eq!(page.text("h1").await, "Berichte");
    page.screenshot("berichte-desktop").await;
    page.accessible("the reports form").await;

    // A radio button loads no page: clicked directly, not through `Page::click`.
    let radio = page
        .client
        .find(Locator::Css("#kind-monitoring"))
        .await
        .unwrap();
    radio.click().await.unwrap();
    page.fill("year", "2026").await;
    page.click("form.report-form button[type=submit]").await;
    assert_eq!(
        page.path().await,
        "/arbeit/aachen/berichte/monitoring?year=2026"
    );
    let cover = page.text(".report-cover").await;
    assert!(
        cover.contains("Monitoring") && cover.contains("Stadt Aachen"),
        "{cover}"
    );
    assert!(cover.contains("01.01.2022 – 31.12.2026"), "{cover}");
    let html = page.html().await;
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "a chart"
    );
    page.window(1280, 2400).await;
    page.screenshot("bericht-monitoring-desktop").await;
    page.accessible("the monitoring report").await;

    page.window(390, 844).await;
    page.fits_width().await;
    page.screenshot("bericht-monitoring-telefon").await;
    page.accessible("the monitoring report on a phone").await;
}
