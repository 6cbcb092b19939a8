//! The typed documents that cross the plugin boundary as JSON, mirrored by the JSON Schemas in
//! `schemas/plugin/` (the tests of this crate check each type against its schema).
//!
//! The plugin SDK re-exports them for plugin authors; the host decodes a plugin's answers
//! into the same types. This crate is only data and small helpers: no WebAssembly, no I/O,
//! nothing but `serde` and `serde_json`, so it builds for `wasm32-unknown-unknown` as well as
//! for the host. It does not check a document against its schema itself; that is the host's
//! job at the boundary.
#![deny(missing_docs)]

pub mod comparison;
pub mod dataset;
mod description;
pub mod exchange;
mod form;
pub mod report;
mod route;

pub use comparison::Comparison;
pub use dataset::Dataset;
pub use description::{Description, Entry, FundRule};
pub use form::{Finding, FormKind, Severity, Submission};
pub use report::{Chart, ChartKind, Column, Figure, Format, Report, Section, Series, Table};
pub use route::{RouteDecision, RouteRequest, Step, StepAction};
