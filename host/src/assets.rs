//! The stylesheet and the one script, compiled into the binary and served by the pages
//! (`web`) under URLs that change with their content; rendered reports (`reports::render`)
//! link the same stylesheet.

use sha2::{Digest, Sha256};

/// The stylesheet of every page.
pub const STYLE: &str = include_str!("web/style.css");

/// The one script, on the signed-in pages only: a page restored from the back/forward
/// cache is loaded again (`staff.js` says why), and a refused form's error summary gets the
/// focus. The pages work without it.
pub const STAFF_SCRIPT: &str = include_str!("web/staff.js");

/// The content security policy of every page: no inline scripts, nothing that is not served
/// by this host.
pub const PAGE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// An embedded asset's address, with a digest of its content (a few microseconds per page).
fn versioned(path: &str, content: &str) -> String {
    let hash = Sha256::digest(content.as_bytes());
    format!("{path}?v={}", &hex::encode(hash)[..12])
}

/// The stylesheet's URL, versioned by content so it can be cached for good.
pub fn style_url() -> String {
    versioned("/static/style.css", STYLE)
}

/// The script's URL, versioned like the stylesheet's.
pub fn staff_script_url() -> String {
    versioned("/static/staff.js", STAFF_SCRIPT)
}
