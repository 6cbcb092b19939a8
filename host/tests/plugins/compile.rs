//! Compiling in a child process (`quartier __compile-plugin`), as `serve` does: the artifact
//! loads and answers, and each way the child can end reaches the caller as its own error.

use std::path::PathBuf;

use quartier::plugins::{Answer, Limits, LoadError, Request, Runtime};

use crate::support::{component, context};

fn in_children(limits: Limits) -> Runtime {
    let compiler = PathBuf::from(env!("CARGO_BIN_EXE_quartier"));
    Runtime::new(limits, None)
        .unwrap()
        .with_compiler(Some(compiler))
}

#[test]
fn a_component_compiled_in_a_child_process_loads_and_answers() {
    let runtime = in_children(Limits::default());
    let plugin = runtime
        .load(component("quartier_sample_plugin"), None)
        .unwrap();
    let answer = runtime.call(&plugin, context(), Request::Describe).result;
    let Ok(Answer::Json(description)) = answer else {
        panic!("describe answers JSON: {answer:?}");
    };
    assert_eq!(description["name"], "beispiel");
}

#[test]
fn bytes_that_are_no_component_are_refused_by_the_child_with_the_reason() {
    let refused = in_children(Limits::default()).load(b"kein wasm", None);
    let Err(LoadError::Invalid(reason)) = &refused else {
        panic!("refused as invalid: {:?}", refused.err());
    };
    assert!(reason.contains("magic"), "{reason}");
}

#[test]
fn a_compilation_needing_more_memory_than_allowed_is_stopped() {
    // The engine itself needs about 20 MiB; compiling this plugin needs more than 32.
    let limits = Limits {
        compile_memory_bytes: 32 << 20,
        ..Limits::default()
    };
    let refused = in_children(limits).load(component("quartier_plugin_hessen"), None);
    let error = refused.err().expect("stopped");
    assert_eq!(error, LoadError::CompileOutOfMemory(32 << 20));
    assert_eq!(error.code(), "plugin_compile_out_of_memory");
    assert!(
        error.message_de().contains("32 MiB"),
        "{}",
        error.message_de()
    );
}

#[test]
fn a_compiler_that_cannot_start_is_the_hosts_fault_not_the_plugins() {
    let runtime = Runtime::new(Limits::default(), None)
        .unwrap()
        .with_compiler(Some(PathBuf::from("/nonexistent/quartier")));
    let error = runtime
        .load(component("quartier_sample_plugin"), None)
        .err()
        .expect("no compiler, no plugin");
    assert!(matches!(error, LoadError::Compiler(_)), "{error:?}");
    assert_eq!(error.code(), "plugin_compiler_failed");
}
