use std::path::PathBuf;

use axum::http::Method;

use super::*;

const TARGET: &str = "https://zentrale.example/austausch/eingang";
const BODY: &[u8] = br#"{"format":1}"#;

/// The site's key and another site's, each in a fresh data directory.
fn keys() -> (SiteKey, SiteKey, Vec<PathBuf>) {
    let make = || {
        let dir = std::env::temp_dir().join(format!("quartier-sig-{}", uuid::Uuid::now_v7()));
        let (key, _) = SiteKey::load_or_create(&dir).expect("a key");
        (key, dir)
    };
    let ((ours, a), (theirs, b)) = (make(), make());
    (ours, theirs, vec![a, b])
}

fn request(target: &str, body: &[u8]) -> Request<Vec<u8>> {
    let mut request = Request::new(body.to_vec());
    *request.method_mut() = Method::POST;
    *request.uri_mut() = target.parse().expect("a URI");
    request
}

fn signed(key: &SiteKey, created: u64, lifetime: u64) -> Request<Vec<u8>> {
    let mut request = request(TARGET, BODY);
    sign_with(&mut request, key, created, lifetime, "n-1").expect("signed");
    request
}

fn now() -> u64 {
    seconds(SystemTime::now())
}

fn check(request: &Request<Vec<u8>>, key: &SiteKey) -> Result<Verified, Rejection> {
    verify(
        request,
        key.public(),
        &TARGET.parse().expect("a URI"),
        SystemTime::now(),
    )
}

fn clean(dirs: Vec<PathBuf>) {
    dirs.into_iter()
        .for_each(|d| std::fs::remove_dir_all(d).expect("removed"));
}

#[test]
fn a_signed_delivery_verifies_and_tells_its_nonce() {
    let (ours, _, dirs) = keys();
    let mut first = request(TARGET, BODY);
    sign(&mut first, &ours, SystemTime::now()).expect("signed");
    let verified = check(&first, &ours).expect("valid");
    assert_eq!(verified.expires - verified.created, MAX_LIFETIME.as_secs());
    let mut second = request(TARGET, BODY);
    sign(&mut second, &ours, SystemTime::now()).expect("signed");
    assert_ne!(check(&second, &ours).expect("valid").nonce, verified.nonce);
    let input = first.headers()["signature-input"].to_str().expect("text");
    assert!(
        input.starts_with(r#"quartier=("@method" "@target-uri" "content-digest");created="#),
        "{input}"
    );
    assert!(input.contains(&format!(r#"keyid="{}""#, ours.public().fingerprint())));
    clean(dirs);
}

#[test]
fn behind_a_proxy_the_path_alone_is_the_same_target() {
    let (ours, _, dirs) = keys();
    let mut request = signed(&ours, now(), 300);
    *request.uri_mut() = "/austausch/eingang".parse().expect("a path");
    assert!(check(&request, &ours).is_ok());
    clean(dirs);
}

#[test]
fn a_changed_body_is_refused_by_its_digest() {
    let (ours, _, dirs) = keys();
    let mut request = signed(&ours, now(), 300);
    *request.body_mut() = br#"{"format":2}"#.to_vec();
    assert_eq!(check(&request, &ours), Err(Rejection::DigestMismatch));
    clean(dirs);
}

#[test]
fn a_changed_body_with_a_new_digest_is_refused_by_the_signature() {
    let (ours, _, dirs) = keys();
    let mut request = signed(&ours, now(), 300);
    let body = br#"{"format":2}"#.to_vec();
    let digest = header(digest::of(&body)).expect("a header");
    request.headers_mut().insert(digest::HEADER, digest);
    *request.body_mut() = body;
    assert_eq!(check(&request, &ours), Err(Rejection::BadSignature));
    clean(dirs);
}

#[test]
fn another_sites_key_is_refused() {
    let (ours, theirs, dirs) = keys();
    let request = signed(&theirs, now(), 300);
    let refused = check(&request, &ours);
    let keyid = theirs.public().fingerprint().to_string();
    assert_eq!(refused, Err(Rejection::ForeignKey { keyid }));
    clean(dirs);
}

#[test]
fn another_key_posing_as_ours_is_refused_by_the_signature() {
    let (ours, theirs, dirs) = keys();
    let mut request = signed(&theirs, now(), 300);
    let input = request.headers()["signature-input"].to_str().expect("text");
    let forged = input.replace(
        &theirs.public().fingerprint().to_string(),
        &ours.public().fingerprint().to_string(),
    );
    let forged = header(forged).expect("a header");
    request.headers_mut().insert("signature-input", forged);
    assert_eq!(check(&request, &ours), Err(Rejection::BadSignature));
    clean(dirs);
}

#[test]
fn an_expired_signature_is_refused() {
    let (ours, _, dirs) = keys();
    let request = signed(&ours, now() - 400, 300);
    assert_eq!(check(&request, &ours), Err(Rejection::Expired));
    clean(dirs);
}

#[test]
fn a_signature_from_the_future_is_refused_beyond_the_clock_skew() {
    let (ours, _, dirs) = keys();
    let ahead = signed(&ours, now() + 120, 300);
    assert_eq!(check(&ahead, &ours), Err(Rejection::NotYetValid));
    let slightly = signed(&ours, now() + 10, 300);
    assert!(check(&slightly, &ours).is_ok());
    clean(dirs);
}

#[test]
fn a_signature_valid_for_more_than_five_minutes_is_refused() {
    let (ours, _, dirs) = keys();
    let request = signed(&ours, now(), 301);
    assert_eq!(check(&request, &ours), Err(Rejection::TooLong));
    clean(dirs);
}

#[test]
fn a_delivery_sent_elsewhere_is_refused() {
    let (ours, _, dirs) = keys();
    // Sent as signed, to another address of the centre.
    let elsewhere = "https://zentrale.example/austausch/anderswo";
    let mut request = request(elsewhere, BODY);
    sign_with(&mut request, &ours, now(), 300, "n-2").expect("signed");
    assert_eq!(check(&request, &ours), Err(Rejection::WrongTarget));
    // Signed for the other address, then pointed at ours.
    *request.uri_mut() = TARGET.parse().expect("a URI");
    assert_eq!(check(&request, &ours), Err(Rejection::BadSignature));
    clean(dirs);
}

#[test]
fn an_unsigned_or_incompletely_signed_request_is_refused() {
    let (ours, _, dirs) = keys();
    assert_eq!(
        check(&request(TARGET, BODY), &ours),
        Err(Rejection::Unsigned)
    );
    let mut no_digest = signed(&ours, now(), 300);
    no_digest.headers_mut().remove(digest::HEADER);
    assert_eq!(check(&no_digest, &ours), Err(Rejection::Incomplete));
    let mut fewer = signed(&ours, now(), 300);
    let input = fewer.headers()["signature-input"].to_str().expect("text");
    let input = input.replace(r#" "content-digest""#, "");
    fewer
        .headers_mut()
        .insert("signature-input", header(input).expect("a header"));
    assert_eq!(check(&fewer, &ours), Err(Rejection::Incomplete));
    clean(dirs);
}

#[test]
fn a_relative_target_cannot_be_signed() {
    let (ours, _, dirs) = keys();
    let mut request = request("/austausch/eingang", BODY);
    assert!(matches!(
        sign(&mut request, &ours, SystemTime::now()),
        Err(SignError::RelativeTarget(_))
    ));
    clean(dirs);
}
