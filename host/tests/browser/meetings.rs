//! Meetings and minutes in a real browser: a neighbourhood manager opens the bodies from the
//! navigation, plans a meeting of the Stadtteilkonferenz, types three agenda items into the
//! blank rows, records who attended and the result of an item with its vote, and finds the
//! result on the body's public page. Every page is checked with axe-core, and the meeting
//! page and the minutes once more in a phone-sized window.

use fantoccini::Locator;

use crate::support::{PASSWORD, Page};

crate::tests![a_manager_plans_a_meeting_and_its_minutes_reach_the_public_page];

async fn a_manager_plans_a_meeting_and_its_minutes_reach_the_public_page(page: Page) {
    let body = page.site.conference().await.unwrap();
    let bodies = "/arbeit/aachen/gremien";
    let body_page = format!("{bodies}/{body}");
    page.window(1280, 1400).await;
    page.open("/anmelden").await;
    page.sign_in("qm-aachen", PASSWORD).await;
    page.click(&format!(".staff-nav a[href='{bodies}']")).await;
    assert_eq!(page.text("h1").await, "Gremien und Sitzungen");
    page.screenshot("gremien-desktop").await;
    page.accessible("the bodies").await;

    page.click(&format!("table a[href='{body_page}']")).await;
    assert_eq!(page.text("h1").await, "Stadtteilkonferenz Ost");
    page.fill("title", "Stadtteilkonferenz Dezember").await;
    page.fill("date", "10.12.2030").await;
    page.fill("start", "18:00").await;
    page.fill("end", "20:30").await;
    page.fill("location", "Bürgerhaus Ost").await;
    page.client
        .find(Locator::Css("#state option[value='eingeladen']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.screenshot("gremium-planen-desktop").await;
    page.accessible("a body's meetings with the planning form")
        .await;
    page.click("main form.form button[type=submit]").await;
    let meeting = page.path().await;
    assert!(
        meeting.starts_with("/arbeit/aachen/sitzungen/"),
        "{meeting}"
    );
    let meeting = meeting.split('?').next().unwrap().to_owned();
    assert!(
        page.text(".notice")
            .await
            .contains("Die Sitzung ist geplant.")
    );
    page.screenshot("sitzung-geplant-desktop").await;
    page.accessible("a meeting just planned").await;

    // Three items in the three blank rows; their numbers are filled in already.
    for (row, title) in ["Begrüßung", "Spielplatz Lindenplatz", "Verschiedenes"]
        .iter()
        .enumerate()
    {
        page.fill(&format!("top-{row}-title"), title).await;
    }
    page.click("form.agenda-form button[type=submit]").await;
    assert_eq!(
        page.text("#tagesordnung ~ .notice").await,
        "Die Tagesordnung ist gespeichert."
    );

    page.client
        .find(Locator::Id("anw-0-status"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.click("form.attendance-form button[type=submit]").await;
    assert_eq!(
        page.text("#anwesenheit ~ .notice").await,
        "Die Anwesenheit ist gespeichert."
    );

    // A vote that cannot be is refused next to its field, then corrected.
    page.fill("erg-1-result", "angenommen").await;
    page.fill(
        "erg-1-resolution",
        "Der Spielplatz am Lindenplatz wird im Frühjahr erneuert.",
    )
    .await;
    page.fill("erg-1-votes_yes", "-7").await;
    page.fill("erg-1-votes_no", "1").await;
    page.fill("erg-1-votes_abstain", "2").await;
    page.click("form.results-form button[type=submit]").await;
    let summary = page.text(".error-summary").await;
    assert!(summary.contains("von 0 bis 10000"), "{summary}");
    page.accessible("a refused result with its error summary")
        .await;
    page.fill("erg-1-votes_yes", "7").await;
    page.click("form.results-form button[type=submit]").await;
    assert_eq!(
        page.text("#ergebnisse ~ .notice").await,
        "Die Ergebnisse sind gespeichert."
    );
    page.window(1280, 4200).await;
    page.screenshot("sitzung-desktop").await;
    page.accessible("a meeting with agenda, attendance and results")
        .await;

    page.click(&format!("a[href='{meeting}/niederschrift']"))
        .await;
    let minutes = page.text("main").await;
    assert!(
        minutes.contains("7 ja, 1 nein, 2 Enthaltungen"),
        "{minutes}"
    );
    assert!(minutes.contains("AWO Kreisverband"), "{minutes}");
    page.window(1280, 1400).await;
    page.screenshot("niederschrift-desktop").await;
    page.accessible("the printable minutes").await;

    page.click(&format!(".breadcrumbs a[href='{body_page}']"))
        .await;
    page.click(&format!("a[href='/kommunen/aachen/gremien/{body}']"))
        .await;
    let public = page.text("main").await;
    assert!(
        public.contains("Der Spielplatz am Lindenplatz wird im Frühjahr erneuert."),
        "{public}"
    );
    assert!(public.contains("7 ja, 1 nein, 2 Enthaltungen"), "{public}");
    assert!(public.contains("angenommen"), "{public}");

    page.window(390, 844).await;
    page.open(&meeting).await;
    page.fits_width().await;
    page.screenshot("sitzung-telefon").await;
    page.accessible("a meeting on a phone").await;
    for part in ["tagesordnung", "anwesenheit", "ergebnisse"] {
        page.open(&format!("{meeting}#{part}")).await;
        page.screenshot(&format!("sitzung-{part}-telefon")).await;
    }
    page.open(&format!("{meeting}/niederschrift")).await;
    page.fits_width().await;
    page.screenshot("niederschrift-telefon").await;
}
