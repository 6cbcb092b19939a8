//! `Content-Digest` (RFC 9530) with SHA-256: `sha-256=:<base64 of the digest>:`, a
//! structured-field dictionary. The signature covers the header; this checks that the body
//! is the one the header describes.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The header's name.
pub const HEADER: &str = "content-digest";

/// The header value for `body`.
pub fn of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!(
        "sha-256=:{}:",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Whether `header` carries a SHA-256 digest and it is `body`'s. Other algorithms in the
/// dictionary are ignored; without `sha-256` nothing matches.
pub fn matches(header: &str, body: &[u8]) -> bool {
    let Ok(dictionary) = sfv::Parser::new(header).parse::<sfv::Dictionary>() else {
        return false;
    };
    let Some(sfv::ListEntry::Item(item)) = dictionary.get("sha-256") else {
        return false;
    };
    item.bare_item
        .as_byte_sequence()
        .is_some_and(|digest| digest == Sha256::digest(body).as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_of_a_body_is_recognised_and_another_is_not() {
        // RFC 9530, appendix B.1: `{"hello": "world"}` and a newline.
        let body = b"{\"hello\": \"world\"}\n";
        let header = of(body);
        assert_eq!(
            header,
            "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:"
        );
        assert!(matches(&header, body));
        assert!(matches(&format!("sha-512=:AAAA:, {header}"), body));
        assert!(!matches(&header, b"{\"hello\": \"welt\"}\n"));
        assert!(!matches("sha-256=abc", body));
        assert!(!matches("", body));
    }
}
