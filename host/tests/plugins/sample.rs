//! The well-behaved sample plugin through the runtime: every hook, typed findings, base
//! behaviour for hooks it leaves out.

use quartier::plugins::{Answer, FormKind, Request, Severity};

use crate::support::{application, context, load, runtime};

#[test]
fn the_sample_plugin_describes_itself() {
    let runtime = runtime();
    let plugin = load(&runtime, "quartier_sample_plugin");
    assert_eq!(plugin.contract_version(), "0.1.0");
    assert_eq!(plugin.hooks().len(), 6, "the SDK exports every hook");
    let Ok(Answer::Json(description)) = runtime.call(&plugin, context(), Request::Describe).result
    else {
        panic!("describe failed");
    };
    assert_eq!(description["name"], "beispiel");
    assert_eq!(description["concern_categories"][0]["key"], "wilder_muell");
}

#[test]
fn validation_returns_typed_findings_errors_first() {
    let runtime = runtime();
    let plugin = load(&runtime, "quartier_sample_plugin");
    let form = application(600_000, "kurz");
    let measured = runtime.call(
        &plugin,
        context(),
        Request::Validate(FormKind::FundApplication, &form),
    );
    let Ok(Answer::Findings(findings)) = measured.result else {
        panic!("{:?}", measured.result)
    };
    let codes: Vec<_> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.severity))
        .collect();
    assert_eq!(
        codes,
        [
            ("betrag-ueber-obergrenze", Severity::Error),
            ("beteiligung-unklar", Severity::Error),
            ("eigenbeteiligung-fehlt", Severity::Warning),
        ]
    );
    assert_eq!(findings[0].pointer, "/amount_cents");
    assert!(measured.peak_memory > 0, "peak memory is measured");
}

#[test]
fn a_valid_application_has_no_findings_and_other_forms_are_not_checked() {
    let runtime = runtime();
    let plugin = load(&runtime, "quartier_sample_plugin");
    let form = application(40_000, "Die Hausgemeinschaft plant das Fest gemeinsam.");
    let result = runtime
        .call(
            &plugin,
            context(),
            Request::Validate(FormKind::FundApplication, &form),
        )
        .result;
    assert_eq!(result, Ok(Answer::Findings(vec![])));
    let result = runtime
        .call(
            &plugin,
            context(),
            Request::Validate(FormKind::Concern, "{}"),
        )
        .result;
    assert_eq!(result, Ok(Answer::Findings(vec![])));
}

#[test]
fn routing_decides_by_amount_and_category() {
    let runtime = runtime();
    let plugin = load(&runtime, "quartier_sample_plugin");
    let route = |request: serde_json::Value| {
        let input = request.to_string();
        match runtime
            .call(&plugin, context(), Request::Route(&input))
            .result
        {
            Ok(Answer::Json(decision)) => decision,
            other => panic!("{other:?}"),
        }
    };
    let small = route(
        serde_json::json!({"subject": "fund_application", "fund_kind": "verfuegungsfonds", "amount_cents": 30_000}),
    );
    assert_eq!(
        small["steps"],
        serde_json::json!([{"action": "decide", "by": "qm"}])
    );
    let large = route(
        serde_json::json!({"subject": "fund_application", "fund_kind": "verfuegungsfonds", "amount_cents": 300_000}),
    );
    assert_eq!(large["steps"][0]["action"], "advise");
    let stadtteilfonds = route(
        serde_json::json!({"subject": "fund_application", "fund_kind": "stadtteilfonds", "amount_cents": 30_000}),
    );
    assert_eq!(
        stadtteilfonds["steps"][1],
        serde_json::json!({"action": "decide", "by": "bezirksvertretung"})
    );
    let rubbish = route(serde_json::json!({"subject": "concern", "category": "wilder_muell"}));
    assert_eq!(
        rubbish,
        serde_json::json!({"decision": "department", "department": "Stadtbetrieb"})
    );
}

#[test]
fn hooks_left_to_the_sdk_answer_not_implemented_so_the_base_applies() {
    let runtime = runtime();
    let plugin = load(&runtime, "quartier_sample_plugin");
    let schema = r#"{"type":"object","title":"Antrag"}"#;
    let result = runtime
        .call(
            &plugin,
            context(),
            Request::AdaptForm(FormKind::FundApplication, schema),
        )
        .result;
    assert_eq!(result, Ok(Answer::NotImplemented));
    let result = runtime
        .call(&plugin, context(), Request::BuildReport("{}"))
        .result;
    assert_eq!(result, Ok(Answer::NotImplemented));
    // A hook the sample writes answers as written.
    let written = runtime
        .call(
            &plugin,
            context(),
            Request::Validate(FormKind::FundApplication, "{}"),
        )
        .result;
    assert!(matches!(written, Ok(Answer::Findings(_))), "{written:?}");
}

#[test]
fn a_plugins_own_refusal_stays_distinct_from_a_crash() {
    let runtime = runtime();
    let plugin = load(&runtime, "quartier_sample_plugin");
    let result = runtime
        .call(&plugin, context(), Request::Route("kein json"))
        .result;
    let Err(error) = result else {
        panic!("expected a refusal")
    };
    assert_eq!(error.code(), "plugin_refused");
    assert!(error.message_de().contains("Anfrage"));
}

/// The guests' stack is small (`quartier_plugin_build::STACK_BYTES`) so that a fresh
/// instance is cheap; input nested as deep as serde_json reads at all (128 levels) must
/// still be parsed and dropped within it, by the sample and by a shipped plugin alike.
#[test]
fn input_nested_as_deep_as_json_is_read_fits_the_guest_stack() {
    let mut form: serde_json::Value =
        serde_json::from_str(&application(100_000, "offen für alle")).unwrap();
    let deep = format!("{}{}", "[".repeat(126), "]".repeat(126));
    form["anhang"] = serde_json::from_str(&deep).unwrap();
    let input = form.to_string();
    let runtime = runtime();
    for name in ["quartier_sample_plugin", "quartier_plugin_aachen"] {
        let plugin = load(&runtime, name);
        let measured = runtime.call(
            &plugin,
            context(),
            Request::Validate(FormKind::FundApplication, &input),
        );
        assert!(
            matches!(measured.result, Ok(Answer::Findings(_))),
            "{name}: {:?}",
            measured.result
        );
    }
}

/// Plugins built with the SDK allocate from a region of the memory they start with
/// (`quartier_plugin_sdk::arena`): a validation of up to 7 KB, as residents and staff send
/// them, never grows the instance's memory, which would cost the host two protection changes
/// and interrupt the other core once per call.
#[test]
fn a_validation_allocates_within_the_memory_the_instance_starts_with() {
    let runtime = runtime();
    let inputs =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../plugins/fixtures/inputs");
    for name in ["quartier_sample_plugin", "quartier_plugin_aachen"] {
        let plugin = load(&runtime, name);
        for file in ["validate.json", "validate-7kb.json"] {
            let call: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(inputs.join(file)).unwrap()).unwrap();
            let input = call["input"].to_string();
            let measured = runtime.call(
                &plugin,
                context(),
                Request::Validate(FormKind::FundApplication, &input),
            );
            assert!(
                measured.result.is_ok(),
                "{name} {file}: {:?}",
                measured.result
            );
            assert!(measured.start_memory > 0);
            assert_eq!(
                measured.peak_memory, measured.start_memory,
                "{name} {file}: grew its memory"
            );
        }
    }
}
