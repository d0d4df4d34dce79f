//! The sidebar theme filter (docs/product.md#theme-filter): chosen with `?theme=<id>` (or
//! `?theme=all`) on the home, task and habit pages, remembered in the UI
//! session, and cleared silently when the theme no longer exists.
use super::ui_session::UiSession;
use habitflow_domain::model::ThemeWithCounts;
use uuid::Uuid;

/// What the sidebar shows.
pub struct Sidebar {
    pub path: &'static str,
    pub themes: Vec<(String, String, String)>,
    pub selected: Option<String>,
}

/// Applies a `theme` choice from the query string and returns the filter in force.
pub fn theme_filter(
    ui: &UiSession,
    choice: Option<&str>,
    themes: &[ThemeWithCounts],
) -> Option<Uuid> {
    match choice {
        Some("all") | Some("") => ui.set_theme_filter(None),
        Some(raw) => {
            if let Ok(id) = Uuid::parse_str(raw) {
                ui.set_theme_filter(Some(id));
            }
        }
        None => {}
    }
    let remembered = ui.theme_filter();
    if remembered.is_some_and(|id| !themes.iter().any(|t| t.theme.id == id)) {
        ui.set_theme_filter(None);
        return None;
    }
    remembered
}

pub fn sidebar(path: &'static str, themes: &[ThemeWithCounts], selected: Option<Uuid>) -> Sidebar {
    Sidebar {
        path,
        themes: themes
            .iter()
            .map(|t| {
                (
                    t.theme.id.to_string(),
                    t.theme.name.clone(),
                    t.theme.color.clone(),
                )
            })
            .collect(),
        selected: selected.map(|id| id.to_string()),
    }
}
