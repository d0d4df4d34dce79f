//! /auth: sign in, register, sign out, and the CSRF token for API clients.
use super::auth_cookie::{cleared_session_cookie, session_cookie};
use super::current_user::{MaybeUser, SessionUser};
use super::input::Input;
use super::layout::Layout;
use super::render::{page, page_with_status};
use super::responses::{CsrfResponse, StatusResponse, UserResponse};
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::accounts::{self, Client, Registration};
use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use habitflow_domain::redirect::safe_next;
use habitflow_domain::validation::FieldErrors;
use serde::Deserialize;
use serde::de::IgnoredAny;

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct NextQuery {
    next: Option<String>,
}

/// `next` from the form, else from the query string, made safe.
fn next_target(form: Option<&str>, query: &NextQuery) -> String {
    safe_next(form.or(query.next.as_deref()).unwrap_or("/"))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    providers: Vec<(String, String)>,
    next: String,
    email: String,
    error: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    layout: Layout,
    providers: Vec<(String, String)>,
    next: String,
    email: String,
    display_name: String,
    fields: FieldErrors,
    error: Option<&'static str>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
    /// Checked by the CSRF layer; accepted here so forms may carry it.
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterForm {
    email: String,
    password: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    time_zone: String,
    next: Option<String>,
    /// Checked by the CSRF layer; accepted here so forms may carry it.
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutForm {
    next: Option<String>,
    /// Checked by the CSRF layer; accepted here so forms may carry it.
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

pub async fn login_page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ui: UiSession,
    Query(query): Query<NextQuery>,
) -> Result<Response, AppError> {
    let next = next_target(None, &query);
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    page(&LoginPage {
        providers: state.services.oidc.available().await,
        layout: Layout::page("nav-sign-in", "login", &ui, None),
        next,
        email: String::new(),
        error: None,
    })
}

pub async fn login(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    client: Client,
    jar: CookieJar,
    Query(query): Query<NextQuery>,
    Input(form): Input<LoginForm>,
) -> Result<Response, AppError> {
    let next = next_target(form.next.as_deref(), &query);
    match accounts::log_in(&state.services, &form.email, form.password, &client).await {
        Ok((user, token)) => {
            ui.signed_in(user.id, state.services.clock.now().as_second());
            let jar = jar.add(session_cookie(&state, token));
            Ok(match wants {
                Wants::Html => (jar, Redirect::to(&next)).into_response(),
                Wants::Json => (jar, Json(UserResponse::from(&user))).into_response(),
            })
        }
        Err(AppError::InvalidCredentials) if wants == Wants::Html => page_with_status(
            StatusCode::UNAUTHORIZED,
            &LoginPage {
                providers: state.services.oidc.available().await,
                layout: Layout::page("nav-sign-in", "login", &ui, None),
                next,
                email: form.email,
                error: Some("error-invalid-credentials"),
            },
        ),
        Err(error) => Err(error),
    }
}

pub async fn register_page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ui: UiSession,
    Query(query): Query<NextQuery>,
) -> Result<Response, AppError> {
    let next = next_target(None, &query);
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    page(&RegisterPage {
        providers: state.services.oidc.available().await,
        layout: Layout::page("nav-register", "register", &ui, None),
        next,
        email: String::new(),
        display_name: String::new(),
        fields: FieldErrors::new(),
        error: None,
    })
}

pub async fn register(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    client: Client,
    jar: CookieJar,
    Query(query): Query<NextQuery>,
    Input(form): Input<RegisterForm>,
) -> Result<Response, AppError> {
    let next = next_target(form.next.as_deref(), &query);
    let registration = Registration {
        email: form.email.clone(),
        password: form.password,
        display_name: form.display_name.clone(),
        time_zone: form.time_zone,
        language: ui.tr().language().code().to_owned(),
    };
    match accounts::register(&state.services, registration, &client).await {
        Ok((user, token)) => {
            ui.signed_in(user.id, state.services.clock.now().as_second());
            let jar = jar.add(session_cookie(&state, token));
            Ok(match wants {
                Wants::Html => (jar, Redirect::to(&next)).into_response(),
                Wants::Json => {
                    (StatusCode::CREATED, jar, Json(UserResponse::from(&user))).into_response()
                }
            })
        }
        Err(AppError::Validation(fields) | AppError::Conflict { fields, .. })
            if wants == Wants::Html =>
        {
            page_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &RegisterPage {
                    providers: state.services.oidc.available().await,
                    layout: Layout::page("nav-register", "register", &ui, None),
                    next,
                    email: form.email,
                    display_name: form.display_name,
                    fields,
                    error: None,
                },
            )
        }
        Err(error) => Err(error),
    }
}

/// Ends the current session (if any) and forgets the cookie.
pub async fn logout(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    MaybeUser(user): MaybeUser,
    jar: CookieJar,
    Query(query): Query<NextQuery>,
    form: Option<Input<LogoutForm>>,
) -> Result<Response, AppError> {
    if let Some((auth, session)) = user.as_ref().and_then(|a| Some((a, a.session()?))) {
        accounts::log_out(&state.services, &auth.user, session).await?;
    }
    Ok(signed_out(&state, wants, &ui, jar, form, &query))
}

pub async fn logout_everywhere(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    jar: CookieJar,
    Query(query): Query<NextQuery>,
    form: Option<Input<LogoutForm>>,
) -> Result<Response, AppError> {
    accounts::log_out_everywhere(&state.services, &auth.user).await?;
    Ok(signed_out(&state, wants, &ui, jar, form, &query))
}

/// Forgets the sign-in cookie and goes to `next` (HTML) or confirms (JSON).
fn signed_out(
    state: &AppState,
    wants: Wants,
    ui: &UiSession,
    jar: CookieJar,
    form: Option<Input<LogoutForm>>,
    query: &NextQuery,
) -> Response {
    let form = form.map(|Input(form)| form).unwrap_or_default();
    ui.signed_out();
    let jar = jar.add(cleared_session_cookie(state));
    match wants {
        Wants::Html => {
            (jar, Redirect::to(&next_target(form.next.as_deref(), query))).into_response()
        }
        Wants::Json => (
            jar,
            Json(StatusResponse {
                status: "signed_out",
            }),
        )
            .into_response(),
    }
}

pub async fn csrf_token(ui: UiSession) -> Json<CsrfResponse> {
    Json(CsrfResponse {
        csrf_token: ui.csrf_token(),
    })
}
