//! The request limit per client address (`HABITFLOW_CLIENT_REQUESTS_PER_MINUTE`,
//! docs/security.md, request floods). It runs before the UI session, the
//! sign-in session, CSRF and the body, so a refused request costs a map
//! lookup and a short 429 with `Retry-After`, and a flood from one address
//! leaves the CPU to everyone else.
//!
//! The 429 is held back for a second (as nginx's `limit_req` queues excess
//! requests): a flooding client that waits for its answers — most tools and
//! scripts do — then sends a request a second per connection instead of as
//! many as the server can refuse. At most `HELD_REFUSALS` wait at once, so a
//! client that does not wait gets its refusals at once and holds no memory.
use super::client::request_client_ip;
use super::client_limiter::{ClientDecision, ClientLimiter};
use super::error::AppError;
use super::state::AppState;
use crate::app::limits::ClientKey;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// How long a refusal is held back.
const REFUSAL_DELAY: Duration = Duration::from_secs(1);
/// The most refusals held back at once, a few MiB at most.
const HELD_REFUSALS: usize = 256;

/// What the layer needs: the counters, and the state for the trusted
/// proxies and the metrics.
#[derive(Clone)]
pub struct ClientLimit {
    limiter: Arc<ClientLimiter>,
    held: Arc<Semaphore>,
    state: AppState,
}

impl ClientLimit {
    pub fn new(per_minute: NonZeroU32, state: AppState) -> Self {
        Self {
            limiter: Arc::new(ClientLimiter::new(per_minute)),
            held: Arc::new(Semaphore::new(HELD_REFUSALS)),
            state,
        }
    }
}

/// Marks the answer to a refused request, which the access log leaves out: at
/// the default `info` level a line per refused request would be most of what
/// refusing costs, and would fill the disk during a flood.
#[derive(Debug, Clone, Copy)]
pub struct RefusedClient;

pub async fn limit_clients(
    State(limit): State<ClientLimit>,
    request: Request,
    next: Next,
) -> Response {
    let ip = request_client_ip(
        request.extensions(),
        request.headers(),
        &limit.state.web.trusted_proxies,
    );
    match limit.limiter.hit(ClientKey::of(ip), Instant::now()) {
        ClientDecision::Allowed => next.run(request).await,
        ClientDecision::Refused { retry_after, first } => {
            // Once per flood, not once per refused request (see `RefusedClient`).
            if first {
                tracing::warn!(
                    target: "habitflow::auth",
                    event = "rate_limited",
                    limit = "client",
                    "rate limit hit"
                );
            }
            limit.state.services.metrics.rate_limited("client");
            if let Ok(_place) = limit.held.try_acquire() {
                tokio::time::sleep(REFUSAL_DELAY).await;
            }
            let mut response = AppError::RateLimited { retry_after }.into_response();
            response.extensions_mut().insert(RefusedClient);
            response
        }
    }
}
