//! The plugin runtime against real components compiled from `plugins/` by the build:
//! the sample plugin, the contract-version fixtures and the hostile suite (each hostile
//! behaviour a guest fixture with a test named after it).

// Tests state their expectations with unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod compile;
mod hostile;
mod municipal;
mod runner;
mod sample;
mod support;
mod versions;
