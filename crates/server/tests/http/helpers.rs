use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response};
use habitflow::app::ports::KeyValueStore;
use habitflow::app::{AppState, WebSettings};
use habitflow::infra::redis::Redis;
use habitflow_testkit::TestDatabase;
use http_body_util::BodyExt;
use std::sync::Arc;
use tower::ServiceExt;

pub struct TestApp {
    pub database: TestDatabase,
    pub state: AppState,
}

impl TestApp {
    /// The app on a fresh SQLite database, without Redis.
    pub async fn sqlite() -> Self {
        Self::with(TestDatabase::sqlite().await, None).await
    }

    pub async fn with(database: TestDatabase, redis_url: Option<&str>) -> Self {
        let key_value = redis_url.map(|url| {
            Arc::new(Redis::new(url).expect("valid Redis URL")) as Arc<dyn KeyValueStore>
        });
        let state = AppState {
            store: database.shared_store(),
            key_value,
            web: Arc::new(WebSettings::default()),
        };
        Self { database, state }
    }

    pub fn router(&self) -> Router {
        habitflow::web::router(self.state.clone())
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> (Response<()>, String) {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("the router never fails");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("read body").to_bytes();
    (
        Response::from_parts(parts, ()),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

pub fn get(path: &str, accept: &str) -> Request<Body> {
    Request::get(path)
        .header("accept", accept)
        .body(Body::empty())
        .expect("valid request")
}

pub const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
pub const API: &str = "application/json";

pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}
