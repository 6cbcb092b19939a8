//! The Quartier plugin SDK: write a municipality's rules in plain Rust.
//!
//! Implement [`Plugin`] for a type — only the hooks your municipality needs; every other hook
//! leaves the host's base unchanged or finds nothing — and export it with [`export!`]:
//!
//! ```ignore
//! use quartier_plugin_sdk::{export, Context, Description, Finding, FormKind, Plugin, Submission};
//!
//! struct Musterstadt;
//!
//! impl Plugin for Musterstadt {
//!     fn describe(_ctx: &Context) -> Description {
//!         Description::new("musterstadt", "1.0.0")
//!     }
//!
//!     fn validate(_ctx: &Context, kind: FormKind, form: &Submission) -> Vec<Finding> {
//!         match form.i64("/amount_cents") {
//!             Some(cents) if kind == FormKind::FundApplication && cents > 150_000 => vec![
//!                 Finding::error("/amount_cents", "betrag-zu-hoch", "Höchstens 1.500 € je Antrag."),
//!             ],
//!             _ => vec![],
//!         }
//!     }
//! }
//!
//! export!(Musterstadt);
//! ```
//!
//! A plugin has no files, network, environment or clock: the time is [`Context::now`].
//! The documents themselves ([`Description`], [`RouteDecision`], [`Report`], [`Dataset`] …)
//! live in `quartier-plugin-documents`, which the host shares; this crate re-exports them and
//! adds what only plugins need: the hooks, [`dataset::parse`], the [`schema`] builder, the
//! typed task [`matrix`], the building blocks of a [`report`] and the host's vocabularies
//! with their German labels ([`base`]).
//! This crate is not the host: it never runs plugins, it only builds them.
#![deny(missing_docs)]

#[cfg(all(target_arch = "wasm32", feature = "call-arena"))]
pub mod arena;
pub mod base;
pub mod comparison;
pub mod dataset;
pub mod matrix;
pub mod report;
pub mod schema;

pub use dataset::Dataset;
pub use quartier_documents::{
    Chart, ChartKind, Column, Description, Entry, Figure, Finding, FormKind, Format, FundRule,
    Report, RouteDecision, RouteRequest, Section, Series, Severity, Step, StepAction, Submission,
    Table,
};
pub use serde_json::{self, Value, json};

/// Plugins allocate from the memory they start with first ([`arena`]); a plugin that brings
/// its own allocator turns the default feature `call-arena` off.
#[cfg(all(target_arch = "wasm32", feature = "call-arena"))]
#[global_allocator]
static ALLOCATOR: arena::CallArena = arena::CallArena;

/// Generated bindings of the WIT contract `quartier:plugin@0.1.0`; [`export!`] uses them.
#[doc(hidden)]
pub mod bindings {
    wit_bindgen::generate!({
        world: "municipal-rules",
        path: "../wit",
        pub_export_macro: true,
        export_macro_name: "export_hooks",
        default_bindings_module: "quartier_plugin_sdk::bindings",
    });
}

/// What a call is about: the municipality, the language for messages and the current time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The municipality's slug, e.g. `aachen`.
    pub municipality: String,
    /// The language for messages to people, e.g. `de`.
    pub locale: String,
    /// The current instant, RFC 3339 UTC (`2026-11-21T09:30:00Z`).
    pub now: String,
}

impl Context {
    /// The current year, read from [`Context::now`].
    pub fn year(&self) -> Option<i32> {
        self.now.get(..4)?.parse().ok()
    }
}

/// A deliberate refusal by the plugin (for example an input it does not understand). It
/// reaches the user with its code and message; it is not a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// A stable machine code, e.g. `unbekannte-kategorie`.
    pub code: String,
    /// The message for people, in the context's locale.
    pub message: String,
}

impl Error {
    /// An error with a code and a message for people.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A municipality's rules. Only [`Plugin::describe`] is required.
///
/// A hook left at its default answers the host "not implemented" (the reserved error code
/// [`NOT_IMPLEMENTED`]), so the host applies its base behaviour — the same result as the
/// default's value — and `quartier plugin run` can tell the author's hooks from the defaults.
/// Called natively (in the plugin's own tests) a default simply returns its value.
pub trait Plugin {
    /// Who the plugin is and its catalogues.
    fn describe(ctx: &Context) -> Description;

    /// Adapts the base task matrix. Default: unchanged.
    fn adapt_task_matrix(_ctx: &Context, base: Value) -> Result<Value, Error> {
        glue::default_ran();
        Ok(base)
    }

    /// Adapts a base form's JSON Schema. Default: unchanged.
    fn adapt_form(_ctx: &Context, _kind: FormKind, base: Value) -> Result<Value, Error> {
        glue::default_ran();
        Ok(base)
    }

    /// Checks a submission. Default: finds nothing.
    fn validate(_ctx: &Context, _kind: FormKind, _form: &Submission) -> Vec<Finding> {
        glue::default_ran();
        Vec::new()
    }

    /// Decides who handles something next. Default: the host's own routing applies.
    fn route(_ctx: &Context, _request: &RouteRequest) -> Result<RouteDecision, Error> {
        glue::default_ran();
        Ok(RouteDecision::HostDefault)
    }

    /// Shapes a report from the host's dataset — or, on a service centre for its own
    /// municipality, from the comparison across sites ([`comparison::is_comparison`]).
    /// Default: the host's standard report.
    fn build_report(_ctx: &Context, _dataset: Value) -> Result<Report, Error> {
        glue::default_ran();
        Ok(Report::HostDefault)
    }
}

/// The error code by which a hook answers "not implemented" (see the WIT contract).
pub const NOT_IMPLEMENTED: &str = "nicht-implementiert";

/// Glue between the generated bindings and [`Plugin`]; used by [`export!`].
#[doc(hidden)]
pub mod glue {
    use std::cell::Cell;

    use super::bindings::quartier::plugin::types as wit;
    use super::*;

    thread_local! {
        /// Set by a [`Plugin`] default body during the current call.
        static DEFAULT_RAN: Cell<bool> = const { Cell::new(false) };
    }

    /// Called by each default hook body.
    pub fn default_ran() {
        DEFAULT_RAN.with(|ran| ran.set(true));
    }

    /// Runs a hook; when its default body ran, the answer is "not implemented" instead.
    fn hook<T>(call: impl FnOnce() -> Result<T, wit::PluginError>) -> Result<T, wit::PluginError> {
        DEFAULT_RAN.with(|ran| ran.set(false));
        let answer = call();
        if DEFAULT_RAN.with(Cell::take) {
            return Err(wit::PluginError {
                code: NOT_IMPLEMENTED.to_owned(),
                message: "Dieser Hook ist im Plugin nicht implementiert.".to_owned(),
            });
        }
        answer
    }

    fn context(ctx: wit::CallContext) -> Context {
        Context {
            municipality: ctx.municipality,
            locale: ctx.locale,
            now: ctx.now,
        }
    }

    fn kind(kind: wit::FormKind) -> FormKind {
        match kind {
            wit::FormKind::FundApplication => FormKind::FundApplication,
            wit::FormKind::Concern => FormKind::Concern,
            wit::FormKind::ProjectDossier => FormKind::ProjectDossier,
            wit::FormKind::Contract => FormKind::Contract,
            wit::FormKind::MeetingMinutes => FormKind::MeetingMinutes,
            wit::FormKind::SelfEvaluation => FormKind::SelfEvaluation,
        }
    }

    fn error(e: Error) -> wit::PluginError {
        wit::PluginError {
            code: e.code,
            message: e.message,
        }
    }

    fn parse(input: &str, what: &str) -> Result<Value, wit::PluginError> {
        serde_json::from_str(input).map_err(|e| {
            error(Error::new(
                "eingabe-kein-json",
                format!("{what} ist kein gültiges JSON: {e}"),
            ))
        })
    }

    fn print<T: serde::Serialize>(value: &T) -> Result<String, wit::PluginError> {
        serde_json::to_string(value).map_err(|e| {
            error(Error::new(
                "ausgabe-fehler",
                format!("Ausgabe nicht darstellbar: {e}"),
            ))
        })
    }

    pub fn describe<P: Plugin>(ctx: wit::CallContext) -> Result<String, wit::PluginError> {
        print(&P::describe(&context(ctx)))
    }

    pub fn adapt_task_matrix<P: Plugin>(
        ctx: wit::CallContext,
        base: String,
    ) -> Result<String, wit::PluginError> {
        let base = parse(&base, "Die Aufgabenmatrix")?;
        hook(|| print(&P::adapt_task_matrix(&context(ctx), base).map_err(error)?))
    }

    pub fn adapt_form<P: Plugin>(
        ctx: wit::CallContext,
        form: wit::FormKind,
        base: String,
    ) -> Result<String, wit::PluginError> {
        let base = parse(&base, "Das Formularschema")?;
        hook(|| print(&P::adapt_form(&context(ctx), kind(form), base).map_err(error)?))
    }

    pub fn validate<P: Plugin>(
        ctx: wit::CallContext,
        form: wit::FormKind,
        submission: String,
    ) -> Result<Vec<wit::Finding>, wit::PluginError> {
        let submission = Submission(parse(&submission, "Die Einreichung")?);
        let mut findings = hook(|| Ok(P::validate(&context(ctx), kind(form), &submission)))?;
        findings.sort_by_key(|f| f.severity);
        Ok(findings
            .into_iter()
            .map(|f| wit::Finding {
                pointer: f.pointer,
                severity: match f.severity {
                    Severity::Error => wit::Severity::Error,
                    Severity::Warning => wit::Severity::Warning,
                    Severity::Info => wit::Severity::Info,
                },
                code: f.code,
                message: f.message,
            })
            .collect())
    }

    pub fn route<P: Plugin>(
        ctx: wit::CallContext,
        request: String,
    ) -> Result<String, wit::PluginError> {
        let request: RouteRequest = serde_json::from_str(&request).map_err(|e| {
            error(Error::new(
                "eingabe-unbekannt",
                format!("Die Anfrage ist nicht lesbar: {e}"),
            ))
        })?;
        hook(|| print(&P::route(&context(ctx), &request).map_err(error)?))
    }

    pub fn build_report<P: Plugin>(
        ctx: wit::CallContext,
        dataset: String,
    ) -> Result<String, wit::PluginError> {
        let dataset = parse(&dataset, "Der Datensatz")?;
        hook(|| print(&P::build_report(&context(ctx), dataset).map_err(error)?))
    }
}

/// Exports a [`Plugin`] implementation as the component's hooks: `export!(Musterstadt);`
#[macro_export]
macro_rules! export {
    ($plugin:ident) => {
        impl $crate::bindings::exports::quartier::plugin::hooks::Guest for $plugin {
            fn describe(
                ctx: $crate::bindings::quartier::plugin::types::CallContext,
            ) -> Result<String, $crate::bindings::quartier::plugin::types::PluginError> {
                $crate::glue::describe::<$plugin>(ctx)
            }
            fn adapt_task_matrix(
                ctx: $crate::bindings::quartier::plugin::types::CallContext,
                base: String,
            ) -> Result<String, $crate::bindings::quartier::plugin::types::PluginError> {
                $crate::glue::adapt_task_matrix::<$plugin>(ctx, base)
            }
            fn adapt_form(
                ctx: $crate::bindings::quartier::plugin::types::CallContext,
                kind: $crate::bindings::quartier::plugin::types::FormKind,
                base: String,
            ) -> Result<String, $crate::bindings::quartier::plugin::types::PluginError> {
                $crate::glue::adapt_form::<$plugin>(ctx, kind, base)
            }
            fn validate(
                ctx: $crate::bindings::quartier::plugin::types::CallContext,
                kind: $crate::bindings::quartier::plugin::types::FormKind,
                submission: String,
            ) -> Result<
                Vec<$crate::bindings::quartier::plugin::types::Finding>,
                $crate::bindings::quartier::plugin::types::PluginError,
            > {
                $crate::glue::validate::<$plugin>(ctx, kind, submission)
            }
            fn route(
                ctx: $crate::bindings::quartier::plugin::types::CallContext,
                request: String,
            ) -> Result<String, $crate::bindings::quartier::plugin::types::PluginError> {
                $crate::glue::route::<$plugin>(ctx, request)
            }
            fn build_report(
                ctx: $crate::bindings::quartier::plugin::types::CallContext,
                dataset: String,
            ) -> Result<String, $crate::bindings::quartier::plugin::types::PluginError> {
                $crate::glue::build_report::<$plugin>(ctx, dataset)
            }
        }
        $crate::bindings::export_hooks!($plugin with_types_in $crate::bindings);
    };
}
