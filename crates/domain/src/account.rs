//! Account rules (docs/product.md#accounts): email, password, profile fields.
use crate::message::Message;
use crate::text::too_long;
use crate::validation::FieldErrors;
use std::collections::HashSet;
use std::sync::LazyLock;

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const DISPLAY_NAME_MAX_CHARS: usize = 64;
pub const LANGUAGES: [&str; 2] = ["en", "ru"];

/// The bundled list of the 10,000 most common passwords (see data/NOTICE.md).
static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .collect()
});

/// Refuses an email address longer than any valid one, before it is lower-cased,
/// counted or stored anywhere (docs/security.md, rate-limit keys).
pub fn check_email_length(raw: &str) -> Result<(), Message> {
    if raw.trim().chars().nth(EMAIL_MAX_CHARS).is_some() {
        return Err(Message::new("error-email-too-long").with("max", EMAIL_MAX_CHARS));
    }
    Ok(())
}

/// Refuses a password longer than any that can be set, before Argon2 sees it
/// (docs/security.md, passwords).
pub fn check_password_length(password: &str) -> Result<(), Message> {
    if password.chars().nth(PASSWORD_MAX_CHARS).is_some() {
        return Err(too_long(PASSWORD_MAX_CHARS));
    }
    Ok(())
}

/// Trims and lower-cases an email address and checks its shape.
pub fn normalize_email(raw: &str) -> Result<String, Message> {
    check_email_length(raw)?;
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(Message::new("error-email-empty"));
    }
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && email.chars().all(|c| !c.is_whitespace() && !c.is_control())
    });
    if valid {
        Ok(email)
    } else {
        Err(Message::new("error-email-invalid"))
    }
}

/// Checks a new password: length in code points and not a common password.
pub fn check_new_password(password: &str) -> Result<(), Message> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        return Err(Message::new("error-too-short").with("min", PASSWORD_MIN_CHARS));
    }
    if length > PASSWORD_MAX_CHARS {
        return Err(too_long(PASSWORD_MAX_CHARS));
    }
    if COMMON_PASSWORDS.contains(password)
        || COMMON_PASSWORDS.contains(password.to_lowercase().as_str())
    {
        return Err(Message::new("error-password-common"));
    }
    Ok(())
}

/// A validated profile: display name, IANA time zone, day-start hour, language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInput {
    pub display_name: String,
    pub time_zone: String,
    pub day_start_hour: u8,
    pub language: String,
}

impl ProfileInput {
    /// Validates raw form or JSON values, naming each wrong field.
    pub fn parse(
        display_name: &str,
        time_zone: &str,
        day_start_hour: i64,
        language: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let display_name = display_name.trim();
        if display_name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            errors.add("display_name", too_long(DISPLAY_NAME_MAX_CHARS));
        } else if display_name.chars().any(char::is_control) {
            errors.add("display_name", "error-hidden-characters");
        }
        let time_zone = time_zone.trim();
        if crate::local_date::time_zone(time_zone).is_none() {
            errors.add("time_zone", "error-time-zone");
        }
        let hour =
            crate::local_date::DayStartHour::new(u8::try_from(day_start_hour).unwrap_or(u8::MAX));
        if hour.is_none() {
            errors.add("day_start_hour", "error-day-start-hour");
        }
        if !LANGUAGES.contains(&language) {
            errors.add("language", "error-language");
        }
        errors.into_result(ProfileInput {
            display_name: display_name.to_owned(),
            time_zone: time_zone.to_owned(),
            day_start_hour: hour.map_or(0, |h| h.hour()),
            language: language.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lower_cased_and_checked() {
        assert_eq!(
            normalize_email("  Ada@Example.COM "),
            Ok("ada@example.com".into())
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "ada@@example.com",
            "ada@.example.com",
            "ada@example..com",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad:?}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(normalize_email(&long).is_err());
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert!(check_new_password("correct horse battery").is_ok());
        assert!(check_new_password("short").is_err());
        assert!(check_new_password(&"x".repeat(257)).is_err());
        assert!(
            check_new_password(&"é".repeat(8)).is_ok(),
            "length counts code points"
        );
        assert!(check_new_password("password").is_err());
        assert!(check_new_password("12345678").is_err());
        assert!(
            check_new_password("Password1").is_err() || check_new_password("password1").is_err()
        );
        assert_eq!(COMMON_PASSWORDS.len(), 10_000);
    }

    #[test]
    fn profiles_name_each_wrong_field() {
        let ok = ProfileInput::parse(" Ada ", "Europe/Berlin", 3, "ru").unwrap();
        assert_eq!((ok.display_name.as_str(), ok.day_start_hour), ("Ada", 3));
        let errors = ProfileInput::parse("x\u{7}", "Mars/Base", 6, "de").unwrap_err();
        for field in ["display_name", "time_zone", "day_start_hour", "language"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }
}
