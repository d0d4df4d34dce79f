//! The sign-in cookie `habitflow_session`: an opaque token, nothing else.
use super::state::AppState;
use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

pub const SESSION_COOKIE: &str = "habitflow_session";

pub fn session_token(headers: &HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(SESSION_COOKIE)
        .map(|cookie| cookie.value().to_owned())
        .filter(|token| !token.is_empty())
}

pub fn has_session_cookie(headers: &HeaderMap) -> bool {
    session_token(headers).is_some()
}

pub fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    let max_age = cookie::time::Duration::seconds(
        i64::try_from(state.services.session_lifetime.max_age.as_secs()).unwrap_or(i64::MAX),
    );
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(state.web.https)
        .max_age(max_age)
        .build()
}

/// A cookie that makes the browser forget the sign-in cookie.
pub fn cleared_session_cookie(state: &AppState) -> Cookie<'static> {
    let mut cookie = session_cookie(state, String::new());
    cookie.make_removal();
    cookie
}
