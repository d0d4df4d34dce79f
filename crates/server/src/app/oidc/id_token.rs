//! Checking an ID token: signature against the provider's keys, issuer,
//! audience, expiry and the nonce of the sign-in.
use super::discovery::Discovery;
use super::{OidcProviders, Provider, refused};
use crate::app::error::AppError;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use subtle::ConstantTimeEq;

#[derive(Deserialize)]
pub(super) struct IdClaims {
    pub(super) sub: String,
    pub(super) email: Option<String>,
    #[serde(default)]
    pub(super) email_verified: Option<serde_json::Value>,
    pub(super) nonce: Option<String>,
}

impl OidcProviders {
    pub(super) async fn validate(
        &self,
        provider: &Provider,
        discovery: &Discovery,
        token: &str,
        nonce: &str,
    ) -> Result<IdClaims, AppError> {
        let invalid = || refused("oidc-unverified");
        let header = jsonwebtoken::decode_header(token).map_err(|_| invalid())?;
        if header.alg != Algorithm::RS256 {
            return Err(invalid());
        }
        let kid = header.kid.ok_or_else(invalid)?;
        let mut keys = self.keys(provider, discovery, false).await?;
        if keys.find(&kid).is_none() {
            // Keys rotate: look once more before giving up.
            keys = self.keys(provider, discovery, true).await?;
        }
        let key = keys
            .find(&kid)
            .and_then(|jwk| DecodingKey::from_jwk(jwk).ok())
            .ok_or_else(invalid)?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[provider.settings.issuer.as_str(), discovery.issuer.as_str()]);
        validation.set_audience(&[provider.settings.client_id.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 60;
        let claims = jsonwebtoken::decode::<IdClaims>(token, &key, &validation)
            .map_err(|_| invalid())?
            .claims;
        let nonce_matches = claims
            .nonce
            .as_deref()
            .is_some_and(|n| bool::from(n.as_bytes().ct_eq(nonce.as_bytes())));
        if !nonce_matches {
            return Err(invalid());
        }
        Ok(claims)
    }
}
