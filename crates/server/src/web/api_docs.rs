//! `/api/openapi.json` and `/api/docs` (docs/product.md#openapi): the
//! document as JSON, and the same document rendered by the server as a
//! reference page (no script, nothing from elsewhere).
use super::AppError;
use super::current_user::MaybeUser;
use super::layout::Layout;
use super::openapi::document;
use super::render::page;
use super::ui_session::UiSession;
use askama::Template;
use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

pub async fn openapi_json() -> Response {
    Json(document()).into_response()
}

/// One operation as the page lists it.
struct OperationRow {
    method: String,
    path: String,
    summary: String,
    security: String,
    parameters: Vec<String>,
    body: Option<String>,
    responses: Vec<String>,
}

/// One schema: its name and its properties (`name: type`, required marked).
struct SchemaRow {
    name: String,
    properties: Vec<String>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    layout: Layout,
    version: String,
    operations: Vec<OperationRow>,
    schemas: Vec<SchemaRow>,
}

/// A schema as a short type: a referenced name, or the type (of the items).
fn type_of(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    if let Some(choices) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
        return choices.iter().map(type_of).collect::<Vec<_>>().join(" | ");
    }
    match &schema["type"] {
        Value::String(kind) if kind == "array" => format!("[{}]", type_of(&schema["items"])),
        Value::String(kind) => match schema["format"].as_str() {
            Some(format) => format!("{kind} ({format})"),
            None => kind.clone(),
        },
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" | "),
        _ if schema["properties"].is_object() => "object".to_owned(),
        _ => "any".to_owned(),
    }
}

fn operation_rows(document: &Value) -> Vec<OperationRow> {
    let mut rows = Vec::new();
    let Some(paths) = document["paths"].as_object() else {
        return rows;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, operation) in item {
            let security = match operation["security"].as_array() {
                Some(list) if list.is_empty() => "none".to_owned(),
                Some(list) => list
                    .iter()
                    .filter_map(|requirement| requirement.as_object()?.keys().next().cloned())
                    .collect::<Vec<_>>()
                    .join(", "),
                None => "none".to_owned(),
            };
            let parameters = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|parameter| {
                    let required = if parameter["required"] == Value::Bool(true) {
                        ", required"
                    } else {
                        ""
                    };
                    format!(
                        "{} ({}{required}): {}",
                        parameter["name"].as_str().unwrap_or(""),
                        parameter["in"].as_str().unwrap_or(""),
                        parameter["description"].as_str().unwrap_or("")
                    )
                })
                .collect();
            let body = operation["requestBody"]["content"]["application/json"]["schema"]
                .as_object()
                .map(|_| {
                    type_of(&operation["requestBody"]["content"]["application/json"]["schema"])
                });
            let responses = operation["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(status, response)| {
                    let schema = &response["content"]["application/json"]["schema"];
                    if schema.is_object() {
                        format!("{status}: {}", type_of(schema))
                    } else {
                        format!(
                            "{status}: {}",
                            response["description"].as_str().unwrap_or("")
                        )
                    }
                })
                .collect();
            rows.push(OperationRow {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: operation["summary"].as_str().unwrap_or("").to_owned(),
                security,
                parameters,
                body,
                responses,
            });
        }
    }
    rows
}

fn schema_rows(document: &Value) -> Vec<SchemaRow> {
    document["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, schema)| {
            let required: Vec<&str> = schema["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let properties = schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(field, property)| {
                    let mark = if required.contains(&field.as_str()) {
                        ", required"
                    } else {
                        ""
                    };
                    format!("{field}: {}{mark}", type_of(property))
                })
                .collect();
            SchemaRow {
                name: name.clone(),
                properties,
            }
        })
        .collect()
}

pub async fn docs(ui: UiSession, MaybeUser(user): MaybeUser) -> Result<Response, AppError> {
    let document = serde_json::to_value(document())
        .map_err(|e| AppError::Internal(format!("the OpenAPI document: {e}")))?;
    page(&ApiDocsPage {
        layout: Layout::page("api-docs-title", "", &ui, user.as_ref()),
        version: document["openapi"].as_str().unwrap_or("").to_owned(),
        operations: operation_rows(&document),
        schemas: schema_rows(&document),
    })
}
