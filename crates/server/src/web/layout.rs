//! The base page layout shared by every HTML page, and the error page.
use super::assets::{AssetTable, assets};
use super::theme_filter::Sidebar;
use super::ui_session::{Flash, UiSession};
use crate::app::sessions::Authenticated;
use askama::Template;

/// What the navbar shows of the signed-in user.
pub struct NavUser {
    pub name: String,
}

/// What the base layout needs on every page.
pub struct Layout {
    pub title: String,
    pub lang: &'static str,
    pub csrf_token: String,
    pub user: Option<NavUser>,
    pub flashes: Vec<Flash>,
    /// The navbar entry to highlight.
    pub section: &'static str,
    /// The theme filter, on pages it applies to.
    pub sidebar: Option<Sidebar>,
    assets: &'static AssetTable,
}

impl Layout {
    /// A page outside any session (error pages).
    pub fn bare(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            lang: "en",
            csrf_token: String::new(),
            user: None,
            flashes: Vec::new(),
            section: "",
            sidebar: None,
            assets: assets(),
        }
    }

    /// A page of the request's UI session, for the signed-in user if any.
    pub fn page(
        title: impl Into<String>,
        section: &'static str,
        ui: &UiSession,
        user: Option<&Authenticated>,
    ) -> Self {
        Self {
            csrf_token: ui.csrf_token(),
            user: user.map(|auth| NavUser {
                name: if auth.user.display_name.is_empty() {
                    auth.user.email.clone()
                } else {
                    auth.user.display_name.clone()
                },
            }),
            flashes: ui.take_flashes(),
            section,
            lang: match user.map(|auth| auth.user.language.as_str()) {
                Some("ru") => "ru",
                _ => "en",
            },
            ..Self::bare(title)
        }
    }

    pub fn with_sidebar(self, sidebar: Sidebar) -> Self {
        Self {
            sidebar: Some(sidebar),
            ..self
        }
    }

    /// The hashed URL of a bundled asset.
    pub fn asset(&self, name: &str) -> &'static str {
        self.assets.url(name)
    }

    /// `aria-current` for the navbar entry of this page.
    pub fn current(&self, section: &str) -> &'static str {
        if self.section == section {
            "page"
        } else {
            "false"
        }
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
