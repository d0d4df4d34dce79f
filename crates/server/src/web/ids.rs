//! Ids in the path, typed: `HabitId`, `TaskId`, `ThemeId`, `IdentityId`,
//! `PauseId`, `VacationId`, `TokenId`, `SessionKey` and `ResetToken`. A malformed id answers exactly as a missing
//! record does (404, worded for the kind of record), so handlers only ever see
//! a well-formed id.
use super::AppError;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use std::marker::PhantomData;
use uuid::Uuid;

/// A kind of record addressed by `{id}` in the path.
pub trait Record {
    /// Catalog key of the "not found" message.
    const NOT_FOUND: &'static str;
    /// The path parameter that holds the id.
    const PARAM: &'static str = "id";
}

pub enum Habit {}
pub enum Task {}
pub enum Theme {}
pub enum Identity {}
pub enum Pause {}
pub enum Vacation {}
pub enum Token {}

impl Record for Habit {
    const NOT_FOUND: &'static str = "error-habit-not-found";
}
impl Record for Task {
    const NOT_FOUND: &'static str = "error-task-not-found";
}
impl Record for Theme {
    const NOT_FOUND: &'static str = "error-theme-not-found";
}
impl Record for Identity {
    const NOT_FOUND: &'static str = "error-identity-not-found";
}
/// A habit's pause, in `/habits/{id}/pauses/{pause_id}`.
impl Record for Pause {
    const NOT_FOUND: &'static str = "error-pause-not-found";
    const PARAM: &'static str = "pause_id";
}
impl Record for Vacation {
    const NOT_FOUND: &'static str = "error-vacation-not-found";
}
impl Record for Token {
    const NOT_FOUND: &'static str = "error-token-not-found";
}

/// The id of the path (`{id}`, or the record's own parameter), for a record of kind `R`.
pub struct PathId<R>(Uuid, PhantomData<R>);

pub type HabitId = PathId<Habit>;
pub type TaskId = PathId<Task>;
pub type ThemeId = PathId<Theme>;
pub type IdentityId = PathId<Identity>;
pub type PauseId = PathId<Pause>;
pub type VacationId = PathId<Vacation>;
pub type TokenId = PathId<Token>;

impl<R> PathId<R> {
    pub fn uuid(&self) -> Uuid {
        self.0
    }
}

impl<R: Record, S: Send + Sync> FromRequestParts<S> for PathId<R> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let id = path_param(parts, state, R::PARAM)
            .await
            .and_then(|raw| Uuid::parse_str(&raw).ok())
            .ok_or_else(|| AppError::NotFound(R::NOT_FOUND.into()))?;
        Ok(PathId(id, PhantomData))
    }
}

/// The `{id}` of a sign-in session on the sessions page: the SHA-256 (hex)
/// the session is stored under, never the cookie's token. Anything else is
/// the session's 404.
pub struct SessionKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for SessionKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_param(parts, state, "id")
            .await
            .filter(|raw| raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(SessionKey)
            .ok_or_else(|| AppError::NotFound("error-session-not-found".into()))
    }
}

/// The `{token}` of a password-reset link: 43 URL-safe base64 characters
/// (32 random bytes). Anything else is the invalid link's 404.
pub struct ResetToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ResetToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_param(parts, state, "token")
            .await
            .filter(|raw| {
                raw.len() == 43
                    && raw
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .map(ResetToken)
            .ok_or_else(|| AppError::NotFound("error-reset-link-invalid".into()))
    }
}

/// The `{date}` of a check-in's path; a malformed date names the field.
pub struct PathDate(pub Date);

impl<S: Send + Sync> FromRequestParts<S> for PathDate {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_param(parts, state, "date")
            .await
            .and_then(|raw| raw.trim().parse().ok())
            .map(PathDate)
            .ok_or_else(|| AppError::Validation(FieldErrors::single("date", "error-date")))
    }
}

async fn path_param<S: Send + Sync>(parts: &mut Parts, state: &S, name: &str) -> Option<String> {
    let params = RawPathParams::from_request_parts(parts, state).await.ok()?;
    params
        .iter()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}
