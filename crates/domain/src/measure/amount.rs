use crate::message::Message;
use serde_json::{Number, Value};
use std::fmt;

/// An exact non-negative number with at most three decimals, from 0 to
/// 1,000,000, held in thousandths so that sums and comparisons are exact
/// (docs/product.md#measurable-habits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(i64);

const PER_UNIT: i64 = 1000;
const MAX_UNITS: i64 = 1_000_000;

impl Amount {
    pub const ZERO: Amount = Amount(0);
    pub const MAX: Amount = Amount(MAX_UNITS * PER_UNIT);

    /// An amount from thousandths (as stored), `None` outside 0 … 1,000,000.
    pub fn from_thousandths(thousandths: i64) -> Option<Self> {
        (0..=Self::MAX.0)
            .contains(&thousandths)
            .then_some(Self(thousandths))
    }

    /// A stored sum of amounts (a period's), which may pass the maximum of
    /// one value; `None` below 0.
    pub fn sum_from_thousandths(thousandths: i64) -> Option<Self> {
        (thousandths >= 0).then_some(Self(thousandths))
    }

    pub fn thousandths(self) -> i64 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / PER_UNIT as f64
    }

    /// Adds two amounts; a sum is not bounded by the maximum of one value.
    pub fn saturating_add(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }

    /// Parses typed text: digits with an optional `.` or `,` and up to three
    /// decimals, surrounding spaces ignored.
    pub fn parse(text: &str) -> Result<Self, Message> {
        let text = text.trim();
        let (whole, fraction) = match text.split_once(['.', ',']) {
            Some((whole, fraction)) => (whole, fraction),
            None => (text, ""),
        };
        let digits_only = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(Message::new("error-amount-number"));
        }
        if fraction.len() > 3 {
            return Err(Message::new("error-amount-decimals"));
        }
        let out_of_range = || {
            Message::new("error-range")
                .with("min", 0)
                .with("max", MAX_UNITS)
        };
        let significant = whole.trim_start_matches('0');
        if significant.len() > 7 {
            return Err(out_of_range());
        }
        let whole: i64 = if significant.is_empty() {
            0
        } else {
            significant
                .parse()
                .map_err(|_| Message::new("error-amount-number"))?
        };
        let fraction: i64 = format!("{fraction:0<3}")
            .parse()
            .map_err(|_| Message::new("error-amount-number"))?;
        whole
            .checked_mul(PER_UNIT)
            .and_then(|units| units.checked_add(fraction))
            .and_then(Self::from_thousandths)
            .ok_or_else(out_of_range)
    }

    /// Reads a JSON number (never a string or a boolean).
    pub fn from_json(value: &Value) -> Result<Self, Message> {
        match value {
            Value::Number(number) => Self::parse(&number.to_string()),
            _ => Err(Message::new("error-amount-number")),
        }
    }

    /// A JSON number: whole amounts as integers, others with their decimals.
    pub fn to_json(self) -> Value {
        if self.0 % PER_UNIT == 0 {
            Value::Number(Number::from(self.0 / PER_UNIT))
        } else {
            Number::from_f64(self.as_f64()).map_or(Value::Null, Value::Number)
        }
    }
}

impl fmt::Display for Amount {
    /// `12`, `12.5`, `0.125`: no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / PER_UNIT, self.0 % PER_UNIT);
        if fraction == 0 {
            write!(f, "{whole}")
        } else {
            let decimals = format!("{fraction:03}");
            write!(f, "{whole}.{}", decimals.trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(result: Result<Amount, Message>) -> String {
        result.unwrap_err().key
    }

    #[test]
    fn parses_text_and_json_exactly() {
        let cases = [
            ("0", 0),
            ("12", 12_000),
            (" 2.5 ", 2_500),
            ("2,5", 2_500),
            ("0.125", 125),
            ("007.010", 7_010),
            ("1000000", 1_000_000_000),
            ("1000000.000", 1_000_000_000),
        ];
        for (text, thousandths) in cases {
            assert_eq!(
                Amount::parse(text).unwrap().thousandths(),
                thousandths,
                "{text}"
            );
        }
        for (value, thousandths) in [
            (json!(3), 3_000),
            (json!(0.1), 100),
            (json!(2.75), 2_750),
            (json!(999999.999), 999_999_999),
        ] {
            assert_eq!(
                Amount::from_json(&value).unwrap().thousandths(),
                thousandths
            );
        }
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        assert_eq!(key(Amount::parse("")), "error-amount-number");
        assert_eq!(key(Amount::parse("-1")), "error-amount-number");
        assert_eq!(key(Amount::parse("1e3")), "error-amount-number");
        assert_eq!(key(Amount::parse(".5")), "error-amount-number");
        assert_eq!(key(Amount::parse("1.2.3")), "error-amount-number");
        assert_eq!(key(Amount::parse("0.0001")), "error-amount-decimals");
        assert_eq!(key(Amount::parse("1000000.001")), "error-range");
        assert_eq!(key(Amount::parse("99999999999999999999999")), "error-range");
        assert_eq!(key(Amount::from_json(&json!("3"))), "error-amount-number");
        assert_eq!(key(Amount::from_json(&json!(true))), "error-amount-number");
        assert_eq!(key(Amount::from_json(&json!(null))), "error-amount-number");
        assert_eq!(key(Amount::from_json(&json!(-0.5))), "error-amount-number");
        assert_eq!(
            key(Amount::from_json(&json!(1.0005))),
            "error-amount-decimals"
        );
        assert_eq!(key(Amount::from_json(&json!(1e7))), "error-range");
    }

    #[test]
    fn serialises_as_the_shortest_exact_number() {
        for (thousandths, text, display) in [
            (0, "0", "0"),
            (5_000, "5", "5"),
            (2_500, "2.5", "2.5"),
            (125, "0.125", "0.125"),
            (100, "0.1", "0.1"),
            (999_999_999, "999999.999", "999999.999"),
            (1_000_000_000, "1000000", "1000000"),
        ] {
            let amount = Amount::from_thousandths(thousandths).unwrap();
            assert_eq!(amount.to_json().to_string(), text);
            assert_eq!(amount.to_string(), display);
            assert_eq!(Amount::from_json(&amount.to_json()), Ok(amount));
        }
        assert_eq!(Amount::from_thousandths(-1), None);
        assert_eq!(Amount::from_thousandths(1_000_000_001), None);
    }
}
