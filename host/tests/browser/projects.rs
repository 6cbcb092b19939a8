//! A project's page in a real browser: a neighbourhood manager opens the projects' list and
//! a project, follows a target's link to the measurement form, is refused a value that is
//! no number, records the value and sees the target's progress; then records the steering
//! body's review of a contract.
//! Every state is checked with axe-core, on a desktop and a phone-sized window.

use crate::support::{PASSWORD, Page};

crate::tests![a_manager_records_a_measurement_and_sees_the_targets_progress];

const LIST: &str = "/arbeit/aachen/massnahmen";

/// Scrolls the element `id` to the top of the window (for a screenshot of that part).
async fn scroll_to(page: &Page, id: &str) {
    page.client
        .execute(
            &format!("document.getElementById('{id}').scrollIntoView();"),
            vec![],
        )
        .await
        .unwrap();
}

async fn a_manager_records_a_measurement_and_sees_the_targets_progress(page: Page) {
    let (id, trees) = page.site.project().await.unwrap();
    let project = format!("{LIST}/{id}");
    page.window(1280, 1000).await;
    page.open("/anmelden").await;
    page.sign_in("qm-aachen", PASSWORD).await;
    page.click(&format!(".staff-nav a[href='{LIST}']")).await;
    assert_eq!(page.path().await, LIST);
    assert_eq!(page.text("h1").await, "Maßnahmen");
    let listed = page.text("table.projects").await;
    assert!(
        listed.contains("Quartierspark Ost") && listed.contains("Umsetzung"),
        "{listed}"
    );
    page.screenshot("massnahmen-desktop").await;
    page.accessible("the projects' list").await;

    page.click(&format!("table.projects a[href='{project}']"))
        .await;
    assert_eq!(page.path().await, project);
    assert_eq!(page.text("h1").await, "Quartierspark Ost");
    let facts = page.text("dl.status").await;
    assert!(
        facts.contains("AWO Kreisverband") && facts.contains("25.000 €"),
        "{facts}"
    );
    let visitors = page.text(".target").await;
    assert!(visitors.contains("25 % erreicht"), "{visitors}");
    page.screenshot("massnahme-desktop").await;
    scroll_to(&page, "ziele").await;
    page.screenshot("massnahme-ziele-desktop").await;
    page.accessible("a project's page").await;

    // The target's link opens the form with the target chosen.
    page.click(&format!("#ziel-{trees} a[href$='#messwert']"))
        .await;
    assert_eq!(page.path().await, format!("{project}?messen={trees}"));
    let chosen = page.text("#messwert-target_id option:checked").await;
    assert!(chosen.contains("Gepflanzte Bäume"), "{chosen}");
    page.fill("messwert-actual_value", "viele").await;
    page.click("#messwert button[type=submit]").await;
    let summary = page.text(".error-summary").await;
    assert!(
        summary.contains("Bitte geben Sie eine Zahl ein"),
        "{summary}"
    );
    let focused = page
        .client
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, "error-summary", "the summary has the focus");
    page.screenshot("massnahme-fehler-desktop").await;
    page.accessible("a refused measurement with its error summary")
        .await;

    page.fill("messwert-actual_value", "10").await;
    page.fill("messwert-note", "Pflanzaktion mit der Grundschule")
        .await;
    page.click("#messwert button[type=submit]").await;
    assert_eq!(page.path().await, format!("{project}?hinweis=messwert"));
    assert_eq!(page.text(".notice").await, "Der Messwert ist gespeichert.");
    let trees_now = page.text(&format!("#ziel-{trees}")).await;
    assert!(
        trees_now.contains("25 % erreicht"),
        "10 of 40 trees: {trees_now}"
    );
    assert!(
        trees_now.contains("Pflanzaktion mit der Grundschule"),
        "{trees_now}"
    );
    assert!(trees_now.contains("qm-aachen"), "who: {trees_now}");
    scroll_to(&page, &format!("ziel-{trees}")).await;
    page.screenshot("massnahme-messwert-desktop").await;
    page.accessible("a project's page with the measurement recorded")
        .await;

    // The steering body's review of a contract, recorded by the manager.
    let contract = page.site.contract().await.unwrap();
    let contract = format!("/arbeit/aachen/kontrakte/{contract}");
    page.click(".staff-nav a[href='/arbeit/aachen/kontrakte']")
        .await;
    assert_eq!(page.text("h1").await, "Kontrakte");
    page.screenshot("kontrakte-desktop").await;
    page.accessible("the contracts' list").await;
    page.click(&format!("table.contracts a[href='{contract}']"))
        .await;
    assert_eq!(page.text("h1").await, "Kontrakt Quartiersmanagement Ost");
    page.accessible("a contract's page").await;
    let status = page
        .client
        .find(fantoccini::Locator::Css(
            "#ueberpruefung select[name^='status-'] option[value='erfuellt']",
        ))
        .await
        .unwrap();
    status.click().await.unwrap();
    page.fill(
        "ueberpruefung-note",
        "Sitzung der Lenkungsgruppe im November",
    )
    .await;
    page.click("#ueberpruefung button[type=submit]").await;
    assert_eq!(
        page.text(".notice").await,
        "Die Überprüfung ist gespeichert."
    );
    let reviews = page.text(".review").await;
    assert!(
        reviews.contains("Erfüllt") && reviews.contains("Sitzung der Lenkungsgruppe"),
        "{reviews}"
    );
    page.screenshot("kontrakt-desktop").await;
    scroll_to(&page, "ueberpruefungen").await;
    page.screenshot("kontrakt-ueberpruefung-desktop").await;
    page.accessible("a contract's page with its review").await;

    page.window(390, 844).await;
    page.open(&project).await;
    page.fits_width().await;
    page.screenshot("massnahme-telefon").await;
    scroll_to(&page, &format!("ziel-{trees}")).await;
    page.screenshot("massnahme-ziele-telefon").await;
    scroll_to(&page, "schritte").await;
    page.screenshot("massnahme-formulare-telefon").await;
    page.accessible("a project's page on a phone").await;
    page.open(LIST).await;
    page.fits_width().await;
    page.screenshot("massnahmen-telefon").await;
    page.accessible("the projects' list on a phone").await;
    page.open(&contract).await;
    page.fits_width().await;
    page.screenshot("kontrakt-telefon").await;
    scroll_to(&page, "ueberpruefungen").await;
    page.screenshot("kontrakt-ueberpruefung-telefon").await;
    page.accessible("a contract's page on a phone").await;
}
