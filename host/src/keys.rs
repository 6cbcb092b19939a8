//! Stable keys: the machine names of catalogue entries, concern categories, fields of
//! action, body kinds in routes and task-matrix actors (`wilder_muell`,
//! `traeger_stadtteilbuero`). One rule everywhere, so a key a plugin may name is a key the
//! API accepts.

/// The longest key, in bytes (all of them ASCII).
pub const KEY_MAX: usize = 64;

/// `^[a-z0-9][a-z0-9_-]*$`, at most [`KEY_MAX`] characters.
pub fn is_stable_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    key.len() <= KEY_MAX
        && bytes
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_lower_case_words() {
        for good in ["wohnumfeld", "soziale_infrastruktur", "wilder-muell", "9a"] {
            assert!(is_stable_key(good), "{good}");
        }
        let long = "a".repeat(KEY_MAX + 1);
        for bad in ["", "_x", "Wohnumfeld", "wohn umfeld", "böse", long.as_str()] {
            assert!(!is_stable_key(bad), "{bad}");
        }
    }
}
