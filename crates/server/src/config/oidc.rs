//! Identity providers from the environment.
use super::vars::Vars;
use super::{ConfigError, OidcProviderSettings, Secret};

/// Google from `HABITFLOW_GOOGLE_CLIENT_ID`/`_SECRET`; any other provider listed
/// in `HABITFLOW_OIDC_PROVIDERS=id,…` with `HABITFLOW_OIDC_<ID>_ISSUER`,
/// `_CLIENT_ID`, `_CLIENT_SECRET` and optionally `_NAME`.
pub(super) fn oidc_providers(env: &Vars) -> Result<Vec<OidcProviderSettings>, ConfigError> {
    let mut providers = Vec::new();
    if let Some(client_id) = env.text("HABITFLOW_GOOGLE_CLIENT_ID") {
        let client_secret = env
            .text("HABITFLOW_GOOGLE_CLIENT_SECRET")
            .ok_or(ConfigError {
                variable: "HABITFLOW_GOOGLE_CLIENT_SECRET",
                message: "is required with HABITFLOW_GOOGLE_CLIENT_ID".into(),
            })?;
        providers.push(OidcProviderSettings {
            id: "google".into(),
            name: "Google".into(),
            issuer: "https://accounts.google.com".into(),
            client_id,
            client_secret: Secret(client_secret),
        });
    }
    for id in env
        .text("HABITFLOW_OIDC_PROVIDERS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !id.chars().all(|c| c.is_ascii_alphanumeric()) || id == "google" {
            return Err(env.invalid(
                "HABITFLOW_OIDC_PROVIDERS",
                id,
                "provider ids of letters and digits, other than google",
            ));
        }
        let key = id.to_ascii_uppercase();
        let required = |suffix: &str| -> Result<String, ConfigError> {
            let name = format!("HABITFLOW_OIDC_{key}_{suffix}");
            env.text(&name).ok_or_else(|| ConfigError {
                variable: "HABITFLOW_OIDC_PROVIDERS",
                message: format!("provider {id:?} needs {name}"),
            })
        };
        let issuer = required("ISSUER")?;
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            return Err(ConfigError {
                variable: "HABITFLOW_OIDC_PROVIDERS",
                message: format!("the issuer of {id:?} must be an http(s) URL"),
            });
        }
        providers.push(OidcProviderSettings {
            id: id.to_ascii_lowercase(),
            name: env
                .text(&format!("HABITFLOW_OIDC_{key}_NAME"))
                .unwrap_or_else(|| id.to_owned()),
            issuer: issuer.trim_end_matches('/').to_owned(),
            client_id: required("CLIENT_ID")?,
            client_secret: Secret(required("CLIENT_SECRET")?),
        });
    }
    Ok(providers)
}
