//! The HTTP client for OpenID Connect providers (discovery, keys, tokens).
use crate::app::ports::OidcHttp;
use async_trait::async_trait;
use std::time::Duration;

const RESPONSE_LIMIT: u64 = 256 * 1024;

#[derive(Clone)]
pub struct UreqOidcHttp {
    agent: ureq::Agent,
}

impl UreqOidcHttp {
    pub fn new(timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .new_agent();
        Self { agent }
    }
}

fn read(mut response: ureq::http::Response<ureq::Body>) -> Result<serde_json::Value, String> {
    let status = response.status();
    let body = response
        .body_mut()
        .with_config()
        .limit(RESPONSE_LIMIT)
        .read_to_vec()
        .map_err(|e| format!("cannot read the provider's answer: {e}"))?;
    let json: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| format!("the provider did not answer JSON: {e}"))?;
    if status.is_success() {
        Ok(json)
    } else {
        Err(format!("the provider answered {status}: {json}"))
    }
}

#[async_trait]
impl OidcHttp for UreqOidcHttp {
    async fn get_json(&self, url: &str) -> Result<serde_json::Value, String> {
        let (agent, url) = (self.agent.clone(), url.to_owned());
        tokio::task::spawn_blocking(move || {
            read(
                agent
                    .get(&url)
                    .call()
                    .map_err(|e| format!("provider unreachable: {e}"))?,
            )
        })
        .await
        .map_err(|e| format!("request task failed: {e}"))?
    }

    async fn post_form(
        &self,
        url: &str,
        form: &[(String, String)],
    ) -> Result<serde_json::Value, String> {
        let (agent, url, form) = (self.agent.clone(), url.to_owned(), form.to_vec());
        tokio::task::spawn_blocking(move || {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            read(
                agent
                    .post(&url)
                    .send_form(pairs)
                    .map_err(|e| format!("provider unreachable: {e}"))?,
            )
        })
        .await
        .map_err(|e| format!("request task failed: {e}"))?
    }
}
