//! Requests no handler should see: a path or query string that carries a control
//! character (`%00` and the other C0 controls, tab, line feed and carriage return
//! excepted). PostgreSQL refuses NUL in text, so such a slug or filter would otherwise end
//! in a database error; no person or client means it.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;
use crate::messages::Code;

/// A path with a control character names nothing (404); a query string with one is
/// refused (422 `control_character`).
pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if encodes_control(uri.path()) {
        return Error::NotFound.into_response();
    }
    if uri.query().is_some_and(encodes_control) {
        return Error::client(Code::ControlCharacter).into_response();
    }
    next.run(request).await
}

/// Whether percent-encoded text decodes to a forbidden control character. (Raw control
/// bytes cannot reach us: HTTP parsing refuses them in the request line.)
fn encodes_control(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| {
        w[0] == b'%'
            && std::str::from_utf8(&w[1..])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .is_some_and(|b| crate::api::extract::forbidden_control(char::from(b)))
    })
}

#[cfg(test)]
mod tests {
    use super::encodes_control;

    #[test]
    fn encoded_controls_are_found_but_not_tab_newline_or_text() {
        for bad in ["/kommunen/a%00b", "q=%1F", "x=%1b", "%7F%00"] {
            assert!(encodes_control(bad), "{bad}");
        }
        for fine in [
            "/kommunen/aachen",
            "q=%09%0A%0d",
            "name=M%C3%BCller",
            "a=100%25",
            "%7F",
        ] {
            assert!(!encodes_control(fine), "{fine}");
        }
    }
}
