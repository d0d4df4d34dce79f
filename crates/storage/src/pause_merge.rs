//! Adding a pause or vacation to stored ones, which stay merged
//! (docs/product.md#pauses-and-vacations): the same rule on both backends.
use habitflow_domain::pause::DateRange;

/// What adding `new` to the stored `ranges` (disjoint, none touching) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addition<Id> {
    /// A stored range already holds `new`: nothing changes.
    Within(Id, DateRange),
    /// The stored ranges meeting `merged` (those `new` overlaps or touches)
    /// are replaced by `merged`, their span with `new`; `count` is how many
    /// ranges are stored afterwards, which a quota bounds.
    Replace { merged: DateRange, count: usize },
}

pub fn add<Id: Copy>(ranges: &[(Id, DateRange)], new: DateRange) -> Addition<Id> {
    if let Some(&(id, range)) = ranges
        .iter()
        .find(|(_, range)| range.from() <= new.from() && new.to() <= range.to())
    {
        return Addition::Within(id, range);
    }
    let (meeting, apart): (Vec<_>, Vec<_>) =
        ranges.iter().partition(|(_, range)| range.touches(new));
    let merged = meeting
        .iter()
        .fold(new, |merged, &&(_, range)| merged.span(range));
    Addition::Replace {
        merged,
        count: apart.len() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn range(from: (i16, i8, i8), to: (i16, i8, i8)) -> DateRange {
        DateRange::new(date(from.0, from.1, from.2), date(to.0, to.1, to.2)).unwrap()
    }

    #[test]
    fn merges_what_overlaps_or_touches_and_keeps_what_holds_it() {
        let stored = [
            (1, range((2026, 3, 1), (2026, 3, 5))),
            (2, range((2026, 3, 10), (2026, 3, 12))),
            (3, range((2026, 4, 1), (2026, 4, 2))),
        ];
        assert_eq!(
            add(&stored, range((2026, 3, 6), (2026, 3, 9))),
            Addition::Replace {
                merged: range((2026, 3, 1), (2026, 3, 12)),
                count: 2
            }
        );
        assert_eq!(
            add(&stored, range((2026, 3, 2), (2026, 3, 3))),
            Addition::Within(1, stored[0].1)
        );
        assert_eq!(
            add(&stored, range((2026, 3, 20), (2026, 3, 21))),
            Addition::Replace {
                merged: range((2026, 3, 20), (2026, 3, 21)),
                count: 4
            }
        );
    }
}
