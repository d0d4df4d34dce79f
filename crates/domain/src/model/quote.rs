//! A quote of the day.

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub text: String,
    pub author: String,
}
