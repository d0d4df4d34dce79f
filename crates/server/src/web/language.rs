//! The language of one request: `Accept-Language` to begin with, replaced by
//! the user's own setting once the session is known. Shared by the handler
//! (which renders pages) and the error renderer (which may run after it).
use crate::i18n::{Language, Tr};
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Default)]
pub struct RequestLanguage(Arc<AtomicU8>);

impl RequestLanguage {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let accepted = headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map_or(Language::En, Language::negotiate);
        let language = Self::default();
        language.set(accepted);
        language
    }

    /// The signed-in user's setting wins over the browser's.
    pub fn set(&self, language: Language) {
        let index = Language::ALL
            .iter()
            .position(|known| *known == language)
            .unwrap_or(0);
        self.0.store(index as u8, Ordering::Relaxed);
    }

    pub fn get(&self) -> Language {
        Language::ALL
            .get(usize::from(self.0.load(Ordering::Relaxed)))
            .copied()
            .unwrap_or_default()
    }

    pub fn tr(&self) -> Tr {
        Tr(self.get())
    }
}
