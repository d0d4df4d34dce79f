//! Reading environment variables: trimmed values, parsed with a message
//! that names the variable and what it accepts.
use super::ConfigError;
use std::collections::HashMap;

pub(super) struct Vars(pub(super) HashMap<String, String>);

impl Vars {
    /// A trimmed, non-empty value.
    pub(super) fn text(&self, name: &str) -> Option<String> {
        self.0
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    pub(super) fn parse<T>(
        &self,
        name: &'static str,
        default: T,
        accepted: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, ConfigError> {
        match self.text(name) {
            None => Ok(default),
            Some(value) => parse(&value).ok_or_else(|| self.invalid(name, &value, accepted)),
        }
    }

    pub(super) fn invalid(
        &self,
        variable: &'static str,
        value: &str,
        accepted: &str,
    ) -> ConfigError {
        ConfigError {
            variable,
            message: format!(
                "{:?} is not valid; expected {accepted}",
                super::redact_url(value)
            ),
        }
    }
}
