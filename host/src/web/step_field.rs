//! A field of a step's form on a signed-in page (a concern's or a fund application's), as
//! data the templates render alike: label, hint, error, the value entered before a refusal,
//! and the ids that tie hint and error to the field.

/// A field of a step form.
#[derive(Debug)]
pub struct Field {
    pub id: String,
    pub name: &'static str,
    pub label: &'static str,
    pub hint: Option<String>,
    pub required: bool,
    /// `line`, `text` (several lines), `select`, `amount` (euros), `count` (a whole number)
    /// or `date`.
    pub kind: &'static str,
    pub choices: Vec<Choice>,
    pub value: String,
    pub error: Option<String>,
}

impl Field {
    /// The ids of its hint and its error, for `aria-describedby` (empty: none).
    pub fn described(&self) -> String {
        let hint = self.hint.as_ref().map(|_| format!("{}-hinweis", self.id));
        let error = self.error.as_ref().map(|_| format!("{}-fehler", self.id));
        [hint, error]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// An option of a select.
#[derive(Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
}
