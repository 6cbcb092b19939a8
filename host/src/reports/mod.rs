//! Reports (*Berichte*): the dataset of a municipality's period assembled by SQL aggregates,
//! shaped by the municipality's plugin (`build-report`) or the host's base report, and
//! rendered as a page, CSV, XLSX, PDF or JSON. See `docs/architecture.md §3`.

pub mod base;
pub mod comparison;
pub mod dataset;
pub mod format;
pub mod produce;
pub mod publication;
pub mod publish;
pub mod render;
pub mod rendered;
pub mod request;
mod route;
pub mod scope;
pub mod shape;

use utoipa_axum::{router::OpenApiRouter, routes};

pub use quartier_documents::dataset::ReportKind;
pub use scope::{Period, ReportScope};

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(rendered::get_report))
        .routes(routes!(publication::publish))
        .routes(routes!(publication::withdraw))
        .routes(routes!(route::get_dataset))
}
