//! `/settings/reminders` (docs/reminders.md): the channels as a page or JSON,
//! setting them, "send a test", and the browser's push subscription.
use super::current_user::CurrentUser;
use super::input::Input;
use super::layout::Layout;
use super::render::page_with_status;
use super::reply::json;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::reminders::{self, ChannelSettings, TestReport};
use crate::app::sessions::Authenticated;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::model::ReminderMessage;
use habitflow_domain::validation::FieldErrors;
use habitflow_storage::NewPushSubscription;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

/// The channels: the ntfy topic, e-mail on or off, how many browsers subscribed.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReminderSettingsResponse {
    email: bool,
    ntfy_url: Option<String>,
    push_subscriptions: usize,
}

impl From<&ChannelSettings> for ReminderSettingsResponse {
    fn from(settings: &ChannelSettings) -> Self {
        Self {
            email: settings.channels.email,
            ntfy_url: settings.channels.ntfy_url.clone(),
            push_subscriptions: settings.push_subscriptions,
        }
    }
}

/// One channel that failed a test, and why.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FailedChannel {
    channel: &'static str,
    reason: String,
}

/// What "send a test" did: the channels that took the message and those that did not.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReminderTestResponse {
    failed: Vec<FailedChannel>,
    sent: Vec<&'static str>,
}

impl From<&TestReport> for ReminderTestResponse {
    fn from(report: &TestReport) -> Self {
        Self {
            failed: report
                .failed
                .iter()
                .map(|(channel, reason)| FailedChannel {
                    channel: channel.as_str(),
                    reason: reason.clone(),
                })
                .collect(),
            sent: report.sent.iter().map(|channel| channel.as_str()).collect(),
        }
    }
}

/// The channels as sent: `ntfy_url` a URL, empty or null (none); `email` a
/// boolean (a form's checkbox sends `true` or nothing).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReminderSettingsBody {
    #[serde(default)]
    ntfy_url: Option<String>,
    #[serde(default)]
    email: bool,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

/// The keys of a push subscription, as `PushSubscription.toJSON()` gives them.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct PushKeys {
    p256dh: String,
    auth: String,
}

/// A browser's push subscription, as `PushSubscription.toJSON()` gives it.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct PushSubscriptionBody {
    endpoint: String,
    keys: PushKeys,
    /// Sent by browsers; not used.
    #[serde(default, rename = "expirationTime")]
    #[schema(value_type = Option<f64>)]
    _expiration_time: Option<IgnoredAny>,
}

/// The endpoint of the subscription to remove.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushEndpointBody {
    endpoint: String,
}

/// An action without fields (the test button's form).
#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReminderActionBody {
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

#[derive(Template)]
#[template(path = "settings_reminders.html")]
struct RemindersPage {
    layout: Layout,
    ntfy_url: String,
    email: bool,
    email_available: bool,
    push_subscriptions: usize,
    push_public_key: String,
    fields: FieldErrors,
}

fn page_of(
    ui: &UiSession,
    auth: &Authenticated,
    settings: &ChannelSettings,
    fields: FieldErrors,
) -> RemindersPage {
    RemindersPage {
        layout: Layout::page("nav-reminders", "settings", ui, Some(auth)),
        ntfy_url: settings.channels.ntfy_url.clone().unwrap_or_default(),
        email: settings.channels.email,
        email_available: settings.email_available,
        push_subscriptions: settings.push_subscriptions,
        push_public_key: settings.push_public_key.clone(),
        fields,
    }
}

pub async fn show(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
) -> Result<Response, AppError> {
    let settings = reminders::settings(&state.services, &auth.user).await?;
    wants
        .reply(
            || ReminderSettingsResponse::from(&settings),
            async || {
                page_with_status(
                    StatusCode::OK,
                    &page_of(&ui, &auth, &settings, FieldErrors::new()),
                )
            },
        )
        .await
}

pub async fn update(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Input(body): Input<ReminderSettingsBody>,
) -> Result<Response, AppError> {
    let result = reminders::set_channels(
        &state.services,
        &auth.user,
        body.ntfy_url.clone(),
        body.email,
    )
    .await;
    wants
        .written(
            result,
            |settings| json(StatusCode::OK, ReminderSettingsResponse::from(settings)),
            |_| {
                ui.flash("success", "flash-reminders-saved");
                Redirect::to(PATH).into_response()
            },
            async |status, fields| {
                let mut settings = reminders::settings(&state.services, &auth.user).await?;
                settings.channels.ntfy_url = body.ntfy_url.clone();
                settings.channels.email = body.email;
                page_with_status(status, &page_of(&ui, &auth, &settings, fields))
            },
        )
        .await
}

/// The reminders page's path.
pub const PATH: &str = "/settings/reminders";

pub async fn send_test(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    _body: Option<Input<ReminderActionBody>>,
) -> Result<Response, AppError> {
    let message = ReminderMessage {
        title: "HabitFlow".to_owned(),
        body: ui.tr().t("reminders-test-message"),
        link: format!("{}/", state.services.reminders.public_url),
    };
    let report = reminders::send_test(&state.services, &auth.user, message).await?;
    wants
        .reply(
            || ReminderTestResponse::from(&report),
            async || {
                let key = if report.failed.is_empty() && !report.sent.is_empty() {
                    ("success", "flash-reminders-test-sent")
                } else if report.sent.is_empty() && report.failed.is_empty() {
                    ("error", "flash-reminders-test-nothing")
                } else {
                    ("error", "flash-reminders-test-failed")
                };
                ui.flash(key.0, key.1);
                Ok(Redirect::to(PATH).into_response())
            },
        )
        .await
}

pub async fn subscribe(
    State(state): State<AppState>,
    CurrentUser(auth): CurrentUser,
    Input(body): Input<PushSubscriptionBody>,
) -> Result<Response, AppError> {
    let subscription = NewPushSubscription {
        endpoint: body.endpoint,
        p256dh: body.keys.p256dh,
        auth: body.keys.auth,
    };
    reminders::subscribe(&state.services, &auth.user, subscription).await?;
    let settings = reminders::settings(&state.services, &auth.user).await?;
    Ok(json(
        StatusCode::CREATED,
        ReminderSettingsResponse::from(&settings),
    ))
}

pub async fn unsubscribe(
    State(state): State<AppState>,
    CurrentUser(auth): CurrentUser,
    Input(body): Input<PushEndpointBody>,
) -> Result<Response, AppError> {
    reminders::unsubscribe(&state.services, &auth.user, &body.endpoint).await?;
    let settings = reminders::settings(&state.services, &auth.user).await?;
    Ok(json(
        StatusCode::OK,
        ReminderSettingsResponse::from(&settings),
    ))
}
