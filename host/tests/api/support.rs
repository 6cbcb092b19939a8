//! `spawn_app` and typed request helpers: each test gets its own database, server and two
//! municipalities with users of every role.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use quartier::auth::Role;
use quartier::auth::credentials::{self, NewUser, TokenLifetime};
use quartier::config::Settings;
use quartier::db::{Db, Id};
use quartier::state::AppState;
use reqwest::header::HeaderMap;
use serde_json::Value;

pub type TestFn = fn(TestApp) -> Pin<Box<dyn Future<Output = ()> + Send>>;

/// Registers async test functions: `crate::tests![name_a, name_b]` in a module defines
/// `pub fn tests()` listing them, named `module::name`.
#[macro_export]
macro_rules! tests {
    ($($name:ident),* $(,)?) => {
        pub fn tests() -> Vec<(&'static str, $crate::support::TestFn)> {
            vec![$((
                concat!(module_path!(), "::", stringify!($name)).trim_start_matches("api::"),
                (|app| Box::pin($name(app))) as $crate::support::TestFn,
            )),*]
        }
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn postgres_admin_url() -> String {
    std::env::var("QUARTIER_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Checks once whether PostgreSQL answers; the error says why not.
pub fn postgres_available() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let url = postgres_admin_url();
        let connect = sqlx::AnyConnection::connect_lazy_check(&url);
        match tokio::time::timeout(Duration::from_secs(5), connect).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(format!("{} nicht erreichbar: {e}", postgres_admin_url())),
            Err(_) => Err(format!(
                "{} antwortet nicht (Zeitüberschreitung)",
                postgres_admin_url()
            )),
        }
    })
}

trait ConnectCheck {
    async fn connect_lazy_check(url: &str) -> Result<(), sqlx::Error>;
}

impl ConnectCheck for sqlx::AnyConnection {
    async fn connect_lazy_check(url: &str) -> Result<(), sqlx::Error> {
        use sqlx::Connection;
        let conn = sqlx::AnyConnection::connect(url).await?;
        conn.close().await
    }
}

/// Runs one test on its own runtime, database and server; drops the database afterwards,
/// also when the test failed.
pub fn run(backend: Backend, test: TestFn) -> Result<(), libtest_mimic::Failed> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let database = TestDatabase::create(backend)
            .await
            .map_err(|e| format!("{e:#}"))?;
        let app = spawn_app(&database.url)
            .await
            .map_err(|e| format!("{e:#}"))?;
        let db = app.db.clone();
        let outcome = tokio::spawn(test(app)).await;
        db.pool.close().await;
        database.drop().await;
        match outcome {
            Ok(()) => Ok(()),
            Err(e) if e.is_panic() => {
                let panic = e.into_panic();
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "test panicked".to_owned());
                Err(message.into())
            }
            Err(e) => Err(e.to_string().into()),
        }
    })
}

pub struct TestDatabase {
    pub url: String,
    backend: Backend,
    name: String,
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> anyhow::Result<TestDatabase> {
        let name = format!("quartier_test_{}", uuid::Uuid::now_v7().simple());
        let url = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join("quartier-tests");
                std::fs::create_dir_all(&dir)?;
                format!("sqlite://{}", dir.join(format!("{name}.db")).display())
            }
            Backend::Postgres => {
                admin_execute(&format!("CREATE DATABASE {name}")).await?;
                let admin = postgres_admin_url();
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                format!("{base}/{name}")
            }
        };
        Ok(TestDatabase { url, backend, name })
    }

    pub async fn drop(self) {
        match self.backend {
            Backend::Sqlite => {
                let path = self.url.trim_start_matches("sqlite://").to_owned();
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
            Backend::Postgres => {
                let _ = admin_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .await;
            }
        }
    }
}

async fn admin_execute(sql: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&postgres_admin_url()).await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

/// Tokens of the users of one test municipality.
#[derive(Clone, Debug)]
pub struct Tenant {
    pub slug: String,
    pub id: Id,
    pub coordinator: String,
    pub qm: String,
    /// A member user acting for `member_org`.
    pub member: String,
    pub member_org: Id,
    pub jury: String,
}

impl Tenant {
    /// `/api/v1/municipalities/{slug}{rest}`
    pub fn api(&self, rest: &str) -> String {
        format!("/api/v1/municipalities/{}{rest}", self.slug)
    }
}

#[derive(Clone)]
pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub client: reqwest::Client,
    pub admin: String,
    pub a: Tenant,
    pub b: Tenant,
}

impl TestApp {
    /// A second server on this test's database with other settings, and its state, to
    /// reach the rules directly as a feature would.
    /// Its public address is its own unless the settings name one.
    pub async fn with_settings(&self, mut settings: Settings) -> (TestApp, AppState) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        settings.public_url.get_or_insert_with(|| base.clone());
        let state = AppState::new(self.db.clone(), settings);
        let router = quartier::app::router_for(state.clone());
        tokio::spawn(quartier::app::serve(
            listener,
            router,
            std::future::pending(),
        ));
        let server = TestApp {
            base,
            ..self.clone()
        };
        (server, state)
    }
}

/// The `/metrics` token of the test apps.
pub const METRICS_TOKEN: &str = "metrics-scraper-token";

pub async fn spawn_app(url: &str) -> anyhow::Result<TestApp> {
    let mut settings = Settings::for_database(url);
    settings.metrics_token = Some(METRICS_TOKEN.to_owned());
    let db = Db::connect(url, 8).await?;
    db.migrate().await?;
    let app = quartier::app::router(db.clone(), settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(quartier::app::serve(listener, app, std::future::pending()));
    let admin = user(&db, "admin", Role::Admin, None, None).await?;
    let a = tenant(&db, "aachen", "Stadt Aachen").await?;
    let b = tenant(&db, "berlin", "Land Berlin").await?;
    Ok(TestApp {
        base: format!("http://{addr}"),
        db,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()?,
        admin,
        a,
        b,
    })
}

async fn tenant(db: &Db, slug: &str, name: &str) -> anyhow::Result<Tenant> {
    let id = quartier::network::create_municipality(db, slug, name).await?;
    let org = Id::new();
    sqlx::query("INSERT INTO organisations (id, name, kind, version, created_at, updated_at) VALUES ($1, $2, 'traeger_wohlfahrtspflege', 1, $3, $3)")
        .bind(org)
        .bind(format!("AWO {name}"))
        .bind(quartier::db::Timestamp::now())
        .execute(&db.pool)
        .await?;
    Ok(Tenant {
        slug: slug.to_owned(),
        id,
        coordinator: user(
            db,
            &format!("koordination-{slug}"),
            Role::Coordinator,
            Some(id),
            None,
        )
        .await?,
        qm: user(db, &format!("qm-{slug}"), Role::Qm, Some(id), None).await?,
        member: user(
            db,
            &format!("mitglied-{slug}"),
            Role::Member,
            Some(id),
            Some(org),
        )
        .await?,
        member_org: org,
        jury: user(db, &format!("jury-{slug}"), Role::Jury, Some(id), Some(org)).await?,
    })
}

async fn user(
    db: &Db,
    username: &str,
    role: Role,
    municipality: Option<Id>,
    organisation: Option<Id>,
) -> anyhow::Result<String> {
    credentials::upsert_user(
        db,
        NewUser {
            username,
            display_name: username,
            role,
            municipality_id: municipality,
            organisation_id: organisation,
            password: None,
        },
    )
    .await?;
    let token = credentials::issue_token(db, username, "test", TokenLifetime::default()).await?;
    Ok(token.secret)
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// The body parsed as JSON, or `Null` when it is not JSON.
    pub json: Value,
}

impl Reply {
    pub fn etag(&self) -> String {
        self.headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
    /// The problem `code` of an error response.
    pub fn code(&self) -> &str {
        self.json["code"].as_str().unwrap_or_default()
    }
    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }
}

impl TestApp {
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request.send().await.expect("request failed");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("reading body failed");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            text,
            json,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(reqwest::Method::GET, path, token, &[], None)
            .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        let bytes = serde_json::to_vec(&body).expect("serialising");
        self.send(
            reqwest::Method::POST,
            path,
            token,
            &[("content-type", "application/json")],
            Some(bytes),
        )
        .await
    }

    /// A JSON POST with `If-Match`, as state changes of versioned objects need it.
    pub async fn post_if_match(
        &self,
        path: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Value,
    ) -> Reply {
        self.json_if_match(reqwest::Method::POST, path, token, if_match, body)
            .await
    }

    pub async fn put(
        &self,
        path: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Value,
    ) -> Reply {
        self.json_if_match(reqwest::Method::PUT, path, token, if_match, body)
            .await
    }

    /// A JSON request with an optional `If-Match`.
    async fn json_if_match(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Value,
    ) -> Reply {
        let bytes = serde_json::to_vec(&body).expect("serialising");
        let mut headers = vec![("content-type", "application/json")];
        if let Some(etag) = if_match {
            headers.push(("if-match", etag));
        }
        self.send(method, path, token, &headers, Some(bytes)).await
    }

    /// Uploads the built component `name` for `tenant` and activates it, as the tenant's
    /// coordinator would; returns the version's id.
    pub async fn activate_plugin(&self, tenant: &Tenant, name: &str) -> String {
        let bytes = quartier_plugin_components::get(name)
            .unwrap_or_else(|| panic!("component {name} was not built"))
            .to_vec();
        let token = Some(tenant.coordinator.as_str());
        let uploaded = self
            .send(
                reqwest::Method::POST,
                &tenant.api("/plugins"),
                token,
                &[("content-type", "application/wasm")],
                Some(bytes),
            )
            .await
            .expect(201);
        let id = uploaded.json["id"]
            .as_str()
            .expect("a version id")
            .to_owned();
        self.post(
            &tenant.api(&format!("/plugins/{id}/activation")),
            token,
            Value::Null,
        )
        .await
        .expect(200);
        id
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(reqwest::Method::DELETE, path, token, &[], None)
            .await
    }
}
