//! The base page layout shared by every HTML page, and the error page.
use super::assets::{AssetTable, assets};
use super::theme_filter::Sidebar;
use super::ui_session::{Flash, UiSession};
use crate::app::sessions::Authenticated;
use crate::i18n::{Language, Tr};
use askama::Template;

/// What the navbar shows of the signed-in user.
pub struct NavUser {
    pub name: String,
}

/// What the base layout needs on every page.
pub struct Layout {
    pub title: String,
    pub lang: &'static str,
    pub tr: Tr,
    /// The page's own path and query, where the language switch returns to.
    pub path: String,
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
    pub fn bare(tr: Tr, title: String) -> Self {
        Self {
            title,
            lang: tr.language().code(),
            tr,
            path: String::from("/"),
            csrf_token: String::new(),
            user: None,
            flashes: Vec::new(),
            section: "",
            sidebar: None,
            assets: assets(),
        }
    }

    /// A page of the request's UI session, for the signed-in user if any,
    /// titled by a catalog key.
    pub fn page(
        title_key: &str,
        section: &'static str,
        ui: &UiSession,
        user: Option<&Authenticated>,
    ) -> Self {
        let tr = ui.tr();
        Self {
            csrf_token: ui.csrf_token(),
            path: ui.path(),
            user: user.map(|auth| NavUser {
                name: if auth.user.display_name.is_empty() {
                    auth.user.email.clone()
                } else {
                    auth.user.display_name.clone()
                },
            }),
            flashes: ui.take_flashes(),
            section,
            ..Self::bare(tr, tr.t(title_key))
        }
    }

    /// The same page under a title of the user's own words (a habit's name).
    pub fn titled(self, title: String) -> Self {
        Self { title, ..self }
    }

    pub fn with_sidebar(self, sidebar: Sidebar) -> Self {
        Self {
            sidebar: Some(sidebar),
            ..self
        }
    }

    /// The wording of a catalog key in the page's language.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.tr.t(key)
    }

    /// The language switch: each language's code, named in itself.
    pub fn languages(&self) -> Vec<(&'static str, &'static str)> {
        Language::ALL
            .iter()
            .map(|language| (language.code(), language.native_name()))
            .collect()
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
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub message: String,
    pub fields: Vec<(String, String)>,
}
