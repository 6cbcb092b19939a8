//! The municipal plugins of `plugins/` (Hessen, Aachen, Berlin, the organisation model,
//! Nürnberg-Hasenbuck) through the host runtime: every input/expected pair in
//! `plugins/fixtures/expected/<plugin>/`, with each input and output checked against the JSON
//! Schemas in `schemas/plugin/`, the key rules by name, and every plugin's reports for the
//! sample datasets of `plugins/fixtures/inputs/`.

mod aachen;
mod base;
mod berlin;
mod cases;
mod hessen;
mod nuernberg;
mod organisationsmodell;
mod reports;
mod schemas;

/// The component names of the shipped municipal plugins.
pub const PLUGINS: [&str; 5] = [
    "quartier_plugin_hessen",
    "quartier_plugin_aachen",
    "quartier_plugin_berlin",
    "quartier_plugin_organisationsmodell",
    "quartier_plugin_nuernberg",
];
