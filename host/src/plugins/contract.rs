//! The host side of the WIT contract: generated types, the hooks and the version check.
//!
//! The host looks hooks up one by one (by semver-aware export index) instead of through the
//! generated all-or-nothing `MunicipalRules::new`: a plugin built against an older 0.1.x
//! contract may lack a hook that was added later, and that must mean "not implemented",
//! not "broken".

use wasmtime::Engine;
use wasmtime::component::{Component, ComponentExportIndex, types::ComponentItem};

use super::error::LoadError;

wasmtime::component::bindgen!({
    world: "municipal-rules",
    path: "../plugins/wit",
    additional_derives: [PartialEq],
});

pub use self::quartier::plugin::types::{
    CallContext, Finding, FormKind, PluginError as GuestError, Severity,
};

/// The error code by which an exported hook says it is not implemented (an SDK default):
/// the same as not exporting it.
pub const NOT_IMPLEMENTED: &str = "nicht-implementiert";

/// The form kinds with their WIT names (also used in URLs and files), in WIT order.
pub const FORM_KINDS: [(FormKind, &str); 6] = [
    (FormKind::FundApplication, "fund-application"),
    (FormKind::Concern, "concern"),
    (FormKind::ProjectDossier, "project-dossier"),
    (FormKind::Contract, "contract"),
    (FormKind::MeetingMinutes, "meeting-minutes"),
    (FormKind::SelfEvaluation, "self-evaluation"),
];

impl FormKind {
    /// The kind named `name` (`fund-application`, `concern`, …).
    pub fn parse(name: &str) -> Option<FormKind> {
        FORM_KINDS.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }

    /// The WIT name, e.g. `fund-application`.
    pub fn name(self) -> &'static str {
        FORM_KINDS[self.index()].1
    }

    /// The position in WIT order, for tables indexed by kind.
    pub fn index(self) -> usize {
        match self {
            FormKind::FundApplication => 0,
            FormKind::Concern => 1,
            FormKind::ProjectDossier => 2,
            FormKind::Contract => 3,
            FormKind::MeetingMinutes => 4,
            FormKind::SelfEvaluation => 5,
        }
    }
}

/// The contract this host implements.
pub const VERSION: &str = "0.1.0";
const INTERFACE: &str = "quartier:plugin/hooks";

/// The hooks, in WIT order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hook {
    Describe,
    AdaptTaskMatrix,
    AdaptForm,
    Validate,
    Route,
    BuildReport,
}

impl Hook {
    pub const ALL: [Hook; 6] = [
        Hook::Describe,
        Hook::AdaptTaskMatrix,
        Hook::AdaptForm,
        Hook::Validate,
        Hook::Route,
        Hook::BuildReport,
    ];

    /// The WIT name, also used on the command line and in statistics.
    pub fn name(self) -> &'static str {
        match self {
            Hook::Describe => "describe",
            Hook::AdaptTaskMatrix => "adapt-task-matrix",
            Hook::AdaptForm => "adapt-form",
            Hook::Validate => "validate",
            Hook::Route => "route",
            Hook::BuildReport => "build-report",
        }
    }

    pub fn parse(name: &str) -> Option<Hook> {
        Hook::ALL.into_iter().find(|h| h.name() == name)
    }
}

/// Where each hook of one component lives, found once at load time.
#[derive(Clone, Debug)]
pub struct Exports {
    /// The contract version the plugin was built against, e.g. `0.1.0`.
    pub version: String,
    /// Imported interfaces that carry only types (like `quartier:plugin/types`): they grant
    /// nothing, and the linker satisfies them with empty instances.
    pub type_only_imports: Vec<String>,
    indices: [Option<ComponentExportIndex>; 6],
}

impl Exports {
    pub fn index(&self, hook: Hook) -> Option<&ComponentExportIndex> {
        self.indices[hook as usize].as_ref()
    }

    pub fn implemented(&self) -> Vec<Hook> {
        Hook::ALL
            .into_iter()
            .filter(|h| self.index(*h).is_some())
            .collect()
    }
}

/// Checks that the component exports our `hooks` interface in a compatible version and
/// imports no function at all (the host provides none: deny by default).
pub fn inspect(engine: &Engine, component: &Component) -> Result<Exports, LoadError> {
    let ty = component.component_type();
    let mut type_only_imports = Vec::new();
    let mut refused = Vec::new();
    for (name, item) in ty.imports(engine) {
        let types_only = match &item.ty {
            ComponentItem::ComponentInstance(instance) => instance
                .exports(engine)
                .all(|(_, export)| matches!(export.ty, ComponentItem::Type(_))),
            ComponentItem::Type(_) => true,
            _ => false,
        };
        if types_only {
            type_only_imports.push(name.to_owned());
        } else {
            refused.push(name.to_owned());
        }
    }
    if !refused.is_empty() {
        return Err(LoadError::UnknownImports(refused));
    }
    let (name, version) = ty
        .exports(engine)
        .filter(|(_, item)| matches!(item.ty, ComponentItem::ComponentInstance(_)))
        .find_map(|(name, _)| {
            let (interface, version) = name.split_once('@')?;
            (interface == INTERFACE).then(|| (name.to_owned(), version.to_owned()))
        })
        .ok_or(LoadError::MissingExport)?;
    if !compatible(&version) {
        return Err(LoadError::IncompatibleContract { found: version });
    }
    let instance = component
        .get_export_index(None, name.as_str())
        .ok_or(LoadError::MissingExport)?;
    let indices = Hook::ALL.map(|hook| component.get_export_index(Some(&instance), hook.name()));
    Ok(Exports {
        version,
        type_only_imports,
        indices,
    })
}

/// Semver compatibility as the component model applies it: for 0.x the first two numbers
/// must match (0.1.0 ~ 0.1.7), from 1.0 on the major number.
pub fn compatible(version: &str) -> bool {
    let parts = |v: &str| -> Option<(u64, u64)> {
        let mut it = v.split(['.', '-', '+']);
        Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
    };
    match (parts(version), parts(VERSION)) {
        (Some((0, minor)), Some((0, ours))) => minor == ours,
        (Some((major, _)), Some((ours, _))) => major == ours && major != 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compatible_versions_follow_component_model_semver() {
        assert!(compatible("0.1.0"));
        assert!(compatible("0.1.9"));
        assert!(!compatible("0.2.0"));
        assert!(!compatible("1.1.0"));
        assert!(!compatible("banana"));
    }

    #[test]
    fn hooks_round_trip_through_their_wit_names() {
        for hook in Hook::ALL {
            assert_eq!(Hook::parse(hook.name()), Some(hook));
        }
        assert_eq!(Hook::parse("explain"), None);
    }
}
