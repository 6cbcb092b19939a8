//! The comparison across sites (`…/reports/standortvergleich`) at a centre: accepted sites'
//! latest bundles side by side for the staff of the centre's own tenant (Aachen here),
//! suppressed cells suppressed in every format with the sums they are part of, nobody
//! else's data and nobody else's staff, refused on a site, and the base report standing
//! in for a plugin that fails.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use quartier::federation::centre::comparison::tenant;
use quartier::federation::centre::sites::{self, Site};
use serde_json::{Value, json};

use crate::federation_centre::{accepted_site, centre, deliver, enrol, new_key};
use crate::reports_rendered::{assert_pdf_notice, base_with_notice, pdf_text};
use crate::support::{Reply, TestApp};
use crate::web_browser::{Browser, qm};

crate::tests![
    two_sites_appear_side_by_side_with_their_latest_bundle,
    a_pending_or_unknown_sites_data_never_appears,
    a_suppressed_cell_stays_suppressed_in_every_format,
    a_site_refuses_the_comparison,
    only_the_staff_of_the_centres_tenant_get_the_comparison,
    the_centres_plugin_shapes_the_comparison,
    a_failing_plugin_gives_the_base_comparison_with_a_notice,
    a_wrong_period_is_refused_with_its_code,
    the_centres_staff_read_the_comparison_on_their_pages,
];

const SUPPRESSED: &str = "geschützt";

/// A bundle of `site` for `period` with `meetings` held (`null`: suppressed) and 40
/// concerns received, of which 30 answered in a median of 4.5 days.
fn bundle(site: &str, sequence: u64, period: &str, meetings: Value) -> Value {
    let none = json!({"by_kind": [], "total": 0});
    json!({
        "format": 1, "site": site, "municipality": site, "area": null,
        "period": period, "sequence": sequence, "threshold": 5,
        "figures": {
            "bodies": {"by_kind": [{"key": "stadtteilkonferenz", "count": 6}], "total": 6},
            "meetings_held": meetings,
            "attendance": {"present": 40, "excused": 9, "absent": 0, "total": 49},
            "funds": {
                "applications_received": 12, "applications_approved": 9,
                "decided_cents": 1_250_000, "payouts": 7, "paid_cents": 800_000
            },
            "concerns": {"received": 40, "answered": 30, "median_days_to_feedback": 4.5},
            "projects": {"by_field_of_action": [], "by_state": [], "total": 0},
            "network": {"organisations": none, "memberships": 70, "persons": 55}
        }
    })
}

/// The centre with Aachen as its own tenant.
async fn centre_of_aachen(app: &TestApp) -> TestApp {
    let centre = centre(app).await;
    tenant::set(&app.db, &app.a.slug).await.unwrap();
    centre
}

async fn comparison(centre: &TestApp, query: &str, token: Option<&str>) -> Reply {
    let path = centre.a.api(&format!("/reports/standortvergleich?{query}"));
    centre.get(&path, token).await
}

/// The rows of the report document's table `title`.
fn rows<'a>(document: &'a Value, title: &str) -> &'a Vec<Value> {
    document["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["tables"].as_array())
        .flatten()
        .find(|t| t["title"] == title)
        .and_then(|t| t["rows"].as_array())
        .unwrap_or_else(|| panic!("no table {title} in {document}"))
}

/// The row of `name` (its first cell) in `rows`.
fn row<'a>(rows: &'a [Value], name: &str) -> Option<&'a Vec<Value>> {
    rows.iter()
        .filter_map(Value::as_array)
        .find(|r| r[0] == name)
}

async fn deliver_ok(centre: &TestApp, key: &quartier::federation::site_key::SiteKey, b: &Value) {
    deliver(centre, key, b).await.expect(201);
}

async fn two_sites_appear_side_by_side_with_their_latest_bundle(app: TestApp) {
    let centre = centre_of_aachen(&app).await;
    let (_, north) = accepted_site(&app, "nordstadt").await;
    let (_, south) = accepted_site(&app, "suedstadt").await;
    deliver_ok(&centre, &north, &bundle("nordstadt", 1, "2025", json!(10))).await;
    deliver_ok(&centre, &north, &bundle("nordstadt", 2, "2025", json!(14))).await;
    deliver_ok(&centre, &north, &bundle("nordstadt", 3, "2026", json!(99))).await;
    deliver_ok(&centre, &south, &bundle("suedstadt", 1, "2025", json!(21))).await;

    let reply = comparison(&centre, "period=2025&format=json", Some(&app.a.qm)).await;
    let document = reply.expect(200).json;
    assert_eq!(document["source"], "host");
    let meetings = rows(&document, "Sitzungen und Anwesenheit");
    assert_eq!(meetings.len(), 3, "two sites and the sums: {meetings:?}");
    assert_eq!(
        row(meetings, "nordstadt").unwrap()[1],
        14,
        "the latest of 2025"
    );
    assert_eq!(row(meetings, "suedstadt").unwrap()[1], 21);
    assert_eq!(row(meetings, "Summe").unwrap()[1], 35);
    let funds = rows(&document, "Fonds");
    assert_eq!(row(funds, "nordstadt").unwrap()[3], 12_500.0, "euros");
    assert_eq!(row(funds, "Summe").unwrap()[3], 25_000.0);
    let concerns = rows(&document, "Anliegen");
    assert_eq!(row(concerns, "suedstadt").unwrap()[3], 4.5);
    assert_eq!(
        row(concerns, "Summe").unwrap()[3],
        Value::Null,
        "no median of medians"
    );

    let later = comparison(&centre, "period=2026&format=json", Some(&app.a.qm)).await;
    let meetings = rows(&later.expect(200).json, "Sitzungen und Anwesenheit").clone();
    assert_eq!(meetings.len(), 2, "one site in 2026: {meetings:?}");
    assert_eq!(row(&meetings, "nordstadt").unwrap()[1], 99);
}

async fn a_pending_or_unknown_sites_data_never_appears(app: TestApp) {
    let centre = centre_of_aachen(&app).await;
    let (_, north) = accepted_site(&app, "nordstadt").await;
    deliver_ok(&centre, &north, &bundle("nordstadt", 1, "2025", json!(10))).await;
    let pending_key = new_key();
    let pending: Site = enrol(&app, "wartestadt", &pending_key).await;
    deliver(
        &centre,
        &pending_key,
        &bundle("wartestadt", 1, "2025", json!(11)),
    )
    .await
    .expect(401);
    deliver(
        &centre,
        &new_key(),
        &bundle("fremdstadt", 1, "2025", json!(12)),
    )
    .await
    .expect(401);
    // Even a row of a pending site in the table (a site never accepted, or one whose
    // acceptance an operator undid by hand) is not read.
    sqlx::query(
        "INSERT INTO federation_bundles (message_id, site_id, sequence, period, municipality, bundle, received_at)
         VALUES ($1, $2, 1, '2025', 'wartestadt', $3, '2026-01-01T00:00:00Z')",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(pending.id)
    .bind(bundle("wartestadt", 1, "2025", json!(11)).to_string())
    .execute(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(sites::list(&app.db).await.unwrap().len(), 2);

    let document = comparison(&centre, "period=2025&format=json", Some(&app.a.qm))
        .await
        .expect(200)
        .json;
    let meetings = rows(&document, "Sitzungen und Anwesenheit");
    assert_eq!(meetings.len(), 2, "{meetings:?}");
    assert!(row(meetings, "nordstadt").is_some());
    let text = document.to_string();
    for other in ["wartestadt", "fremdstadt"] {
        assert!(!text.contains(other), "{other} in {text:.400}");
    }
    assert_eq!(row(meetings, "Summe").unwrap()[1], 10);
}

async fn a_suppressed_cell_stays_suppressed_in_every_format(app: TestApp) {
    let centre = centre_of_aachen(&app).await;
    let (_, north) = accepted_site(&app, "nordstadt").await;
    let (_, south) = accepted_site(&app, "suedstadt").await;
    deliver_ok(
        &centre,
        &north,
        &bundle("nordstadt", 1, "2025", json!(null)),
    )
    .await;
    deliver_ok(&centre, &south, &bundle("suedstadt", 1, "2025", json!(21))).await;
    let token = Some(app.a.qm.as_str());

    // JSON: the site's cell and the sum it is part of read „geschützt“, never 0 or 21.
    let document = comparison(&centre, "period=2025&format=json", token)
        .await
        .expect(200)
        .json;
    let meetings = rows(&document, "Sitzungen und Anwesenheit");
    assert_eq!(row(meetings, "nordstadt").unwrap()[1], SUPPRESSED);
    assert_eq!(row(meetings, "suedstadt").unwrap()[1], 21);
    assert_eq!(row(meetings, "Summe").unwrap()[1], SUPPRESSED);
    assert_eq!(row(meetings, "Summe").unwrap()[2], 80, "other sums stay");
    let titles: Vec<String> = document["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tables"].as_array().cloned().unwrap_or_default())
        .map(|t| t["title"].as_str().unwrap().to_owned())
        .collect();
    let n = titles
        .iter()
        .position(|t| t == "Sitzungen und Anwesenheit")
        .unwrap()
        + 1;

    // CSV of that table.
    let csv = bytes(&centre, &format!("period=2025&format=csv&table={n}"), token).await;
    let csv = String::from_utf8(csv).unwrap();
    let line = |name: &str| {
        csv.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {csv}"))
            .split(';')
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(line("nordstadt")[1], SUPPRESSED, "{csv}");
    assert_eq!(line("Summe")[1], SUPPRESSED, "{csv}");
    assert_eq!(line("suedstadt")[1], "21");

    // XLSX: text, not a number, in the site's row and the sums' row.
    let xlsx = bytes(&centre, "period=2025&format=xlsx", token).await;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let mut seen = 0;
    for name in book.sheet_names() {
        let sheet = book.worksheet_range(&name).unwrap();
        for r in sheet.rows() {
            let first = r.first().cloned().unwrap_or(Data::Empty);
            if sheet.get((0, 1)) == Some(&Data::String("Durchgeführte Sitzungen".into()))
                && (first == Data::String("nordstadt".into())
                    || first == Data::String("Summe".into()))
            {
                assert_eq!(r[1], Data::String(SUPPRESSED.into()), "{name}");
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 2, "the site's row and the sums' row");

    // The page and the PDF.
    let page = comparison(&centre, "period=2025&format=html", token)
        .await
        .expect(200);
    assert!(page.text.contains(SUPPRESSED), "{:.2000}", page.text);
    let pdf = bytes(&centre, "period=2025&format=pdf", token).await;
    let text = pdf_text(&pdf);
    let near = text
        .lines()
        .skip_while(|l| !l.contains("Sitzungen und Anwesenheit"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(near.contains(SUPPRESSED), "{near:.1200}");
}

/// The comparison's bytes in the format of `query`.
async fn bytes(centre: &TestApp, query: &str, token: Option<&str>) -> Vec<u8> {
    let url = format!(
        "{}{}",
        centre.base,
        centre.a.api(&format!("/reports/standortvergleich?{query}"))
    );
    let mut request = centre.client.get(&url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200, "{query}");
    response.bytes().await.unwrap().to_vec()
}

async fn a_site_refuses_the_comparison(app: TestApp) {
    let reply = comparison(&app, "period=2025", Some(&app.a.qm)).await;
    assert_eq!(reply.expect(404).code(), "report_centre_only");
    let dataset = app
        .get(
            &app.a.api("/reports/standortvergleich/dataset?year=2025"),
            Some(&app.a.qm),
        )
        .await;
    assert_eq!(dataset.expect(404).code(), "report_centre_only");
    // Also at the centre: the comparison has no dataset route of the sites' kind.
    let centre = centre_of_aachen(&app).await;
    let dataset = centre
        .get(
            &app.a.api("/reports/standortvergleich/dataset?year=2025"),
            Some(&app.a.qm),
        )
        .await;
    assert_eq!(dataset.expect(404).code(), "report_centre_only");
}

async fn only_the_staff_of_the_centres_tenant_get_the_comparison(app: TestApp) {
    let centre = centre(&app).await;
    // No tenant named yet: nobody's.
    let reply = comparison(&centre, "period=2025", Some(&app.a.qm)).await;
    assert_eq!(reply.expect(403).code(), "report_centre_tenant_only");
    tenant::set(&app.db, &app.a.slug).await.unwrap();
    comparison(&centre, "period=2025", Some(&app.a.qm))
        .await
        .expect(200);
    comparison(&centre, "period=2025", Some(&app.a.coordinator))
        .await
        .expect(200);
    // Berlin's staff, for Berlin or for Aachen.
    let own = centre
        .get(
            &app.b.api("/reports/standortvergleich?period=2025"),
            Some(&app.b.qm),
        )
        .await;
    assert_eq!(own.expect(403).code(), "report_centre_tenant_only");
    comparison(&centre, "period=2025", Some(&app.b.qm))
        .await
        .expect(403);
    // Aachen's members and jury, and nobody signed in.
    comparison(&centre, "period=2025", Some(&app.a.member))
        .await
        .expect(403);
    comparison(&centre, "period=2025", Some(&app.a.jury))
        .await
        .expect(403);
    comparison(&centre, "period=2025", None).await.expect(401);
}

async fn the_centres_plugin_shapes_the_comparison(app: TestApp) {
    let centre = centre_of_aachen(&app).await;
    let (_, north) = accepted_site(&app, "nordstadt").await;
    let (_, south) = accepted_site(&app, "suedstadt").await;
    let mut hidden = bundle("nordstadt", 1, "2025-H1", json!(10));
    hidden["figures"]["funds"]["applications_approved"] = Value::Null;
    hidden["figures"]["funds"]["decided_cents"] = Value::Null;
    deliver_ok(&centre, &north, &hidden).await;
    deliver_ok(
        &centre,
        &south,
        &bundle("suedstadt", 1, "2025-H1", json!(21)),
    )
    .await;
    app.activate_plugin(&app.a, "quartier_plugin_hessen").await;
    let document = comparison(&centre, "period=2025-H1&format=json", Some(&app.a.qm))
        .await
        .expect(200)
        .json;
    assert_eq!(document["source"], "plugin", "{document:.600}");
    assert_eq!(document["notice"], Value::Null);
    assert_eq!(
        document["title"],
        "HEGISS-Standortvergleich 2025-H1 – 2 Standorte"
    );
    let table = rows(&document, "Fonds und Anliegen je Standort");
    assert_eq!(row(table, "nordstadt").unwrap()[1], SUPPRESSED);
    assert_eq!(row(table, "nordstadt").unwrap()[2], SUPPRESSED);
    assert_eq!(row(table, "suedstadt").unwrap()[1], 9);
    assert_eq!(
        row(table, "Summe").unwrap()[1],
        SUPPRESSED,
        "the comparison's sum"
    );
    assert_eq!(row(table, "Summe").unwrap()[3], 60);
}

async fn a_failing_plugin_gives_the_base_comparison_with_a_notice(app: TestApp) {
    let centre = centre_of_aachen(&app).await;
    let (_, north) = accepted_site(&app, "nordstadt").await;
    deliver_ok(&centre, &north, &bundle("nordstadt", 1, "2025", json!(10))).await;
    app.activate_plugin(&app.a, "hostile_oversize_output").await;
    let document = comparison(&centre, "period=2025&format=json", Some(&app.a.qm))
        .await
        .expect(200)
        .json;
    base_with_notice(&document);
    assert_eq!(
        row(rows(&document, "Sitzungen und Anwesenheit"), "nordstadt").unwrap()[1],
        10
    );
    let pdf = bytes(&centre, "period=2025&format=pdf", Some(&app.a.qm)).await;
    assert_pdf_notice(&pdf);
}

async fn a_wrong_period_is_refused_with_its_code(app: TestApp) {
    let centre = centre_of_aachen(&app).await;
    for query in ["", "period=2025-H3", "period=zwanzig", "year=1800"] {
        let reply = comparison(&centre, query, Some(&app.a.qm)).await;
        assert_eq!(
            reply.expect(422).code(),
            "comparison_period_invalid",
            "{query}"
        );
    }
    comparison(&centre, "period=2025-H2", Some(&app.a.qm))
        .await
        .expect(200);
}

async fn the_centres_staff_read_the_comparison_on_their_pages(app: TestApp) {
    let centre = centre_of_aachen(&app).await;
    let (_, north) = accepted_site(&app, "nordstadt").await;
    deliver_ok(
        &centre,
        &north,
        &bundle("nordstadt", 1, "2025", json!(null)),
    )
    .await;
    let user = qm(&app).await;
    let mut browser = Browser::new(&centre);
    browser.sign_in(user).await;
    let reports = format!("/arbeit/{}/berichte", app.a.slug);
    let form = browser.get(&reports).await.expect(200);
    assert!(
        form.text.contains("Standortvergleich") && form.text.contains(r#"name="period""#),
        "the form offers the comparison"
    );
    let page = browser
        .get(&format!("{reports}/standortvergleich?period=2025"))
        .await
        .expect(200);
    assert!(page.text.contains(r#"<article class="report">"#));
    assert!(page.text.contains("nordstadt") && page.text.contains(SUPPRESSED));
    assert!(page.text.contains("Abmelden"), "inside the staff frame");
    let csv = browser
        .get(&format!(
            "{reports}/standortvergleich?period=2025&format=csv&table=2"
        ))
        .await
        .expect(200);
    assert!(csv.text.contains(SUPPRESSED), "{}", csv.text);

    // A site's pages neither offer nor show it.
    let mut site = Browser::new(&app);
    site.sign_in(user).await;
    let form = site.get(&reports).await.expect(200);
    assert!(!form.text.contains(r#"name="period""#));
    let refused = site
        .get(&format!("{reports}/standortvergleich?period=2025"))
        .await
        .expect(404);
    assert!(
        refused.text.contains("nur als Bericht einer Servicestelle"),
        "{:.2000}",
        refused.text
    );
}
