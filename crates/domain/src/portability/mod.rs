//! An account's data in and out (docs/data.md): the HabitFlow export format,
//! the plan an import writes, and the pure readers that turn a file's rows
//! into that plan through the same validation as the forms.
pub mod bounds;
pub mod document;
pub mod habitflow;
pub mod loop_habits;
pub mod plan;
