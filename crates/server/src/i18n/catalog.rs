//! The message catalogs, parsed once from the Fluent files compiled into the
//! binary.
use super::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::LazyLock;

const ENGLISH: &str = include_str!("../../locales/en.ftl");
const RUSSIAN: &str = include_str!("../../locales/ru.ftl");

struct Catalog {
    bundle: FluentBundle<FluentResource>,
    keys: Vec<String>,
}

static CATALOGS: LazyLock<[Catalog; 2]> =
    LazyLock::new(|| [load(Language::En, ENGLISH), load(Language::Ru, RUSSIAN)]);

/// The catalogs are part of the binary: a syntax error is a build defect,
/// caught by the tests below before anything ships.
fn load(language: Language, text: &str) -> Catalog {
    let resource = FluentResource::try_new(text.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("{} catalog: {errors:?}", language.code()));
    let keys = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect();
    let locale = language
        .code()
        .parse()
        .unwrap_or_else(|_| panic!("{} is a language identifier", language.code()));
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Isolation marks would end up inside attributes and plain-text emails.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        panic!("{} catalog: {errors:?}", language.code());
    }
    Catalog { bundle, keys }
}

fn catalog(language: Language) -> &'static Catalog {
    &CATALOGS[match language {
        Language::En => 0,
        Language::Ru => 1,
    }]
}

/// The wording of `key`, or `None` when the catalog lacks it.
pub(super) fn format(language: Language, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = &catalog(language).bundle;
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned();
    if !errors.is_empty() {
        tracing::warn!(
            key,
            language = language.code(),
            ?errors,
            "message formatted with errors"
        );
    }
    Some(text)
}

/// Every message key of a language's catalog, in file order.
pub fn catalog_keys(language: Language) -> &'static [String] {
    &catalog(language).keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentValue;
    use std::collections::BTreeSet;

    #[test]
    fn the_newer_rules_read_as_sentences() {
        let text = |language, key, pairs: &[(&str, FluentValue<'static>)]| {
            let mut args = FluentArgs::new();
            for (name, value) in pairs {
                args.set(*name, value.clone());
            }
            format(language, key, Some(&args))
                .unwrap()
                .replace(['\u{2068}', '\u{2069}'], "")
        };
        let last_friday = [
            ("week", FluentValue::from(-1)),
            ("weekday", FluentValue::from("fri")),
            ("every", FluentValue::from(2)),
        ];
        assert_eq!(
            text(Language::En, "schedule-monthly-weekday", &last_friday),
            "The last Friday of every 2nd month"
        );
        assert_eq!(
            text(Language::Ru, "schedule-monthly-weekday", &last_friday),
            "В последнюю пятницу раз в 2 месяца"
        );
        let first_sunday = [
            ("week", FluentValue::from(1)),
            ("weekday", FluentValue::from("sun")),
            ("every", FluentValue::from(1)),
        ];
        assert_eq!(
            text(Language::Ru, "schedule-monthly-weekday", &first_sunday),
            "В первое воскресенье каждого месяца"
        );
        let three_a_week = [
            ("times", FluentValue::from(3)),
            ("period", FluentValue::from("week")),
            ("days", FluentValue::from(0)),
        ];
        assert_eq!(
            text(Language::En, "schedule-times-per-period", &three_a_week),
            "3 times a week"
        );
        assert_eq!(
            text(Language::Ru, "schedule-times-per-period", &three_a_week),
            "3 раза в неделю"
        );
        let summed = [
            ("times", FluentValue::from(0)),
            ("period", FluentValue::from("days")),
            ("days", FluentValue::from(10)),
        ];
        assert_eq!(
            text(Language::En, "schedule-times-per-period", &summed),
            "Every 10 days"
        );
        assert_eq!(
            text(Language::Ru, "schedule-times-per-period", &summed),
            "За 10 дней"
        );
    }

    #[test]
    fn both_catalogs_parse_and_have_the_same_keys() {
        let english: BTreeSet<_> = catalog_keys(Language::En).iter().collect();
        let russian: BTreeSet<_> = catalog_keys(Language::Ru).iter().collect();
        assert!(english.len() > 100, "only {} keys", english.len());
        let only_english: Vec<_> = english.difference(&russian).collect();
        let only_russian: Vec<_> = russian.difference(&english).collect();
        assert!(
            only_english.is_empty() && only_russian.is_empty(),
            "missing in ru: {only_english:?}; missing in en: {only_russian:?}"
        );
        assert_eq!(
            english.len(),
            catalog_keys(Language::En).len(),
            "duplicate en keys"
        );
        assert_eq!(
            russian.len(),
            catalog_keys(Language::Ru).len(),
            "duplicate ru keys"
        );
    }

    /// Every `$variable` either catalog mentions.
    fn variables() -> BTreeSet<String> {
        [ENGLISH, RUSSIAN]
            .iter()
            .flat_map(|text| text.split('$').skip(1))
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_message_formats_without_errors_in_both_languages() {
        for language in Language::ALL {
            let bundle = &catalog(language).bundle;
            for key in catalog_keys(language) {
                let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                    panic!("{key} has no value in {}", language.code());
                };
                let mut args = FluentArgs::new();
                for name in variables() {
                    args.set(name, 3);
                }
                let mut errors = Vec::new();
                let _ = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{key} ({}): {errors:?}", language.code());
            }
        }
    }
}
