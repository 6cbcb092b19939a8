//! A small, well-behaved sample plugin: the fixture the host's tests and benchmarks call.
//! Its fund rule is also compiled natively into the host's benchmark, so the plugin call
//! and the native rule can be compared side by side.

use quartier_plugin_sdk::{
    Context, Description, Error, Finding, FormKind, Plugin, RouteDecision, RouteRequest, Step,
    Submission, export,
};

/// The sample municipality.
pub struct Sample;

/// Above this amount an own contribution is expected.
const COFINANCING_FROM_CENTS: i64 = 100_000;
/// No application may ask for more.
const CAP_CENTS: i64 = 500_000;

impl Plugin for Sample {
    fn describe(_ctx: &Context) -> Description {
        Description::new("beispiel", "0.1.0")
            .title("Beispielkommune")
            .qm_model("kommune")
            .field_of_action("nachbarschaft", "Nachbarschaft und Zusammenleben")
            .concern_category("wilder_muell", "Wilder Müll")
            .concern_category("schlagloch", "Schlagloch")
            .fund("verfuegungsfonds", "Verfügungsfonds", Some(CAP_CENTS))
    }

    fn validate(_ctx: &Context, kind: FormKind, form: &Submission) -> Vec<Finding> {
        if kind != FormKind::FundApplication {
            return Vec::new();
        }
        validate_fund_application(form)
    }

    fn route(_ctx: &Context, request: &RouteRequest) -> Result<RouteDecision, Error> {
        Ok(match request {
            // A Stadtteilfonds is decided by the political district council, after the
            // Stadtteilkonferenz advised; the host finds the council of the fund's district.
            RouteRequest::FundApplication { fund_kind, .. } if fund_kind == "stadtteilfonds" => {
                RouteDecision::Steps {
                    steps: vec![
                        Step::advise("stadtteilkonferenz"),
                        Step::decide("bezirksvertretung"),
                    ],
                }
            }
            RouteRequest::FundApplication { amount_cents, .. } if *amount_cents <= 50_000 => {
                RouteDecision::Steps {
                    steps: vec![Step::decide("qm")],
                }
            }
            RouteRequest::FundApplication { .. } => RouteDecision::Steps {
                steps: vec![
                    Step::advise("runder_tisch"),
                    Step::decide("stadtteilkonferenz"),
                ],
            },
            RouteRequest::Concern { category, .. } if category == "wilder_muell" => {
                RouteDecision::Department {
                    department: "Stadtbetrieb".into(),
                }
            }
            RouteRequest::Concern { .. } => RouteDecision::NotResponsible {
                reason: "Dafür ist die Kommune nicht zuständig.".into(),
            },
        })
    }
}

/// The sample's fund rule: a cap, an own contribution above a threshold, and a described
/// participation of residents.
pub fn validate_fund_application(form: &Submission) -> Vec<Finding> {
    let mut findings = Vec::new();
    let amount = form.i64("/amount_cents").unwrap_or(0);
    if amount > CAP_CENTS {
        findings.push(Finding::error(
            "/amount_cents",
            "betrag-ueber-obergrenze",
            "Je Antrag sind höchstens 5.000 € möglich.",
        ));
    }
    if amount > COFINANCING_FROM_CENTS && form.i64("/cofinancing_cents").unwrap_or(0) == 0 {
        findings.push(Finding::warning(
            "/cofinancing_cents",
            "eigenbeteiligung-fehlt",
            "Ab 1.000 € wird eine Eigenbeteiligung erwartet.",
        ));
    }
    let participation = form
        .str("/participation")
        .map(str::trim)
        .unwrap_or_default();
    if participation.chars().count() < 20 {
        findings.push(Finding::error(
            "/participation",
            "beteiligung-unklar",
            "Bitte beschreiben Sie, wie Bewohnerinnen und Bewohner beteiligt werden.",
        ));
    }
    findings
}

export!(Sample);
