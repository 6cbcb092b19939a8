//! The host's report dataset, typed (`schemas/plugin/report-dataset.schema.json`): what
//! `build_report` receives. Read it with [`parse`] and shape the report from the fields.

pub use quartier_documents::dataset::{
    Attendance, Concerns, Contract, ContractTarget, Dataset, Fund, FundAction, Network, Period,
    ProjectTarget, Projects, ReportKind, SelfEvaluation, Spread, TaskLogCount, YearFigures,
    date_de, euros,
};

use crate::{Error, Value};

/// Reads the dataset; a document of another shape is refused with a German message.
pub fn parse(dataset: Value) -> Result<Dataset, Error> {
    serde_json::from_value(dataset).map_err(|e| {
        Error::new(
            "datensatz-ungueltig",
            format!("Der Berichtsdatensatz hat nicht die erwartete Form: {e}"),
        )
    })
}
