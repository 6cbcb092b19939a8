//! Single sign-on through a real OpenID Connect provider (panva's `oidc-provider`, run with
//! Node.js from `host/tests/sso-idp/`, installed by npm on first use): the browser goes from
//! the sign-in page to the provider, signs in there, and comes back into a session as its
//! own Quartier user, linked by the provider's subject from then on. Someone without a
//! Quartier account of the municipality, a replayed return and a return in another browser
//! get no session.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use quartier::auth::Role;
use quartier::config::Settings;

use crate::support::TestApp;
use crate::web_browser::{Browser, location, with_password};

crate::tests![a_person_signs_in_through_the_municipalitys_provider_as_their_own_user,];

const CLIENT_ID: &str = "quartier";
const CLIENT_SECRET: &str = "nur-fuer-tests";

fn idp_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sso-idp")
}

/// `npm ci` once per test process, when the provider is not installed yet.
fn install_provider() {
    static DONE: Mutex<bool> = Mutex::new(false);
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    if *done || idp_dir().join("node_modules/oidc-provider").is_dir() {
        *done = true;
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(idp_dir())
        .status()
        .expect("npm (Node.js) is needed for the single sign-on tests");
    assert!(status.success(), "npm ci in {}", idp_dir().display());
    *done = true;
}

/// The provider's process; stopped when dropped.
struct Provider {
    child: Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_provider(redirect: &str) -> Provider {
    install_provider();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new("node")
        .arg("idp.mjs")
        .arg(port.to_string())
        .args([CLIENT_ID, CLIENT_SECRET, redirect])
        .current_dir(idp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node (Node.js) is needed for the single sign-on tests");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout
        .read_line(&mut line)
        .expect("the provider's first line");
    // The provider writes notices later; a closed pipe would end it.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let issuer = line
        .trim()
        .strip_prefix("listening ")
        .unwrap_or_else(|| panic!("the provider did not start: {line}"))
        .to_owned();
    Provider { child, issuer }
}

/// A browser at the provider: keeps its cookies, follows nothing by itself.
struct AtProvider {
    client: reqwest::Client,
    cookies: BTreeMap<String, String>,
}

impl AtProvider {
    fn new() -> AtProvider {
        AtProvider {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> (u16, String, String) {
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        let request = request.header("cookie", cookie.join("; "));
        let response = request.send().await.unwrap();
        for value in response.headers().get_all("set-cookie") {
            let pair = value
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies
                    .insert(name.trim().to_owned(), value.to_owned());
            }
        }
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, response.text().await.unwrap_or_default())
    }

    /// From the provider's authorization address through its login and consent pages, as
    /// `login`, to the address it sends the browser back to.
    async fn sign_in(&mut self, issuer: &str, start: &str, login: &str) -> String {
        let mut url = start.to_owned();
        for _ in 0..12 {
            let (status, to, page) = self.send(self.client.get(&url)).await;
            if (300..400).contains(&status) {
                if !to.starts_with(issuer) && to.starts_with("http") {
                    return to;
                }
                url = absolute(issuer, &to);
                continue;
            }
            assert_eq!(status, 200, "{url}: {page}");
            let action = page
                .split("action=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("no form on {url}: {page}"));
            let fields: Vec<(&str, &str)> = if page.contains("name=\"login\"") {
                vec![("prompt", "login"), ("login", login), ("password", "egal")]
            } else {
                vec![("prompt", "consent")]
            };
            let post = self
                .client
                .post(absolute(issuer, action))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(serde_urlencoded::to_string(&fields).unwrap());
            let (status, to, page) = self.send(post).await;
            assert!((300..400).contains(&status), "{action}: {status} {page}");
            url = absolute(issuer, &to);
        }
        panic!("the provider did not send the browser back");
    }
}

/// `to` (a path, or an address) as an address at the provider.
fn absolute(issuer: &str, to: &str) -> String {
    if to.starts_with('/') {
        format!("{issuer}{to}")
    } else {
        to.to_owned()
    }
}

/// The path and query of an absolute address of our server.
fn local(url: &str, base: &str) -> String {
    url.strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} is not on {base}"))
        .to_owned()
}

async fn a_person_signs_in_through_the_municipalitys_provider_as_their_own_user(app: TestApp) {
    let (server, _state) = app.with_settings(Settings::for_database("")).await;
    let provider = start_provider(&format!("{}/anmelden/rueckkehr", server.base));
    sqlx::query(
        "INSERT INTO sso_providers (municipality_id, issuer, client_id, client_secret,
                username_claim, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'preferred_username', $5, $5)",
    )
    .bind(app.a.id)
    .bind(&provider.issuer)
    .bind(CLIENT_ID)
    .bind(CLIENT_SECRET)
    .bind(quartier::db::Timestamp::now())
    .execute(&app.db.pool)
    .await
    .unwrap();
    with_password(&app, "qm-sso", Role::Qm, Some(app.a.id), None).await;

    // The sign-in page offers the municipality's provider.
    let mut browser = Browser::new(&server);
    let page = browser.get("/anmelden").await.expect(200);
    assert!(
        page.text.contains("href=\"/anmelden/sso/aachen\"") && page.text.contains("Stadt Aachen"),
        "{}",
        page.text
    );
    let sent = browser
        .get("/anmelden/sso/aachen?next=/arbeit/aachen")
        .await
        .expect(303);
    let authorize = location(&sent);
    assert!(
        authorize.starts_with(&provider.issuer)
            && authorize.contains("code_challenge_method=S256")
            && authorize.contains("nonce="),
        "{authorize}"
    );
    let back = AtProvider::new()
        .sign_in(&provider.issuer, &authorize, "qm-sso")
        .await;
    let callback = local(&back, &server.base);

    // A browser that did not start this sign-in cannot finish it.
    let mut other = Browser::new(&server);
    let refused = other.get(&callback).await.expect(400);
    assert!(refused.text.contains("anderen Browser"), "{}", refused.text);
    assert!(other.session().is_none());

    let signed_in = browser.get(&callback).await.expect(303);
    assert_eq!(location(&signed_in), "/arbeit/aachen");
    assert!(browser.session().is_some());
    let work = browser.get("/arbeit/aachen").await.expect(200);
    assert!(
        work.text.contains("qm-sso"),
        "signed in as the Quartier user"
    );
    let subject: Option<String> =
        sqlx::query_scalar("SELECT sso_subject FROM users WHERE username = 'qm-sso'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        subject.as_deref(),
        Some("sub-qm-sso"),
        "linked at the first sign-in"
    );
    // The return cannot be used twice.
    browser.get(&callback).await.expect(400);

    // Someone the provider knows but Quartier does not: no session.
    let mut stranger = Browser::new(&server);
    let sent = stranger.get("/anmelden/sso/aachen").await.expect(303);
    let back = AtProvider::new()
        .sign_in(&provider.issuer, &location(&sent), "fremd")
        .await;
    let refused = stranger.get(&local(&back, &server.base)).await.expect(403);
    assert!(refused.text.contains("keinen Zugang"), "{}", refused.text);
    assert!(stranger.session().is_none());

    // A municipality without a provider has no such sign-in.
    stranger.get("/anmelden/sso/berlin").await.expect(404);
}
