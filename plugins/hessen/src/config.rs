//! What a Hessian municipality sets when it adopts this plugin: its QM model and its title.
//! Everything else follows the guideline.

use crate::model::QmModel;

/// The plugin's own version (semver). Raise it with every change you install.
pub const VERSION: &str = "1.0.0";

/// The title people see.
pub const TITLE: &str = "Soziale Stadt Hessen – Quartiersmanagement nach dem HEGISS-Leitfaden";

/// The municipality's QM model, used when the task matrix the host sends does not name one
/// (see [`crate::matrix::adapt`]). Model 1 is the most common in Hessen: the
/// Kommune keeps Steuerung and Planung, a social organisation runs the Stadtteilbüro.
pub const QM_MODEL: QmModel = QmModel::Kommune;

/// Cap per Verfügungsfonds application in cents. The guideline names none; a municipality
/// that sets one in its Vergaberichtlinie enters it here (e.g. `Some(150_000)`).
pub const VERFUEGUNGSFONDS_CAP_CENTS: Option<i64> = None;
