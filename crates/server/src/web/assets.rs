//! Bundled static files, served under names that carry a hash of their
//! content so browsers may cache them for a year.
use super::error::AppError;
use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const BUNDLED: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/app.js"),
    },
    Asset {
        name: "copy.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/copy.js"),
    },
    Asset {
        name: "install.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/install.js"),
    },
    Asset {
        name: "reminders.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/reminders.js"),
    },
    Asset {
        name: "theme.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/theme.js"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../static/icon.svg"),
    },
    Asset {
        name: "icon-192.png",
        content_type: "image/png",
        bytes: include_bytes!("../../static/icon-192.png"),
    },
    Asset {
        name: "icon-512.png",
        content_type: "image/png",
        bytes: include_bytes!("../../static/icon-512.png"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../static/favicon.svg"),
    },
];

pub struct AssetTable {
    /// Logical name → `/static/<stem>.<hash>.<ext>`.
    urls: HashMap<&'static str, String>,
    /// Hashed file name → asset.
    files: HashMap<String, &'static Asset>,
}

impl AssetTable {
    fn build() -> Self {
        let mut urls = HashMap::new();
        let mut files = HashMap::new();
        for asset in BUNDLED {
            let hash = hex::encode(&Sha256::digest(asset.bytes)[..5]);
            let file = match asset.name.rsplit_once('.') {
                Some((stem, extension)) => format!("{stem}.{hash}.{extension}"),
                None => format!("{}.{hash}", asset.name),
            };
            urls.insert(asset.name, format!("/static/{file}"));
            files.insert(file, asset);
        }
        Self { urls, files }
    }

    /// The hashed URL of a bundled asset; an unknown name is a template bug
    /// that the asset test catches, and yields a URL that answers 404.
    pub fn url(&'static self, name: &str) -> &'static str {
        self.urls
            .get(name)
            .map_or("/static/missing", String::as_str)
    }
}

/// The asset table, computed once from the bundled bytes.
pub fn assets() -> &'static AssetTable {
    static TABLE: LazyLock<AssetTable> = LazyLock::new(AssetTable::build);
    &TABLE
}

pub async fn serve(Path(file): Path<String>) -> Result<Response, AppError> {
    let asset = assets()
        .files
        .get(&file)
        .ok_or_else(|| AppError::NotFound("error-file-not-found".into()))?;
    Ok((
        [
            (CONTENT_TYPE, asset.content_type),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        asset.bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_asset_has_a_hashed_url() {
        for asset in BUNDLED {
            let url = assets().url(asset.name);
            assert!(
                url.starts_with("/static/") && url.len() > asset.name.len() + 10,
                "{url}"
            );
            let file = url.trim_start_matches("/static/");
            assert!(assets().files.contains_key(file));
        }
    }
}
