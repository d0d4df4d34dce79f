//! Serving on an already-bound listener: HTTP/1.1 with a header-read timeout,
//! the client's socket address for each request, and graceful shutdown.
use crate::web;
use crate::web::AppState;
use axum::Router;
use axum::serve::Listener;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

/// In-flight requests get this long to finish after a shutdown signal.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// Serves the app until `shutdown` is cancelled, then drains in-flight requests.
/// A connection that does not send a whole request head within
/// `header_timeout` is closed (docs/security.md, slow clients). Once
/// `draining` is cancelled (before `shutdown`), the health checks answer 503
/// and every answer closes its connection, so a load balancer moves its
/// traffic to the other instances while this one still serves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: CancellationToken,
    draining: CancellationToken,
    header_timeout: Duration,
) -> std::io::Result<()> {
    let router = web::router(state).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let draining = draining.clone();
            async move { drain(draining.is_cancelled(), request, next).await }
        },
    ));
    serve_router(listener, router, shutdown, header_timeout).await
}

/// While draining: 503 from the health checks, `Connection: close` on every answer.
async fn drain(
    draining: bool,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if !draining {
        return next.run(request).await;
    }
    let health = request.uri().path().starts_with("/healthz/");
    let mut response = if health {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({"status": "draining"})),
        )
            .into_response()
    } else {
        next.run(request).await
    };
    response.headers_mut().insert(
        axum::http::header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    response
}

/// Cancels `shutdown` `delay` after `draining` is cancelled.
pub fn shut_down_after(draining: CancellationToken, shutdown: CancellationToken, delay: Duration) {
    tokio::spawn(async move {
        draining.cancelled().await;
        if !delay.is_zero() {
            tracing::info!(
                delay_seconds = delay.as_secs(),
                "draining: health checks answer 503 until the listener closes"
            );
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                () = shutdown.cancelled() => {}
            }
        }
        shutdown.cancel();
    });
}

/// Serves `/metrics` alone on its own listener until `shutdown` is cancelled.
pub async fn serve_metrics(
    listener: TcpListener,
    state: AppState,
    shutdown: CancellationToken,
    header_timeout: Duration,
) -> std::io::Result<()> {
    serve_router(
        listener,
        web::metrics::router(state),
        shutdown,
        header_timeout,
    )
    .await
}

/// Accepts connections until `shutdown`, each served on its own task, then
/// waits up to [`DRAIN_TIMEOUT`] for the open ones to finish their requests.
/// `axum::serve` cannot be given a header-read timeout, hence hyper directly.
async fn serve_router(
    mut listener: TcpListener,
    router: Router,
    shutdown: CancellationToken,
    header_timeout: Duration,
) -> std::io::Result<()> {
    let mut http = http1::Builder::new();
    // Without a timer hyper silently ignores the timeout.
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let connections = GracefulShutdown::new();
    loop {
        // axum's `Listener` retries accept errors (e.g. too many open files)
        // after a pause instead of ending the server.
        let (stream, peer) = tokio::select! {
            accepted = Listener::accept(&mut listener) => accepted,
            () = shutdown.cancelled() => break,
        };
        let Ok(service) = make_service.clone().oneshot(peer).await;
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = connections.shutdown() => {}
        () = tokio::time::sleep(DRAIN_TIMEOUT) => {
            tracing::warn!("in-flight requests did not finish within {DRAIN_TIMEOUT:?}; stopping anyway");
        }
    }
    Ok(())
}

/// Cancels the token on SIGINT or SIGTERM.
pub fn cancel_on_signal(token: CancellationToken) {
    tokio::spawn(async move {
        let interrupt = tokio::signal::ctrl_c();
        #[cfg(unix)]
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(error) => {
                    tracing::error!(%error, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await;
                }
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            _ = interrupt => {},
            () = terminate => {},
        }
        tracing::info!("shutdown signal received; finishing in-flight requests");
        token.cancel();
    });
}
