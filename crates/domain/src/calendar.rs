//! Date arithmetic on day numbers, so that jumping across years costs the same
//! as jumping across days.
use jiff::civil::Date;

/// Days since 1970-01-01 (negative before).
pub fn day_number(date: Date) -> i32 {
    // Howard Hinnant's days_from_civil, on a March-based year.
    let (year, month, day) = (
        i32::from(date.year()),
        i32::from(date.month()),
        i32::from(date.day()),
    );
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day number, or `None` outside the supported years (-9999..=9999).
pub fn from_day_number(number: i32) -> Option<Date> {
    let z = number + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// `date` moved by `days` (either direction), `None` past the supported years.
pub fn add_days(date: Date, days: i32) -> Option<Date> {
    from_day_number(day_number(date).checked_add(days)?)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i32 {
    day_number(to) - day_number(from)
}

/// Monday = 0 … Sunday = 6.
pub fn weekday_index(date: Date) -> u8 {
    // 1970-01-01 was a Thursday (index 3).
    (day_number(date) + 3).rem_euclid(7) as u8
}

/// Number of days in a month of a year, leap years included.
pub fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn is_leap_year(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The given day of a month, or the month's last day when the month is shorter.
pub fn clamped_date(year: i16, month: u8, day: u8) -> Option<Date> {
    let day = day.min(days_in_month(year, month));
    Date::new(year, month as i8, day as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_numbers_round_trip_and_match_jiff() {
        let mut expected = date(1900, 1, 1);
        for _ in 0..(365 * 300) {
            let number = day_number(expected);
            assert_eq!(from_day_number(number), Some(expected));
            let next = expected.tomorrow().unwrap();
            assert_eq!(day_number(next), number + 1);
            expected = next;
        }
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2000, 3, 1)), 11_017);
    }

    #[test]
    fn weekday_index_matches_jiff() {
        let mut day = date(2023, 12, 25);
        for _ in 0..800 {
            assert_eq!(
                weekday_index(day) as i8,
                day.weekday().to_monday_zero_offset()
            );
            day = day.tomorrow().unwrap();
        }
    }

    #[test]
    fn clamping_follows_month_length() {
        assert_eq!(clamped_date(2025, 2, 31), Some(date(2025, 2, 28)));
        assert_eq!(clamped_date(2028, 2, 31), Some(date(2028, 2, 29)));
        assert_eq!(clamped_date(2100, 2, 29), Some(date(2100, 2, 28)));
        assert_eq!(clamped_date(2000, 2, 29), Some(date(2000, 2, 29)));
        assert_eq!(clamped_date(2026, 4, 31), Some(date(2026, 4, 30)));
    }

    #[test]
    fn out_of_range_is_none() {
        assert_eq!(add_days(date(9999, 12, 31), 1), None);
        assert_eq!(add_days(date(-9999, 1, 1), -1), None);
    }
}
