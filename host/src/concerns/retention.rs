//! Which reporters' contacts expire: those of concerns closed longer ago than the retention
//! period (`--concern-retention-days`); erased by `crate::retention`.

use crate::audit::ObjectKind;
use crate::retention::Expiry;

/// The reporters' contacts of closed concerns.
pub fn reporters() -> Expiry {
    Expiry {
        due: "SELECT c.id, c.municipality_id, c.reference
              FROM concerns c JOIN concern_reporters r ON r.concern_id = c.id
              WHERE r.erased_at IS NULL AND c.closed_at IS NOT NULL AND c.closed_at <= $1
              ORDER BY c.closed_at"
            .to_owned(),
        erase: "UPDATE concern_reporters SET name = NULL, email = NULL, phone = NULL,
                       may_contact = 0, erased_at = $2
                WHERE concern_id = $1 AND erased_at IS NULL",
        kind: ObjectKind::ConcernReporter,
    }
}
