//! The absolute address objects are named by. OParl wants every `id` to be the URL that
//! answers with the object, so the address comes from the request: the `Host` header and,
//! behind a TLS-terminating proxy, `X-Forwarded-Proto: https`. A `Host` with characters no
//! host name has falls back to `localhost`, so a client cannot inject text into the URLs.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use super::OparlError;
use crate::db::Id;

/// `scheme://host[:port]`, without a trailing slash.
#[derive(Clone, Debug)]
pub struct Base(pub String);

impl Base {
    /// `{base}/oparl/v1{path}`
    pub fn url(&self, path: &str) -> String {
        format!("{}/oparl/v1{path}", self.0)
    }
    /// A public page of this host, for OParl's `web` property.
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

fn plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

impl<S: Send + Sync> FromRequestParts<S> for Base {
    type Rejection = OparlError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Base, OparlError> {
        let header_text = |name| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let host = header_text(header::HOST)
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .filter(|h| plausible_host(h))
            .unwrap_or("localhost")
            .to_owned();
        let scheme = match header_text(header::HeaderName::from_static("x-forwarded-proto")) {
            Some(p) if p.eq_ignore_ascii_case("https") => "https",
            _ => "http",
        };
        Ok(Base(format!("{scheme}://{host}")))
    }
}

/// The URL of a municipality's OParl body.
pub fn body_url(base: &Base, slug: &str) -> String {
    base.url(&format!("/bodies/{slug}"))
}

/// The URL of a public body as an OParl organization.
pub fn organization_url(base: &Base, id: Id) -> String {
    base.url(&format!("/organizations/{id}"))
}

pub fn person_url(base: &Base, id: Id) -> String {
    base.url(&format!("/people/{id}"))
}

pub fn meeting_url(base: &Base, id: Id) -> String {
    base.url(&format!("/meetings/{id}"))
}

#[cfg(test)]
mod tests {
    use super::plausible_host;

    #[test]
    fn only_host_names_and_ports_are_plausible() {
        assert!(plausible_host("quartier.example:8080"));
        assert!(plausible_host("[::1]:3000"));
        assert!(!plausible_host("evil.example/\"><script>"));
        assert!(!plausible_host(""));
    }
}
