//! The municipal plugins of `plugins/` (Hessen, Aachen, Berlin) through the host runtime:
//! every input/expected pair in `plugins/fixtures/expected/<plugin>/`, with each input and
//! output checked against the JSON Schemas in `schemas/plugin/`, and the key rules by name.

mod aachen;
mod base;
mod berlin;
mod cases;
mod hessen;
mod schemas;
