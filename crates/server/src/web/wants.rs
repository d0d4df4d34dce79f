//! docs/product.md#html-or-json: one rule decides whether a request gets HTML or JSON.
use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, request::Parts};
use std::convert::Infallible;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wants {
    Html,
    Json,
}

impl Wants {
    /// HTML when `Accept` prefers `text/html` or the body is a form post; JSON otherwise.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let content_type = header(headers, CONTENT_TYPE.as_str());
        let form_post = content_type.starts_with("application/x-www-form-urlencoded")
            || content_type.starts_with("multipart/form-data");
        if form_post || prefers_html(header(headers, ACCEPT.as_str())) {
            Wants::Html
        } else {
            Wants::Json
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
}

/// Whether `text/html` has the highest quality among the accepted types
/// (ties with JSON go to HTML, as browsers list it first).
fn prefers_html(accept: &str) -> bool {
    let mut html = None;
    let mut other: f32 = 0.0;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match media.as_str() {
            "text/html" | "application/xhtml+xml" => {
                html = Some(html.map_or(quality, |h: f32| h.max(quality)))
            }
            "*/*" | "" => {}
            _ => other = other.max(quality),
        }
    }
    html.is_some_and(|h| h > 0.0 && h >= other)
}

impl<S: Send + Sync> FromRequestParts<S> for Wants {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Wants::from_headers(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn wants(accept: Option<&str>, content_type: Option<&str>) -> Wants {
        let mut headers = HeaderMap::new();
        if let Some(accept) = accept {
            headers.insert(ACCEPT, HeaderValue::from_str(accept).unwrap());
        }
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
        }
        Wants::from_headers(&headers)
    }

    #[test]
    fn browsers_get_html_and_api_clients_json() {
        let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(wants(Some(firefox), None), Wants::Html);
        assert_eq!(wants(Some("text/html"), None), Wants::Html);
        assert_eq!(wants(Some("application/json"), None), Wants::Json);
        assert_eq!(
            wants(Some("application/json, text/html;q=0.5"), None),
            Wants::Json
        );
        assert_eq!(wants(Some("*/*"), None), Wants::Json);
        assert_eq!(wants(None, None), Wants::Json);
        assert_eq!(wants(Some("text/html;q=0"), None), Wants::Json);
    }

    #[test]
    fn form_posts_get_html_whatever_they_accept() {
        assert_eq!(
            wants(
                Some("application/json"),
                Some("application/x-www-form-urlencoded")
            ),
            Wants::Html
        );
        assert_eq!(
            wants(None, Some("multipart/form-data; boundary=x")),
            Wants::Html
        );
        assert_eq!(wants(None, Some("application/json")), Wants::Json);
    }
}
