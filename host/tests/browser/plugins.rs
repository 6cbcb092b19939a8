//! The plugins page in a real browser: the coordination chooses a built component in the
//! file input, uploads it through the multipart form (its token inside, as Chromium encodes
//! it), activates it and finds it active; then reads the audit log that recorded both.
//! Every state checked with axe-core, on a desktop and a phone-sized window.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![the_coordination_uploads_and_activates_a_plugin,];

const PAGE: &str = "/arbeit/aachen/plugins";

async fn the_coordination_uploads_and_activates_a_plugin(page: Page) {
    let bytes = quartier_plugin_components::get("quartier_sample_plugin")
        .expect("the sample plugin was built");
    let file = std::env::temp_dir().join(format!(
        "quartier-sample-{}.wasm",
        uuid::Uuid::now_v7().simple()
    ));
    std::fs::write(&file, bytes).unwrap();

    page.window(1280, 1000).await;
    page.open("/anmelden").await;
    page.sign_in("koordination-aachen", PASSWORD).await;
    page.click(&format!(".staff-nav a[href='{PAGE}']")).await;
    assert_eq!(page.path().await, PAGE);
    assert_eq!(page.text("h1").await, "Plugins");
    page.accessible("the plugins page without versions").await;

    page.client
        .find(Locator::Id("component"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    page.click(".upload-form button[type=submit]").await;
    std::fs::remove_file(&file).ok();
    assert_eq!(page.path().await, format!("{PAGE}?hinweis=hochgeladen"));
    assert!(page.text(".notice").await.contains("noch nicht aktiv"));
    let row = page.text("table.versions tbody tr").await;
    assert!(row.contains("inaktiv"), "{row}");

    page.click("table.versions form button[type=submit]").await;
    assert_eq!(page.path().await, format!("{PAGE}?hinweis=aktiviert"));
    let active = page.text("#aktiv + p").await;
    assert!(active.contains("aktiv seit"), "{active}");
    page.screenshot("plugins-desktop").await;
    page.accessible("the plugins page with an active version")
        .await;

    page.click(".staff-nav a[href='/arbeit/aachen/protokoll']")
        .await;
    let log = page.text("table.audit").await;
    assert!(
        log.contains("aktiviert") && log.contains("Plugin-Version"),
        "{log}"
    );
    page.screenshot("protokoll-desktop").await;
    page.accessible("the audit log").await;

    page.window(390, 844).await;
    page.open(PAGE).await;
    page.fits_width().await;
    page.screenshot("plugins-telefon").await;
    page.accessible("the plugins page on a phone").await;
}
