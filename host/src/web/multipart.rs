//! Reading a `multipart/form-data` body that is already in memory: the page forms that carry
//! a file (the plugin upload, a shared item's PDF) send it so. The CSRF layer finds the form's token in
//! it and the upload page its file, both through [`fields`], with the same bounds.

/// A form has a few fields, not hundreds: more are refused as unreadable.
const FIELDS_MAX: usize = 16;

/// One field of the form: its name and its bytes (a file's content for a file input).
#[derive(Debug)]
pub struct Field {
    pub name: String,
    /// The chosen file's name, for a file input.
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// Whether `content_type` names a multipart form.
pub fn is_multipart(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// The fields of `body`, sent with `content_type`; `None` when it is not a readable
/// multipart form (no boundary, a broken part, more than [`FIELDS_MAX`] fields).
pub async fn fields(content_type: &str, body: &[u8]) -> Option<Vec<Field>> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let mut form = multer::Multipart::with_reader(body, boundary);
    let mut fields = Vec::new();
    while let Some(field) = form.next_field().await.ok()? {
        if fields.len() == FIELDS_MAX {
            return None;
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.ok()?.to_vec();
        fields.push(Field {
            name,
            file_name,
            bytes,
        });
    }
    Some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPE: &str = "multipart/form-data; boundary=XyZ";

    #[tokio::test]
    async fn a_form_with_a_token_and_a_file_reads_back_field_by_field() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"component\"; filename=\"p.wasm\"\r\n\
Content-Type: application/wasm\r\n\r\n\0asm\r\n--XyZ--\r\n";
        let fields = fields(TYPE, body).await.expect("readable");
        assert_eq!(fields.len(), 2);
        assert_eq!(
            (fields[0].name.as_str(), fields[0].bytes.as_slice()),
            ("csrf", &b"tok"[..])
        );
        assert_eq!(fields[1].name, "component");
        assert_eq!(fields[1].file_name.as_deref(), Some("p.wasm"));
        assert_eq!(fields[1].bytes, b"\0asm");
    }

    #[tokio::test]
    async fn broken_forms_and_too_many_fields_are_unreadable() {
        assert!(fields(TYPE, b"--XyZ\r\nno headers").await.is_none());
        assert!(fields("multipart/form-data", b"").await.is_none());
        let many: String = (0..=FIELDS_MAX)
            .map(|i| format!("--XyZ\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n"))
            .collect::<String>()
            + "--XyZ--\r\n";
        assert!(fields(TYPE, many.as_bytes()).await.is_none());
        assert!(is_multipart("Multipart/Form-Data; boundary=a"));
        assert!(!is_multipart("application/x-www-form-urlencoded"));
    }
}
