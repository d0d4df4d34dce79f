//! Numbers written the way each language writes them: English `1,234.5`,
//! Russian `1 234,5` (with no-break spaces).
use super::Language;

const NO_BREAK_SPACE: char = '\u{a0}';

fn separators(language: Language) -> (char, char) {
    match language {
        Language::En => (',', '.'),
        Language::Ru => (NO_BREAK_SPACE, ','),
    }
}

/// `value` with `decimals` digits after the separator and grouped thousands.
pub fn decimal(language: Language, value: f64, decimals: usize) -> String {
    let (group, point) = separators(language);
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let mut out = String::new();
    if value < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// A percentage: `85%` in English, `85 %` in Russian.
pub fn percent(language: Language, value: f64, decimals: usize) -> String {
    let number = decimal(language, value, decimals);
    match language {
        Language::En => format!("{number}%"),
        Language::Ru => format!("{number}{NO_BREAK_SPACE}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_separators() {
        assert_eq!(decimal(Language::En, 1234.56, 1), "1,234.6");
        assert_eq!(decimal(Language::Ru, 1234.56, 1), "1\u{a0}234,6");
        assert_eq!(decimal(Language::En, 12.0, 0), "12");
        assert_eq!(decimal(Language::En, -3.26, 1), "-3.3");
        assert_eq!(decimal(Language::En, -0.01, 1), "0.0");
        assert_eq!(decimal(Language::Ru, 1_000_000.0, 0), "1\u{a0}000\u{a0}000");
        assert_eq!(percent(Language::En, 85.26, 1), "85.3%");
        assert_eq!(percent(Language::Ru, 85.0, 0), "85\u{a0}%");
    }
}
