//! What the author's runner prints: the answer, then each measurement against its limit —
//! as readable German text or as one JSON object.

use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::plugins::{
    Answer, CallError, Finding, FormKind, Hook, Limits, Measured, Plugin, Severity,
};

/// One call's outcome and measurements.
#[derive(Debug, Clone)]
pub struct Report {
    pub hook: Hook,
    pub form_kind: Option<FormKind>,
    pub sha256: String,
    pub contract_version: String,
    /// The component file's size, shown against the upload limit.
    pub component_bytes: usize,
    pub limits: Limits,
    pub measured: Measured,
}

/// One row of the table: a measurement, its limit (if any) and whether it was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Stable key: `wall_time`, `fuel`, `peak_memory`, `input`, `output`, `component`.
    pub key: &'static str,
    /// In microseconds for `wall_time`, instructions for `fuel`, bytes otherwise.
    pub value: u64,
    pub limit: Option<u64>,
    pub ok: bool,
    /// The value is only a lower bound: instructions of a call the host aborted (a trap or
    /// timeout) are counted up to the guest's last call or return, not to the abort.
    pub lower_bound: bool,
}

impl Report {
    pub(super) fn new(
        plugin: &Plugin,
        hook: Hook,
        form_kind: Option<FormKind>,
        component_bytes: usize,
        limits: Limits,
        measured: Measured,
    ) -> Report {
        Report {
            hook,
            form_kind,
            sha256: plugin.sha256.clone(),
            contract_version: plugin.contract_version().to_owned(),
            component_bytes,
            limits,
            measured,
        }
    }

    /// The deadline that applied to this hook.
    pub fn timeout(&self) -> Duration {
        match self.hook {
            Hook::BuildReport => self.limits.report_timeout,
            _ => self.limits.call_timeout,
        }
    }

    /// Every measurement against its limit. A limit counts as exceeded when the value is
    /// over it or when the call failed because of it (a refused memory growth never shows
    /// up in the peak, which only counts granted memory).
    pub fn checks(&self) -> Vec<Check> {
        let m = &self.measured;
        let error = m.result.as_ref().err();
        let row = |key, value: u64, limit: u64, failed: bool| Check {
            key,
            value,
            limit: Some(limit),
            ok: value <= limit && !failed,
            lower_bound: false,
        };
        let mut checks = vec![row(
            "wall_time",
            micros(m.duration),
            micros(self.timeout()),
            matches!(error, Some(CallError::Timeout(_))),
        )];
        if let Some(fuel) = m.fuel {
            checks.push(Check {
                key: "fuel",
                value: fuel,
                limit: None,
                ok: true,
                lower_bound: error.is_some_and(|e| !matches!(e, CallError::Refused { .. })),
            });
        }
        checks.extend([
            row(
                "peak_memory",
                m.peak_memory as u64,
                self.limits.memory_bytes as u64,
                matches!(error, Some(CallError::OutOfMemory(_))),
            ),
            row(
                "input",
                m.input_bytes as u64,
                self.limits.input_bytes as u64,
                matches!(error, Some(CallError::InputTooLarge { .. })),
            ),
            row(
                "output",
                m.output_bytes as u64,
                self.limits.output_bytes as u64,
                matches!(error, Some(CallError::OutputTooLarge { .. })),
            ),
            row(
                "component",
                self.component_bytes as u64,
                self.limits.component_bytes as u64,
                false,
            ),
        ]);
        checks
    }

    /// 0 when the call succeeded within every limit, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        let ok = self.measured.result.is_ok() && self.checks().iter().all(|c| c.ok);
        if ok { 0 } else { 1 }
    }

    /// The machine-readable form (`--json`).
    pub fn to_json(&self, plugin: &Path) -> Value {
        let (output, error) = match &self.measured.result {
            Ok(Answer::Json(value)) => (value.clone(), Value::Null),
            Ok(Answer::Findings(findings)) => (findings_json(findings), Value::Null),
            Ok(Answer::NotImplemented) => (Value::Null, Value::Null),
            Err(e) => (Value::Null, error_json(e)),
        };
        let checks: Vec<Value> = self
            .checks()
            .into_iter()
            .map(|c| {
                json!({
                    "key": c.key,
                    "unit": match c.key {
                        "wall_time" => "µs",
                        "fuel" => "instructions",
                        _ => "bytes",
                    },
                    "value": c.value,
                    "limit": c.limit,
                    "ok": c.ok,
                    "lower_bound": c.lower_bound,
                })
            })
            .collect();
        json!({
            "ok": self.exit_code() == 0,
            "plugin": plugin.display().to_string(),
            "sha256": self.sha256,
            "contract_version": self.contract_version,
            "hook": self.hook.name(),
            "implemented": !matches!(self.measured.result, Ok(Answer::NotImplemented)),
            "output": output,
            "error": error,
            "checks": checks,
        })
    }

    /// The readable form: header, answer, table.
    pub fn render(&self, plugin: &Path) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Plugin:  {} (Vertrag quartier:plugin@{}, sha256 {}…)",
            plugin.display(),
            self.contract_version,
            &self.sha256[..12.min(self.sha256.len())]
        );
        let kind = self
            .form_kind
            .filter(|_| matches!(self.hook, Hook::Validate | Hook::AdaptForm))
            .map(|k| format!(" ({})", k.name()))
            .unwrap_or_default();
        let _ = writeln!(out, "Hook:    {}{kind}\n", self.hook.name());
        self.render_answer(&mut out);
        let _ = writeln!(
            out,
            "\n{:<24} {:>14} {:>14}  Status",
            "Messung", "Wert", "Grenze"
        );
        for check in self.checks() {
            let (label, value, limit) = describe(&check);
            let status = if check.ok { "ok" } else { "ÜBERSCHRITTEN" };
            let _ = writeln!(out, "{label:<24} {value:>14} {limit:>14}  {status}");
        }
        let _ = writeln!(
            out,
            "\nGemessen mit Befehlszählung; im Server (ohne Zählung) ist der Aufruf schneller."
        );
        out
    }

    fn render_answer(&self, out: &mut String) {
        match &self.measured.result {
            Ok(Answer::Json(value)) => {
                let _ = writeln!(out, "Ausgabe:\n{value:#}");
            }
            Ok(Answer::Findings(findings)) if findings.is_empty() => {
                let _ = writeln!(out, "Keine Befunde: die Einreichung ist in Ordnung.\n[]");
            }
            Ok(Answer::Findings(findings)) => {
                let _ = writeln!(out, "{} Befund(e):", findings.len());
                for f in findings {
                    let _ = writeln!(
                        out,
                        "  - {}: {} ({}, bei {})",
                        severity_de(f.severity),
                        f.message,
                        f.code,
                        if f.pointer.is_empty() {
                            "/"
                        } else {
                            &f.pointer
                        }
                    );
                }
                let _ = writeln!(out, "\n{:#}", findings_json(findings));
            }
            Ok(Answer::NotImplemented) => {
                let _ = writeln!(
                    out,
                    "Das Plugin implementiert „{}“ nicht: es gilt das Verhalten der Basis.",
                    self.hook.name()
                );
            }
            Err(e) => {
                let _ = writeln!(out, "Plugin-Fehler {}: {}", e.code(), e.message_de());
                if let CallError::Refused { code, .. } = e {
                    let _ = writeln!(out, "Code des Plugins: {code}");
                }
                let _ = writeln!(out, "Einzelheiten: {e}");
            }
        }
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

fn findings_json(findings: &[Finding]) -> Value {
    findings
        .iter()
        .map(|f| {
            json!({
                "pointer": f.pointer,
                "severity": match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                },
                "code": f.code,
                "message": f.message,
            })
        })
        .collect()
}

fn error_json(e: &CallError) -> Value {
    let plugin_code = match e {
        CallError::Refused { code, .. } => Some(code.as_str()),
        _ => None,
    };
    json!({
        "code": e.code(),
        "message": e.message_de(),
        "plugin_code": plugin_code,
        "detail": e.to_string(),
    })
}

fn severity_de(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Fehler",
        Severity::Warning => "Warnung",
        Severity::Info => "Hinweis",
    }
}

/// A row's label, value and limit as people read them.
fn describe(check: &Check) -> (&'static str, String, String) {
    let limit = |f: fn(u64) -> String| check.limit.map_or_else(|| "—".to_owned(), f);
    match check.key {
        "wall_time" => ("Laufzeit (Wanduhr)", time(check.value), limit(time)),
        "fuel" if check.lower_bound => (
            "Instruktionen (Fuel)",
            format!("≥ {}", grouped(check.value)),
            limit(grouped),
        ),
        "fuel" => ("Instruktionen (Fuel)", grouped(check.value), limit(grouped)),
        "peak_memory" => ("Spitzenspeicher", size(check.value), limit(size)),
        "input" => ("Eingabe", size(check.value), limit(size)),
        "component" => ("Komponente (Datei)", size(check.value), limit(size)),
        _ => ("Ausgabe", size(check.value), limit(size)),
    }
}

/// Microseconds as `0,42 ms`.
fn time(micros: u64) -> String {
    format!("{:.2} ms", micros as f64 / 1000.0).replace('.', ",")
}

/// Bytes as `1.234 B`, `12,5 KiB` or `2,0 MiB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 10 << 10 => format!("{} B", grouped(b)),
        b if b < 1 << 20 => format!("{:.1} KiB", b as f64 / 1024.0).replace('.', ","),
        b => format!("{:.1} MiB", b as f64 / (1 << 20) as f64).replace('.', ","),
    }
}

/// An integer with German thousands separators: `1.234.567`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_german_way() {
        assert_eq!(grouped(1_234_567), "1.234.567");
        assert_eq!(grouped(999), "999");
        assert_eq!(time(420), "0,42 ms");
        assert_eq!(size(2004), "2.004 B");
        assert_eq!(size(256 << 10), "256,0 KiB");
        assert_eq!(size(1 << 20), "1,0 MiB");
        assert_eq!(size(32 << 20), "32,0 MiB");
    }
}
