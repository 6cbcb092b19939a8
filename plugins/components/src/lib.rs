//! The plugins of `plugins/` — the sample, the municipal models and the hostile fixtures —
//! compiled from source by this crate's build script and embedded as component bytes: the
//! host ships Aachen's for its demo (`QUARTIER_PLUGIN_AACHEN`), the tests use them all.

include!(concat!(env!("OUT_DIR"), "/components.rs"));

/// The component built from the guest crate with this library name
/// (`quartier_sample_plugin`, `hostile_endless_loop`, …).
pub fn get(name: &str) -> Option<&'static [u8]> {
    ALL.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| *bytes)
}
