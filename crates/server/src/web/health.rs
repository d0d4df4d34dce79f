use super::state::AppState;
use crate::app::health::check_readiness;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize)]
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

pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let readiness = check_readiness(&state.services).await;
    let (status, word) = if readiness.is_ready() {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "degraded")
    };
    let body = json!({
        "status": word,
        "checks": { "database": readiness.database.as_str(), "redis": readiness.redis.as_str() },
    });
    (status, Json(body))
}
