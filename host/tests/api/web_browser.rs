//! A browser without JavaScript for the tests of the signed-in pages: cookies kept as the
//! server sets them, forms sent as a browser encodes them, and the users' passwords.

use std::collections::BTreeMap;
use std::time::Duration;

use quartier::auth::Role;
use quartier::auth::credentials::{self, NewUser};
use quartier::db::Id;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

use crate::support::{Reply, TestApp};

pub const PASSWORD: &str = "Quartier-Test-2026";

/// The session cookie's name with secure cookies (the default).
pub const SESSION: &str = "__Host-quartier-sitzung";
pub const SIGN_IN_COOKIE: &str = "__Host-quartier-anmeldung";

/// Gives a user of the test app a password (users are created without one).
pub async fn with_password(
    app: &TestApp,
    username: &str,
    role: Role,
    municipality: Option<Id>,
    organisation: Option<Id>,
) {
    credentials::upsert_user(
        &app.db,
        NewUser {
            username,
            display_name: username,
            role,
            municipality_id: municipality,
            organisation_id: organisation,
            password: Some(PASSWORD),
        },
    )
    .await
    .unwrap();
}

/// The QM user of municipality A, with a password.
pub async fn qm(app: &TestApp) -> &'static str {
    with_password(app, "qm-aachen", Role::Qm, Some(app.a.id), None).await;
    "qm-aachen"
}

/// A browser without JavaScript: keeps cookies as the server sets them (whatever their
/// flags: the test server speaks plain HTTP), follows no redirects.
#[derive(Clone)]
pub struct Browser {
    base: String,
    client: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser {
            base: app.base.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Reply {
        let header: Vec<String> = self
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let request = if header.is_empty() {
            request
        } else {
            request.header(COOKIE, header.join("; "))
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        for set in headers.get_all(SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let text = response.text().await.unwrap();
        Reply {
            status,
            headers,
            text,
            json: serde_json::Value::Null,
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        let request = self.client.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    /// Posts a form as a browser encodes it.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(fields).unwrap());
        self.send(request).await
    }

    /// Posts a multipart form as a browser encodes one with a file input: `fields` are
    /// (name, file name for a file, content), in the form's order.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, Option<&str>, &[u8])],
    ) -> Reply {
        const BOUNDARY: &str = "----QuartierTestFormBoundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, file_name, content) in fields {
            body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            let disposition = match file_name {
                Some(file) => format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                ),
                None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
            };
            body.extend_from_slice(disposition.as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body);
        self.send(request).await
    }

    /// Opens the sign-in page and sends its form with these credentials.
    pub async fn sign_in_as(&mut self, username: &str, password: &str, next: &str) -> Reply {
        let page = self.get("/anmelden").await.expect(200);
        let token = form_token(&page.text);
        self.post(
            "/anmelden",
            &[
                ("csrf", &token),
                ("username", username),
                ("password", password),
                ("next", next),
            ],
        )
        .await
    }

    /// Signs in and checks that it worked.
    pub async fn sign_in(&mut self, username: &str) {
        let reply = self.sign_in_as(username, PASSWORD, "").await;
        assert_eq!(reply.status, 303, "{}", reply.text);
        assert_eq!(location(&reply), "/arbeit");
    }

    pub fn session(&self) -> Option<String> {
        self.cookies.get(SESSION).cloned()
    }
}

/// The value of the first `csrf` field of a page.
pub fn form_token(html: &str) -> String {
    let at = html
        .find(r#"name="csrf" value=""#)
        .unwrap_or_else(|| panic!("no form token on the page:\n{html}"));
    let rest = &html[at + r#"name="csrf" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// The actions of the POST forms on a page.
pub fn post_forms(html: &str) -> Vec<String> {
    html.split("<form")
        .skip(1)
        .filter(|form| form[..form.find('>').unwrap()].contains(r#"method="post""#))
        .map(|form| {
            let at = form.find(r#"action=""#).expect("a form with an action");
            let rest = &form[at + r#"action=""#.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

pub fn location(reply: &Reply) -> String {
    reply
        .headers
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

pub fn set_cookies(reply: &Reply) -> Vec<String> {
    reply
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}
