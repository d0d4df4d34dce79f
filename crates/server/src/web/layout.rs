//! The base page layout shared by every HTML page, and the error page.
use super::assets::{AssetTable, assets};
use askama::Template;

/// What the base layout needs on every page.
pub struct Layout {
    pub title: String,
    pub lang: &'static str,
    assets: &'static AssetTable,
}

impl Layout {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            lang: "en",
            assets: assets(),
        }
    }

    /// The hashed URL of a bundled asset.
    pub fn asset(&self, name: &str) -> &'static str {
        self.assets.url(name)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub layout: Layout,
    pub status: u16,
    pub message: &'a str,
    pub fields: Vec<(String, String)>,
}
