//! `RouteRequest` against `route-request.schema.json`, `RouteDecision` and `Step` against
//! `route-decision.schema.json`.

use quartier_documents::{RouteDecision, RouteRequest, Step};
use serde_json::{Value, json};

use super::{
    assert_deserializes_valid, assert_refused, assert_serializes_valid, plugins_dir, read_json,
};

const REQUEST: &str = "route-request";
const DECISION: &str = "route-decision";

#[test]
fn both_kinds_of_request_match_the_schema() {
    let fund = RouteRequest::FundApplication {
        fund_kind: "aktionsfonds".into(),
        amount_cents: 120_000,
        area: Some("Soldiner Kiez".into()),
        application: json!({"title": "Hoffest", "amount_cents": 120_000}),
    };
    let document = assert_serializes_valid(REQUEST, &fund);
    assert_eq!(document["subject"], "fund_application");
    let concern = RouteRequest::Concern {
        category: "wilder_muell".into(),
        area: None,
        concern: Value::Null,
    };
    let document = assert_serializes_valid(REQUEST, &concern);
    assert_eq!(document["subject"], "concern");
    assert!(document.get("area").is_none());
}

#[test]
fn the_sample_requests_read_into_the_type() {
    for (file, subject) in [
        ("route-fund-application.json", "fund_application"),
        ("route-concern.json", "concern"),
    ] {
        let call = read_json(&plugins_dir().join("fixtures/inputs").join(file));
        let request: RouteRequest = assert_deserializes_valid(REQUEST, call["input"].clone());
        let again = serde_json::to_value(&request).unwrap();
        assert_eq!(again["subject"], subject);
        assert_eq!(again, call["input"], "{file} survives a round trip");
    }
}

#[test]
fn a_bare_concern_request_reads_with_no_area_and_no_concern() {
    let request: RouteRequest = assert_deserializes_valid(
        REQUEST,
        json!({"subject": "concern", "category": "schlagloch"}),
    );
    assert_eq!(
        request,
        RouteRequest::Concern {
            category: "schlagloch".into(),
            area: None,
            concern: Value::Null,
        }
    );
}

#[test]
fn every_decision_matches_the_schema() {
    let decisions = [
        RouteDecision::HostDefault,
        RouteDecision::Steps {
            steps: vec![
                Step::advise("stadtteilkonferenz"),
                Step::decide("verwaltung"),
            ],
        },
        RouteDecision::Department {
            department: "Aachener Stadtbetrieb".into(),
        },
        RouteDecision::NotResponsible {
            reason: "Für Straftaten ist die Polizei zuständig.".into(),
        },
    ];
    for decision in &decisions {
        assert_serializes_valid(DECISION, decision);
    }
}

#[test]
fn a_sample_decision_reads_into_the_type() {
    let decision: RouteDecision = assert_deserializes_valid(
        DECISION,
        json!({"decision": "steps", "steps": [
            {"action": "advise", "by": "stadtteilkonferenz"},
            {"action": "decide", "by": "verwaltung"}
        ]}),
    );
    assert_eq!(
        decision,
        RouteDecision::Steps {
            steps: vec![
                Step::advise("stadtteilkonferenz"),
                Step::decide("verwaltung")
            ],
        }
    );
    let decision: RouteDecision =
        assert_deserializes_valid(DECISION, json!({"decision": "host_default"}));
    assert_eq!(decision, RouteDecision::HostDefault);
}

#[test]
fn a_decision_the_contract_does_not_know_is_refused_by_schema_and_type() {
    let teleport = json!({"decision": "teleport"});
    assert_refused(DECISION, &teleport);
    assert!(serde_json::from_value::<RouteDecision>(teleport).is_err());
}

#[test]
fn the_schema_refuses_what_the_type_alone_would_take() {
    // The type reads these; the host must check the schema as well.
    for document in [
        json!({"decision": "department", "department": ""}),
        json!({"decision": "department", "department": "x".repeat(201)}),
        json!({"decision": "not_responsible", "reason": ""}),
        json!({"decision": "not_responsible", "reason": "x".repeat(1001)}),
        json!({"decision": "steps", "steps": []}),
        json!({"decision": "steps", "steps": [{"action": "decide", "by": "Der Rat"}]}),
    ] {
        assert!(serde_json::from_value::<RouteDecision>(document.clone()).is_ok());
        assert_refused(DECISION, &document);
    }
}
