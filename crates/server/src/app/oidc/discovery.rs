//! The provider's discovery document and signing keys, fetched lazily and
//! cached; a provider that does not answer is retried after a minute.
use super::{DISCOVERY_CACHE, OidcProviders, Provider, RETRY_AFTER_FAILURE, upstream};
use crate::app::error::AppError;
use jsonwebtoken::jwk::JwkSet;
use serde::Deserialize;
use std::time::Instant;

#[derive(Debug, Clone, Deserialize)]
pub(super) struct Discovery {
    pub(super) issuer: String,
    pub(super) authorization_endpoint: String,
    pub(super) token_endpoint: String,
    pub(super) jwks_uri: String,
}

#[derive(Default)]
pub(super) struct Cache {
    pub(super) discovery: Option<(Discovery, Instant)>,
    pub(super) failed_at: Option<Instant>,
    pub(super) keys: Option<JwkSet>,
}

impl OidcProviders {
    pub(super) async fn discovery(&self, provider: &Provider) -> Result<Discovery, AppError> {
        {
            let cache = provider
                .cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((discovery, at)) = &cache.discovery
                && at.elapsed() < DISCOVERY_CACHE
            {
                return Ok(discovery.clone());
            }
            if cache
                .failed_at
                .is_some_and(|at| at.elapsed() < RETRY_AFTER_FAILURE)
            {
                return Err(upstream("oidc-unreachable"));
            }
        }
        let url = format!(
            "{}/.well-known/openid-configuration",
            provider.settings.issuer
        );
        let fetched = self
            .http
            .get_json(&url)
            .await
            .and_then(|json| {
                serde_json::from_value::<Discovery>(json)
                    .map_err(|e| format!("bad discovery document: {e}"))
            })
            .and_then(|d| {
                if d.issuer.trim_end_matches('/') == provider.settings.issuer {
                    Ok(d)
                } else {
                    Err("the discovery document names another issuer".into())
                }
            });
        let mut cache = provider
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match fetched {
            Ok(discovery) => {
                cache.discovery = Some((discovery.clone(), Instant::now()));
                cache.failed_at = None;
                Ok(discovery)
            }
            Err(error) => {
                cache.failed_at = Some(Instant::now());
                tracing::warn!(target: "habitflow::auth", provider = %provider.settings.id, %error, "provider discovery failed");
                Err(upstream("oidc-unreachable"))
            }
        }
    }

    pub(super) async fn keys(
        &self,
        provider: &Provider,
        discovery: &Discovery,
        refresh: bool,
    ) -> Result<JwkSet, AppError> {
        if !refresh
            && let Some(keys) = provider
                .cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .keys
                .clone()
        {
            return Ok(keys);
        }
        let json = self
            .http
            .get_json(&discovery.jwks_uri)
            .await
            .map_err(|_| upstream("oidc-keys-unavailable"))?;
        let keys: JwkSet =
            serde_json::from_value(json).map_err(|_| upstream("oidc-keys-malformed"))?;
        provider
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .keys = Some(keys.clone());
        Ok(keys)
    }
}
