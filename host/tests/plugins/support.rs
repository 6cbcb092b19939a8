//! Loading fixture components into a runtime.

use quartier::plugins::{CallContext, Limits, Plugin, Runtime};

pub fn component(name: &str) -> &'static [u8] {
    quartier_plugin_components::get(name)
        .unwrap_or_else(|| panic!("component {name} was not built"))
}

pub fn runtime() -> Runtime {
    Runtime::new(Limits::default(), None).unwrap()
}

pub fn load(runtime: &Runtime, name: &str) -> Plugin {
    runtime
        .load(component(name), None)
        .unwrap_or_else(|e| panic!("loading {name}: {e}"))
}

pub fn context() -> CallContext {
    CallContext {
        municipality: "beispiel".into(),
        locale: "de".into(),
        now: "2026-11-21T09:30:00Z".into(),
    }
}

/// A fund application as the sample plugin's rule reads it.
pub fn application(amount_cents: i64, participation: &str) -> String {
    serde_json::json!({
        "title": "Nachbarschaftsfest im Hof",
        "amount_cents": amount_cents,
        "cofinancing_cents": 0,
        "participation": participation,
    })
    .to_string()
}
