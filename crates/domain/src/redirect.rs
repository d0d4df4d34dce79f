//! Safe redirect targets (docs/product.md#redirects): a `next` value becomes a local path or `/`.

/// Returns `raw` when it is a plain local path (with optional query), else `/`.
///
/// Refused: anything not starting with exactly one `/`, `//` and `/\`, any
/// backslash, scheme, control character or whitespace — checked on the raw
/// value and again after percent-decoding, so encoded tricks fail too.
pub fn safe_next(raw: &str) -> String {
    if is_local_path(raw) && is_local_path(&percent_decode(raw)) {
        raw.to_owned()
    } else {
        "/".to_owned()
    }
}

fn is_local_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/') | Some('\\'))
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
        && !path.split(['?', '#']).next().unwrap_or("").contains(':')
}

/// Decodes `%XX` escapes (repeatedly, so double-encoding cannot hide a `/`).
fn percent_decode(text: &str) -> String {
    let mut current = text.to_owned();
    for _ in 0..3 {
        let decoded = decode_once(&current);
        if decoded == current {
            break;
        }
        current = decoded;
    }
    current
}

fn decode_once(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let Some(hex) = text.get(index + 1..index + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn hostile_targets_become_the_home_page() {
        let hostile = [
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "http:/evil.example",
            "/%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example",
            "javascript:alert(1)",
            " /x",
            "/x\r\nSet-Cookie: a=b",
            "evil.example",
            "",
            "/x\u{0}",
        ];
        for target in hostile {
            assert_eq!(safe_next(target), "/", "{target:?}");
        }
    }

    #[test]
    fn local_paths_stay_as_they_are() {
        for target in [
            "/",
            "/habits?page=2",
            "/habits/0193?tab=calendar#today",
            "/stats?range=30d",
        ] {
            assert_eq!(safe_next(target), target);
        }
    }
}
