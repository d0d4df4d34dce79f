//! OpenID Connect sign-in (docs/product.md#openid-connect): authorization code
//! flow with PKCE (S256), `state` and `nonce` kept by the caller for ten
//! minutes and used once, ID tokens checked against the provider's keys,
//! issuer, audience, expiry and nonce. Discovery and keys are fetched lazily
//! and cached; a provider that does not answer disables its button only.
mod discovery;
mod id_token;

use crate::app::error::AppError;
use crate::app::ports::OidcHttp;
use crate::config::OidcProviderSettings;
use base64::Engine;
use discovery::Cache;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use subtle::ConstantTimeEq;

/// How long a started sign-in may take.
pub const FLOW_LIFETIME_SECONDS: i64 = 600;
const DISCOVERY_CACHE: Duration = Duration::from_secs(3600);
/// After a failed discovery, the provider's button stays hidden this long.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(60);
struct Provider {
    settings: OidcProviderSettings,
    cache: Mutex<Cache>,
}

/// A sign-in in progress, kept in the UI session between start and callback.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PendingSignIn {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub next: String,
    /// Unix seconds.
    pub issued_at: i64,
}

/// What the provider's redirect brought back.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// A person the provider vouches for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedIdentity {
    pub provider_name: String,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
}
pub struct OidcProviders {
    providers: Vec<Provider>,
    http: Arc<dyn OidcHttp>,
    public_url: String,
}

fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

fn pkce_challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn upstream(key: &str) -> AppError {
    AppError::BadGateway(key.into())
}

fn refused(key: &str) -> AppError {
    AppError::BadRequest(key.into())
}

impl OidcProviders {
    pub fn new(
        settings: Vec<OidcProviderSettings>,
        http: Arc<dyn OidcHttp>,
        public_url: &str,
    ) -> Self {
        Self {
            providers: settings
                .into_iter()
                .map(|settings| Provider {
                    settings,
                    cache: Mutex::new(Cache::default()),
                })
                .collect(),
            http,
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    fn provider(&self, id: &str) -> Result<&Provider, AppError> {
        self.providers
            .iter()
            .find(|p| p.settings.id == id)
            .ok_or_else(|| AppError::NotFound("oidc-no-provider".into()))
    }

    fn redirect_uri(&self, provider: &Provider) -> String {
        format!(
            "{}/auth/oidc/{}/callback",
            self.public_url, provider.settings.id
        )
    }

    /// `scheme://host[:port]` of every configured issuer, for the CSP.
    pub fn origins(&self) -> Vec<String> {
        self.providers
            .iter()
            .map(|p| {
                let issuer = &p.settings.issuer;
                let after = issuer.find("://").map_or(0, |i| i + 3);
                issuer[..issuer[after..]
                    .find('/')
                    .map_or(issuer.len(), |i| after + i)]
                    .to_owned()
            })
            .collect()
    }
    /// The providers whose discovery answers (checked lazily, cached).
    pub async fn available(&self) -> Vec<(String, String)> {
        let mut available = Vec::new();
        for provider in &self.providers {
            if self.discovery(provider).await.is_ok() {
                available.push((provider.settings.id.clone(), provider.settings.name.clone()));
            }
        }
        available
    }

    /// The provider's authorization URL and the state to keep until the callback.
    pub async fn begin(
        &self,
        id: &str,
        next: String,
        now_seconds: i64,
    ) -> Result<(String, PendingSignIn), AppError> {
        let provider = self.provider(id)?;
        let discovery = self.discovery(provider).await?;
        let pending = PendingSignIn {
            provider: id.to_owned(),
            state: random_token()?,
            nonce: random_token()?,
            verifier: random_token()?,
            next,
            issued_at: now_seconds,
        };
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("response_type", "code")
            .append_pair("client_id", &provider.settings.client_id)
            .append_pair("redirect_uri", &self.redirect_uri(provider))
            .append_pair("scope", "openid email profile")
            .append_pair("state", &pending.state)
            .append_pair("nonce", &pending.nonce)
            .append_pair("code_challenge", &pkce_challenge(&pending.verifier))
            .append_pair("code_challenge_method", "S256")
            .finish();
        let separator = if discovery.authorization_endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        Ok((
            format!("{}{separator}{query}", discovery.authorization_endpoint),
            pending,
        ))
    }

    /// Checks the callback against the pending sign-in, redeems the code and
    /// validates the ID token.
    pub async fn finish(
        &self,
        id: &str,
        pending: Option<PendingSignIn>,
        callback: Callback,
        now_seconds: i64,
    ) -> Result<VerifiedIdentity, AppError> {
        let provider = self.provider(id)?;
        if let Some(error) = &callback.error {
            return Err(refused(if error == "access_denied" {
                "oidc-cancelled"
            } else {
                "oidc-failed"
            }));
        }
        let expired = "oidc-expired";
        let pending = pending.ok_or_else(|| refused(expired))?;
        let given_state = callback.state.unwrap_or_default();
        let state_matches = bool::from(given_state.as_bytes().ct_eq(pending.state.as_bytes()));
        if !state_matches
            || pending.provider != id
            || now_seconds - pending.issued_at > FLOW_LIFETIME_SECONDS
            || now_seconds < pending.issued_at
        {
            return Err(refused(expired));
        }
        let code = callback
            .code
            .filter(|c| !c.is_empty())
            .ok_or_else(|| refused(expired))?;
        let discovery = self.discovery(provider).await?;
        let form = vec![
            ("grant_type".to_owned(), "authorization_code".to_owned()),
            ("code".to_owned(), code),
            ("redirect_uri".to_owned(), self.redirect_uri(provider)),
            ("client_id".to_owned(), provider.settings.client_id.clone()),
            (
                "client_secret".to_owned(),
                provider.settings.client_secret.expose().to_owned(),
            ),
            ("code_verifier".to_owned(), pending.verifier.clone()),
        ];
        let tokens = self.http.post_form(&discovery.token_endpoint, &form).await.map_err(|error| {
            tracing::warn!(target: "habitflow::auth", provider = %id, %error, "token exchange failed");
            upstream("oidc-no-answer")
        })?;
        let id_token = tokens
            .get("id_token")
            .and_then(|t| t.as_str())
            .ok_or_else(|| upstream("oidc-no-id-token"))?;
        let claims = self
            .validate(provider, &discovery, id_token, &pending.nonce)
            .await?;
        Ok(VerifiedIdentity {
            provider_name: provider.settings.name.clone(),
            issuer: provider.settings.issuer.clone(),
            subject: claims.sub,
            email: claims.email.map(|e| e.trim().to_lowercase()),
            email_verified: match claims.email_verified {
                Some(serde_json::Value::Bool(verified)) => verified,
                Some(serde_json::Value::String(text)) => text == "true",
                _ => false,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::pkce_challenge;

    #[test]
    fn pkce_s256_matches_rfc_7636() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
