//! The records the application works with: what is stored and what is
//! written. The storage crate decodes its rows into these and encodes these
//! into its rows; no record knows about a database.
mod checkin;
mod checkin_month;
mod habit;
mod identity;
mod page;
mod password_reset;
mod pause;
mod quote;
mod reminder;
mod session;
mod task;
mod theme;
mod user;

pub use checkin::*;
pub use checkin_month::*;
pub use habit::*;
pub use identity::*;
pub use page::*;
pub use password_reset::*;
pub use pause::*;
pub use quote::*;
pub use reminder::*;
pub use session::*;
pub use task::*;
pub use theme::*;
pub use user::*;
