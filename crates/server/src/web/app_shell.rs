//! The installable app (docs/reminders.md): the web app manifest, the
//! service worker served from the site's root (so its scope covers every
//! page without `Service-Worker-Allowed`), and the offline page it shows
//! when the server cannot be reached. None of them holds user data.
use super::AppError;
use super::assets::assets;
use super::language::RequestLanguage;
use super::layout::Layout;
use super::render::page_with_status;
use askama::Template;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use serde::Serialize;

#[derive(Serialize)]
struct Icon {
    src: &'static str,
    sizes: &'static str,
    #[serde(rename = "type")]
    media_type: &'static str,
    purpose: &'static str,
}

/// The W3C web app manifest: opens to Today, standalone, with its icons.
#[derive(Serialize)]
struct Manifest {
    id: &'static str,
    name: &'static str,
    short_name: &'static str,
    start_url: &'static str,
    scope: &'static str,
    display: &'static str,
    background_color: &'static str,
    theme_color: &'static str,
    icons: Vec<Icon>,
}

pub async fn manifest() -> Response {
    let table = assets();
    let manifest = Manifest {
        id: "/",
        name: "HabitFlow",
        short_name: "HabitFlow",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#FFFFFF",
        theme_color: "#4F46E5",
        icons: vec![
            Icon {
                src: table.url("icon.svg"),
                sizes: "any",
                media_type: "image/svg+xml",
                purpose: "any",
            },
            Icon {
                src: table.url("icon-192.png"),
                sizes: "192x192",
                media_type: "image/png",
                purpose: "any maskable",
            },
            Icon {
                src: table.url("icon-512.png"),
                sizes: "512x512",
                media_type: "image/png",
                purpose: "any maskable",
            },
        ],
    };
    (
        [(CONTENT_TYPE, "application/manifest+json")],
        Json(manifest),
    )
        .into_response()
}

/// The service worker: checked for updates at every navigation (`no-cache`).
pub async fn service_worker() -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        include_bytes!("../../static/sw.js").as_slice(),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    layout: Layout,
}

/// The offline page, in the request's language, without any session: the
/// service worker keeps it.
pub async fn offline(headers: HeaderMap) -> Result<Response, AppError> {
    let tr = RequestLanguage::from_headers(&headers).tr();
    let title = tr.t("offline-title");
    page_with_status(
        StatusCode::OK,
        &OfflinePage {
            layout: Layout::bare(tr, title),
        },
    )
}
