//! Rendered reports (`GET …/reports/{kind}`) of the demo with Aachen's plugin: every kind in
//! every format, read back — the JSON document, the CSV parsed, the XLSX read by calamine
//! (numbers as numbers, equal to the document's and the dataset's), the PDF's text
//! extracted by `pdftotext` — a failing plugin's stand-in with its notice, and the
//! answers to wrong requests and wrong callers.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use quartier::demo::{Options, seed_with};
use serde_json::Value;

use crate::demo_activity::anchor;
use crate::support::{Reply, TestApp};

crate::tests![
    every_kind_renders_in_every_format_and_reads_back,
    a_plugin_that_fails_gives_the_base_report_with_a_notice,
    a_plugin_report_that_cannot_be_rendered_gives_the_base_report,
    the_format_follows_accept_and_wrong_requests_get_their_codes,
    only_staff_get_reports,
    a_published_report_hides_small_counts_and_can_be_withdrawn,
];

const KINDS: [&str; 4] = [
    "jahresbericht",
    "monitoring",
    "fondsabrechnung",
    "selbstevaluation",
];
/// The demo's report year with `anchor()`.
const YEAR: &str = "year=2025";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn demo(app: &TestApp) {
    seed_with(
        &app.db,
        Options {
            seed: quartier::demo::DEFAULT_SEED,
            now: anchor(),
        },
    )
    .await
    .expect("seed");
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
}

async fn report(app: &TestApp, kind: &str, query: &str) -> Reply {
    app.get(
        &app.a.api(&format!("/reports/{kind}?{query}")),
        Some(&app.a.qm),
    )
    .await
}

fn header<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Every table of a report document, in order.
fn tables(document: &Value) -> Vec<&Value> {
    document["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["tables"].as_array().into_iter().flatten())
        .collect()
}

/// Every key figure, as (label, value).
fn figures(document: &Value) -> Vec<(String, Value)> {
    document["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["figures"].as_array().into_iter().flatten())
        .map(|f| {
            (
                f["label"].as_str().unwrap_or_default().to_owned(),
                f["value"].clone(),
            )
        })
        .collect()
}

async fn bytes(app: &TestApp, kind: &str, query: &str) -> (Reply, Vec<u8>) {
    let url = format!(
        "{}{}",
        app.base,
        app.a.api(&format!("/reports/{kind}?{query}"))
    );
    let response = app
        .client
        .get(&url)
        .bearer_auth(&app.a.qm)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("body").to_vec();
    let reply = Reply {
        status,
        headers,
        text: String::new(),
        json: Value::Null,
    };
    (reply, body)
}

async fn every_kind_renders_in_every_format_and_reads_back(app: TestApp) {
    demo(&app).await;
    for kind in KINDS {
        let document = report(&app, kind, &format!("{YEAR}&format=json"))
            .await
            .expect(200)
            .json;
        let title = document["title"].as_str().expect("a title").to_owned();
        assert!(!title.is_empty());
        assert!(
            document["notice"].is_null(),
            "{kind}: {}",
            document["notice"]
        );
        let sections = document["sections"].as_array().expect("sections");
        assert!(!sections.is_empty(), "{kind} has no sections");
        let dataset = app
            .get(
                &app.a.api(&format!("/reports/{kind}/dataset?{YEAR}")),
                Some(&app.a.qm),
            )
            .await
            .expect(200)
            .json;

        // XLSX: a cover sheet with every key figure, then one sheet per table, numbers as
        // numbers equal to the document's.
        let (reply, xlsx) = bytes(&app, kind, &format!("{YEAR}&format=xlsx")).await;
        assert_eq!(reply.status, 200, "{kind} xlsx");
        assert_eq!(header(&reply, "content-type"), XLSX);
        assert!(header(&reply, "content-disposition").starts_with("attachment; filename=\""));
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).expect("an XLSX workbook");
        let names = book.sheet_names();
        let doc_tables = tables(&document);
        assert_eq!(names.len(), doc_tables.len() + 1, "{kind}: {names:?}");
        let cover = book.worksheet_range(&names[0]).expect("cover sheet");
        let cover_rows: Vec<Vec<Data>> = cover.rows().map(|r| r.to_vec()).collect();
        // Below the cover's facts: one row per key figure, in the document's order.
        let header_row = cover_rows
            .iter()
            .position(|r| r.get(1) == Some(&Data::String("Kennzahl".into())))
            .expect("the key figures' header");
        let figure_rows = &cover_rows[header_row + 1..];
        let all_figures = figures(&document);
        assert_eq!(figure_rows.len(), all_figures.len(), "{kind}");
        for ((label, value), row) in all_figures.iter().zip(figure_rows) {
            assert_eq!(row[1], Data::String(label.clone()), "{kind}");
            if let Some(expected) = value.as_f64() {
                assert_eq!(row[2].as_f64(), Some(expected), "{kind}: {label}");
                assert!(
                    matches!(row[2], Data::Float(_) | Data::Int(_)),
                    "{kind}: {label} is text"
                );
            }
        }
        for (i, table) in doc_tables.iter().enumerate() {
            let sheet = book.worksheet_range(&names[i + 1]).expect("table sheet");
            let rows = table["rows"].as_array().expect("rows");
            assert_eq!(
                sheet.height(),
                rows.len() + 1,
                "{kind}: sheet {}",
                names[i + 1]
            );
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.as_array().expect("cells").iter().enumerate() {
                    if let Some(n) = cell.as_f64() {
                        let got = sheet.get((r + 1, c)).and_then(|d| d.as_f64());
                        assert_eq!(got, Some(n), "{kind}: table {i} row {r} col {c}");
                    }
                }
            }
        }

        // CSV: each table parses with `;`, header plus one line per row.
        for (i, table) in doc_tables.iter().enumerate() {
            let n = i + 1;
            let (reply, csv) = bytes(&app, kind, &format!("{YEAR}&format=csv&table={n}")).await;
            assert_eq!(reply.status, 200, "{kind} csv {n}");
            assert!(csv.starts_with("\u{feff}".as_bytes()), "a byte-order mark");
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(b';')
                .has_headers(true)
                .from_reader(&csv[3..]);
            let headers = reader.headers().expect("headers").clone();
            assert_eq!(headers.len(), table["columns"].as_array().unwrap().len());
            let records: Vec<csv::StringRecord> =
                reader.records().map(|r| r.expect("a record")).collect();
            assert_eq!(records.len(), table["rows"].as_array().unwrap().len());
        }

        // The page: the title, every table, charts as SVG with their titles, its policy.
        let page = report(&app, kind, &format!("{YEAR}&format=html"))
            .await
            .expect(200);
        assert!(header(&page, "content-type").starts_with("text/html"));
        assert!(header(&page, "content-security-policy").contains("default-src 'none'"));
        assert!(page.text.contains("Stadt Aachen"));
        assert!(page.text.matches("<table>").count() >= doc_tables.len());
        assert!(!page.text.contains("<script"), "no script in a report page");
        let charts: usize = sections
            .iter()
            .map(|s| s["charts"].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(page.text.matches("<svg").count(), charts, "{kind}");

        // The PDF: its text has the title, the municipality and the period.
        let (reply, pdf) = bytes(&app, kind, &format!("{YEAR}&format=pdf")).await;
        assert_eq!(reply.status, 200, "{kind} pdf");
        assert_eq!(header(&reply, "content-type"), "application/pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_text(&pdf);
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = words(&text);
        assert!(
            text.contains(&words(&title)),
            "{kind}: title missing in {text:.400}"
        );
        assert!(text.contains("Stadt Aachen"));
        assert!(
            text.contains("01.01.2025 – 31.12.2025") || kind == "monitoring",
            "{text:.400}"
        );
        assert!(text.contains("Seite 1 von"), "page numbers");
        if kind == "jahresbericht" {
            let held = dataset["meetings_held"].as_u64().expect("meetings held");
            assert!(held > 0);
            let (_, value) = figures(&document)
                .into_iter()
                .find(|(l, _)| l == "Durchgeführte Sitzungen")
                .expect("the meetings figure");
            assert_eq!(value.as_u64(), Some(held), "the figure is the dataset's");
            let at = text
                .find("Durchgeführte Sitzungen")
                .expect("the figure in the PDF");
            let near: String = text[at..].chars().take(80).collect();
            assert!(near.contains(&held.to_string()), "{near}");
        }
    }
}

/// The PDF's text as `pdftotext` extracts it.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("quartier-pdf-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils) must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

async fn a_plugin_report_that_cannot_be_rendered_gives_the_base_report(app: TestApp) {
    demo(&app).await;
    // A valid document with 10,001 table rows: more than the page and the PDF show.
    app.activate_plugin(&app.a, "hostile_unrenderable_report")
        .await;
    let page = report(&app, "jahresbericht", &format!("{YEAR}&format=html"))
        .await
        .expect(200);
    assert!(
        page.text
            .contains("kann in diesem Format nicht dargestellt werden")
            && page.text.contains("Angezeigt wird der Grundbericht."),
        "{:.2000}",
        page.text
    );
    assert!(
        !page.text.contains("Endlose Liste"),
        "not the plugin's report"
    );
    let (reply, pdf) = bytes(&app, "jahresbericht", &format!("{YEAR}&format=pdf")).await;
    assert_eq!(reply.status, 200);
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Hinweis:") && text.contains("Grundbericht"),
        "{text:.800}"
    );
}

async fn a_plugin_that_fails_gives_the_base_report_with_a_notice(app: TestApp) {
    demo(&app).await;
    app.activate_plugin(&app.a, "hostile_oversize_output").await;
    let document = report(&app, "jahresbericht", &format!("{YEAR}&format=json"))
        .await
        .expect(200)
        .json;
    let notice = base_with_notice(&document);
    assert_eq!(
        notice.matches("Regeln der Kommune").count(),
        1,
        "said once: {notice}"
    );
    let (reply, pdf) = bytes(&app, "jahresbericht", &format!("{YEAR}&format=pdf")).await;
    assert_eq!(reply.status, 200);
    assert_pdf_notice(&pdf);
}

/// The notice of a report document the base report made, standing in for the plugin's.
pub fn base_with_notice(document: &Value) -> &str {
    assert_eq!(document["source"], "host");
    let notice = document["notice"].as_str().expect("a notice");
    assert!(
        notice.contains("Angezeigt wird der Grundbericht."),
        "{notice}"
    );
    notice
}

/// Asserts that the PDF's text carries the notice.
pub fn assert_pdf_notice(pdf: &[u8]) {
    let text = pdf_text(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Hinweis:"), "{text:.600}");
}

async fn the_format_follows_accept_and_wrong_requests_get_their_codes(app: TestApp) {
    demo(&app).await;
    let url = app.a.api(&format!("/reports/jahresbericht?{YEAR}"));
    let with_accept = |accept: &'static str| {
        let url = url.clone();
        let app = &app;
        async move {
            app.send(
                reqwest::Method::GET,
                &url,
                Some(&app.a.qm),
                &[("accept", accept)],
                None,
            )
            .await
        }
    };
    let pdf = with_accept("application/pdf").await.expect(200);
    assert_eq!(header(&pdf, "content-type"), "application/pdf");
    let page = with_accept("text/html,application/xhtml+xml,*/*;q=0.8")
        .await
        .expect(200);
    assert!(header(&page, "content-type").starts_with("text/html"));
    let json = with_accept("application/json").await.expect(200);
    assert_eq!(json.json["report"], "document");
    assert_eq!(
        with_accept("image/png").await.expect(406).code(),
        "report_not_acceptable"
    );

    let code = |q: &'static str| {
        let app = &app;
        async move { report(app, "jahresbericht", q).await }
    };
    assert_eq!(
        code("year=2025&format=docx").await.expect(422).code(),
        "report_format_unknown"
    );
    assert_eq!(
        code("year=2025&format=csv").await.expect(422).code(),
        "report_table_missing"
    );
    assert_eq!(
        code("year=2025&format=csv&table=999")
            .await
            .expect(404)
            .code(),
        "report_table_unknown"
    );
    assert_eq!(
        code("year=2025&format=csv&table=0")
            .await
            .expect(404)
            .code(),
        "report_table_unknown"
    );
    assert_eq!(
        code("format=pdf").await.expect(422).code(),
        "report_period_missing"
    );
    assert_eq!(
        code("from=2025-01-01&to=2036-01-01&format=pdf")
            .await
            .expect(422)
            .code(),
        "report_period_too_long"
    );
    report(&app, "jahresbericht2", YEAR).await.expect(404);
    // Another municipality's area looks exactly like a missing one.
    let b_area = app
        .post(
            &app.b.api("/areas"),
            Some(&app.b.coordinator),
            serde_json::json!({"kind": "sozialraum", "name": "Fremdgebiet"}),
        )
        .await
        .expect(201)
        .json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let foreign = report(&app, "jahresbericht", &format!("{YEAR}&area={b_area}")).await;
    let missing = report(
        &app,
        "jahresbericht",
        &format!("{YEAR}&area={}", uuid::Uuid::now_v7()),
    )
    .await;
    assert_eq!(
        (foreign.status, foreign.text),
        (missing.status, missing.text)
    );
}

async fn only_staff_get_reports(app: TestApp) {
    let url = app
        .a
        .api(&format!("/reports/jahresbericht?{YEAR}&format=pdf"));
    assert_eq!(
        app.get(&url, None).await.expect(401).code(),
        "unauthenticated"
    );
    app.get(&url, Some(&app.a.member)).await.expect(403);
    app.get(&url, Some(&app.a.jury)).await.expect(403);
    app.get(&url, Some(&app.b.qm)).await.expect(403);
    let reply = app.get(&url, Some(&app.a.coordinator)).await.expect(200);
    assert_eq!(header(&reply, "cache-control"), "no-store");
}

/// Count values from 1 to 4 in the document's key figures and count columns.
fn small_counts(document: &Value) -> usize {
    let small = |v: &Value| v.as_f64().is_some_and(|n| n > 0.0 && n < 5.0);
    let mut found = 0;
    for section in document["sections"].as_array().expect("sections") {
        for figure in section["figures"].as_array().into_iter().flatten() {
            if figure["format"] == "count" && small(&figure["value"]) {
                found += 1;
            }
        }
        for table in section["tables"].as_array().into_iter().flatten() {
            let columns = table["columns"].as_array().expect("columns");
            for row in table["rows"].as_array().expect("rows") {
                for (i, cell) in row.as_array().expect("cells").iter().enumerate() {
                    if columns[i]["format"] == "count" && small(cell) {
                        found += 1;
                    }
                }
            }
        }
    }
    found
}

async fn a_published_report_hides_small_counts_and_can_be_withdrawn(app: TestApp) {
    demo(&app).await;
    let internal = report(&app, "fondsabrechnung", &format!("{YEAR}&format=json"))
        .await
        .expect(200)
        .json;
    assert!(
        small_counts(&internal) > 0,
        "the staff's report has small counts to hide"
    );

    let publish = app
        .a
        .api(&format!("/reports/fondsabrechnung/publications?{YEAR}"));
    app.post(&publish, Some(&app.a.qm), Value::Null)
        .await
        .expect(403);
    app.post(&publish, Some(&app.a.member), Value::Null)
        .await
        .expect(403);
    app.post(&publish, None, Value::Null).await.expect(401);
    let published = app
        .post(&publish, Some(&app.a.coordinator), Value::Null)
        .await
        .expect(201)
        .json;
    let id = published["id"].as_str().expect("an id").to_owned();
    let url = published["url"].as_str().expect("a url").to_owned();
    assert_eq!(url, format!("/kommunen/{}/berichte/{id}", app.a.slug));

    // What is stored, and shown to anyone, has no count from 1 to 4.
    let stored: String =
        sqlx::query_scalar("SELECT document FROM report_publications WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(small_counts(&stored), 0);
    let page = app.get(&url, None).await.expect(200);
    assert!(page.text.contains(r#"<article class="report">"#));
    let municipality = app
        .get(&format!("/kommunen/{}", app.a.slug), None)
        .await
        .expect(200);
    assert!(
        municipality.text.contains(&url),
        "listed on the municipality's page"
    );
    // Under another municipality's address it does not exist.
    app.get(&format!("/kommunen/{}/berichte/{id}", app.b.slug), None)
        .await
        .expect(404);

    let withdraw = app.a.api(&format!("/report-publications/{id}"));
    app.delete(&withdraw, Some(&app.b.coordinator))
        .await
        .expect(403);
    app.delete(&withdraw, Some(&app.a.coordinator))
        .await
        .expect(204);
    app.get(&url, None).await.expect(404);
    app.delete(&withdraw, Some(&app.a.coordinator))
        .await
        .expect(404);
}
