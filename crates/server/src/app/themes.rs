//! Themes (docs/product.md#themes): named, coloured groups of tasks and habits.
use super::Services;
use super::changes::text_field;
use super::error::{AppError, OrConflict, OrNotFound};
use habitflow_domain::model::{Page, Theme, ThemeInput, ThemeWithCounts, User};
use habitflow_domain::text::{parse_color, pick_color};
use habitflow_domain::validation::FieldErrors;
use habitflow_domain::values::ThemeName;
use std::collections::HashMap;
use uuid::Uuid;

/// The fields of a theme as sent; `None` keeps the stored value on update.
#[derive(Debug, Default, Clone)]
pub struct ThemeChanges {
    pub name: Option<String>,
    pub color: Option<String>,
}

const NOT_FOUND: &str = "error-theme-not-found";

fn name_taken() -> AppError {
    AppError::conflict_on("name", "error-theme-name-taken")
}

pub async fn list(state: &Services, owner: &User) -> Result<Vec<ThemeWithCounts>, AppError> {
    Ok(state.store.themes().list_with_counts(owner.id).await?)
}

/// One page of the owner's themes, by name, for the themes list.
pub async fn page(
    state: &Services,
    owner: &User,
    limit: u32,
    offset: u32,
) -> Result<Page<ThemeWithCounts>, AppError> {
    Ok(state
        .store
        .themes()
        .page_with_counts(owner.id, limit, offset)
        .await?)
}

pub async fn get(state: &Services, owner: &User, id: Uuid) -> Result<ThemeWithCounts, AppError> {
    list(state, owner)
        .await?
        .into_iter()
        .find(|t| t.theme.id == id)
        .or_not_found(NOT_FOUND)
}

async fn validated(
    state: &Services,
    owner: &User,
    changes: &ThemeChanges,
    current: Option<&Theme>,
) -> Result<ThemeInput, AppError> {
    let mut errors = FieldErrors::new();
    let name = text_field(
        "name",
        changes.name.as_deref(),
        current.map(|t| t.name.as_str()),
        ThemeName::parse,
        &mut errors,
    );
    let color = match (&changes.color, current) {
        (None, Some(theme)) => Some(theme.color.clone()),
        (color, _) => match parse_color(color.as_deref()) {
            Ok(Some(color)) => Some(color),
            Ok(None) => {
                let themes = state.store.themes().list_with_counts(owner.id).await?;
                let used: Vec<&str> = themes.iter().map(|t| t.theme.color.as_str()).collect();
                Some(pick_color(
                    &used,
                    u64::from(uuid::Uuid::now_v7().as_u128() as u32),
                ))
            }
            Err(message) => {
                errors.add("color", message);
                None
            }
        },
    };
    match (name, color) {
        (Some(name), Some(color)) if errors.is_empty() => Ok(ThemeInput { name, color }),
        _ => Err(AppError::Validation(errors)),
    }
}

pub async fn create(
    state: &Services,
    owner: &User,
    changes: ThemeChanges,
) -> Result<ThemeWithCounts, AppError> {
    let input = validated(state, owner, &changes, None).await?;
    let theme = state
        .store
        .themes()
        .create(owner.id, &input, state.clock.now())
        .await
        .or_conflict(name_taken, NOT_FOUND)?;
    Ok(ThemeWithCounts {
        theme,
        tasks_count: 0,
        habits_count: 0,
    })
}

pub async fn update(
    state: &Services,
    owner: &User,
    id: Uuid,
    changes: ThemeChanges,
) -> Result<ThemeWithCounts, AppError> {
    let current = get(state, owner, id).await?;
    let input = validated(state, owner, &changes, Some(&current.theme)).await?;
    let theme = state
        .store
        .themes()
        .update(owner.id, id, &input, state.clock.now())
        .await
        .or_conflict(name_taken, NOT_FOUND)?;
    Ok(ThemeWithCounts { theme, ..current })
}

pub async fn delete(state: &Services, owner: &User, id: Uuid) -> Result<(), AppError> {
    state
        .store
        .themes()
        .delete(owner.id, id)
        .await?
        .then_some(())
        .or_not_found(NOT_FOUND)
}

/// `Ok(None)` for no theme; an id that is not one of the owner's themes names `theme_id`.
pub async fn owned_theme_id(
    state: &Services,
    owner: &User,
    id: Option<Uuid>,
) -> Result<Option<Uuid>, AppError> {
    match id {
        None => Ok(None),
        Some(id) => match state.store.themes().get(owner.id, id).await? {
            Some(_) => Ok(Some(id)),
            None => Err(AppError::Validation(FieldErrors::single(
                "theme_id",
                "error-theme-choice",
            ))),
        },
    }
}

/// The name and colour of a task's or habit's theme, as lists show them.
#[derive(Debug, Clone)]
pub struct ThemeLabel {
    pub name: String,
    pub color: String,
}

impl From<&Theme> for ThemeLabel {
    fn from(theme: &Theme) -> Self {
        Self {
            name: theme.name.clone(),
            color: theme.color.clone(),
        }
    }
}

/// The labels of the owner's themes by id, for a list page.
pub fn theme_labels(themes: &[ThemeWithCounts]) -> HashMap<Uuid, ThemeLabel> {
    themes
        .iter()
        .map(|t| (t.theme.id, ThemeLabel::from(&t.theme)))
        .collect()
}

/// The label of one record's theme (`None` without a theme).
pub async fn theme_label(
    state: &Services,
    owner: &User,
    theme_id: Option<Uuid>,
) -> Result<Option<ThemeLabel>, AppError> {
    let Some(id) = theme_id else {
        return Ok(None);
    };
    let theme = state.store.themes().get(owner.id, id).await?;
    Ok(theme.as_ref().map(ThemeLabel::from))
}
