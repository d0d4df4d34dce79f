//! /settings: profile, password, and the sessions of the account.
use super::auth_cookie::session_cookie;
use super::current_user::{CurrentUser, SessionUser};
use super::ids::SessionKey;
use super::input::Input;
use super::layout::Layout;
use super::refused_entry::RangeEntry;
use super::render::{page, page_with_status};
use super::reply::json;
use super::responses::{SessionsResponse, StatusResponse, UserResponse};
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::Services;
use crate::app::accounts::Client;
use crate::app::oidc::VerifiedIdentity;
use crate::app::sessions::{self, Authenticated};
use crate::app::{accounts, oidc_accounts, pauses};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use habitflow_domain::account::ProfileInput;
use habitflow_domain::local_date::time_zone;
use habitflow_domain::model::{AuthSession, OidcIdentity, User, Vacation};
use habitflow_domain::redirect::safe_next;
use habitflow_domain::validation::FieldErrors;
use serde::Deserialize;
use serde::de::IgnoredAny;

#[derive(Template)]
#[template(path = "settings_profile.html")]
struct ProfilePage {
    layout: Layout,
    email: String,
    display_name: String,
    time_zone: String,
    day_start_hour: i64,
    language: String,
    time_zones: Vec<String>,
    fields: FieldErrors,
    has_password: bool,
    identities: Vec<OidcIdentity>,
    pending_link: Option<VerifiedIdentity>,
    /// The account's vacations (docs/product.md#pauses-and-vacations).
    vacations: Vec<Vacation>,
    /// The vacation form as typed after a refusal, with its messages.
    vacation: RangeEntry,
}

#[derive(Template)]
#[template(path = "settings_password.html")]
struct PasswordPage {
    layout: Layout,
    has_password: bool,
    fields: FieldErrors,
}

#[derive(Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SessionRow {
    pub created_at: String,
    pub current: bool,
    pub id: String,
    pub ip: String,
    pub last_seen_at: String,
    pub user_agent: String,
}

#[derive(Template)]
#[template(path = "settings_sessions.html")]
struct SessionsPage {
    layout: Layout,
    sessions: Vec<SessionRow>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    time_zone: String,
    day_start_hour: i64,
    language: String,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageForm {
    language: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    new_password: String,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

/// The language switch in the user menu: saves the choice and returns to the page.
pub async fn change_language(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    Input(form): Input<LanguageForm>,
) -> Result<Response, AppError> {
    let user = accounts::change_language(&state.services, &auth.user, &form.language).await?;
    wants
        .reply(
            || UserResponse::from(&user),
            async || {
                let next = safe_next(form.next.as_deref().unwrap_or("/settings"));
                Ok(Redirect::to(&next).into_response())
            },
        )
        .await
}

fn all_time_zones() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.to_string())
        .collect();
    names.sort();
    names
}

async fn profile_page(
    state: &Services,
    ui: &UiSession,
    auth: &Authenticated,
    form: Option<&ProfileForm>,
    fields: FieldErrors,
) -> Result<ProfilePage, AppError> {
    with_vacation(state, ui, auth, form, fields, RangeEntry::default()).await
}

/// The settings page shown again after a refused vacation, its form as typed.
pub async fn vacation_refused(
    state: &Services,
    ui: &UiSession,
    auth: &Authenticated,
    vacation: RangeEntry,
    status: StatusCode,
) -> Result<Response, AppError> {
    let again = with_vacation(state, ui, auth, None, FieldErrors::new(), vacation);
    page_with_status(status, &again.await?)
}

async fn with_vacation(
    state: &Services,
    ui: &UiSession,
    auth: &Authenticated,
    form: Option<&ProfileForm>,
    fields: FieldErrors,
    vacation: RangeEntry,
) -> Result<ProfilePage, AppError> {
    let user = &auth.user;
    Ok(ProfilePage {
        vacation,
        has_password: user.password_hash.is_some(),
        identities: oidc_accounts::identities(state, user).await?,
        vacations: pauses::vacations(state, user).await?,
        pending_link: ui
            .pending_link()
            .filter(|link| link.usable_by(user.id, state.clock.now().as_second()))
            .map(|link| link.identity),
        layout: Layout::page("nav-settings", "settings", ui, Some(auth)),
        email: user.email.clone(),
        display_name: form.map_or_else(|| user.display_name.clone(), |f| f.display_name.clone()),
        time_zone: form.map_or_else(|| user.time_zone.clone(), |f| f.time_zone.clone()),
        day_start_hour: form.map_or(i64::from(user.day_start_hour), |f| f.day_start_hour),
        language: form.map_or_else(|| user.language.clone(), |f| f.language.clone()),
        time_zones: all_time_zones(),
        fields,
    })
}

pub async fn profile(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
) -> Result<Response, AppError> {
    wants
        .reply(
            || UserResponse::from(&auth.user),
            async || {
                page(&profile_page(&state.services, &ui, &auth, None, FieldErrors::new()).await?)
            },
        )
        .await
}

pub async fn update_profile(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Input(form): Input<ProfileForm>,
) -> Result<Response, AppError> {
    let input = ProfileInput::parse(
        &form.display_name,
        &form.time_zone,
        form.day_start_hour,
        &form.language,
    );
    let result = match input {
        Ok(input) => accounts::update_profile(&state.services, &auth.user, input).await,
        Err(fields) => Err(AppError::Validation(fields)),
    };
    wants
        .written(
            result,
            |user| json(StatusCode::OK, UserResponse::from(user)),
            |_| {
                ui.flash("success", "flash-settings-saved");
                Redirect::to("/settings").into_response()
            },
            async |status, fields| {
                let again = profile_page(&state.services, &ui, &auth, Some(&form), fields);
                page_with_status(status, &again.await?)
            },
        )
        .await
}

pub async fn password_page(
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
) -> Result<Response, AppError> {
    page(&PasswordPage {
        has_password: auth.user.password_hash.is_some(),
        layout: Layout::page("nav-password", "settings", &ui, Some(&auth)),
        fields: FieldErrors::new(),
    })
}

pub async fn change_password(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    client: Client,
    jar: CookieJar,
    Input(form): Input<PasswordForm>,
) -> Result<Response, AppError> {
    let result = accounts::change_password(
        &state.services,
        &auth.user,
        &client,
        form.current_password,
        form.new_password,
    )
    .await;
    // Every session ended with the change; this browser continues on a new one.
    let with_new_session = |token: String| jar.clone().add(session_cookie(&state, token));
    wants
        .written(
            result,
            |token| {
                let status = json(
                    StatusCode::OK,
                    StatusResponse {
                        status: "password_changed",
                    },
                );
                (with_new_session(token.clone()), status).into_response()
            },
            |token| {
                ui.flash("success", "flash-password-changed");
                (with_new_session(token), Redirect::to("/settings/password")).into_response()
            },
            async |status, fields| {
                page_with_status(
                    status,
                    &PasswordPage {
                        has_password: auth.user.password_hash.is_some(),
                        layout: Layout::page("nav-password", "settings", &ui, Some(&auth)),
                        fields,
                    },
                )
            },
        )
        .await
}

/// An instant as the user reads it: their own zone, their language's date.
pub(super) fn local_time(instant: jiff::Timestamp, zone: &jiff::tz::TimeZone, tr: Tr) -> String {
    let local = instant.to_zoned_datetime(zone.clone());
    format!("{} {}", tr.date(local.date()), local.strftime("%H:%M"))
}

fn session_row(
    session: &AuthSession,
    current: Option<&AuthSession>,
    user: &User,
    tr: Tr,
) -> SessionRow {
    let zone = time_zone(&user.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    SessionRow {
        id: session.id_hash.clone(),
        created_at: local_time(session.created_at, &zone, tr),
        last_seen_at: local_time(session.last_seen_at, &zone, tr),
        ip: session.ip.clone(),
        user_agent: session.user_agent.clone(),
        current: current.is_some_and(|current| session.id_hash == current.id_hash),
    }
}

pub async fn sessions_page(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
) -> Result<Response, AppError> {
    let rows: Vec<SessionRow> = sessions::list(&state.services, auth.user.id)
        .await?
        .iter()
        .map(|session| session_row(session, auth.session(), &auth.user, ui.tr()))
        .collect();
    wants
        .reply(
            || SessionsResponse { items: &rows },
            async || {
                page(&SessionsPage {
                    layout: Layout::page("nav-sessions", "settings", &ui, Some(&auth)),
                    sessions: rows.clone(),
                })
            },
        )
        .await
}

pub async fn revoke_session(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    SessionKey(id): SessionKey,
) -> Result<Response, AppError> {
    sessions::revoke(&state.services, auth.user.id, &id).await?;
    wants
        .reply(
            || StatusResponse { status: "revoked" },
            async || {
                ui.flash("success", "flash-session-revoked");
                Ok(Redirect::to("/settings/sessions").into_response())
            },
        )
        .await
}
