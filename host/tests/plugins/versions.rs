//! Contract versions: a 0.1.x plugin runs on a 0.1.0 host (missing hooks mean "not
//! implemented", unknown ones are ignored); a 0.2 plugin is refused with a clear message.

use quartier::plugins::{Answer, Hook, LoadError, Request};

use crate::support::{component, context, load, runtime};

#[test]
fn a_plugin_built_against_an_older_contract_keeps_working() {
    let runtime = runtime();
    let plugin = load(&runtime, "contract_older");
    assert!(!plugin.hooks().contains(&Hook::BuildReport));
    assert!(
        runtime
            .call(&plugin, context(), Request::Describe)
            .result
            .is_ok()
    );
    let report = runtime
        .call(&plugin, context(), Request::BuildReport("{}"))
        .result;
    assert_eq!(
        report,
        Ok(Answer::NotImplemented),
        "a missing hook leaves the base to the host"
    );
}

#[test]
fn a_plugin_built_against_a_newer_compatible_contract_runs() {
    let runtime = runtime();
    let plugin = load(&runtime, "contract_newer");
    assert_eq!(plugin.contract_version(), "0.1.1");
    assert_eq!(
        plugin.hooks().len(),
        6,
        "the extra hook is ignored, the known ones are found"
    );
    assert!(
        runtime
            .call(&plugin, context(), Request::Describe)
            .result
            .is_ok()
    );
}

#[test]
fn a_plugin_built_against_an_incompatible_contract_is_refused() {
    let runtime = runtime();
    let Err(error) = runtime.load(component("contract_incompatible"), None) else {
        panic!("a 0.2 plugin must be refused");
    };
    assert_eq!(
        error,
        LoadError::IncompatibleContract {
            found: "0.2.0".into()
        }
    );
    assert!(error.message_de().contains("quartier:plugin@0.2.0"));
    assert!(error.message_de().contains("0.1.x"));
}
