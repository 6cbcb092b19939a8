//! The OpenAPI document: its frame (title, security scheme), filled by the features'
//! routes in `app.rs`, and finished here so that it says what the API does: every error is
//! `application/problem+json`, and an operation documents, besides its own answers, a
//! `default` problem response for the errors every route can give (400 for a malformed
//! id or query, 404, 405, 413, 415, 422, 428/412 on versioned writes, 429, 500).

use utoipa::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};

const PROBLEM: &str = "application/problem+json";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Quartier API",
        description = "Netzwerkdaten des Quartiersmanagements: Gremien, Mitgliedschaften, Sitzungen. \
                       Fehler als application/problem+json mit stabilem `code`.",
        version = "1"
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document's frame that the features' routes fill.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// Problem responses as `application/problem+json`, and a `default` one on every operation.
pub fn finish(openapi: &mut utoipa::openapi::OpenApi) {
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            finish_operation(operation);
        }
    }
}

fn finish_operation(operation: &mut Operation) {
    for response in operation.responses.responses.values_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        let problem = response
            .content
            .get("application/json")
            .is_some_and(|c| is_problem(&c.schema));
        if problem && let Some(content) = response.content.shift_remove("application/json") {
            response.content.insert(PROBLEM.to_owned(), content);
        }
    }
    operation
        .responses
        .responses
        .entry("default".to_owned())
        .or_insert_with(|| {
            ResponseBuilder::new()
                .description(
                    "Fehler als Problem-Dokument (RFC 9457) mit stabilem `code`, deutschem \
                     `detail` und bei Eingabefehlern `errors[]` mit JSON-Pointern",
                )
                .content(PROBLEM, Content::new(Some(problem_ref())))
                .build()
                .into()
        });
}

fn problem_ref() -> Ref {
    Ref::from_schema_name("Problem")
}

fn is_problem(schema: &Option<RefOr<utoipa::openapi::schema::Schema>>) -> bool {
    matches!(schema, Some(RefOr::Ref(r)) if r.ref_location == problem_ref().ref_location)
}
