//! The formats a report is rendered in, chosen by `?format=` or, without it, by the request's
//! `Accept` header (its most preferred format we offer; none acceptable is 406).

crate::text_enum! {
    /// A rendered report's format.
    pub enum ReportFormat {
        Html = ("html", "Webseite"),
        Json = ("json", "JSON"),
        Csv = ("csv", "CSV (eine Tabelle)"),
        Xlsx = ("xlsx", "Excel-Arbeitsmappe (XLSX)"),
        Pdf = ("pdf", "PDF"),
    }
}

/// XLSX's media type.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl ReportFormat {
    /// The media type of the response.
    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Json => "application/json",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Xlsx => XLSX_TYPE,
            ReportFormat::Pdf => "application/pdf",
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        self.as_str()
    }

    fn media_type(self) -> &'static str {
        self.content_type().split(';').next().unwrap_or_default()
    }

    /// The format an `Accept` header prefers among ours: the highest `q`, and among equal
    /// ones the first listed; `*/*` (or no header) is JSON, like the rest of the API. `None`
    /// when nothing we offer is acceptable.
    pub fn from_accept(accept: Option<&str>) -> Option<ReportFormat> {
        let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
            return Some(ReportFormat::Json);
        };
        let mut best: Option<(f32, ReportFormat)> = None;
        for range in accept.split(',') {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
                .next()
                .unwrap_or(1.0);
            if q <= 0.0 || !q.is_finite() {
                continue;
            }
            let format = match media.as_str() {
                "*/*" | "application/*" | "application/json" => Some(ReportFormat::Json),
                "text/*" | "text/html" => Some(ReportFormat::Html),
                "application/xhtml+xml" => Some(ReportFormat::Html),
                _ => ReportFormat::ALL
                    .iter()
                    .copied()
                    .find(|f| f.media_type() == media),
            };
            if let Some(format) = format
                && best.is_none_or(|(b, _)| q > b)
            {
                best = Some((q, format));
            }
        }
        best.map(|(_, format)| format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_header_chooses_the_most_preferred_format_we_offer() {
        let pick = |a: &str| ReportFormat::from_accept(Some(a));
        assert_eq!(ReportFormat::from_accept(None), Some(ReportFormat::Json));
        assert_eq!(pick("application/pdf"), Some(ReportFormat::Pdf));
        assert_eq!(pick(XLSX_TYPE), Some(ReportFormat::Xlsx));
        assert_eq!(pick("text/csv"), Some(ReportFormat::Csv));
        // A browser's header.
        assert_eq!(
            pick("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            Some(ReportFormat::Html)
        );
        assert_eq!(
            pick("application/json;q=0.5, application/pdf"),
            Some(ReportFormat::Pdf)
        );
        assert_eq!(pick("image/png"), None);
        assert_eq!(pick("application/pdf;q=0"), None);
        assert_eq!(pick("*/*"), Some(ReportFormat::Json));
    }
}
