//! The comparison across sites (*Standortvergleich*), typed
//! (`schemas/plugin/comparison.schema.json`): what `build_report` receives on a service
//! centre, for the centre's own municipality, instead of a [`crate::Dataset`]. Tell the two
//! apart with [`is_comparison`] and read it with [`parse`].
//!
//! A `null` count (`Published::Suppressed`) was suppressed at the site and never reached
//! the centre: show it as suppressed, never as 0, and do not sum it. Take the sums over
//! the sites from [`Comparison::totals`], which are `null` wherever a part is suppressed —
//! not from `Table::with_total`, which would add up the shown cells only.

pub use quartier_documents::comparison::{
    Comparison, ComparisonKind, KIND, LABEL_DE, SiteFigures, VERSION,
};
pub use quartier_documents::exchange::{
    Attendance, ByKind, Concerns, Count, Entry, Figures, Funds, Network, OTHER_KEY, Projects,
    Published, count_of,
};

use crate::{Error, Value};

/// Whether the document `build_report` received is a comparison (else a dataset).
pub fn is_comparison(document: &Value) -> bool {
    Comparison::is_comparison(document)
}

/// Reads the comparison; a document of another shape is refused with a German message.
pub fn parse(document: Value) -> Result<Comparison, Error> {
    serde_json::from_value(document).map_err(|e| {
        Error::new(
            "vergleich-ungueltig",
            format!("Der Standortvergleich hat nicht die erwartete Form: {e}"),
        )
    })
}
