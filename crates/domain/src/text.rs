//! Names and free text (docs/product.md#names-and-text): trimmed, bounded, and free of control and
//! format characters (Unicode category C*) that could hide or reorder text.
use crate::message::Message;
use std::ops::RangeInclusive;

/// Format (Cf) and private-use (Co) code points; control characters (Cc) are
/// caught by `char::is_control`.
const HIDDEN: &[RangeInclusive<u32>] = &[
    0x00AD..=0x00AD,
    0x0600..=0x0605,
    0x061C..=0x061C,
    0x06DD..=0x06DD,
    0x070F..=0x070F,
    0x0890..=0x0891,
    0x08E2..=0x08E2,
    0x180E..=0x180E,
    0x200B..=0x200F,
    0x202A..=0x202E,
    0x2060..=0x2064,
    0x2066..=0x206F,
    0xE000..=0xF8FF,
    0xFEFF..=0xFEFF,
    0xFFF9..=0xFFFB,
    0x110BD..=0x110BD,
    0x110CD..=0x110CD,
    0x13430..=0x1343F,
    0x1BCA0..=0x1BCA3,
    0x1D173..=0x1D17A,
    0xE0001..=0xE0001,
    0xE0020..=0xE007F,
    0xF0000..=0x10FFFF,
];

fn is_hidden(c: char) -> bool {
    c.is_control() || HIDDEN.iter().any(|range| range.contains(&(c as u32)))
}

/// A required one-line name of at most `max` characters.
pub fn clean_name(raw: &str, max: usize) -> Result<String, Message> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Message::new("error-name-empty"));
    }
    if name.chars().count() > max {
        return Err(too_long(max));
    }
    if name.chars().any(is_hidden) {
        return Err(Message::new("error-hidden-characters"));
    }
    Ok(name.to_owned())
}

/// Optional multi-line text of at most `max` characters (line breaks and tabs allowed).
pub fn clean_text(raw: &str, max: usize) -> Result<String, Message> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(too_long(max));
    }
    if text
        .chars()
        .any(|c| !matches!(c, '\n' | '\r' | '\t') && is_hidden(c))
    {
        return Err(Message::new("error-hidden-characters"));
    }
    Ok(text.to_owned())
}

/// "Use at most {max} characters".
pub fn too_long(max: usize) -> Message {
    Message::new("error-too-long").with("max", max)
}

/// Theme colours offered when none is chosen, in order of preference.
pub const PALETTE: [&str; 12] = [
    "#4F46E5", "#0EA5E9", "#10B981", "#F59E0B", "#EF4444", "#8B5CF6", "#EC4899", "#14B8A6",
    "#84CC16", "#F97316", "#6366F1", "#64748B",
];

/// The palette colours' names, in its order: the catalog keys `palette-<name>`
/// of the theme form, and the themes Loop's colours become.
pub const PALETTE_NAMES: [&str; 12] = [
    "indigo",
    "sky",
    "emerald",
    "amber",
    "red",
    "violet",
    "pink",
    "teal",
    "lime",
    "orange",
    "periwinkle",
    "slate",
];

/// `#RRGGBB` in upper case; `None` for "choose one for me" (empty or `random`).
pub fn parse_color(raw: Option<&str>) -> Result<Option<String>, Message> {
    let value = raw.map(str::trim).unwrap_or("");
    if value.is_empty() || value.eq_ignore_ascii_case("random") {
        return Ok(None);
    }
    let hex = value.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(Some(format!("#{}", hex.to_ascii_uppercase())))
    } else {
        Err(Message::new("error-color"))
    }
}

/// The first palette colour no existing theme uses, else one derived from `seed`.
pub fn pick_color(used: &[&str], seed: u64) -> String {
    PALETTE
        .iter()
        .find(|color| !used.iter().any(|u| u.eq_ignore_ascii_case(color)))
        .map(|color| (*color).to_owned())
        .unwrap_or_else(|| format!("#{:06X}", seed & 0xFF_FFFF))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_bounded_and_visible() {
        assert_eq!(clean_name("  Read  ", 24), Ok("Read".into()));
        assert!(clean_name("   ", 24).is_err());
        assert!(clean_name(&"a".repeat(25), 24).is_err());
        assert_eq!(
            clean_name(&"ж".repeat(24), 24).map(|n| n.chars().count()),
            Ok(24)
        );
        for hidden in [
            "a\u{0}b",
            "a\u{200B}b",
            "a\u{202E}b",
            "a\u{FEFF}",
            "tab\there",
            "a\u{E000}",
        ] {
            assert!(clean_name(hidden, 24).is_err(), "{hidden:?}");
        }
        assert_eq!(
            clean_name("<script>", 24),
            Ok("<script>".into()),
            "escaped on output, never stripped"
        );
    }

    #[test]
    fn text_allows_line_breaks() {
        assert_eq!(
            clean_text("line one\nline two\t!", 100),
            Ok("line one\nline two\t!".into())
        );
        assert!(clean_text("bell\u{7}", 100).is_err());
        assert_eq!(clean_text("", 100), Ok(String::new()));
    }

    #[test]
    fn colours_are_normalised_or_picked() {
        assert_eq!(parse_color(Some("#aabbcc")), Ok(Some("#AABBCC".into())));
        assert_eq!(parse_color(Some("random")), Ok(None));
        assert_eq!(parse_color(None), Ok(None));
        assert!(parse_color(Some("red")).is_err());
        assert!(parse_color(Some("#12345")).is_err());
        assert_eq!(pick_color(&[], 0), PALETTE[0]);
        assert_eq!(pick_color(&["#4f46e5"], 0), PALETTE[1]);
        assert_eq!(pick_color(&PALETTE, 0x123456), "#123456");
    }
}
