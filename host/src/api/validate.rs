//! Checking client input: [`Check`] collects field errors, so a client learns every problem
//! at once, and the few rules and normalisations several inputs share (e-mail plausibility,
//! blank text as absent, flags that default to on) live here once.

use crate::error::{Error, FieldError};
use crate::messages::Code;

#[derive(Debug, Default)]
pub struct Check {
    errors: Vec<FieldError>,
}

/// Longest free text we accept in a name-like field.
pub const NAME_MAX: usize = 200;
/// Longest free text in a description or minutes field (about 30 pages).
pub const TEXT_MAX: usize = 100_000;
/// Longest e-mail address: RFC 5321 limits a path to 254 characters.
pub const EMAIL_MAX: usize = 254;

impl Check {
    pub fn new() -> Check {
        Check::default()
    }

    pub fn fail(&mut self, pointer: &str, code: Code) {
        self.errors.push(FieldError::new(pointer, code));
    }

    /// A required single-line text: not blank, at most `max` characters.
    pub fn name(&mut self, pointer: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(pointer, Code::Required);
        } else if value.chars().count() > NAME_MAX {
            self.fail(pointer, Code::TooLong);
        } else if value.chars().any(char::is_control) {
            // A name is one line: not even a tab or a line break.
            self.fail(pointer, Code::ControlCharacter);
        }
    }

    pub fn optional_text(&mut self, pointer: &str, value: Option<&str>, max: usize) {
        if value.is_some_and(|v| v.chars().count() > max) {
            self.fail(pointer, Code::TooLong);
        }
    }

    /// An optional e-mail address: at most [`EMAIL_MAX`] characters and [`plausible_email`].
    pub fn email(&mut self, pointer: &str, value: Option<&str>) {
        self.optional_text(pointer, value, EMAIL_MAX);
        self.that(value.is_none_or(plausible_email), pointer, Code::Invalid);
    }

    pub fn range(&mut self, pointer: &str, value: Option<i64>, min: i64, max: i64) {
        if value.is_some_and(|v| v < min || v > max) {
            self.fail(pointer, Code::OutOfRange);
        }
    }

    pub fn that(&mut self, ok: bool, pointer: &str, code: Code) {
        if !ok {
            self.fail(pointer, code);
        }
    }

    pub fn finish(self) -> Result<(), Error> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }
}

/// A plausibility check only: one `@` between a non-empty local part and a domain with an
/// inner dot, no spaces. Whether the address works is only known by writing to it.
pub fn plausible_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Trimmed optional text; blank counts as absent, so it is stored as NULL, not as "".
pub fn blank_to_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Serde default for flags that are on unless the client turns them off.
pub fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_need_an_at_sign_and_a_domain() {
        assert!(plausible_email("anna.schmidt@awo-aachen.de"));
        assert!(plausible_email(" info@awo-aachen.de "));
        for bad in [
            "info",
            "@awo.de",
            "info@awo",
            "anna@localhost",
            "in fo@awo.de",
            "a@b@c.de",
            "a@.de",
            "a@awo.",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn blank_text_counts_as_absent() {
        assert_eq!(blank_to_none(&Some("  ".to_owned())), None);
        assert_eq!(blank_to_none(&Some(" 0241 ".to_owned())), Some("0241"));
        assert_eq!(blank_to_none(&None), None);
    }
}
