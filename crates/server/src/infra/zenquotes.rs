//! The ZenQuotes-format HTTP client: a timeout on the whole call and a cap on
//! the response size; any non-2xx status or malformed body is an error.
use crate::app::ports::QuoteSource;
use crate::app::quotes::ZenQuote;
use async_trait::async_trait;
use std::time::Duration;

pub const RESPONSE_LIMIT: u64 = 1024 * 1024;

pub struct ZenQuotesClient {
    url: String,
    agent: ureq::Agent,
}

impl ZenQuotesClient {
    pub fn new(url: &str, timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(3)
            .build()
            .new_agent();
        Self {
            url: url.to_owned(),
            agent,
        }
    }

    fn fetch_blocking(&self) -> Result<Vec<ZenQuote>, String> {
        let mut response = self
            .agent
            .get(&self.url)
            .call()
            .map_err(|e| format!("request failed: {e}"))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("the quotes API answered {status}"));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(RESPONSE_LIMIT)
            .read_to_vec()
            .map_err(|e| format!("cannot read the response: {e}"))?;
        serde_json::from_slice(&body).map_err(|e| format!("not a ZenQuotes array: {e}"))
    }
}

#[async_trait]
impl QuoteSource for ZenQuotesClient {
    async fn fetch(&self) -> Result<Vec<ZenQuote>, String> {
        let client = Self {
            url: self.url.clone(),
            agent: self.agent.clone(),
        };
        tokio::task::spawn_blocking(move || client.fetch_blocking())
            .await
            .map_err(|e| format!("fetch task failed: {e}"))?
    }
}
