//! The UI session (docs/product.md#sessions): one cookie, `habitflow_ui`, encrypted and
//! authenticated with the server key, holding only UI state — the CSRF token,
//! flash messages, the theme filter and a sign-in with an identity provider
//! in progress. It never authenticates anyone. It also knows which page it
//! serves and in which language, for the layout.
use super::language::RequestLanguage;
use super::state::AppState;
use crate::app::oidc::PendingSignIn;
use crate::app::oidc_accounts::PendingLink;
use crate::i18n::Language;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::PrivateCookieJar;
use axum_extra::extract::cookie::{Cookie, Key, SameSite};
use base64::Engine;
use habitflow_domain::message::Message;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex, MutexGuard};

pub const UI_COOKIE: &str = "habitflow_ui";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Flash {
    /// `success` or `error`.
    pub kind: String,
    pub message: Message,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
struct UiState {
    csrf: String,
    #[serde(default)]
    flash: Vec<Flash>,
    /// The sidebar's theme filter.
    #[serde(default)]
    theme: Option<uuid::Uuid>,
    /// A sign-in with an identity provider in progress.
    #[serde(default)]
    oidc: Option<PendingSignIn>,
    /// An identity waiting for its account's owner to confirm the link.
    #[serde(default)]
    link: Option<PendingLink>,
    /// The signed-in user's language, so pages answered before (or without)
    /// a session lookup — a refused form, an unknown address — speak it too.
    #[serde(default)]
    language: Option<String>,
}

struct Inner {
    state: UiState,
    changed: bool,
    language: RequestLanguage,
    path: String,
}

/// The request's UI session; changes are written back to the cookie.
#[derive(Clone)]
pub struct UiSession(Arc<Mutex<Inner>>);

impl UiSession {
    fn new(loaded: Option<UiState>, language: RequestLanguage, path: String) -> Self {
        let changed = loaded.is_none();
        if let Some(code) = loaded.as_ref().and_then(|state| state.language.as_deref()) {
            language.set(Language::from_code(code));
        }
        let state = loaded.unwrap_or_else(|| UiState {
            csrf: new_csrf_token(),
            ..UiState::default()
        });
        Self(Arc::new(Mutex::new(Inner {
            state,
            changed,
            language,
            path,
        })))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The language of this request (the user's setting once signed in).
    pub fn tr(&self) -> crate::i18n::Tr {
        self.lock().language.tr()
    }

    /// The signed-in user's language: used for this request and remembered.
    pub fn set_language(&self, language: Language) {
        let mut inner = self.lock();
        inner.language.set(language);
        if inner.state.language.as_deref() != Some(language.code()) {
            inner.state.language = Some(language.code().to_owned());
            inner.changed = true;
        }
    }

    /// The path and query of the page being served.
    pub fn path(&self) -> String {
        self.lock().path.clone()
    }

    pub fn csrf_token(&self) -> String {
        self.lock().state.csrf.clone()
    }

    /// `user_id` signed in: a new CSRF token, and a pending link survives only
    /// when it was made for this user and is still young — so a link waiting
    /// for the owner who signs in with the password next keeps working, and
    /// nobody else's sign-in on a shared browser inherits it
    /// (docs/security.md, OpenID Connect).
    pub fn signed_in(&self, user_id: uuid::Uuid, now_seconds: i64) {
        let mut inner = self.lock();
        inner.state.csrf = new_csrf_token();
        if let Some(link) = &inner.state.link
            && !link.usable_by(user_id, now_seconds)
        {
            inner.state.link = None;
        }
        inner.changed = true;
    }

    /// Signed out: a new CSRF token and no pending link.
    pub fn signed_out(&self) {
        let mut inner = self.lock();
        inner.state.csrf = new_csrf_token();
        inner.state.link = None;
        inner.changed = true;
    }

    /// A message for the next page, worded when it is shown (so a change of
    /// language in between is respected).
    pub fn flash(&self, kind: &str, message: impl Into<Message>) {
        let mut inner = self.lock();
        inner.state.flash.push(Flash {
            kind: kind.into(),
            message: message.into(),
        });
        inner.changed = true;
    }

    pub fn theme_filter(&self) -> Option<uuid::Uuid> {
        self.lock().state.theme
    }

    pub fn set_theme_filter(&self, theme: Option<uuid::Uuid>) {
        let mut inner = self.lock();
        if inner.state.theme != theme {
            inner.state.theme = theme;
            inner.changed = true;
        }
    }

    pub fn set_pending_sign_in(&self, pending: PendingSignIn) {
        let mut inner = self.lock();
        inner.state.oidc = Some(pending);
        inner.changed = true;
    }

    /// The sign-in in progress, removed so it can be used once only.
    pub fn take_pending_sign_in(&self) -> Option<PendingSignIn> {
        let mut inner = self.lock();
        let pending = inner.state.oidc.take();
        inner.changed |= pending.is_some();
        pending
    }

    pub fn set_pending_link(&self, link: Option<PendingLink>) {
        let mut inner = self.lock();
        inner.state.link = link;
        inner.changed = true;
    }

    pub fn pending_link(&self) -> Option<PendingLink> {
        self.lock().state.link.clone()
    }

    /// The pending flash messages, removed from the session.
    pub fn take_flashes(&self) -> Vec<Flash> {
        let mut inner = self.lock();
        if inner.state.flash.is_empty() {
            return Vec::new();
        }
        inner.changed = true;
        std::mem::take(&mut inner.state.flash)
    }
}

fn new_csrf_token() -> String {
    let mut bytes = [0u8; 32];
    // A failing system RNG leaves a token no request can match; every form then fails closed.
    if getrandom::fill(&mut bytes).is_err() {
        return String::from("unavailable");
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn cookie_key(state: &AppState) -> Key {
    Key::from(&state.web.cookie_key)
}

/// Loads the UI session for the request and writes it back when it changed.
pub async fn ui_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let jar = PrivateCookieJar::from_headers(request.headers(), cookie_key(&state));
    let loaded = jar
        .get(UI_COOKIE)
        .and_then(|cookie| serde_json::from_str::<UiState>(cookie.value()).ok())
        .filter(|state| !state.csrf.is_empty());
    let language = request
        .extensions()
        .get::<RequestLanguage>()
        .cloned()
        .unwrap_or_else(|| RequestLanguage::from_headers(request.headers()));
    let path = request
        .uri()
        .path_and_query()
        .map_or_else(|| String::from("/"), |pq| pq.as_str().to_owned());
    let session = UiSession::new(loaded, language, path);
    request.extensions_mut().insert(session.clone());
    let response = next.run(request).await;
    let inner = session.lock();
    if !inner.changed {
        drop(inner);
        return response;
    }
    let Ok(value) = serde_json::to_string(&inner.state) else {
        drop(inner);
        return response;
    };
    drop(inner);
    let cookie = Cookie::build((UI_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(state.web.https)
        .build();
    (jar.add(cookie), response).into_response()
}

impl<S: Send + Sync> FromRequestParts<S> for UiSession {
    type Rejection = super::AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<UiSession>()
            .cloned()
            .ok_or_else(|| super::AppError::Internal("the UI session layer is missing".into()))
    }
}
