//! `POST /open311/v2/{municipality}/requests.{format}`: a concern from an app. The Open311
//! parameters become the concern form's fields and go through the same public intake as
//! the web form: rate limit and honeypot, the municipality's schema and rules, routing, and
//! a plugin failure that asks for a person instead of losing the concern.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::definition::{self, Attribute, DataType};
use super::{Failure, Format, clients, query, texts};
use crate::auth::Scope;
use crate::concerns;
use crate::error::Error;
use crate::forms::public::{ClientAddr, HONEYPOT, Sender};
use crate::oparl::Base;
use crate::state::AppState;

/// `POST /open311/v2/{municipality}/requests.{format}`, parameters in the form body
/// (`application/x-www-form-urlencoded`) or the query string.
#[allow(clippy::too_many_arguments)]
pub async fn submit(
    State(state): State<AppState>,
    scope: Result<Scope, Error>,
    Path((_, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    ClientAddr(client): ClientAddr,
    base: Base,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let format = match Format::split(&file) {
        Some(("requests", format)) => format,
        Some((_, format)) => return Failure::not_found().reply(Some(format)),
        None => return Failure::not_found().reply(None),
    };
    let result = async {
        let scope = query::checked(scope?, query.as_deref())?;
        let mut parameters = query::parameters(query.as_deref())?;
        parameters.extend(form_body(&headers, &body)?);
        let api_key = single(&parameters, "api_key")?;
        let sender = match clients::caller(&state, &scope, api_key).await? {
            Some(app) => Sender::App(app),
            None => Sender::Address(client),
        };
        let code = single(&parameters, "service_code")?
            .ok_or_else(|| Failure::bad_request(texts::SERVICE_CODE_MISSING))?;
        let category = query::category(&state, &scope, code)
            .await
            .map_err(|_| Failure::bad_request(texts::unknown_service(code)))?;
        let attributes = definition::current(&state, &scope).await?;
        let data = concern(&parameters, &category.key, &attributes)?;
        let submitted = concerns::submit_public(&state, &scope, sender, data).await?;
        let status_url = format!(
            "{}/status/anliegen/{}",
            query::origin(&state, &base),
            submitted.status_token
        );
        Ok::<_, Failure>(json!([{
            "service_request_id": submitted.reference,
            "service_notice": texts::submitted(
                &submitted.reference,
                &status_url,
                submitted.manual_review,
            ),
        }]))
    }
    .await;
    format.answer("service_requests", "request", result)
}

/// The form body's parameters; a body in any other form is refused.
fn form_body(headers: &HeaderMap, body: &Bytes) -> Result<Vec<(String, String)>, Failure> {
    if body.is_empty() {
        return Ok(Vec::new());
    }
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Open311 erwartet die Parameter als application/x-www-form-urlencoded.",
        ));
    }
    serde_urlencoded::from_bytes(body)
        .map_err(|_| Failure::bad_request("Die Parameter der Anfrage sind nicht lesbar."))
}

/// The one value of parameter `name`, if given; given twice is a 400.
fn single<'p>(parameters: &'p [(String, String)], name: &str) -> Result<Option<&'p str>, Failure> {
    let mut values = parameters.iter().filter(|(n, _)| n == name);
    let first = values.next().map(|(_, v)| v.as_str());
    if values.next().is_some() {
        return Err(Failure::bad_request(texts::repeated(name)));
    }
    Ok(first)
}

fn number(parameters: &[(String, String)], name: &str) -> Result<Option<Value>, Failure> {
    single(parameters, name)?
        .map(|text| {
            text.trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
                .ok_or_else(|| Failure::bad_request(texts::not_a_number(name)))
        })
        .transpose()
}

/// The concern form's document from the Open311 parameters. What it says is checked by the
/// intake afterwards, against the municipality's form and rules.
///
/// Read past, not refused (so apps written for other cities still work): the person's
/// contact and account (`email`, `phone`, `first_name`, `last_name`, `account_id`,
/// `device_id` — Open311 asks for no consent to contact them, so none is stored), a photo's
/// `media_url` and an `address_id`.
fn concern(
    parameters: &[(String, String)],
    category: &str,
    attributes: &[Attribute],
) -> Result<Value, Failure> {
    let mut data = Map::new();
    data.insert("category".into(), json!(category));
    match single(parameters, "description")? {
        Some(text) => data.insert("text".into(), json!(text)),
        None => return Err(Failure::bad_request(texts::DESCRIPTION_MISSING)),
    };
    let mut location = Map::new();
    if let Some(place) = single(parameters, "address_string")? {
        location.insert("description".into(), json!(place));
    }
    if let Some(lat) = number(parameters, "lat")? {
        location.insert("lat".into(), lat);
    }
    if let Some(lon) = number(parameters, "long")? {
        location.insert("lon".into(), lon);
    }
    if !location.is_empty() {
        data.insert("location".into(), Value::Object(location));
    }
    if let Some(trap) = single(parameters, HONEYPOT)? {
        data.insert(HONEYPOT.into(), json!(trap));
    }
    for (name, value) in parameters {
        let Some(inner) = name
            .strip_prefix("attribute[")
            .and_then(|rest| rest.strip_suffix(']'))
        else {
            continue;
        };
        // `attribute[code][]` is one choice of a multivaluelist.
        let (code, many) = match inner.strip_suffix("][") {
            Some(code) => (code, true),
            None => (inner, false),
        };
        let attribute = attributes
            .iter()
            .find(|a| a.code == code)
            .ok_or_else(|| Failure::bad_request(texts::unknown_attribute(code)))?;
        let value = typed(attribute, value)?;
        if attribute.datatype == DataType::MultiValueList || many {
            let list = data.entry(code.to_owned()).or_insert_with(|| json!([]));
            match list.as_array_mut() {
                Some(items) => items.push(value),
                None => return Err(Failure::bad_request(texts::repeated(name))),
            }
        } else if data.insert(code.to_owned(), value).is_some() {
            return Err(Failure::bad_request(texts::repeated(name)));
        }
    }
    Ok(Value::Object(data))
}

/// An attribute's text as the form stores it: a choice as its stored key (so `true` for a
/// yes/no field, `3` for a number choice), a number as a number, anything else as text.
fn typed(attribute: &Attribute, text: &str) -> Result<Value, Failure> {
    if let Some((key, _)) = attribute
        .values
        .iter()
        .find(|(key, _)| key.as_str().map_or_else(|| key.to_string(), str::to_owned) == text)
    {
        return Ok(key.clone());
    }
    if attribute.datatype == DataType::Number {
        let parsed = if attribute.integer {
            text.trim().parse::<i64>().ok().map(Value::from)
        } else {
            text.trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
        };
        return parsed.ok_or_else(|| {
            Failure::bad_request(texts::not_a_number(&format!(
                "attribute[{}]",
                attribute.code
            )))
        });
    }
    // An unknown choice goes on as text: the form's check names the allowed ones.
    Ok(json!(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn attribute(code: &str, datatype: DataType, values: Vec<(Value, String)>) -> Attribute {
        Attribute {
            code: code.into(),
            datatype,
            required: false,
            description: None,
            values,
            integer: false,
        }
    }

    #[test]
    fn open311_parameters_become_the_concern_form() {
        let attributes = vec![
            attribute("sozialraum", DataType::String, vec![]),
            attribute(
                "dringend",
                DataType::SingleValueList,
                vec![(json!(true), "Ja".into()), (json!(false), "Nein".into())],
            ),
            attribute(
                "themen",
                DataType::MultiValueList,
                vec![(json!("a"), "A".into())],
            ),
        ];
        let data = concern(
            &pairs(&[
                ("service_code", "wilder_muell"),
                ("description", "Sperrmüll an der Ecke"),
                ("lat", "50.7753"),
                ("long", "6.0839"),
                ("address_string", "Adalbertsteinweg 100"),
                ("email", "nicht@gespeichert.example"),
                ("first_name", "Nicht"),
                ("attribute[sozialraum]", "Ost/Rothe Erde"),
                ("attribute[dringend]", "true"),
                ("attribute[themen][]", "a"),
                ("attribute[themen][]", "b"),
            ]),
            "wilder_muell",
            &attributes,
        )
        .unwrap();
        assert_eq!(
            data,
            json!({
                "category": "wilder_muell",
                "text": "Sperrmüll an der Ecke",
                "location": {"description": "Adalbertsteinweg 100", "lat": 50.7753, "lon": 6.0839},
                "sozialraum": "Ost/Rothe Erde",
                "dringend": true,
                "themen": ["a", "b"],
            })
        );
    }

    #[test]
    fn unknown_repeated_and_malformed_parameters_are_refused() {
        let refused = |list: &[(&str, &str)]| {
            concern(&pairs(list), "x", &[]).unwrap_err().status == StatusCode::BAD_REQUEST
        };
        assert!(refused(&[("service_code", "x")]), "no description");
        assert!(refused(&[("description", "a"), ("description", "b")]));
        assert!(refused(&[("description", "abc"), ("lat", "north")]));
        assert!(refused(&[("description", "abc"), ("lat", "NaN")]));
        assert!(refused(&[
            ("description", "abc"),
            ("attribute[passwort]", "x")
        ]));
    }
}
