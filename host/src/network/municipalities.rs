//! Municipalities (tenants): the public list, creation by the host admin and editing of
//! name, Bundesland and QM model by the municipality's coordination.
//!
//! The slug is the municipality's address in every route and never changes once created.
//! Other municipal data lives in the feature modules; this one knows only the tenant row.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::extract::{IfMatch, Json, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::{Check, NAME_MAX};
use crate::audit::{self, Action, NewEntry, ObjectKind};
use crate::auth::{Caller, Scope, touched_or_stale};
use crate::db::sql::Statement;
use crate::db::{Db, Id, Sql, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

pub use qm::QmModel;

crate::text_enum! {
    /// Who besides the municipality's staff may read a fund applicant's contact (name, e-mail,
    /// phone): the municipality's rule. Guests of a body never may.
    #[derive(Default)]
    pub enum ApplicantContactRule {
        /// Only the coordination and the neighbourhood managers (the default).
        #[default]
        Personal = ("personal", "Nur Koordination und Quartiersmanagement"),
        /// Also members with voting right (not guests) of the fund's deciding body, acting
        /// through their organisation's member or jury users.
        DecidingVoters = ("stimmberechtigte_entscheider", "Auch stimmberechtigte Mitglieder des entscheidenden Gremiums"),
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_municipalities, create_municipality_route))
        .routes(routes!(get_municipality, update_municipality))
}

// Until the web forms offer the models as choices (`ALL`, `label_de`), parts of the
// text_enum! surface are unused outside tests.
#[allow(dead_code)]
mod qm {
    crate::text_enum! {
        /// The five Hessian models of neighbourhood management (*Quartiersmanagement-Modelle*):
        /// who holds Steuerung, Planung and Gemeinwesenarbeit. The keys are the ones plugins
        /// know (`schemas/plugin/`, `plugins/hessen`), passed to them as `qm_model`.
        pub enum QmModel {
            /// Modell 1: the municipality steers and plans; QM is the Stadtteilbüro.
            Kommune = ("kommune", "Modell 1: Steuerung und Planung bei der Kommune"),
            /// Modell 2: a municipal company steers and plans instead of the municipality.
            StaedtischeGesellschaft = ("staedtische_gesellschaft", "Modell 2: Steuerung und Planung bei einer städtischen Gesellschaft"),
            /// Modell 3: steering and planning permanently contracted out (e.g. Sanierungsträger).
            ExterneBeauftragte = ("externe_beauftragte", "Modell 3: Steuerung und Planung bei externen Beauftragten"),
            /// Modell 4: QM as a tandem of a social and a planning contractor.
            Tandem = ("tandem", "Modell 4: Quartiersmanagement als Tandem"),
            /// Modell 4 with the tandem also steering.
            TandemMitSteuerung = ("tandem_mit_steuerung", "Modell 4: Tandem, auch mit der Steuerung"),
            /// Modell 5: one contractor for steering, planning and resident participation.
            EinTraeger = ("ein_traeger", "Modell 5: Ein Träger für Steuerung, Planung und Beteiligung"),
        }
    }
}

/// A municipality as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Municipality {
    pub id: Id,
    /// The address in routes, e.g. `aachen`.
    pub slug: String,
    pub name: String,
    /// The Bundesland, e.g. "Hessen".
    pub state: Option<String>,
    pub qm_model: Option<QmModel>,
    /// Who besides staff reads fund applicants' contacts.
    pub applicant_contact: ApplicantContactRule,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The stored row; `qm_model` is optional text, which `try_from` cannot decode directly.
#[derive(sqlx::FromRow)]
struct Row {
    id: Id,
    slug: String,
    name: String,
    state: Option<String>,
    qm_model: Option<String>,
    applicant_contact: String,
    version: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl From<Row> for Municipality {
    fn from(r: Row) -> Municipality {
        Municipality {
            id: r.id,
            slug: r.slug,
            name: r.name,
            state: r.state,
            // Only this module writes the column, always from a QmModel.
            qm_model: r.qm_model.and_then(|m| m.parse().ok()),
            applicant_contact: r.applicant_contact.parse().unwrap_or_default(),
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

const COLUMNS: &str =
    "id, slug, name, state, qm_model, applicant_contact, version, created_at, updated_at";
/// Longest slug: it is part of every URL of the municipality.
const SLUG_MAX: usize = 50;

/// A new municipality.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityInput {
    /// Lowercase letters, digits and hyphens, 2–50 characters; cannot be changed later.
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub qm_model: Option<QmModel>,
    /// Default `personal`.
    #[serde(default)]
    pub applicant_contact: ApplicantContactRule,
}

/// The editable fields of a municipality.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityUpdate {
    pub name: String,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub qm_model: Option<QmModel>,
    /// Default `personal`.
    #[serde(default)]
    pub applicant_contact: ApplicantContactRule,
}

/// True for a slug of 2–50 characters from `a-z`, `0-9` and `-`.
pub fn valid_slug(slug: &str) -> bool {
    (2..=SLUG_MAX).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The editable columns (`name`, `state`, `qm_model`, `applicant_contact`).
struct Fields<'a> {
    name: &'a str,
    state: Option<&'a str>,
    qm_model: Option<QmModel>,
    applicant_contact: ApplicantContactRule,
}

impl Fields<'_> {
    /// Binds the columns in the order that both the INSERT and the UPDATE list them, so the
    /// two cannot drift apart.
    fn bind<'q>(&self, statement: Statement<'q>) -> Statement<'q> {
        statement
            .bind(self.name.trim().to_owned())
            .bind(self.state.map(|s| s.trim().to_owned()))
            .bind(self.qm_model.map(QmModel::as_str))
            .bind(self.applicant_contact.as_str())
    }
}

fn check_fields(c: &mut Check, name: &str, state: Option<&str>) {
    c.name("/name", name);
    if let Some(state) = state {
        c.name("/state", state);
    }
}

impl MunicipalityInput {
    fn fields(&self) -> Fields<'_> {
        Fields {
            name: &self.name,
            state: self.state.as_deref(),
            qm_model: self.qm_model,
            applicant_contact: self.applicant_contact,
        }
    }

    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        c.that(valid_slug(&self.slug), "/slug", Code::Invalid);
        check_fields(&mut c, &self.name, self.state.as_deref());
        c.finish()
    }
}

impl MunicipalityUpdate {
    fn fields(&self) -> Fields<'_> {
        Fields {
            name: &self.name,
            state: self.state.as_deref(),
            qm_model: self.qm_model,
            applicant_contact: self.applicant_contact,
        }
    }

    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        check_fields(&mut c, &self.name, self.state.as_deref());
        c.finish()
    }
}

/// Lists all municipalities of this host, by name. Public.
#[utoipa::path(get, path = "/api/v1/municipalities", tag = "Kommunen",
    params(PageParams),
    responses((status = 200, body = Page<Municipality>)))]
async fn list_municipalities(
    State(state): State<AppState>,
    Query(page): Query<PageParams>,
) -> Result<axum::Json<Page<Municipality>>> {
    let sql = Sql::new(format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM municipalities ORDER BY name, id"
    ));
    let page = Page::<Row>::fetch(sql, page, &state.db.pool).await?;
    Ok(axum::Json(page.map(Municipality::from)))
}

async fn load(db: &Db, id: Id) -> Result<Municipality> {
    let sql = format!("SELECT {COLUMNS} FROM municipalities WHERE id = $1");
    sqlx::query_as::<_, Row>(crate::db::sql::trusted(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .map(Municipality::from)
        .ok_or(Error::NotFound)
}

/// Creates a municipality. Host admin only.
#[utoipa::path(post, path = "/api/v1/municipalities", tag = "Kommunen",
    operation_id = "create_municipality", request_body = MunicipalityInput,
    responses((status = 201, body = Municipality, headers(("ETag" = String))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
async fn create_municipality_route(
    State(state): State<AppState>,
    caller: Caller,
    Json(input): Json<MunicipalityInput>,
) -> Result<Response> {
    match &caller.0 {
        None => return Err(Error::client(Code::Unauthenticated)),
        Some(_) if !caller.is_admin() => return Err(Error::client(Code::Forbidden)),
        Some(_) => {}
    }
    input.check()?;
    let mut tx = state.db.begin().await?;
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM municipalities WHERE slug = $1")
        .bind(&input.slug)
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(Error::client(Code::AlreadyExists));
    }
    let id = Id::new();
    let insert = sqlx::query(
        "INSERT INTO municipalities
            (id, slug, name, state, qm_model, applicant_contact, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
    )
    .bind(id)
    .bind(&input.slug);
    input
        .fields()
        .bind(insert)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    NewEntry::new(&caller, Action::Create, ObjectKind::Municipality, id)
        .in_municipality(id)
        .write(&mut *tx)
        .await?;
    tx.commit().await?;
    let municipality = load(&state.db, id).await?;
    Ok(created(municipality.version, municipality))
}

/// One municipality, by slug. Public.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}", tag = "Kommunen",
    params(("municipality" = String, Path, description = "Kürzel der Kommune")),
    responses((status = 200, body = Municipality, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem)))]
async fn get_municipality(State(state): State<AppState>, scope: Scope) -> Result<Response> {
    let municipality = load(&state.db, scope.municipality_id).await?;
    Ok(ok_with_etag(municipality.version, municipality))
}

/// Changes name, Bundesland, QM model and who reads applicants' contacts. Coordination of the municipality or host admin;
/// send the `ETag` you read as `If-Match`.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}", tag = "Kommunen",
    params(("municipality" = String, Path), ("If-Match" = String, Header)),
    request_body = MunicipalityUpdate,
    responses((status = 200, body = Municipality, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem)))]
async fn update_municipality(
    State(state): State<AppState>,
    scope: Scope,
    if_match: IfMatch,
    Json(input): Json<MunicipalityUpdate>,
) -> Result<Response> {
    scope.require_coordinator()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    let update = sqlx::query(
        "UPDATE municipalities SET name = $3, state = $4, qm_model = $5, applicant_contact = $6,
                version = version + 1, updated_at = $7
         WHERE id = $1 AND version = COALESCE($2, version)",
    )
    .bind(scope.municipality_id)
    .bind(if_match.version());
    let updated = input
        .fields()
        .bind(update)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    // The scope just found the row and municipalities are never deleted.
    touched_or_stale(&updated)?;
    audit::record_change(
        &mut tx,
        &scope,
        Action::Update,
        ObjectKind::Municipality,
        scope.municipality_id,
    )
    .await?;
    tx.commit().await?;
    let municipality = load(&state.db, scope.municipality_id).await?;
    Ok(ok_with_etag(municipality.version, municipality))
}

/// Why the API would refuse a new municipality with this slug and name (the checks of
/// `POST /municipalities`), in German sentences for a person at the command line.
fn refusal(slug: &str, name: &str) -> Option<String> {
    let input = MunicipalityInput {
        slug: slug.to_owned(),
        name: name.to_owned(),
        state: None,
        qm_model: None,
        applicant_contact: ApplicantContactRule::Personal,
    };
    let Err(Error::Invalid(errors)) = input.check() else {
        return None;
    };
    let sentences: Vec<String> = errors
        .iter()
        .map(|e| match (e.pointer.as_str(), e.code.as_ref()) {
            ("/slug", _) => format!(
                "Das Kürzel „{}“ ist ungültig: erlaubt sind 2 bis {SLUG_MAX} Zeichen aus \
                 Kleinbuchstaben a–z, Ziffern und Bindestrichen.",
                slug.escape_debug()
            ),
            ("/name", code) if code == Code::Required.as_str() => {
                "Der Name der Kommune darf nicht leer sein.".to_owned()
            }
            ("/name", code) if code == Code::TooLong.as_str() => {
                format!("Der Name der Kommune ist zu lang (höchstens {NAME_MAX} Zeichen).")
            }
            ("/name", _) => format!("Der Name der Kommune ist ungültig: {}", e.detail),
            (pointer, _) => format!("{pointer}: {}", e.detail),
        })
        .collect();
    Some(sentences.join(" "))
}

/// Creates a municipality, or returns the id of the one with this slug. Refuses a slug or
/// name that the API refuses, with a German message.
pub async fn create_municipality(db: &Db, slug: &str, name: &str) -> anyhow::Result<Id> {
    if let Some(why) = refusal(slug, name) {
        anyhow::bail!(why);
    }
    if let Some(id) = sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?
    {
        return Ok(id);
    }
    let id = Id::new();
    sqlx::query(
        "INSERT INTO municipalities (id, slug, name, version, created_at, updated_at)
         VALUES ($1, $2, $3, 1, $4, $4)",
    )
    .bind(id)
    .bind(slug)
    .bind(name.trim())
    .bind(Timestamp::now())
    .execute(&db.pool)
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_lowercase_words_with_hyphens() {
        for ok in [
            "aa",
            "aachen",
            "bad-homburg",
            "frankfurt-2",
            &"a".repeat(50),
        ] {
            assert!(valid_slug(ok), "{ok}");
        }
        for bad in [
            "a",
            "",
            "Aachen",
            "köln",
            "bad homburg",
            "a_b",
            "a/b",
            &"a".repeat(51),
        ] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn the_command_line_refuses_what_the_api_refuses_in_german() {
        assert_eq!(refusal("aachen", "Stadt Aachen"), None);
        // A Cyrillic а looks like a Latin a.
        let lookalike = refusal("\u{430}lpha", "Alpha").unwrap_or_default();
        assert!(
            lookalike.starts_with("Das Kürzel „аlpha“ ist ungültig"),
            "{lookalike}"
        );
        let both = refusal("../x y", " ").unwrap_or_default();
        assert!(
            both.contains("„../x y“") && both.contains("darf nicht leer sein"),
            "{both}"
        );
        let long = refusal("aachen", &"A".repeat(NAME_MAX + 1)).unwrap_or_default();
        assert!(long.contains("höchstens 200 Zeichen"), "{long}");
        assert_eq!(refusal("aachen", &"A".repeat(NAME_MAX)), None);
    }

    #[test]
    fn every_qm_model_has_a_german_label() {
        assert_eq!(QmModel::ALL.len(), 6);
        for model in QmModel::ALL {
            assert_eq!(model.as_str().parse::<QmModel>(), Ok(*model));
            assert!(model.label_de().starts_with("Modell "));
        }
    }
}
