//! Pauses and vacations as stored (docs/product.md#pauses-and-vacations).
use crate::pause::{DateRange, PauseSet};
use std::collections::HashMap;
use uuid::Uuid;

/// One of a habit's pauses; a habit's pauses never overlap or touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub habit_id: Uuid,
    pub range: DateRange,
}

/// One of an account's vacations, which pause every habit of the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vacation {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub range: DateRange,
}

/// All of an account's pauses and vacations, read at once for its lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnerPauses {
    pub pauses: Vec<Pause>,
    pub vacations: Vec<Vacation>,
}

impl OwnerPauses {
    /// Each habit's effective pauses: its own with the account's vacations.
    pub fn effective(&self) -> EffectivePauses {
        let vacations = PauseSet::merge(self.vacations.iter().map(|v| v.range));
        let mut own: HashMap<Uuid, Vec<DateRange>> = HashMap::new();
        for pause in &self.pauses {
            own.entry(pause.habit_id).or_default().push(pause.range);
        }
        let by_habit = own
            .into_iter()
            .map(|(habit, ranges)| {
                let ranges = ranges.into_iter().chain(vacations.ranges().iter().copied());
                (habit, PauseSet::merge(ranges))
            })
            .collect();
        EffectivePauses {
            by_habit,
            vacations,
        }
    }
}

/// The pauses every derived value of a habit respects (docs/product.md#pauses-and-vacations).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EffectivePauses {
    by_habit: HashMap<Uuid, PauseSet>,
    vacations: PauseSet,
}

impl EffectivePauses {
    /// One habit's effective pauses, read for that habit alone.
    pub fn single(habit: Uuid, pauses: PauseSet) -> Self {
        Self {
            by_habit: HashMap::from([(habit, pauses)]),
            vacations: PauseSet::default(),
        }
    }

    pub fn of(&self, habit: Uuid) -> &PauseSet {
        self.by_habit.get(&habit).unwrap_or(&self.vacations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn range(from: (i8, i8), to: (i8, i8)) -> DateRange {
        DateRange::new(date(2026, from.0, from.1), date(2026, to.0, to.1)).unwrap()
    }

    #[test]
    fn a_habits_effective_pauses_are_its_own_with_the_vacations() {
        let (owner, read, run, swim) = (
            Uuid::nil(),
            Uuid::from_u128(1),
            Uuid::from_u128(2),
            Uuid::from_u128(3),
        );
        let pause = |habit_id, range| Pause {
            id: Uuid::now_v7(),
            owner_id: owner,
            habit_id,
            range,
        };
        let all = OwnerPauses {
            pauses: vec![
                pause(read, range((3, 4), (3, 6))),
                pause(read, range((3, 20), (3, 21))),
                pause(run, range((4, 1), (4, 1))),
            ],
            vacations: vec![Vacation {
                id: Uuid::now_v7(),
                owner_id: owner,
                range: range((3, 1), (3, 3)),
            }],
        };
        let effective = all.effective();
        assert_eq!(
            effective.of(read).ranges(),
            &[range((3, 1), (3, 6)), range((3, 20), (3, 21))],
            "adjacent ranges merge"
        );
        assert_eq!(
            effective.of(run).ranges(),
            &[range((3, 1), (3, 3)), range((4, 1), (4, 1))]
        );
        assert_eq!(
            effective.of(swim).ranges(),
            &[range((3, 1), (3, 3))],
            "the vacation alone"
        );
        assert!(OwnerPauses::default().effective().of(swim).is_empty());
    }
}
