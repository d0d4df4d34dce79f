//! `/settings/tokens`: personal access tokens (docs/security.md, API tokens).
//! The list and the form as a page or JSON; a new token's secret is in the
//! answer to its creation and nowhere else. Only a browser session may use
//! these routes: a token cannot make, see or revoke tokens.
use super::current_user::SessionUser;
use super::habits::ActionForm;
use super::ids::TokenId;
use super::input::Input;
use super::layout::Layout;
use super::render::page_with_status;
use super::reply::json;
use super::settings::local_time;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::sessions::Authenticated;
use crate::app::tokens::{self, CreatedToken};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::local_date::time_zone;
use habitflow_domain::token::{ApiToken, TokenRequest};
use habitflow_domain::validation::FieldErrors;
use jiff::Timestamp;
use serde::de::{self, IgnoredAny, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

/// A token as listed: never its secret.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenResponse<'a> {
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    expires_at: Option<Timestamp>,
    id: Uuid,
    #[schema(value_type = Option<String>, format = DateTime)]
    last_used_at: Option<Timestamp>,
    name: &'a str,
    scope: &'static str,
}

impl<'a> From<&'a ApiToken> for TokenResponse<'a> {
    fn from(token: &'a ApiToken) -> Self {
        Self {
            created_at: token.created_at,
            expires_at: token.expires_at,
            id: token.id,
            last_used_at: token.last_used_at,
            name: &token.name,
            scope: token.scope.as_str(),
        }
    }
}

/// A token just made, with its secret, shown this once.
#[derive(Serialize, utoipa::ToSchema)]
pub struct NewTokenResponse<'a> {
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    expires_at: Option<Timestamp>,
    id: Uuid,
    #[schema(value_type = Option<String>, format = DateTime)]
    last_used_at: Option<Timestamp>,
    name: &'a str,
    scope: &'static str,
    token: &'a str,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokensResponse<'a> {
    items: Vec<TokenResponse<'a>>,
}

/// A new token as sent: `expires_in_days` is a number or null in JSON, and
/// the form's choice (empty for "never") from the page.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    #[serde(default, deserialize_with = "lifetime_days")]
    expires_in_days: Option<i64>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

fn lifetime_days<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    struct Days;
    impl<'de> Visitor<'de> for Days {
        type Value = Option<i64>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number of days or null")
        }
        fn visit_i64<E: de::Error>(self, days: i64) -> Result<Self::Value, E> {
            Ok(Some(days))
        }
        fn visit_u64<E: de::Error>(self, days: u64) -> Result<Self::Value, E> {
            Ok(Some(i64::try_from(days).unwrap_or(i64::MAX)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        /// Only a form sends text: its "never" is empty.
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            match text {
                "" => Ok(None),
                digits => digits
                    .parse()
                    .map(Some)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(digits), &self)),
            }
        }
    }
    deserializer.deserialize_any(Days)
}

/// One row of the page's list, in the user's zone and language.
pub struct TokenRow {
    id: Uuid,
    name: String,
    scope: &'static str,
    created_at: String,
    last_used_at: Option<String>,
    expires_at: Option<String>,
    expired: bool,
}

#[derive(Template)]
#[template(path = "settings_tokens.html")]
struct TokensPage {
    layout: Layout,
    tokens: Vec<TokenRow>,
    /// The secret of the token just made, shown once.
    new_secret: Option<String>,
    /// The calendar feed's URL just made, shown once.
    feed_url: Option<String>,
    name: String,
    scope: String,
    fields: FieldErrors,
}

/// What the page shows once, right after it was made.
pub enum Shown {
    Nothing,
    NewToken(String),
    FeedUrl(String),
}

/// The tokens page (with the calendar feed's section).
pub async fn tokens_page(
    state: &AppState,
    ui: &UiSession,
    auth: &Authenticated,
    shown: Shown,
) -> Result<Response, AppError> {
    let status = match shown {
        Shown::NewToken(_) => StatusCode::CREATED,
        Shown::Nothing | Shown::FeedUrl(_) => StatusCode::OK,
    };
    let page = page_of(state, ui, auth, None, FieldErrors::new()).await?;
    let page = match shown {
        Shown::Nothing => page,
        Shown::NewToken(secret) => TokensPage {
            new_secret: Some(secret),
            ..page
        },
        Shown::FeedUrl(url) => TokensPage {
            feed_url: Some(url),
            ..page
        },
    };
    page_with_status(status, &page)
}

async fn page_of(
    state: &AppState,
    ui: &UiSession,
    auth: &Authenticated,
    body: Option<&TokenBody>,
    fields: FieldErrors,
) -> Result<TokensPage, AppError> {
    let zone = time_zone(&auth.user.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let tr = ui.tr();
    let now = state.services.clock.now();
    let rows = tokens::list(&state.services, &auth.user)
        .await?
        .iter()
        .map(|token| TokenRow {
            id: token.id,
            name: token.name.clone(),
            scope: token.scope.as_str(),
            created_at: local_time(token.created_at, &zone, tr),
            last_used_at: token.last_used_at.map(|t| local_time(t, &zone, tr)),
            expires_at: token.expires_at.map(|t| local_time(t, &zone, tr)),
            expired: token.is_expired(now),
        })
        .collect();
    Ok(TokensPage {
        layout: Layout::page("nav-tokens", "settings", ui, Some(auth)),
        tokens: rows,
        new_secret: None,
        feed_url: None,
        name: body.map(|b| b.name.clone()).unwrap_or_default(),
        scope: body.map_or_else(|| "read".to_owned(), |b| b.scope.clone()),
        fields,
    })
}

pub async fn list(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
) -> Result<Response, AppError> {
    let all = tokens::list(&state.services, &auth.user).await?;
    wants
        .reply(
            || TokensResponse {
                items: all.iter().map(TokenResponse::from).collect(),
            },
            async || tokens_page(&state, &ui, &auth, Shown::Nothing).await,
        )
        .await
}

pub async fn create(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    Input(body): Input<TokenBody>,
) -> Result<Response, AppError> {
    let result = match TokenRequest::parse(&body.name, &body.scope, body.expires_in_days) {
        Ok(request) => tokens::create(&state.services, &auth.user, request).await,
        Err(fields) => Err(AppError::Validation(fields)),
    };
    match (result, wants) {
        (Ok(created), Wants::Json) => Ok(json(StatusCode::CREATED, created_response(&created))),
        (Ok(created), Wants::Html) => {
            tokens_page(&state, &ui, &auth, Shown::NewToken(created.secret)).await
        }
        (Err(error), Wants::Json) => Err(error),
        (Err(error), Wants::Html) => {
            let (status, fields) = super::render::form_failure(error)?;
            let again = page_of(&state, &ui, &auth, Some(&body), fields).await?;
            page_with_status(status, &again)
        }
    }
}

fn created_response(created: &CreatedToken) -> NewTokenResponse<'_> {
    let token = &created.token;
    NewTokenResponse {
        created_at: token.created_at,
        expires_at: token.expires_at,
        id: token.id,
        last_used_at: token.last_used_at,
        name: &token.name,
        scope: token.scope.as_str(),
        token: &created.secret,
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    id: TokenId,
    _form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    tokens::revoke(&state.services, &auth.user, id.uuid()).await?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-token-revoked");
        Redirect::to("/settings/tokens").into_response()
    }))
}
