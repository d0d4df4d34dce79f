use crate::app::AppState;
use crate::app::health::check_readiness;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

pub async fn live() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let readiness = check_readiness(&state).await;
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
