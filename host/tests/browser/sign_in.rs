//! Signing in and out in a real browser, the start page on a desktop and a phone-sized
//! window, and what the back button shows after signing out.

use crate::support::{PASSWORD, Page};

crate::tests![
    a_manager_signs_in_sees_the_start_page_and_signs_out_leaving_no_staff_data_behind,
    a_jury_member_works_on_a_phone_sized_window,
];

/// The error summary of the sign-in form.
const SUMMARY: &str = ".error-summary";

async fn a_manager_signs_in_sees_the_start_page_and_signs_out_leaving_no_staff_data_behind(
    page: Page,
) {
    page.window(1280, 1000).await;
    // A signed-out visitor asking for the start page is sent to the sign-in page.
    page.open("/arbeit").await;
    assert_eq!(page.path().await, "/anmelden?next=%2Farbeit");
    assert_eq!(page.text("h1").await, "Anmelden");
    page.screenshot("anmelden-desktop").await;
    page.accessible("the sign-in page").await;
    // By keyboard: the skip link first, then the header, and the form in its order, each
    // with a visible focus.
    let order = page.tab_through(7).await;
    let names: Vec<&str> = order.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Zum Inhalt springen",
            "Quartier",
            "Anmelden",
            "Startseite",
            "#feld-username",
            "#feld-password",
            "Anmelden"
        ]
    );
    assert!(order.iter().all(|(_, drawn)| *drawn), "{order:?}");

    // A wrong password and an unknown name get the same message.
    page.sign_in("qm-aachen", "falsches-passwort").await;
    let wrong_password = page.text(SUMMARY).await;
    assert!(
        wrong_password.contains("Benutzername oder Passwort ist falsch."),
        "{wrong_password}"
    );
    page.screenshot("anmelden-fehler-desktop").await;
    page.accessible("the sign-in page with an error").await;
    page.sign_in("niemand-bekanntes", "falsches-passwort").await;
    assert_eq!(page.text(SUMMARY).await, wrong_password);
    assert_eq!(page.path().await, "/anmelden");

    // The right password leads to the start page asked for at first.
    page.sign_in("qm-aachen", PASSWORD).await;
    assert_eq!(page.path().await, "/arbeit/aachen");
    assert_eq!(page.text("h1").await, "Was ansteht");
    let header = page.text(".staff-header").await;
    assert!(header.contains("Miriam Schöller"), "{header}");
    assert!(header.contains("Quartiersmanagement"), "{header}");
    let concerns = page.text("#anliegen").await;
    assert!(
        concerns.contains("Anliegen ohne Rückmeldung (1)"),
        "{concerns}"
    );
    assert!(page.html().await.contains(&page.site.concern));
    page.window(1280, 1600).await;
    page.screenshot("arbeit-desktop").await;
    page.accessible("the start page").await;

    // Signing out ends on the sign-in page, which says so.
    page.click(".sign-out button").await;
    assert_eq!(page.path().await, "/anmelden?abgemeldet");
    assert!(
        page.text(".notice")
            .await
            .contains("Sie haben sich abgemeldet.")
    );
    // The back button shows no staff data: the start page is not kept, and asked again it
    // sends the browser to the sign-in page.
    page.client.back().await.unwrap();
    page.loaded("going back").await;
    let html = page.html().await;
    assert!(
        !html.contains(&page.site.concern),
        "staff data after going back"
    );
    assert!(
        !html.contains("Was ansteht"),
        "the start page after going back"
    );
    assert!(
        page.path().await.starts_with("/anmelden"),
        "{}",
        page.path().await
    );
    page.open("/arbeit/aachen").await;
    assert!(
        page.path().await.starts_with("/anmelden?"),
        "{}",
        page.path().await
    );
}

async fn a_jury_member_works_on_a_phone_sized_window(page: Page) {
    page.window(390, 844).await;
    page.open("/anmelden").await;
    page.fits_width().await;
    page.screenshot("anmelden-telefon").await;
    page.accessible("the sign-in page on a phone").await;

    page.sign_in("jury-aachen", PASSWORD).await;
    assert_eq!(page.path().await, "/arbeit/aachen");
    let applications = page.text("#antraege").await;
    assert!(
        applications.contains("Fondsanträge zur Beratung oder Entscheidung (1)"),
        "{applications}"
    );
    let html = page.html().await;
    assert!(html.contains(&page.site.application));
    // The jury sees no concern of the QM's inbox.
    assert!(!html.contains(&page.site.concern));
    page.fits_width().await;
    page.screenshot("arbeit-telefon").await;
    // The whole page, as a phone shows it when scrolled through.
    page.window(390, 1800).await;
    page.screenshot("arbeit-telefon-ganz").await;
    // 320 px wide, as 1280 px at 400 % zoom (WCAG 1.4.10): still nothing to scroll sideways.
    page.window(320, 800).await;
    page.fits_width().await;
    page.window(390, 844).await;
    page.accessible("the start page on a phone").await;

    page.click(".sign-out button").await;
    assert_eq!(page.path().await, "/anmelden?abgemeldet");
    page.fits_width().await;
}
