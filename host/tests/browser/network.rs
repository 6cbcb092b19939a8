//! The network pages in a real browser: the coordination opens a body's page, finds the
//! open join request with its decision form, approves it and sees the organisation among
//! the members; it creates an area from the navigation's areas page and searches the
//! organisations. Checked with axe-core,
//! on a desktop and a phone-sized window.

use crate::support::{PASSWORD, Page};

crate::tests![
    the_coordination_approves_a_join_request_on_the_body_page,
    the_coordination_creates_an_area_and_searches_organisations,
];

async fn the_coordination_approves_a_join_request_on_the_body_page(page: Page) {
    let body = page.site.conference_with_request().await.unwrap();
    let path = format!("/arbeit/aachen/gremien/{body}");
    page.window(1280, 1000).await;
    page.open("/anmelden").await;
    page.sign_in("koordination-aachen", PASSWORD).await;
    page.open(&path).await;
    assert_eq!(page.text("#beitritte").await, "Offene Beitrittsanfragen");
    assert_eq!(
        page.text(".join-requests h3").await,
        "Nachbarschaftsverein Ostviertel"
    );
    page.open(&format!("{path}#beitritte")).await;
    page.screenshot("gremium-beitritte-desktop").await;
    page.accessible("a body's page with a join request").await;

    page.window(390, 844).await;
    page.open(&format!("{path}#beitritte")).await;
    page.screenshot("gremium-beitritte-telefon").await;
    page.fits_width().await;
    page.accessible("a body's page with a join request on a phone")
        .await;

    page.window(1280, 1000).await;
    let form = ".join-requests form";
    let note = page
        .client
        .find(fantoccini::Locator::Css(&format!(
            "{form} textarea[name=note]"
        )))
        .await
        .unwrap();
    note.send_keys("Willkommen in der Stadtteilkonferenz!")
        .await
        .unwrap();
    page.click(&format!("{form} button[value=aufgenommen]"))
        .await;
    assert!(page.path().await.ends_with("?hinweis=aufgenommen"));
    assert!(page.text(".notice").await.contains("aufgenommen"));
    let members = page.text("#mitglieder-tabelle + thead + tbody").await;
    assert!(
        members.contains("Nachbarschaftsverein Ostviertel"),
        "{members}"
    );
    page.screenshot("gremium-aufgenommen-desktop").await;
    page.accessible("a body's page after an approval").await;
}

async fn the_coordination_creates_an_area_and_searches_organisations(page: Page) {
    let areas = "/arbeit/aachen/gebiete";
    page.window(390, 844).await;
    page.open("/anmelden").await;
    page.sign_in("koordination-aachen", PASSWORD).await;
    page.click(&format!(".staff-nav a[href='{areas}']")).await;
    assert_eq!(page.text("h1").await, "Gebiete");
    page.fill("gebiet-name", "Aachen-Ost").await;
    page.fill("gebiet-population", "zwölftausend").await;
    page.click("#gebiet button[type=submit]").await;
    assert!(
        page.text("#gebiet-population-fehler")
            .await
            .contains("ganze Zahl")
    );
    page.screenshot("gebiete-fehler-telefon").await;
    page.fits_width().await;
    page.accessible("the areas page with an error on a phone")
        .await;

    page.fill("gebiet-population", "12500").await;
    page.click("#gebiet button[type=submit]").await;
    assert!(page.path().await.ends_with("?hinweis=angelegt"));
    assert!(page.text("table.areas tbody").await.contains("Aachen-Ost"));
    page.screenshot("gebiete-telefon").await;
    page.fits_width().await;
    page.window(1280, 1000).await;
    page.screenshot("gebiete-desktop").await;
    page.accessible("the areas page").await;

    page.click(".staff-nav a[href='/arbeit/aachen/organisationen']")
        .await;
    assert_eq!(page.text("h1").await, "Organisationen");
    page.screenshot("organisationen-desktop").await;
    page.accessible("the organisations page").await;
    page.window(390, 844).await;
    page.fill("q", "AWO").await;
    page.click("form[role=search] button").await;
    assert!(page.text("table.organisations tbody").await.contains("AWO"));
    page.open("/arbeit/aachen/organisationen?q=AWO#liste").await;
    page.screenshot("organisationen-telefon").await;
    page.fits_width().await;
    page.accessible("the organisations page on a phone").await;
}
