//! The JSON shape of a user (SPEC §11).
use habitflow_storage::User;
use serde_json::{Value, json};

pub fn user_json(user: &User) -> Value {
    json!({
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "time_zone": user.time_zone,
        "day_start_hour": user.day_start_hour,
        "language": user.language,
        "created_at": user.created_at.to_string(),
    })
}
