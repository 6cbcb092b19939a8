//! Single sign-on with a municipality's identity provider (Keycloak, ADFS, any OpenID
//! Connect provider): the authorization code flow with PKCE, state and nonce, through the
//! `openidconnect` crate (discovery, token exchange, ID-token signature and claims checks).
//!
//! **Who signs in as whom** (the documented rule): the provider vouches for a person, but
//! Quartier decides what they may do. A person the provider sends back signs in as
//!
//! 1. the Quartier user already linked to the provider's issuer and subject (`sub`), if
//!    that user belongs to the municipality and is not disabled; else
//! 2. the user *of that municipality* whose user name equals the ID token's claim
//!    `username_claim` (`preferred_username` by default, or `email`), provided that user is
//!    linked to no subject yet — the first sign-in then links them for good; else
//! 3. nobody: the person sees that no Quartier account belongs to them.
//!
//! Roles, municipality and organisation are always the Quartier user's own; nothing the
//! provider says can make anyone coordinator or reach another municipality. Host admins
//! never sign in through a municipality's provider; password sign-in (the break-glass
//! admin included) always works beside it.
//!
//! A sign-in under way is a row in `sso_logins` keyed by the SHA-256 of its `state`, which
//! the browser also holds in a cookie (so a callback only completes in the browser that
//! started it); it is used once and lasts ten minutes.

use std::time::Duration;

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};

use super::User;
use super::sessions::Secret;
use crate::db::{Db, Id, Timestamp};

/// How long a started sign-in may take at the provider.
pub const LOGIN_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// The path the provider sends people back to (register `{public_url}{CALLBACK}` there).
pub const CALLBACK: &str = "/anmelden/rueckkehr";

/// Which claim names the Quartier user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum UsernameClaim {
    /// `preferred_username` (Keycloak's user name; ADFS can issue it).
    PreferredUsername,
    /// `email`, when user names in Quartier are e-mail addresses.
    Email,
}

impl UsernameClaim {
    pub fn as_str(self) -> &'static str {
        match self {
            UsernameClaim::PreferredUsername => "preferred_username",
            UsernameClaim::Email => "email",
        }
    }

    fn parse(text: &str) -> UsernameClaim {
        match text {
            "email" => UsernameClaim::Email,
            _ => UsernameClaim::PreferredUsername,
        }
    }
}

/// A municipality's provider as configured (`quartier sso set`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Provider {
    pub municipality_id: Id,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub username_claim: String,
}

/// Why a sign-in through the provider did not end in a session. The person reads
/// [`Failure::text_de`]; the log gets the detail.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// No provider is configured for the municipality (or it does not exist).
    #[error("no single sign-on configured")]
    NotConfigured,
    /// The callback does not belong to a sign-in this browser started (or it expired).
    #[error("unknown or expired sign-in")]
    UnknownLogin,
    /// The provider refused or was unreachable, or its answer did not verify.
    #[error("identity provider: {0}")]
    Provider(String),
    /// The provider vouched for someone without a Quartier account of the municipality.
    #[error("no account for this person")]
    NoAccount,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl Failure {
    pub fn text_de(&self) -> &'static str {
        match self {
            Failure::NotConfigured => {
                "Für diese Kommune ist keine Anmeldung über ihr Benutzerkonto eingerichtet."
            }
            Failure::UnknownLogin => {
                "Diese Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. \
                 Bitte melden Sie sich noch einmal an."
            }
            Failure::Provider(_) => {
                "Die Anmeldung beim Benutzerkonto der Kommune ist fehlgeschlagen. Bitte \
                 versuchen Sie es noch einmal oder melden Sie sich mit Passwort an."
            }
            Failure::NoAccount => {
                "Für dieses Benutzerkonto gibt es in Quartier keinen Zugang. Bitte wenden Sie \
                 sich an die Koordination Ihrer Kommune."
            }
            Failure::Database(_) => "Die Anmeldung ist gerade nicht möglich.",
        }
    }
}

/// The columns of [`Provider`], for every read of `sso_providers p`.
const PROVIDER: &str =
    "p.municipality_id, p.issuer, p.client_id, p.client_secret, p.username_claim";

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The provider of municipality `slug`, if one is configured.
pub async fn provider(db: &Db, slug: &str) -> Result<Option<Provider>, sqlx::Error> {
    sqlx::query_as(crate::db::sql::trusted(format!(
        "SELECT {PROVIDER} FROM sso_providers p JOIN municipalities m ON m.id = p.municipality_id
         WHERE m.slug = $1"
    )))
    .bind(slug)
    .fetch_optional(&db.pool)
    .await
}

/// The slugs and names of the municipalities people can sign in for through a provider.
pub async fn offered(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.slug, m.name FROM sso_providers p JOIN municipalities m ON m.id = p.municipality_id
         ORDER BY m.name",
    )
    .fetch_all(&db.pool)
    .await
}

/// An HTTP client for the provider: it follows no redirects (the flow's own rule against
/// SSRF through the provider), and gives up after ten seconds.
fn http() -> Result<reqwest::Client, Failure> {
    reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| Failure::Provider(e.to_string()))
}

async fn client(
    provider: &Provider,
    public_url: &str,
    http: &reqwest::Client,
) -> Result<Client, Failure> {
    let issuer =
        IssuerUrl::new(provider.issuer.clone()).map_err(|e| Failure::Provider(e.to_string()))?;
    let metadata = CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(|e| Failure::Provider(format!("discovery: {e}")))?;
    let redirect = RedirectUrl::new(format!("{}{CALLBACK}", public_url.trim_end_matches('/')))
        .map_err(|e| Failure::Provider(e.to_string()))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        provider.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(redirect))
}

/// Starts a sign-in for `provider`'s municipality: stores state, PKCE verifier and nonce,
/// and returns the provider's address to send the browser to and the state secret for its
/// cookie. `next` is where to go afterwards (a checked local path, or empty).
pub async fn begin(
    db: &Db,
    provider: &Provider,
    public_url: &str,
    next: &str,
) -> Result<(String, Secret), Failure> {
    let http = http()?;
    let client = client(provider, public_url, &http).await?;
    let state = Secret::generate();
    let state_text = state.as_str().to_owned();
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || CsrfToken::new(state_text),
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .set_pkce_challenge(challenge)
        .url();
    let now = Timestamp::now();
    let expired = Timestamp(now.0 - chrono::Duration::from_std(LOGIN_LIFETIME).unwrap_or_default());
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM sso_logins WHERE created_at < $1")
        .bind(expired)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sso_logins (state_hash, municipality_id, pkce_verifier, nonce, next, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(state.stored())
    .bind(provider.municipality_id)
    .bind(verifier.secret())
    .bind(nonce.secret())
    .bind(next)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((url.to_string(), state))
}

/// A finished sign-in: who, and where they wanted to go.
#[derive(Debug)]
pub struct SignedIn {
    pub user: User,
    pub next: String,
}

/// Completes a sign-in: the `state` sent back must be the browser's own (`cookie`) and
/// still open; the code is exchanged with the PKCE verifier, the ID token verified (issuer,
/// audience, signature, expiry, nonce) and mapped to a user by the rule above.
pub async fn finish(
    db: &Db,
    public_url: &str,
    cookie: Option<&Secret>,
    state: &str,
    code: &str,
) -> Result<SignedIn, Failure> {
    let state = Secret::parse(state).ok_or(Failure::UnknownLogin)?;
    if cookie.map(Secret::as_str) != Some(state.as_str()) {
        return Err(Failure::UnknownLogin);
    }
    // Used once: taken out before anything else can go wrong.
    let mut tx = db.begin().await?;
    let login: Option<(Id, String, String, String, Timestamp)> = sqlx::query_as(
        "SELECT municipality_id, pkce_verifier, nonce, next, created_at FROM sso_logins
         WHERE state_hash = $1",
    )
    .bind(state.stored())
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sso_logins WHERE state_hash = $1")
        .bind(state.stored())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let Some((municipality, verifier, nonce, next, created)) = login else {
        return Err(Failure::UnknownLogin);
    };
    let age = Timestamp::now().0 - created.0;
    if age.to_std().map_or(true, |age| age > LOGIN_LIFETIME) {
        return Err(Failure::UnknownLogin);
    }
    let provider: Provider = sqlx::query_as(crate::db::sql::trusted(format!(
        "SELECT {PROVIDER} FROM sso_providers p WHERE p.municipality_id = $1"
    )))
    .bind(municipality)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(Failure::NotConfigured)?;
    let http = http()?;
    let client = client(&provider, public_url, &http).await?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| Failure::Provider(e.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&http)
        .await
        .map_err(|e| Failure::Provider(format!("token exchange: {e}")))?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| Failure::Provider("no ID token".into()))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce))
        .map_err(|e| Failure::Provider(format!("ID token: {e}")))?;
    let subject = claims.subject().as_str().to_owned();
    let name = match UsernameClaim::parse(&provider.username_claim) {
        UsernameClaim::PreferredUsername => claims.preferred_username().map(|n| n.as_str()),
        UsernameClaim::Email => claims.email().map(|e| e.as_str()),
    }
    .map(str::to_owned);
    let user = account(db, &provider, &subject, name.as_deref()).await?;
    Ok(SignedIn { user, next })
}

/// The user the rule above gives, linking them at their first sign-in.
async fn account(
    db: &Db,
    provider: &Provider,
    subject: &str,
    name: Option<&str>,
) -> Result<User, Failure> {
    const COLUMNS: &str = "id, username, display_name, role, municipality_id, organisation_id";
    let mut tx = db.begin().await?;
    let by_link: Option<User> = sqlx::query_as(crate::db::sql::trusted(format!(
        "SELECT {COLUMNS} FROM users
         WHERE sso_issuer = $1 AND sso_subject = $2 AND municipality_id = $3 AND disabled = 0"
    )))
    .bind(&provider.issuer)
    .bind(subject)
    .bind(provider.municipality_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(user) = by_link {
        return Ok(user);
    }
    let Some(name) = name else {
        return Err(Failure::NoAccount);
    };
    let by_name: Option<User> = sqlx::query_as(crate::db::sql::trusted(format!(
        "SELECT {COLUMNS} FROM users
         WHERE username = $1 AND municipality_id = $2 AND disabled = 0
           AND sso_subject IS NULL AND role <> $3"
    )))
    .bind(name)
    .bind(provider.municipality_id)
    .bind(super::Role::Admin.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let user = by_name.ok_or(Failure::NoAccount)?;
    let linked = sqlx::query(
        "UPDATE users SET sso_issuer = $1, sso_subject = $2 WHERE id = $3 AND sso_subject IS NULL",
    )
    .bind(&provider.issuer)
    .bind(subject)
    .bind(user.id)
    .execute(&mut *tx)
    .await;
    match linked {
        Ok(done) if done.rows_affected() == 1 => {}
        // Linked meanwhile, or the subject already belongs to someone else.
        _ => return Err(Failure::NoAccount),
    }
    tx.commit().await?;
    Ok(user)
}
