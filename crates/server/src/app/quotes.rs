//! Motivational quotes (docs/product.md#quotes): the newest fetched batch, else the bundled set.
use super::Services;
use super::error::AppError;
use super::ports::QuoteSource;
use habitflow_domain::model::Quote;
use jiff::civil::Date;
use serde::Deserialize;
use std::sync::LazyLock;

/// One item of the ZenQuotes format: `{"q": text, "a": author}`.
#[derive(Debug, Deserialize)]
pub struct ZenQuote {
    #[serde(default)]
    pub q: serde_json::Value,
    #[serde(default)]
    pub a: serde_json::Value,
}

pub const TEXT_MAX: usize = 256;
pub const AUTHOR_MAX: usize = 128;

/// A quote when the item holds valid text and author, else `None` (skipped).
pub fn valid_quote(item: &ZenQuote) -> Option<Quote> {
    let text = item.q.as_str()?.trim();
    let author = item.a.as_str().unwrap_or("").trim();
    let fits = |value: &str, max: usize| {
        value.chars().count() <= max && !value.chars().any(char::is_control)
    };
    (!text.is_empty() && fits(text, TEXT_MAX) && fits(author, AUTHOR_MAX)).then(|| Quote {
        text: text.to_owned(),
        author: author.to_owned(),
    })
}

/// The bundled public-domain quotes, used until a batch is fetched.
pub fn bundled() -> &'static [Quote] {
    static BUNDLED: LazyLock<Vec<Quote>> = LazyLock::new(|| {
        let items: Vec<ZenQuote> =
            serde_json::from_str(include_str!("../../data/quotes.json")).unwrap_or_default();
        items.iter().filter_map(valid_quote).collect()
    });
    &BUNDLED
}

/// The job's name in the job-claim table.
pub const JOB: &str = "quotes";
/// How many fetched batches are kept.
const KEEP_BATCHES: u32 = 3;

/// Fetches a batch and stores its valid items as the newest batch. A failure,
/// or a batch without a single valid item, leaves the current quotes in place.
pub async fn refresh(state: &Services, source: &dyn QuoteSource) -> Result<usize, AppError> {
    let items = source.fetch().await.map_err(AppError::Unavailable)?;
    let quotes: Vec<Quote> = items.iter().filter_map(valid_quote).collect();
    if quotes.is_empty() {
        return Err(AppError::Unavailable(format!(
            "none of the {} items was a valid quote",
            items.len()
        )));
    }
    state
        .store
        .quotes()
        .replace(&quotes, state.clock.now(), KEEP_BATCHES)
        .await?;
    Ok(quotes.len())
}

/// Runs the refresh for one time slot unless another instance already has it.
/// Returns `None` when the slot was taken elsewhere.
pub async fn refresh_slot(
    state: &Services,
    source: &dyn QuoteSource,
    slot: i64,
) -> Result<Option<usize>, AppError> {
    if !state
        .store
        .jobs()
        .claim(JOB, slot, state.clock.now())
        .await?
    {
        return Ok(None);
    }
    refresh(state, source).await.map(Some)
}

/// The quote shown on `date`: the same all day, another tomorrow.
pub async fn quote_of_the_day(state: &Services, date: Date) -> Result<Quote, AppError> {
    let fetched = state.store.quotes().latest().await?;
    let quotes = if fetched.is_empty() {
        bundled()
    } else {
        &fetched[..]
    };
    let index = habitflow_domain::calendar::day_number(date).rem_euclid(quotes.len().max(1) as i32)
        as usize;
    Ok(quotes.get(index).cloned().unwrap_or_else(|| Quote {
        text: "Keep going.".into(),
        author: String::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn at_least_thirty_bundled_quotes_are_valid() {
        assert!(bundled().len() >= 30);
    }

    #[test]
    fn invalid_items_are_skipped() {
        let item = |q: serde_json::Value, a: serde_json::Value| ZenQuote { q, a };
        assert!(valid_quote(&item(json!("Do it."), json!("Me"))).is_some());
        assert!(valid_quote(&item(json!(""), json!("Me"))).is_none());
        assert!(valid_quote(&item(json!(42), json!("Me"))).is_none());
        assert!(valid_quote(&item(json!("x".repeat(257)), json!("Me"))).is_none());
        assert!(valid_quote(&item(json!("Ok"), json!("a".repeat(129)))).is_none());
    }
}
