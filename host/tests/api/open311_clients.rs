//! Real Open311 clients from the package registries against a running host: Code for
//! America's `open311` (npm) as an app — it reads the services and a definition, submits a
//! concern with its key and reads the request back — and `georeport` (PyPI) as a reader of
//! every document in JSON and in XML. Both are installed on first use into
//! `host/tests/open311-clients/` (npm ci; pip --target), as the single sign-on tests
//! install their provider.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;

use serde_json::Value;

use crate::open311::{app_key, validate};
use crate::support::TestApp;

crate::tests![an_app_with_the_open311_client_submits_and_a_reader_sees_json_and_xml,];

fn clients_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/open311-clients")
}

/// The pinned georeport release: its reader follows the GeoReport v2 document shapes.
const GEOREPORT: &str = "georeport==0.3.1";

/// Installs both clients once per test process, when they are not installed yet.
fn install_clients() {
    static DONE: Mutex<bool> = Mutex::new(false);
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    if *done {
        return;
    }
    let dir = clients_dir();
    if !dir.join("node_modules/open311").is_dir() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .expect("npm (Node.js) is needed for the Open311 client tests");
        assert!(status.success(), "npm ci in {}", dir.display());
    }
    if !dir.join("python/georeport").is_dir() {
        let status = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--root-user-action=ignore",
            ])
            .arg("--target")
            .arg(dir.join("python"))
            .arg(GEOREPORT)
            .status()
            .expect("python3 with pip is needed for the Open311 client tests");
        assert!(status.success(), "pip install {GEOREPORT}");
    }
    *done = true;
}

/// Runs a client and answers the JSON document it printed. On a blocking thread: the server
/// under test runs on this test's runtime and must go on answering meanwhile.
async fn run(mut command: Command) -> Value {
    let output = tokio::task::spawn_blocking(move || {
        let output = command.current_dir(clients_dir()).output().unwrap();
        (command, output)
    })
    .await
    .unwrap();
    let (command, output) = output;
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{command:?} printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

async fn an_app_with_the_open311_client_submits_and_a_reader_sees_json_and_xml(app: TestApp) {
    tokio::task::spawn_blocking(install_clients).await.unwrap();
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
    let key = app_key(&app, "Mängelmelder Aachen").await;
    let endpoint = format!("{}/open311/v2/aachen", app.base);
    let text = "Am Adalbertsteinweg liegen seit einer Woche Sperrmüll und Bauschutt.";

    let mut node = Command::new("node");
    node.args([
        "app.js",
        &format!("{endpoint}/"),
        &key,
        "wilder_muell",
        text,
        "sozialraum=Ost/Rothe Erde",
    ]);
    let seen = run(node).await;
    assert!(
        seen["services"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["service_code"] == "wilder_muell")
    );
    validate(&seen["definition"], "service-definition");
    let reference = seen["submitted"][0]["service_request_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id: {seen}"))
        .to_owned();
    // The client turns the dates into its own Date objects; the rest is as sent.
    let read = &seen["read"][0];
    assert_eq!(read["service_request_id"], reference.as_str());
    assert_eq!(read["status"], "open");
    assert!(
        read["status_notes"]
            .as_str()
            .unwrap()
            .starts_with("Eingegangen")
    );
    let stored: (String, String) =
        sqlx::query_as("SELECT source, form_data FROM concerns WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored.0, "oeffentlich");
    let form: Value = serde_json::from_str(&stored.1).unwrap();
    assert_eq!(form["text"], text);
    assert_eq!(form["sozialraum"], "Ost/Rothe Erde");

    let mut python = Command::new("python3");
    python
        .env("PYTHONPATH", clients_dir().join("python"))
        .args(["reader.py", &endpoint, "wilder_muell", &reference]);
    let read = run(python).await;
    let json = &read["json"];
    let xml = &read["xml"];
    for service in json["services"].as_array().unwrap() {
        validate(service, "service");
    }
    validate(&json["definition"], "service-definition");
    validate(&json["request"], "request");
    assert_eq!(json["request"]["service_request_id"], reference.as_str());
    assert_eq!(
        json["requests"][0]["service_request_id"],
        reference.as_str()
    );

    // XML carries the same: every value is text there, so compare as text.
    let codes = |services: &Value| -> Vec<String> {
        services
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["service_code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(codes(&xml["services"]), codes(&json["services"]));
    let attribute_codes = |definition: &Value| -> Vec<String> {
        let attributes = &definition["attributes"];
        // xmltodict: the list's element holds `attribute`, one or many.
        let list = attributes.get("attribute").unwrap_or(attributes);
        match list {
            Value::Array(items) => items
                .iter()
                .map(|a| a["code"].as_str().unwrap().to_owned())
                .collect(),
            one => vec![one["code"].as_str().unwrap().to_owned()],
        }
    };
    assert_eq!(
        attribute_codes(&xml["definition"]),
        attribute_codes(&json["definition"])
    );
    assert_eq!(xml["request"]["service_request_id"], reference.as_str());
    assert_eq!(xml["request"]["status"], "open");
    assert_eq!(
        xml["request"]["status_notes"],
        json["request"]["status_notes"]
    );
    assert_eq!(xml["requests"]["service_request_id"], reference.as_str());
}
