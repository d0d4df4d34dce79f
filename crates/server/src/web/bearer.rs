//! Bearer authentication (docs/security.md, API tokens): a request with
//! `Authorization: Bearer <token>` is signed in by the token alone. Its user
//! goes into the request's extensions, where `CurrentUser` finds it before
//! any cookie is read, and the CSRF check lets it pass: a browser never sends
//! this header by itself, so there is no ambient credential to ride on.
//! A bad token is 401 whatever cookie comes along; a `read` token may only
//! read.
use super::AppError;
use super::state::AppState;
use super::ui_session::UiSession;
use crate::app::accounts::Client;
use crate::app::tokens;
use crate::i18n::Language;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Marks a request signed in by a token, for the CSRF check.
#[derive(Debug, Clone, Copy)]
pub struct SignedInByToken;

/// The token of an `Authorization` header, when it uses the Bearer scheme
/// (any case); `Some("")` for a Bearer header without one.
fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?;
    let text = value.to_str().unwrap_or("");
    let (scheme, token) = text.split_once(' ').unwrap_or((text, ""));
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

pub async fn bearer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(token) = bearer_token(request.headers()) else {
        return next.run(request).await;
    };
    let (mut parts, body) = request.into_parts();
    let Ok(client) = Client::from_request_parts(&mut parts, &state).await;
    let found = match tokens::authenticate(&state.services, &token, &client.ip).await {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    let read_only = matches!(parts.method, Method::GET | Method::HEAD);
    if let crate::app::sessions::Credential::Token(token) = &found.credential
        && !token.scope.allows(read_only)
    {
        return AppError::Forbidden("error-token-read-only".into()).into_response();
    }
    if let Some(ui) = parts.extensions.get::<UiSession>() {
        ui.set_language(Language::from_code(&found.user.language));
    }
    parts.extensions.insert(found);
    parts.extensions.insert(SignedInByToken);
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::bearer_token;
    use axum::http::HeaderMap;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            value.parse().unwrap_or_else(|_| panic!("{value}")),
        );
        headers
    }

    #[test]
    fn only_the_bearer_scheme_carries_a_token() {
        assert_eq!(bearer_token(&headers("Bearer hf_x")), Some("hf_x".into()));
        assert_eq!(bearer_token(&headers("bearer  hf_x ")), Some("hf_x".into()));
        assert_eq!(bearer_token(&headers("Bearer")), Some(String::new()));
        assert_eq!(bearer_token(&headers("Basic YTpi")), None);
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
