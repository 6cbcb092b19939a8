//! The exchange page in a real browser: the coordination of a site enrolled at a service
//! centre shares a good-practice dossier — first with an e-mail address in it, which is
//! refused at its field, then without and with its PDF — and, once the site delivered it,
//! finds it with its PDF in the centre's catalogue; every state checked with axe-core, on a desktop and a phone-sized
//! window.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![the_coordination_shares_a_dossier_and_finds_it_in_the_catalogue,];

const PAGE: &str = "/arbeit/aachen/austausch";

async fn the_coordination_shares_a_dossier_and_finds_it_in_the_catalogue(page: Page) {
    let enrolled = page.site.enrolled().await.unwrap();
    page.window(1280, 1000).await;
    page.client
        .goto(&format!("{}/anmelden", enrolled.base))
        .await
        .unwrap();
    page.sign_in("koordination-aachen", PASSWORD).await;
    page.click(&format!(".staff-nav a[href='{PAGE}']")).await;
    assert_eq!(page.path().await, PAGE);
    assert_eq!(page.text("h1").await, "Austausch mit anderen Standorten");
    assert!(page.html().await.contains("Keine Beiträge gefunden."));
    page.screenshot("austausch-leer").await;
    page.accessible("the exchange page").await;

    // Contact details in the summary: refused at the field, what was entered stays.
    page.client
        .find(Locator::Css("#beitraege-art option[value='dossier']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.fill("beitraege-thema", "Gemeinschaftsgärten im Ostviertel")
        .await;
    page.fill(
        "beitraege-zusammenfassung",
        "Wie drei Brachflächen zu Gärten wurden. Fragen an anna@example.org",
    )
    .await;
    page.click("form#beitraege button[type=submit]").await;
    let summary = page.text(".error-summary").await;
    assert!(summary.contains("Kontaktdaten"), "{summary}");
    let field = page.text("#beitraege-zusammenfassung-fehler").await;
    assert!(field.contains("E-Mail-Adressen"), "{field}");
    page.screenshot("austausch-fehler").await;
    page.accessible("the exchange page with an error").await;

    page.fill(
        "beitraege-zusammenfassung",
        "Wie drei Brachflächen zu Gärten wurden, die Nachbarschaften pflegen.",
    )
    .await;
    // The dossier's full text as a PDF, chosen like a person chooses a file.
    let pdf = std::env::temp_dir().join(format!("dossier-{}.pdf", uuid::Uuid::now_v7()));
    std::fs::write(&pdf, "%PDF-1.4\n%%EOF\n").unwrap();
    page.client
        .find(Locator::Id("beitraege-datei"))
        .await
        .unwrap()
        .send_keys(&pdf.display().to_string())
        .await
        .unwrap();
    page.click("form#beitraege button[type=submit]").await;
    let _ = std::fs::remove_file(&pdf);
    assert_eq!(page.path().await, format!("{PAGE}?hinweis=freigegeben"));
    assert!(page.text(".notice").await.contains("freigegeben"));
    assert!(page.text("table").await.contains("wird zugestellt"));

    // Delivered, it is in the catalogue every site's staff search.
    enrolled.deliver().await.unwrap();
    page.fill("suche-q", "gärten").await;
    page.click("form[role=search] button[type=submit]").await;
    let found = page.text(".catalogue").await;
    assert!(
        found.contains("Gemeinschaftsgärten im Ostviertel"),
        "{found}"
    );
    assert!(found.contains("von aachen (aachen)"), "{found}");
    assert!(found.contains("Unterlagen: dossier-"), "{found}");
    assert!(page.text("table").await.contains("bei der Servicestelle"));
    page.screenshot("austausch-katalog").await;
    page.accessible("the exchange page with the catalogue")
        .await;

    page.window(390, 844).await;
    page.client
        .goto(&format!("{}{PAGE}", enrolled.base))
        .await
        .unwrap();
    page.fits_width().await;
    page.screenshot("austausch-telefon").await;
    page.accessible("the exchange page on a phone").await;
}
