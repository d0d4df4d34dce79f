//! The languages HabitFlow speaks and how a request picks one.

/// A supported interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    En,
    Ru,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Ru];

    /// The stored and `<html lang>` code.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// The language named in itself, as the switch offers it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Ru => "Русский",
        }
    }

    /// A stored user setting; anything unknown reads as English.
    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|language| language.code() == code)
            .unwrap_or_default()
    }

    /// The best match for an `Accept-Language` header: the supported language
    /// with the highest quality, the earlier one on a tie, English when none.
    pub fn negotiate(accept_language: &str) -> Self {
        let mut best: Option<(f32, Language)> = None;
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            let language = match primary.as_str() {
                "en" => Language::En,
                "ru" => Language::Ru,
                _ => continue,
            };
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, language));
            }
        }
        best.map_or(Language::En, |(_, language)| language)
    }
}

#[cfg(test)]
mod tests {
    use super::Language::{self, En, Ru};

    #[test]
    fn accept_language_picks_the_preferred_supported_language() {
        let cases = [
            ("", En),
            ("ru", Ru),
            ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", Ru),
            ("en-GB,en;q=0.9,ru;q=0.8", En),
            ("de-DE,de;q=0.9,ru;q=0.5,en;q=0.4", Ru),
            ("de, fr", En),
            ("en;q=0.2, RU;q=0.6", Ru),
            ("ru;q=0, en;q=0.1", En),
            ("*", En),
            ("ru;q=nonsense", Ru),
        ];
        for (header, expected) in cases {
            assert_eq!(Language::negotiate(header), expected, "{header:?}");
        }
    }

    #[test]
    fn stored_codes_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_code(language.code()), language);
        }
        assert_eq!(Language::from_code("xx"), En);
    }

    #[test]
    fn the_interface_speaks_exactly_the_languages_a_profile_accepts() {
        let codes: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, habitflow_domain::account::LANGUAGES);
    }
}
