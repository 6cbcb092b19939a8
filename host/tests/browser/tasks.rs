//! The task pages in a real browser: a neighbourhood manager opens the task matrix from the
//! navigation, follows a task's count to its log, records what was done there and finds it
//! listed; every state checked with axe-core, on a desktop and a phone-sized window.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![a_manager_records_an_entry_of_the_task_log,];

const MATRIX: &str = "/arbeit/aachen/aufgaben";

async fn a_manager_records_an_entry_of_the_task_log(page: Page) {
    page.window(1280, 1000).await;
    page.open("/anmelden").await;
    page.sign_in("qm-aachen", PASSWORD).await;
    page.click(&format!(".staff-nav a[href='{MATRIX}']")).await;
    assert_eq!(page.path().await, MATRIX);
    assert_eq!(page.text("h1").await, "Aufgabenmatrix");
    page.screenshot("aufgabenmatrix-desktop").await;
    page.accessible("the task matrix").await;

    page.click("a[href*='aufgabe=management_koordination']")
        .await;
    assert!(
        page.path()
            .await
            .contains("aufgabe=management_koordination")
    );
    page.fill(
        "taetigkeit",
        "Jour fixe der Quartiersmanagerinnen und -manager geleitet",
    )
    .await;
    page.client
        .find(Locator::Css("#bereich option[value='steuerung']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.click(".log-form button[type=submit]").await;
    assert!(
        page.path().await.ends_with("hinweis=gespeichert"),
        "{}",
        page.path().await
    );
    assert!(page.text(".notice").await.contains("gespeichert"));
    let row = page.text("table.task-log tbody tr").await;
    assert!(
        row.contains("Jour fixe") && row.contains("Steuerung"),
        "{row}"
    );
    page.screenshot("aufgabenprotokoll-desktop").await;
    page.accessible("the task log with an entry").await;

    page.window(390, 844).await;
    page.open(MATRIX).await;
    page.screenshot("aufgabenmatrix-telefon").await;
    page.fits_width().await;
    page.accessible("the task matrix on a phone").await;
}
