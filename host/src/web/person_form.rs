//! The form of a person's fields, shared by "Person anlegen" (`person_list.rs`) and "Angaben
//! ändern" (`person_page.rs`): what was posted, as the API's `PersonInput`, and the API's
//! field errors placed at their fields.

use crate::error::Error;
use crate::network::persons::{Person, PersonInput};

/// The fields as posted (and shown again after a refusal). Checkboxes are absent when off.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PersonPosted {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub listed: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    /// The organisation as stored (the form does not edit it); empty for none.
    #[serde(default)]
    pub organisation: String,
    /// The version the edit form was made from.
    #[serde(default)]
    pub version: String,
    /// The erasure's confirmation.
    #[serde(default)]
    pub confirm: Option<String>,
}

impl PersonPosted {
    /// The API's input. A garbled organisation becomes the nil id, which no organisation
    /// has, so the API refuses it at its field instead of dropping it silently.
    pub fn input(&self) -> PersonInput {
        let organisation = match self.organisation.trim() {
            "" => None,
            id => Some(id.parse().unwrap_or(crate::db::Id(uuid::Uuid::nil()))),
        };
        PersonInput {
            name: self.name.clone(),
            organisation_id: organisation,
            email: Some(self.email.clone()),
            phone: Some(self.phone.clone()),
            listed_publicly: self.listed.is_some(),
            may_contact: self.contact.is_some(),
        }
    }
}

/// An error at a field (by its id).
#[derive(Debug)]
pub struct FieldProblem {
    pub field: &'static str,
    pub text: String,
}

/// What the form shows: values and errors.
#[derive(Debug, Default)]
pub struct PersonForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub listed: bool,
    pub contact: bool,
    pub errors: Vec<FieldProblem>,
}

impl PersonForm {
    pub fn of(person: &Person) -> PersonForm {
        PersonForm {
            name: person.name.clone().unwrap_or_default(),
            email: person.email.clone().unwrap_or_default(),
            phone: person.phone.clone().unwrap_or_default(),
            listed: person.listed_publicly,
            contact: person.may_contact,
            errors: Vec::new(),
        }
    }

    /// The form again with what was posted and the errors of `e`, if `e` is a field error.
    pub fn refused(posted: &PersonPosted, e: &Error) -> Option<PersonForm> {
        let Error::Invalid(found) = e else {
            return None;
        };
        Some(PersonForm {
            name: posted.name.clone(),
            email: posted.email.clone(),
            phone: posted.phone.clone(),
            listed: posted.listed.is_some(),
            contact: posted.contact.is_some(),
            errors: found
                .iter()
                .map(|e| FieldProblem {
                    field: field_of(&e.pointer),
                    text: e.detail.clone(),
                })
                .collect(),
        })
    }

    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.text.as_str())
    }
}

/// The form field of an API field pointer.
fn field_of(pointer: &str) -> &'static str {
    match pointer {
        "/email" => "email",
        "/organisation_id" => "organisation",
        "/phone" => "phone",
        _ => "name",
    }
}
