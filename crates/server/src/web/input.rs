//! Request bodies as JSON or as a form, into the same struct; every
//! rejection becomes an `AppError` naming the field where it can.
use super::AppError;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{Form, FromRequest, Json, Request};
use axum::http::header::CONTENT_TYPE;
use habitflow_domain::message::Message;
use habitflow_domain::validation::FieldErrors;
use serde::de::DeserializeOwned;

pub struct Input<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Input<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let Form(value) = Form::<T>::from_request(request, state)
                .await
                .map_err(form_error)?;
            Ok(Input(value))
        } else if content_type.starts_with("application/json") {
            let request = object_only(request).await?;
            let Json(value) = Json::<T>::from_request(request, state)
                .await
                .map_err(json_error)?;
            Ok(Input(value))
        } else {
            Err(AppError::UnsupportedMediaType)
        }
    }
}

/// Every JSON body is an object: serde would also read a struct from an
/// array of its fields in order, which no client means to send.
async fn object_only(request: Request) -> Result<Request, AppError> {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, super::BODY_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(AppError::BadRequest("error-json-body-object".into()));
    }
    Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
}

/// An empty body (no content type) is `None`: for actions whose fields are all optional.
impl<T: DeserializeOwned, S: Send + Sync> axum::extract::OptionalFromRequest<S> for Input<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        if request.headers().get(CONTENT_TYPE).is_none() {
            return Ok(None);
        }
        <Self as FromRequest<S>>::from_request(request, state)
            .await
            .map(Some)
    }
}

fn json_error(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonDataError(error) => deserialize_error(&error.body_text()),
        JsonRejection::JsonSyntaxError(_) => AppError::BadRequest("error-json-syntax".into()),
        JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType,
        JsonRejection::BytesRejection(_) => AppError::PayloadTooLarge,
        _ => AppError::BadRequest("error-body-unreadable".into()),
    }
}

fn form_error(rejection: FormRejection) -> AppError {
    match rejection {
        FormRejection::FailedToDeserializeForm(error) => deserialize_error(&error.body_text()),
        FormRejection::FailedToDeserializeFormBody(error) => deserialize_error(&error.body_text()),
        FormRejection::BytesRejection(_) => AppError::PayloadTooLarge,
        _ => AppError::BadRequest("error-form-unreadable".into()),
    }
}

/// serde's own description of the problem, for API clients.
fn invalid_value(problem: &str) -> Message {
    Message::new("error-invalid-value").with("detail", problem)
}

/// Turns serde's message into a field error: `unknown field `x``, `missing
/// field `x``, or `x: invalid type …` as reported with the value's path.
fn deserialize_error(text: &str) -> AppError {
    // Drop axum's "Failed to deserialize … target type: " preamble.
    let detail = match text.split_once("target type: ") {
        Some((_, rest)) => rest,
        None if text.starts_with("Failed to deserialize") => {
            text.split_once(": ").map_or(text, |(_, rest)| rest)
        }
        None => text,
    };
    let quoted = |marker: &str| {
        detail
            .split_once(marker)
            .and_then(|(_, rest)| rest.split('`').next())
            .map(str::to_owned)
    };
    let (field, message) = if let Some(field) = quoted("unknown field `") {
        (field, Message::new("error-unknown-field"))
    } else if let Some(field) = quoted("missing field `") {
        (field, Message::new("error-required"))
    } else if let Some((path, problem)) = detail.split_once(": ") {
        let problem = problem.split(" at line").next().unwrap_or(problem);
        (path.to_owned(), invalid_value(problem))
    } else {
        ("body".to_owned(), invalid_value(detail))
    };
    AppError::Validation(FieldErrors::single(field, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(text: &str) -> (String, String) {
        match deserialize_error(text) {
            AppError::Validation(fields) => {
                let (k, v) = fields.iter().next().unwrap();
                (k.to_owned(), v.key.clone())
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn serde_messages_name_the_field() {
        let prefix = "Failed to deserialize the JSON body into the target type: ";
        assert_eq!(
            field_of(&format!(
                "{prefix}unknown field `colour`, expected `name` or `color` at line 1 column 9"
            ))
            .0,
            "colour"
        );
        assert_eq!(
            field_of(&format!("{prefix}missing field `email` at line 1 column 2")),
            ("email".into(), "error-required".into())
        );
        assert_eq!(
            field_of(&format!("{prefix}day_start_hour: invalid type: string \"x\", expected i64 at line 1 column 20")).0,
            "day_start_hour"
        );
    }
}
