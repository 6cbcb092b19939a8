//! The reports pages in a real browser: a manager opens "Berichte", chooses the monitoring
//! and a year, and reads the report — cover, key figures, tables and a chart drawn as SVG —
//! on a desktop and a phone-sized window, each checked with axe-core; the coordination
//! publishes the report it reads and withdraws it again.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![
    a_manager_chooses_and_reads_a_report_on_a_desktop_and_a_phone,
    the_coordination_publishes_a_report_and_withdraws_it,
];

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

async fn the_coordination_publishes_a_report_and_withdraws_it(page: Page) {
    page.window(1280, 1400).await;
    page.open("/anmelden").await;
    page.sign_in("koordination-aachen", PASSWORD).await;
    page.open("/arbeit/aachen/berichte/jahresbericht?year=2025")
        .await;
    assert!(page.html().await.contains("publish-form"), "a publish form");
    page.accessible("the annual report with its publish form")
        .await;
    page.click("form.publish-form button[type=submit]").await;
    assert_eq!(
        page.path().await,
        "/arbeit/aachen/berichte?hinweis=veroeffentlicht"
    );
    assert_eq!(
        page.text(".notice").await,
        "Der Bericht ist veröffentlicht."
    );
    let listed = page.text("#published-heading + p + .table-scroll").await;
    assert!(listed.contains("Jahresbericht"), "{listed}");
    page.screenshot("berichte-veroeffentlicht-desktop").await;
    page.accessible("the reports page with a publication").await;

    page.click("form.inline-form button[type=submit]").await;
    assert_eq!(
        page.path().await,
        "/arbeit/aachen/berichte?hinweis=zurueckgezogen"
    );
    assert!(
        page.html()
            .await
            .contains("Es ist noch kein Bericht veröffentlicht.")
    );
}
