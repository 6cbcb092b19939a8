//! The author's tools through the library: `plugin run` (one call measured against every
//! limit, exit codes 0/1/2) with the sample inputs of plugins/fixtures/inputs, and
//! `plugin new` (the scaffold). The real binary is exercised in tests/processes.

use std::path::{Path, PathBuf};

use quartier::plugins::runner::{self, CallFile, Report};
use quartier::plugins::scaffold::{self, Sdk};
use quartier::plugins::{Hook, Limits};

use crate::support::{component, load, runtime};

fn inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../plugins/fixtures/inputs")
}

fn call_file(name: &str) -> CallFile {
    CallFile::parse(&std::fs::read_to_string(inputs().join(name)).unwrap()).unwrap()
}

fn run(plugin: &str, hook: Hook, input: &str) -> Report {
    run_with(plugin, hook, input, Limits::default())
}

fn run_with(plugin: &str, hook: Hook, input: &str, limits: Limits) -> Report {
    runner::execute(component(plugin), hook, &call_file(input), limits).unwrap()
}

fn check(report: &Report, key: &str) -> runner::Check {
    report.checks().into_iter().find(|c| c.key == key).unwrap()
}

fn temp_dir() -> PathBuf {
    std::env::temp_dir().join(format!("quartier-runner-{}", uuid::Uuid::now_v7().simple()))
}

#[test]
fn every_sample_input_runs_against_the_sample_plugin_within_its_limits() {
    let calls = [
        ("describe.json", Hook::Describe),
        ("adapt-task-matrix.json", Hook::AdaptTaskMatrix),
        ("adapt-form.json", Hook::AdaptForm),
        ("validate.json", Hook::Validate),
        ("validate-1kb.json", Hook::Validate),
        ("validate-7kb.json", Hook::Validate),
        ("route-fund-application.json", Hook::Route),
        ("route-concern.json", Hook::Route),
        ("build-report.json", Hook::BuildReport),
    ];
    for (file, hook) in calls {
        let report = run("quartier_sample_plugin", hook, file);
        assert_eq!(
            report.exit_code(),
            0,
            "{file}: {:?}",
            report.measured.result
        );
        assert!(report.checks().iter().all(|c| c.ok), "{file}");
    }
}

#[test]
fn a_sample_validation_is_printed_with_every_measurement_against_its_limit() {
    let report = run("quartier_sample_plugin", Hook::Validate, "validate.json");
    let text = report.render(Path::new("sample.wasm"));
    for row in [
        "Laufzeit (Wanduhr)",
        "Instruktionen (Fuel)",
        "Spitzenspeicher",
        "Eingabe",
        "Ausgabe",
    ] {
        assert!(text.contains(row), "{row} missing in\n{text}");
    }
    assert!(
        text.contains("50,00 ms") && text.contains("32,0 MiB"),
        "{text}"
    );
    assert!(!text.contains("ÜBERSCHRITTEN"), "{text}");
    assert!(
        check(&report, "fuel").value > 1_000,
        "instructions are counted"
    );
    assert!(check(&report, "peak_memory").value > 0);
    assert_eq!(
        check(&report, "input").value,
        call_file("validate.json").input.len() as u64
    );
}

#[test]
fn findings_are_listed_in_german_and_as_json() {
    let mut call = call_file("validate.json");
    call.input = r#"{"amount_cents": 600000, "participation": "kurz"}"#.into();
    let report = runner::execute(
        component("quartier_sample_plugin"),
        Hook::Validate,
        &call,
        Limits::default(),
    )
    .unwrap();
    assert_eq!(
        report.exit_code(),
        0,
        "findings are an answer, not a failure"
    );
    let text = report.render(Path::new("sample.wasm"));
    assert!(
        text.contains("3 Befund(e):")
            && text.contains("- Fehler: Je Antrag sind höchstens 5.000 € möglich. (betrag-ueber-obergrenze, bei /amount_cents)")
            && text.contains("- Warnung: Ab 1.000 €"),
        "{text}"
    );
    let json = report.to_json(Path::new("sample.wasm"));
    assert_eq!(json["output"][0]["severity"], "error");
    assert_eq!(json["output"][0]["code"], "betrag-ueber-obergrenze");
    assert_eq!(json["output"][2]["severity"], "warning");
}

#[test]
fn an_endless_loop_is_reported_as_a_timeout_over_the_time_limit() {
    let report = run("hostile_endless_loop", Hook::Validate, "validate.json");
    assert_eq!(report.exit_code(), 1);
    let time = check(&report, "wall_time");
    // The deadline counts epoch ticks from the call's start, and the first tick may come at
    // once: the call ends at most one tick before the limit.
    let limits = Limits::default();
    let earliest = (limits.call_timeout - limits.epoch_tick).as_micros() as u64;
    assert!(!time.ok && time.value >= earliest, "{time:?}");
    assert!(
        check(&report, "fuel").lower_bound,
        "an aborted call's count is partial"
    );
    let text = report.render(Path::new("loop.wasm"));
    assert!(
        text.contains("Plugin-Fehler plugin_timeout: Die Regeln der Kommune antworteten nicht")
    );
    assert!(text.contains("ÜBERSCHRITTEN"), "{text}");
}

#[test]
fn a_memory_bomb_is_reported_over_the_memory_limit() {
    // Filling 32 MiB under fuel metering can outlast the default 50 ms on a loaded machine;
    // with time to spare, memory is certainly the limit that stops it.
    let limits = Limits {
        call_timeout: std::time::Duration::from_secs(5),
        ..Limits::default()
    };
    let report = run_with(
        "hostile_memory_bomb",
        Hook::Validate,
        "validate.json",
        limits,
    );
    assert_eq!(report.exit_code(), 1);
    assert!(!check(&report, "peak_memory").ok);
    assert!(
        check(&report, "wall_time").ok,
        "memory, not time, was the limit"
    );
    let json = report.to_json(Path::new("bomb.wasm"));
    assert_eq!(json["ok"], false);
    assert_eq!(json["error"]["code"], "plugin_out_of_memory");
}

#[test]
fn output_over_the_cap_is_reported_over_the_output_limit() {
    let report = run(
        "hostile_oversize_output",
        Hook::BuildReport,
        "build-report.json",
    );
    assert_eq!(report.exit_code(), 1);
    let output = check(&report, "output");
    assert!(!output.ok && output.value > 256 << 10, "{output:?}");
    assert_eq!(
        check(&report, "wall_time").limit,
        Some(200_000),
        "reports get 200 ms"
    );
}

#[test]
fn input_over_the_configured_limit_is_reported() {
    let limits = Limits {
        input_bytes: 1024,
        ..Limits::default()
    };
    let report = runner::execute(
        component("quartier_sample_plugin"),
        Hook::Validate,
        &call_file("validate.json"),
        limits,
    )
    .unwrap();
    assert_eq!(report.exit_code(), 1);
    assert!(!check(&report, "input").ok);
    assert_eq!(
        report.measured.result.as_ref().unwrap_err().code(),
        "plugin_input_too_large"
    );
}

#[test]
fn a_hook_the_plugin_leaves_out_means_base_behaviour_and_succeeds() {
    let report = run("contract_older", Hook::BuildReport, "build-report.json");
    assert_eq!(report.exit_code(), 0);
    let json = report.to_json(Path::new("older.wasm"));
    assert_eq!(json["implemented"], false);
    assert!(
        report
            .render(Path::new("older.wasm"))
            .contains("Verhalten der Basis")
    );
}

#[test]
fn an_sdk_default_hook_is_not_implemented_and_a_written_one_is() {
    // The sample plugin writes `validate` and `route` and leaves `build-report` to the SDK.
    let default = run(
        "quartier_sample_plugin",
        Hook::BuildReport,
        "build-report.json",
    );
    assert_eq!(default.exit_code(), 0);
    let json = default.to_json(Path::new("sample.wasm"));
    assert_eq!(json["implemented"], false, "{json}");
    assert_eq!(json["ok"], true, "{json}");

    let written = run("quartier_sample_plugin", Hook::Validate, "validate.json");
    assert_eq!(
        written.to_json(Path::new("sample.wasm"))["implemented"],
        true
    );
}

#[test]
fn the_json_report_is_one_machine_readable_object() {
    let report = run("quartier_sample_plugin", Hook::Describe, "describe.json");
    let json = report.to_json(Path::new("sample.wasm"));
    assert_eq!(json["ok"], true);
    assert_eq!(json["hook"], "describe");
    assert_eq!(json["contract_version"], "0.1.0");
    assert_eq!(json["output"]["name"], "beispiel");
    let keys: Vec<_> = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "wall_time",
            "fuel",
            "peak_memory",
            "input",
            "output",
            "component"
        ]
    );
    // The component file against the upload limit.
    let component = &json["checks"][5];
    let size = quartier_plugin_components::get("quartier_sample_plugin")
        .unwrap()
        .len();
    assert_eq!(component["value"], size as u64);
    assert_eq!(component["limit"], 4 << 20);
    assert_eq!(component["ok"], true);
}

#[test]
fn usage_errors_name_the_problem_in_german() {
    let unknown = runner::hook("explain").unwrap_err();
    assert_eq!(unknown.code, "unknown_hook");
    assert!(unknown.message.contains("Bekannt sind: describe"));

    let garbage = runner::execute(
        b"not wasm",
        Hook::Describe,
        &call_file("describe.json"),
        Limits::default(),
    )
    .unwrap_err();
    assert_eq!(garbage.code, "plugin_invalid");
    assert!(
        garbage
            .message
            .contains("keine gültige WebAssembly-Komponente")
    );

    let no_kind = CallFile::parse(r#"{"input": {"amount_cents": 1}}"#).unwrap();
    let missing = runner::execute(
        component("quartier_sample_plugin"),
        Hook::Validate,
        &no_kind,
        Limits::default(),
    )
    .unwrap_err();
    assert!(missing.message.contains("form_kind"), "{missing:?}");

    let bad = CallFile::parse(r#"{"form_kind": "antrag", "input": {}}"#).unwrap_err();
    assert!(bad.message.contains("Unbekannte Formularart „antrag“"));
    assert_eq!(CallFile::parse("[1, 2]").unwrap_err().code, "invalid_input");
}

#[test]
fn an_instantiation_can_be_timed_without_calling_a_hook() {
    let runtime = runtime();
    let plugin = load(&runtime, "quartier_sample_plugin");
    let instantiation = runtime.instantiation(&plugin).unwrap();
    for _ in 0..3 {
        assert!(instantiation.run().unwrap() < std::time::Duration::from_secs(1));
    }
}

fn repository_sdk() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../plugins/sdk")
        .canonicalize()
        .unwrap()
}

#[test]
fn a_new_plugin_crate_has_rules_tests_a_readme_and_the_sample_inputs() {
    let dir = temp_dir().join("bad-musterstadt");
    scaffold::scaffold("bad-musterstadt", &dir, &Sdk::Given(repository_sdk())).unwrap();
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"bad-musterstadt\""));
    assert!(manifest.contains("crate-type = [\"cdylib\"]"));
    // The SDK path is written relative to the crate when both share a directory (as in a
    // checkout under /tmp) and absolute otherwise; either way it must lead to the SDK.
    let written = manifest
        .lines()
        .find_map(|line| line.split("path = \"").nth(1)?.split('"').next())
        .unwrap();
    assert_eq!(dir.join(written).canonicalize().unwrap(), repository_sdk());
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    assert!(lib.contains("impl Plugin for BadMusterstadt"));
    assert!(lib.contains("fn describe") && lib.contains("fn validate") && lib.contains("#[test]"));
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("cargo build --target wasm32-unknown-unknown --release"));
    assert!(readme.contains("quartier plugin build ."));
    let validate = std::fs::read_to_string(dir.join("inputs/validate.json")).unwrap();
    assert!(validate.contains("\"municipality\": \"bad-musterstadt\""));
    assert_eq!(std::fs::read_dir(dir.join("inputs")).unwrap().count(), 9);
    std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
}

#[test]
fn scaffolding_never_overwrites_an_existing_directory() {
    let dir = temp_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    let error = scaffold::scaffold("musterstadt", &dir, &Sdk::Given(repository_sdk())).unwrap_err();
    assert!(error.to_string().contains("gibt es schon"), "{error}");
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "mine"
    );
    assert!(!dir.join("Cargo.toml").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_sdk_is_found_inside_the_repository_and_required_outside() {
    let inside = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    assert_eq!(
        scaffold::find_sdk(None, &[&inside]).unwrap(),
        Sdk::Repository(repository_sdk())
    );
    let outside = temp_dir();
    std::fs::create_dir_all(&outside).unwrap();
    let error = scaffold::find_sdk(None, &[&outside]).unwrap_err();
    assert!(error.to_string().contains("--sdk-path"), "{error}");
    assert!(
        scaffold::find_sdk(Some(&outside), &[]).is_err(),
        "not an SDK"
    );
    std::fs::remove_dir_all(outside).unwrap();
}
