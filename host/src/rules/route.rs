//! `route`: who advises on and decides a fund application, and which department a concern
//! goes to. The plugin answers one route decision (`schemas/plugin/route-decision.schema.json`);
//! a decision that does not fit the question (a department for a fund application, steps
//! for a concern) is as invalid as one that matches no schema.

pub use quartier_documents::{RouteDecision, RouteRequest, Step, StepAction};

use super::documents::Document;
use super::{OwnedRequest, Question, Rules, Ruling, invalid};
use crate::db::Id;

/// Where a concern goes, as the plugin decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConcernRoute {
    /// To this department, named as the municipality writes it.
    Department(String),
    /// Nobody in the municipality is responsible; the reason for people.
    NotResponsible(String),
}

impl Rules {
    /// The steps of a fund application (`request` is a `fund_application` route request).
    pub async fn route_fund_application(
        &self,
        municipality: Id,
        slug: &str,
        request: &RouteRequest,
    ) -> Ruling<Vec<Step>> {
        let question = Question::RouteFundApplication;
        self.route(question, municipality, slug, request)
            .await
            .and_then(question, |decision| match decision {
                RouteDecision::Steps { steps } => Ok(Some(steps)),
                RouteDecision::HostDefault => Ok(None),
                _ => Err("a concern's decision for a fund application"),
            })
    }

    /// Where a concern goes (`request` is a `concern` route request).
    pub async fn route_concern(
        &self,
        municipality: Id,
        slug: &str,
        request: &RouteRequest,
    ) -> Ruling<ConcernRoute> {
        let question = Question::RouteConcern;
        self.route(question, municipality, slug, request)
            .await
            .and_then(question, |decision| match decision {
                RouteDecision::Department { department } => {
                    non_blank(&department).map(|d| Some(ConcernRoute::Department(d)))
                }
                RouteDecision::NotResponsible { reason } => {
                    non_blank(&reason).map(|r| Some(ConcernRoute::NotResponsible(r)))
                }
                RouteDecision::HostDefault => Ok(None),
                RouteDecision::Steps { .. } => Err("a fund application's steps for a concern"),
            })
    }

    async fn route(
        &self,
        question: Question,
        municipality: Id,
        slug: &str,
        request: &RouteRequest,
    ) -> Ruling<RouteDecision> {
        let request = match serde_json::to_string(request) {
            Ok(json) => OwnedRequest::Route(json),
            Err(e) => {
                tracing::error!(error = %e, "a route request does not serialize");
                return Ruling::Failed(super::Failure::internal(question));
            }
        };
        self.ask_document(
            question,
            Document::RouteDecision,
            municipality,
            slug,
            request,
        )
        .await
    }
}

fn non_blank(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        Err("a blank text")
    } else {
        Ok(text.to_owned())
    }
}

impl Ruling<RouteDecision> {
    /// Narrows a decision to what fits the question: `Ok(None)` leaves it to the host.
    fn and_then<T>(
        self,
        question: Question,
        fit: impl FnOnce(RouteDecision) -> Result<Option<T>, &'static str>,
    ) -> Ruling<T> {
        match self {
            Ruling::Answered { version, answer } => match fit(answer) {
                Ok(Some(answer)) => Ruling::Answered { version, answer },
                Ok(None) => Ruling::Base,
                Err(reason) => Ruling::Failed(invalid(question, version, reason)),
            },
            Ruling::Base => Ruling::Base,
            Ruling::Failed(failure) => Ruling::Failed(failure),
        }
    }
}
