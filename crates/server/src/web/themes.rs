//! /themes: list, create, edit, delete.
use super::current_user::CurrentUser;
use super::ids::ThemeId;
use super::input::Input;
use super::layout::Layout;
use super::paging::QueryParams;
use super::render::{page, page_with_status};
use super::reply::json;
use super::responses::{ListResponse, ThemeResponse};
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::themes::{self, ThemeChanges};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::message::Message;
use habitflow_domain::model::ThemeWithCounts;
use habitflow_domain::text::{PALETTE, PALETTE_NAMES};
use habitflow_domain::validation::FieldErrors;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::HashMap;

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeBody {
    name: Option<String>,
    /// `#RRGGBB`, empty or `random` to have one picked, or `custom` to take
    /// `custom_color` (the theme form's palette picker).
    color: Option<String>,
    /// The free hex field behind the picker's "custom" choice.
    custom_color: Option<String>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

impl ThemeBody {
    fn changes(&self) -> ThemeChanges {
        ThemeChanges {
            name: self.name.clone(),
            color: self.chosen_color(),
        }
    }

    /// The colour the form chose: a palette swatch, or the custom field.
    fn chosen_color(&self) -> Option<String> {
        match self.color.as_deref() {
            Some(CUSTOM) => Some(self.custom_color.clone().unwrap_or_default()),
            _ => self.color.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "themes_list.html")]
struct ThemesPage {
    layout: Layout,
    themes: Vec<ThemeWithCounts>,
    page: u32,
    per_page: u32,
    pages: u32,
    total: u32,
}

/// The picker's choice that reveals the free hex field.
const CUSTOM: &str = "custom";

#[derive(Template)]
#[template(path = "theme_form.html")]
struct ThemeForm {
    layout: Layout,
    /// `None` for a new theme.
    id: Option<String>,
    name: String,
    /// The colour as chosen or stored: empty, a palette colour or another.
    color: String,
    fields: FieldErrors,
}

impl ThemeForm {
    /// The palette as swatches: index, colour and the catalog key of its name.
    fn palette(&self) -> Vec<(usize, &'static str, String)> {
        PALETTE
            .iter()
            .zip(PALETTE_NAMES)
            .enumerate()
            .map(|(index, (color, name))| (index, *color, format!("palette-{name}")))
            .collect()
    }

    fn is_chosen(&self, color: &str) -> bool {
        self.color.eq_ignore_ascii_case(color)
    }

    /// A colour outside the palette shows in the custom field, chosen.
    fn is_custom(&self) -> bool {
        !self.color.is_empty() && !PALETTE.iter().any(|c| self.is_chosen(c))
    }
}

pub async fn list(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let mut params = QueryParams::new(raw, wants);
    let paging = params.paging();
    params.finish()?;
    let found = themes::page(
        &state.services,
        &auth.user,
        paging.per_page,
        paging.offset(),
    )
    .await?;
    if let Some(last) = paging
        .past_the_end(found.total)
        .filter(|_| wants == Wants::Html)
    {
        let target = format!("/themes?page={last}&per_page={}", paging.per_page);
        return Ok(Redirect::to(&target).into_response());
    }
    wants
        .reply(
            || ListResponse {
                items: found.items.iter().map(ThemeResponse::from).collect(),
                page: paging.page,
                per_page: paging.per_page,
                total: found.total,
            },
            async || {
                page(&ThemesPage {
                    layout: Layout::page("nav-themes", "themes", &ui, Some(&auth)),
                    themes: found.items.clone(),
                    page: paging.page,
                    per_page: paging.per_page,
                    pages: paging.pages(found.total),
                    total: found.total,
                })
            },
        )
        .await
}

pub async fn new_form(ui: UiSession, CurrentUser(auth): CurrentUser) -> Result<Response, AppError> {
    page(&ThemeForm {
        layout: Layout::page("title-new-theme", "themes", &ui, Some(&auth)),
        id: None,
        name: String::new(),
        color: String::new(),
        fields: FieldErrors::new(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: ThemeId,
) -> Result<Response, AppError> {
    let theme = themes::get(&state.services, &auth.user, id.uuid()).await?;
    wants
        .reply(
            || ThemeResponse::from(&theme),
            async || {
                page(&ThemeForm {
                    layout: Layout::page("title-edit-theme", "themes", &ui, Some(&auth)),
                    id: Some(theme.theme.id.to_string()),
                    name: theme.theme.name.clone(),
                    color: theme.theme.color.clone(),
                    fields: FieldErrors::new(),
                })
            },
        )
        .await
}

/// The form again, with the user's input and the field messages.
fn form_again(
    ui: &UiSession,
    auth: &crate::app::sessions::Authenticated,
    id: Option<String>,
    body: &ThemeBody,
    status: StatusCode,
    fields: FieldErrors,
) -> Result<Response, AppError> {
    let title = if id.is_some() {
        "title-edit-theme"
    } else {
        "title-new-theme"
    };
    page_with_status(
        status,
        &ThemeForm {
            layout: Layout::page(title, "themes", ui, Some(auth)),
            id,
            name: body.name.clone().unwrap_or_default(),
            color: body.chosen_color().unwrap_or_default(),
            fields,
        },
    )
}

pub async fn create(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Input(body): Input<ThemeBody>,
) -> Result<Response, AppError> {
    let result = themes::create(&state.services, &auth.user, body.changes()).await;
    wants
        .written(
            result,
            |theme| json(StatusCode::CREATED, ThemeResponse::from(theme)),
            |theme| {
                let name = theme.theme.name.as_str();
                ui.flash(
                    "success",
                    Message::new("flash-theme-created").with("name", name),
                );
                Redirect::to("/themes").into_response()
            },
            async |status, fields| form_again(&ui, &auth, None, &body, status, fields),
        )
        .await
}

pub async fn update(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: ThemeId,
    Input(body): Input<ThemeBody>,
) -> Result<Response, AppError> {
    let result = themes::update(&state.services, &auth.user, id.uuid(), body.changes()).await;
    wants
        .written(
            result,
            |theme| json(StatusCode::OK, ThemeResponse::from(theme)),
            |_| {
                ui.flash("success", "flash-theme-saved");
                Redirect::to("/themes").into_response()
            },
            async |status, fields| {
                let id = Some(id.uuid().to_string());
                form_again(&ui, &auth, id, &body, status, fields)
            },
        )
        .await
}

pub async fn delete(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: ThemeId,
) -> Result<Response, AppError> {
    themes::delete(&state.services, &auth.user, id.uuid()).await?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-theme-deleted");
        Redirect::to("/themes").into_response()
    }))
}
