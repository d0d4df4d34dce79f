use super::state::AppState;
use crate::app::health::check_readiness;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Live {
    status: &'static str,
    /// Which build answers, so a rollout can be watched instance by instance.
    version: &'static str,
}

pub async fn live() -> Json<Live> {
    Json(Live {
        status: "ok",
        version: crate::VERSION,
    })
}

/// Whether this instance can serve: its database and (when configured) Redis.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Ready {
    checks: Checks,
    /// `ok`, or `degraded` with 503.
    status: &'static str,
}

#[derive(Serialize, utoipa::ToSchema)]
struct Checks {
    database: &'static str,
    redis: &'static str,
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Ready>) {
    let readiness = check_readiness(&state.services).await;
    let (status, word) = if readiness.is_ready() {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "degraded")
    };
    let body = Ready {
        checks: Checks {
            database: readiness.database.as_str(),
            redis: readiness.redis.as_str(),
        },
        status: word,
    };
    (status, Json(body))
}
