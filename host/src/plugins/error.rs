//! Plugin failures as typed errors with stable codes and German messages.
//!
//! Two families stay apart all the way to the user (CONVENTIONS 9): [`CallError::Refused`] is
//! the plugin's own, deliberate answer (a WIT `result` error); every other variant is a
//! failure the host observed — a trap, a timeout, exhausted memory, malformed output.

use std::time::Duration;

/// Why a component could not be installed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("component of {bytes} bytes exceeds the limit of {limit}")]
    TooLarge { bytes: usize, limit: usize },
    #[error("not a valid WebAssembly component: {0}")]
    Invalid(String),
    /// The component's memory starts larger than one call may have (`--plugin-memory-mib`).
    #[error("memory of at least {needed} bytes exceeds the limit of {limit}")]
    MemoryAboveLimit { needed: usize, limit: usize },
    #[error("does not export quartier:plugin/hooks")]
    MissingExport,
    #[error("built against contract {found}, host supports 0.1.x")]
    IncompatibleContract { found: String },
    #[error("imports functions the host does not provide: {0:?}")]
    UnknownImports(Vec<String>),
    #[error("compilation took longer than the limit")]
    CompileTimeout,
    #[error("compilation needed more than {0} bytes of memory")]
    CompileOutOfMemory(usize),
    /// The host's compiler process failed (could not start, crashed, wrote an artifact that
    /// does not load): the host's fault, not the plugin's.
    #[error("the compiler process failed: {0}")]
    Compiler(String),
}

impl LoadError {
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::TooLarge { .. } => "plugin_too_large",
            LoadError::Invalid(_) => "plugin_invalid",
            LoadError::MemoryAboveLimit { .. } => "plugin_memory_above_limit",
            LoadError::MissingExport => "plugin_missing_export",
            LoadError::IncompatibleContract { .. } => "plugin_incompatible_contract",
            LoadError::UnknownImports(_) => "plugin_unknown_imports",
            LoadError::CompileTimeout => "plugin_compile_timeout",
            LoadError::CompileOutOfMemory(_) => "plugin_compile_out_of_memory",
            LoadError::Compiler(_) => "plugin_compiler_failed",
        }
    }

    pub fn message_de(&self) -> String {
        match self {
            LoadError::TooLarge { bytes, limit } => format!(
                "Das Plugin ist mit {} KiB zu groß (höchstens {} KiB).",
                bytes / 1024,
                limit / 1024
            ),
            LoadError::Invalid(detail) => {
                format!("Die Datei ist keine gültige WebAssembly-Komponente ({detail}).")
            }
            LoadError::MemoryAboveLimit { needed, limit } => format!(
                "Das Plugin braucht schon beim Start {} KiB Speicher, mehr als ein Aufruf \
                 haben darf ({} MiB, Option --plugin-memory-mib).",
                needed.div_ceil(1024),
                limit >> 20
            ),
            LoadError::MissingExport => "Die Komponente exportiert die Schnittstelle \
                quartier:plugin/hooks nicht. Bitte mit dem Quartier-SDK bauen."
                .to_owned(),
            LoadError::IncompatibleContract { found } => format!(
                "Das Plugin wurde für den Vertrag quartier:plugin@{found} gebaut; dieser Server \
                 unterstützt 0.1.x. Bitte das Plugin mit einem passenden SDK neu bauen oder den \
                 Server aktualisieren."
            ),
            LoadError::UnknownImports(names) => format!(
                "Das Plugin verlangt Funktionen, die der Server nicht bereitstellt: {}. \
                 Plugins erhalten keinen Zugriff auf Dateien, Netz, Umgebung oder Uhr.",
                names.join(", ")
            ),
            LoadError::CompileTimeout => "Das Übersetzen des Plugins dauerte zu lange und \
                wurde abgebrochen."
                .to_owned(),
            LoadError::CompileOutOfMemory(limit) => format!(
                "Das Übersetzen des Plugins brauchte mehr als {} MiB Speicher und wurde \
                 abgebrochen.",
                limit >> 20
            ),
            LoadError::Compiler(_) => "Das Plugin konnte wegen eines Fehlers des Servers nicht \
                übersetzt werden. Bitte später erneut versuchen."
                .to_owned(),
        }
    }
}

/// Why a hook call produced no usable result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("plugin refused: {code}: {message}")]
    Refused { code: String, message: String },
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("memory limit of {0} bytes reached")]
    OutOfMemory(usize),
    #[error("stack overflow")]
    StackOverflow,
    #[error("plugin panicked")]
    Panicked,
    #[error("plugin trapped: {0}")]
    Trapped(String),
    #[error("output is not valid JSON: {0}")]
    NotJson(String),
    #[error("output of {bytes} bytes exceeds the limit of {limit}")]
    OutputTooLarge { bytes: usize, limit: usize },
    #[error("input of {bytes} bytes exceeds the limit of {limit}")]
    InputTooLarge { bytes: usize, limit: usize },
    #[error("no instance slot free")]
    Busy,
}

impl CallError {
    /// The stable code, also the label in statistics and metrics.
    pub fn code(&self) -> &'static str {
        match self {
            CallError::Refused { .. } => "plugin_refused",
            CallError::Timeout(_) => "plugin_timeout",
            CallError::OutOfMemory(_) => "plugin_out_of_memory",
            CallError::StackOverflow => "plugin_stack_overflow",
            CallError::Panicked => "plugin_panic",
            CallError::Trapped(_) => "plugin_trap",
            CallError::NotJson(_) => "plugin_output_not_json",
            CallError::OutputTooLarge { .. } => "plugin_output_too_large",
            CallError::InputTooLarge { .. } => "plugin_input_too_large",
            CallError::Busy => "plugin_busy",
        }
    }

    pub fn message_de(&self) -> String {
        match self {
            CallError::Refused { message, .. } => message.clone(),
            CallError::Timeout(limit) => format!(
                "Die Regeln der Kommune antworteten nicht innerhalb von {} ms und wurden abgebrochen.",
                limit.as_millis()
            ),
            CallError::OutOfMemory(limit) => format!(
                "Die Regeln der Kommune brauchten mehr als {} MiB Speicher und wurden abgebrochen.",
                limit >> 20
            ),
            CallError::StackOverflow => {
                "Die Regeln der Kommune sind zu tief verschachtelt (Stapelüberlauf).".to_owned()
            }
            CallError::Panicked => {
                "Die Regeln der Kommune sind mit einem Fehler abgestürzt.".to_owned()
            }
            CallError::Trapped(_) => {
                "Die Regeln der Kommune sind unerwartet abgebrochen.".to_owned()
            }
            CallError::NotJson(_) => {
                "Die Regeln der Kommune lieferten eine unlesbare Antwort.".to_owned()
            }
            CallError::OutputTooLarge { limit, .. } => format!(
                "Die Antwort der Regeln der Kommune ist größer als {} KiB.",
                limit / 1024
            ),
            CallError::InputTooLarge { limit, .. } => format!(
                "Die Daten sind für die Regeln der Kommune zu groß (höchstens {} KiB).",
                limit / 1024
            ),
            CallError::Busy => "Die Regeln der Kommune sind gerade ausgelastet. Bitte gleich \
                noch einmal versuchen."
                .to_owned(),
        }
    }
}

/// The first line of a compile error: what a coordinator can act on.
impl LoadError {
    /// Why the compiler refused a component, from its reason: a memory that starts above the
    /// limit of one call is a limit the author can act on, everything else is invalid.
    pub fn refused(reason: String, limit: usize) -> LoadError {
        // wasmtime: "… memory has a minimum byte size of N which exceeds the limit of …"
        let needed = reason
            .split_once("minimum byte size of ")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok());
        match needed {
            Some(needed) if needed > limit => LoadError::MemoryAboveLimit { needed, limit },
            _ => LoadError::Invalid(reason),
        }
    }
}

pub fn compile_reason(e: &wasmtime::Error) -> String {
    format!("{e:#}")
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::LoadError;

    #[test]
    fn a_memory_above_the_limit_is_told_apart_from_an_invalid_component() {
        let reason = "module memory does not fit in pooling allocator requirements: memory index \
                      0 is unsupported in this pooling allocator configuration: memory has a \
                      minimum byte size of 1114112 which exceeds the limit of 0x100000 bytes";
        let refused = LoadError::refused(reason.to_owned(), 1 << 20);
        assert_eq!(
            refused,
            LoadError::MemoryAboveLimit {
                needed: 1_114_112,
                limit: 1 << 20
            }
        );
        assert!(
            refused.message_de().contains("1088 KiB"),
            "{}",
            refused.message_de()
        );
        let other = LoadError::refused("unexpected end".to_owned(), 1 << 20);
        assert_eq!(other.code(), "plugin_invalid");
    }
}
