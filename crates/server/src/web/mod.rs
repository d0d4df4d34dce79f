//! The HTTP layer: routing, extraction, content negotiation, rendering.
mod account_deletion;
mod api_docs;
mod app_shell;
pub mod assets;
mod auth;
mod auth_cookie;
mod bearer;
mod body_limit;
mod calendar;
mod charts;
mod checkins;
mod client;
mod client_limit;
mod client_limiter;
mod csrf;
mod current_user;
mod data_pages;
mod error;
mod export;
mod habit_form;
mod habit_form_page;
mod habit_page;
mod habit_preview;
mod habits;
mod health;
mod ids;
mod import;
mod input;
mod language;
mod layers;
mod layout;
pub mod metrics;
mod oidc;
mod openapi;
mod pages;
mod paging;
mod password_reset;
mod pauses;
mod pending_uploads;
mod period_text;
mod refused_entry;
mod reminders;
mod render;
mod render_errors;
mod reply;
mod responses;
mod schedule_text;
mod settings;
mod starters;
mod state;
mod stats;
mod streak_text;
mod tasks;
mod theme_filter;
mod themes;
mod tokens;
mod ui_session;
mod wants;

pub use error::AppError;
pub use state::{AppState, WebSettings};
pub use wants::Wants;

use axum::Router;
use axum::routing::{delete, get, post};

/// Requests bodies above this size are refused with 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The whole application: routes wrapped in the shared layers.
pub fn router(state: AppState) -> Router {
    let mut routes = routes(state.clone());
    if state.web.metrics_route {
        routes = routes.merge(metrics::router(state.clone()));
    }
    with_layers(routes, &state)
}

/// The routes alone, so tests can add their own before the layers go on.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/auth/login", get(auth::login_page).post(auth::login))
        .route(
            "/auth/register",
            get(auth::register_page).post(auth::register),
        )
        .route("/auth/logout", post(auth::logout))
        .route("/auth/logout-all", post(auth::logout_everywhere))
        .route("/auth/csrf", get(auth::csrf_token))
        .route(
            "/auth/reset-password/{token}",
            get(password_reset::form).post(password_reset::reset),
        )
        .route("/auth/oidc/{provider}/start", get(oidc::start))
        .route("/auth/oidc/{provider}/callback", get(oidc::callback))
        .route("/settings/identities/link", post(oidc::link))
        .route("/settings/identities/{id}/unlink", post(oidc::unlink))
        .route(
            "/settings",
            get(settings::profile).post(settings::update_profile),
        )
        .route(
            "/settings/password",
            get(settings::password_page).post(settings::change_password),
        )
        .route("/settings/language", post(settings::change_language))
        .route("/settings/sessions", get(settings::sessions_page))
        .route(
            "/settings/sessions/{id}/revoke",
            post(settings::revoke_session),
        )
        .route("/themes", get(themes::list).post(themes::create))
        .route("/themes/", get(themes::list).post(themes::create))
        .route("/themes/new", get(themes::new_form))
        .route(
            "/themes/{id}",
            get(themes::show)
                .put(themes::update)
                .patch(themes::update)
                .post(themes::update)
                .delete(themes::delete),
        )
        .route("/themes/{id}/delete", post(themes::delete))
        .route("/tasks", get(tasks::list).post(tasks::create))
        .route("/tasks/", get(tasks::list).post(tasks::create))
        .route("/tasks/new", get(tasks::new_form))
        .route(
            "/tasks/{id}",
            get(tasks::show)
                .put(tasks::update)
                .patch(tasks::update)
                .post(tasks::update)
                .delete(tasks::delete),
        )
        .route("/tasks/{id}/complete", post(tasks::complete))
        .route("/tasks/{id}/reopen", post(tasks::reopen))
        .route("/tasks/{id}/delete", post(tasks::delete))
        .route("/habits", get(habits::list).post(habits::create))
        .route("/habits/", get(habits::list).post(habits::create))
        .route("/habits/new", get(habit_form_page::new_form))
        .route("/habits/preview", get(habit_preview::preview))
        .route(
            "/habits/{id}",
            get(habit_page::show)
                .put(habits::update)
                .patch(habits::update)
                .post(habits::update)
                .delete(habits::delete),
        )
        .route("/habits/{id}/edit", get(habit_form_page::edit_form))
        .route("/habits/{id}/delete", post(habits::delete))
        .route("/habits/{id}/archive", post(habits::archive))
        .route("/habits/{id}/unarchive", post(habits::unarchive))
        .route(
            "/habits/{id}/checkins",
            get(checkins::list).post(checkins::check_in),
        )
        .route("/habits/{id}/checkins/{date}", delete(checkins::undo))
        .route("/habits/{id}/checkins/{date}/delete", post(checkins::undo))
        .route(
            "/habits/{id}/pauses",
            get(pauses::list).post(pauses::create),
        )
        .route("/habits/{id}/pauses/{pause_id}", delete(pauses::delete))
        .route(
            "/habits/{id}/pauses/{pause_id}/delete",
            post(pauses::delete),
        )
        .route(
            "/settings/vacations",
            get(pauses::vacations).post(pauses::create_vacation),
        )
        .route("/settings/vacations/{id}", delete(pauses::delete_vacation))
        .route(
            "/settings/vacations/{id}/delete",
            post(pauses::delete_vacation),
        )
        .route(
            "/settings/reminders",
            get(reminders::show).post(reminders::update),
        )
        .route("/settings/reminders/test", post(reminders::send_test))
        .route("/settings/reminders/push", post(reminders::subscribe))
        .route(
            "/settings/reminders/push/delete",
            post(reminders::unsubscribe),
        )
        .route("/settings/tokens", get(tokens::list).post(tokens::create))
        .route("/settings/tokens/{id}", delete(tokens::revoke))
        .route("/settings/tokens/{id}/delete", post(tokens::revoke))
        .route(
            "/settings/calendar",
            post(calendar::rotate).delete(calendar::turn_off),
        )
        .route("/settings/calendar/delete", post(calendar::turn_off))
        .route("/calendar/{file}", get(calendar::feed))
        .route("/api/openapi.json", get(api_docs::openapi_json))
        .route("/api/docs", get(api_docs::docs))
        .route("/stats", get(stats::show))
        .route("/export", get(export::download))
        .route(
            body_limit::IMPORT_PATH,
            post(import::upload).layer(axum::extract::DefaultBodyLimit::max(
                body_limit::IMPORT_BODY_LIMIT,
            )),
        )
        .route("/settings/data", get(data_pages::show))
        .route(
            "/settings/delete",
            get(account_deletion::page_of).post(account_deletion::delete),
        )
        .route("/healthz/live", get(health::live))
        .route("/healthz/ready", get(health::ready))
        .route("/static/{file}", get(assets::serve))
        .route("/manifest.webmanifest", get(app_shell::manifest))
        .route("/sw.js", get(app_shell::service_worker))
        .route("/offline", get(app_shell::offline))
        .fallback(|| async { AppError::NotFound("error-page-not-found".into()) })
        .with_state(state)
}

pub fn with_layers(routes: Router, state: &AppState) -> Router {
    layers::apply(routes, state)
}
