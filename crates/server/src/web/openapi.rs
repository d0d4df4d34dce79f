//! The OpenAPI 3.1 document of the JSON interface (docs/product.md#openapi),
//! served at `/api/openapi.json` and shown as a page at `/api/docs`. Every
//! request and response schema is derived (`utoipa::ToSchema`) from the very
//! types the handlers read and answer, so a changed field changes the
//! document; the operations below name those types, and a test compares them
//! with the router's routes both ways.
use super::account_deletion::DeleteForm;
use super::auth::{LoginForm, LogoutForm, RegisterForm};
use super::calendar::FeedUrlResponse;
use super::checkins::CheckinBody;
use super::habit_form::HabitJson;
use super::habit_preview::PreviewResponse;
use super::habits::ActionForm;
use super::health::{Live, Ready};
use super::import::ImportResponse;
use super::password_reset::ResetForm;
use super::pauses::RangeBody;
use super::reminders::{
    PushEndpointBody, PushSubscriptionBody, ReminderActionBody, ReminderSettingsBody,
    ReminderSettingsResponse, ReminderTestResponse,
};
use super::render_errors::ErrorResponse;
use super::responses::{
    CheckinOutcomeResponse, CheckinResponse, CsrfResponse, HabitResponse, ListResponse,
    PauseResponse, SessionsResponse, StatusResponse, TaskResponse, ThemeResponse, UserResponse,
};
use super::settings::{LanguageForm, PasswordForm, ProfileForm};
use super::stats::StatisticsResponse;
use super::tasks::TaskBody;
use super::themes::ThemeBody;
use super::tokens::{NewTokenResponse, TokenBody, TokensResponse};
use std::sync::LazyLock;
use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, Parameter, ParameterBuilder, ParameterIn,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder, Ref,
    RefOr, Required, ResponseBuilder, Schema,
};
use utoipa::{PartialSchema, ToSchema};

const JSON: &str = "application/json";

/// Who may call an operation.
#[derive(Clone, Copy)]
enum Access {
    /// Nobody needs to be signed in.
    Public,
    /// A session cookie or a token.
    SignedIn,
    /// A session cookie only: tokens are refused (docs/security.md, API tokens).
    SessionOnly,
}

struct Op {
    methods: &'static [HttpMethod],
    path: &'static str,
    operation: Operation,
}

fn schema_of<T: ToSchema>() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(T::name()))
}

fn body<T: ToSchema>() -> utoipa::openapi::request_body::RequestBody {
    optional_body::<T>().required(Some(Required::True)).build()
}

/// A file sent as the whole body.
fn file_body() -> utoipa::openapi::request_body::RequestBody {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    let binary = ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)));
    RequestBodyBuilder::new()
        .content(
            "application/octet-stream",
            ContentBuilder::new().schema(Some(binary)).build(),
        )
        .required(Some(Required::True))
        .build()
}

/// The body of an action whose fields are all optional: it may be left out.
fn optional_body<T: ToSchema>() -> RequestBodyBuilder {
    RequestBodyBuilder::new().content(
        JSON,
        ContentBuilder::new().schema(Some(schema_of::<T>())).build(),
    )
}

fn answer(description: &str, schema: Option<RefOr<Schema>>) -> utoipa::openapi::Response {
    let response = ResponseBuilder::new().description(description);
    match schema {
        Some(schema) => response
            .content(JSON, ContentBuilder::new().schema(Some(schema)).build())
            .build(),
        None => response.build(),
    }
}

fn param(name: &str, location: ParameterIn, description: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(location.clone())
        .required(if matches!(location, ParameterIn::Path) {
            Required::True
        } else {
            Required::False
        })
        .description(Some(description))
        .schema(Some(String::schema()))
        .build()
}

/// One operation: its summary and tag, who may call it, its parameters,
/// body and success answer; every one also answers the error shape.
#[allow(clippy::too_many_arguments)]
fn op(
    methods: &'static [HttpMethod],
    path: &'static str,
    tag: &str,
    summary: &str,
    access: Access,
    params: Vec<Parameter>,
    request: Option<utoipa::openapi::request_body::RequestBody>,
    success: (&str, &str, Option<RefOr<Schema>>),
) -> Op {
    let path_params = path
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| {
            param(
                name,
                ParameterIn::Path,
                "a path segment (an id is a UUID, a date YYYY-MM-DD)",
            )
        });
    let mut builder = OperationBuilder::new()
        .tag(tag)
        .summary(Some(summary))
        .parameters(Some(path_params.chain(params)))
        .request_body(request)
        .response(success.0, answer(success.1, success.2))
        .response(
            "default",
            answer(
                "An error in the one JSON error shape",
                Some(schema_of::<ErrorResponse>()),
            ),
        );
    builder = match access {
        Access::Public => builder.securities(Some(Vec::<SecurityRequirement>::new())),
        Access::SignedIn => builder
            .security(SecurityRequirement::new("bearer", Vec::<String>::new()))
            .security(SecurityRequirement::new("cookie", Vec::<String>::new())),
        Access::SessionOnly => {
            builder.security(SecurityRequirement::new("cookie", Vec::<String>::new()))
        }
    };
    Op {
        methods,
        path,
        operation: builder.build(),
    }
}

fn list_of<T: ToSchema>() -> Option<RefOr<Schema>> {
    Some(<ListResponse<T> as PartialSchema>::schema())
}

fn page_params() -> Vec<Parameter> {
    query(&[
        ("page", "1-based page number"),
        ("per_page", "items per page, at most 100"),
    ])
}

fn list_params() -> Vec<Parameter> {
    let mut params = page_params();
    params.extend(query(&[
        (
            "status",
            "which records (see docs/product.md#lists-and-paging)",
        ),
        ("sort", "sort key"),
        ("order", "asc or desc"),
        ("theme_id", "only this theme's records"),
    ]));
    params
}

fn query(names: &[(&str, &str)]) -> Vec<Parameter> {
    names
        .iter()
        .map(|(name, description)| param(name, ParameterIn::Query, description))
        .collect()
}

use Access::{Public, SessionOnly, SignedIn};
use HttpMethod::{Delete, Get, Patch, Post, Put};

fn operations() -> Vec<Op> {
    let ok = |schema| ("200", "OK", schema);
    let created = |schema| ("201", "Created", schema);
    let deleted = || ("204", "Deleted", None);
    let status = || ok(Some(schema_of::<StatusResponse>()));
    let user = || ok(Some(schema_of::<UserResponse>()));
    let theme = || Some(schema_of::<ThemeResponse>());
    let task = || Some(schema_of::<TaskResponse>());
    let habit = || Some(schema_of::<HabitResponse>());
    let pause = || Some(schema_of::<PauseResponse>());
    let outcome = || ok(Some(schema_of::<CheckinOutcomeResponse>()));
    let action = || Some(optional_body::<ActionForm>().build());
    let next = || query(&[("next", "where a browser goes afterwards")]);
    vec![
        op(
            &[Post],
            "/auth/login",
            "auth",
            "Sign in",
            Public,
            next(),
            Some(body::<LoginForm>()),
            user(),
        ),
        op(
            &[Post],
            "/auth/register",
            "auth",
            "Create an account and sign in",
            Public,
            next(),
            Some(body::<RegisterForm>()),
            created(Some(schema_of::<UserResponse>())),
        ),
        op(
            &[Post],
            "/auth/logout",
            "auth",
            "Sign out here",
            SignedIn,
            next(),
            Some(optional_body::<LogoutForm>().build()),
            status(),
        ),
        op(
            &[Post],
            "/auth/logout-all",
            "auth",
            "Sign out everywhere",
            SessionOnly,
            next(),
            Some(optional_body::<LogoutForm>().build()),
            status(),
        ),
        op(
            &[Get],
            "/auth/csrf",
            "auth",
            "The CSRF token of the UI session",
            Public,
            vec![],
            None,
            ok(Some(schema_of::<CsrfResponse>())),
        ),
        op(
            &[Post],
            "/auth/reset-password/{token}",
            "auth",
            "Set a new password with a one-time link",
            Public,
            vec![],
            Some(body::<ResetForm>()),
            status(),
        ),
        op(
            &[Post],
            "/settings/identities/link",
            "settings",
            "Link the identity waiting in this session",
            SessionOnly,
            vec![],
            action(),
            status(),
        ),
        op(
            &[Post],
            "/settings/identities/{id}/unlink",
            "settings",
            "Unlink an identity",
            SessionOnly,
            vec![],
            action(),
            status(),
        ),
        op(
            &[Get],
            "/settings",
            "settings",
            "The signed-in user",
            SignedIn,
            vec![],
            None,
            user(),
        ),
        op(
            &[Post],
            "/settings",
            "settings",
            "Update the profile",
            SignedIn,
            vec![],
            Some(body::<ProfileForm>()),
            user(),
        ),
        op(
            &[Post],
            "/settings/password",
            "settings",
            "Change the password",
            SessionOnly,
            vec![],
            Some(body::<PasswordForm>()),
            status(),
        ),
        op(
            &[Post],
            "/settings/language",
            "settings",
            "Switch the language",
            SignedIn,
            vec![],
            Some(body::<LanguageForm>()),
            user(),
        ),
        op(
            &[Get],
            "/settings/sessions",
            "settings",
            "The user's sessions",
            SessionOnly,
            vec![],
            None,
            ok(Some(schema_of::<SessionsResponse>())),
        ),
        op(
            &[Post],
            "/settings/sessions/{id}/revoke",
            "settings",
            "End a session",
            SessionOnly,
            vec![],
            action(),
            status(),
        ),
        op(
            &[Get],
            "/settings/tokens",
            "tokens",
            "The user's API tokens (no secrets)",
            SessionOnly,
            vec![],
            None,
            ok(Some(schema_of::<TokensResponse>())),
        ),
        op(
            &[Post],
            "/settings/tokens",
            "tokens",
            "Make an API token; its secret is in this answer only",
            SessionOnly,
            vec![],
            Some(body::<TokenBody>()),
            created(Some(schema_of::<NewTokenResponse>())),
        ),
        op(
            &[Delete],
            "/settings/tokens/{id}",
            "tokens",
            "Revoke an API token",
            SessionOnly,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/settings/tokens/{id}/delete",
            "tokens",
            "Revoke an API token (form)",
            SessionOnly,
            vec![],
            action(),
            deleted(),
        ),
        op(
            &[Post],
            "/settings/calendar",
            "calendar",
            "Make or rotate the calendar feed URL",
            SignedIn,
            vec![],
            action(),
            ok(Some(schema_of::<FeedUrlResponse>())),
        ),
        op(
            &[Delete],
            "/settings/calendar",
            "calendar",
            "Turn the calendar feed off",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/settings/calendar/delete",
            "calendar",
            "Turn the calendar feed off (form)",
            SignedIn,
            vec![],
            action(),
            deleted(),
        ),
        op(
            &[Get],
            "/settings/reminders",
            "reminders",
            "The reminder channels: the ntfy topic, e-mail, how many browsers subscribed to push",
            SignedIn,
            vec![],
            None,
            ok(Some(schema_of::<ReminderSettingsResponse>())),
        ),
        op(
            &[Post],
            "/settings/reminders",
            "reminders",
            "Set the ntfy topic URL (null for none) and e-mail on or off",
            SignedIn,
            vec![],
            Some(body::<ReminderSettingsBody>()),
            ok(Some(schema_of::<ReminderSettingsResponse>())),
        ),
        op(
            &[Post],
            "/settings/reminders/test",
            "reminders",
            "Send a test message to every configured channel",
            SignedIn,
            vec![],
            Some(optional_body::<ReminderActionBody>().build()),
            ok(Some(schema_of::<ReminderTestResponse>())),
        ),
        op(
            &[Post],
            "/settings/reminders/push",
            "reminders",
            "Subscribe this browser to Web Push (the body is PushSubscription.toJSON())",
            SignedIn,
            vec![],
            Some(body::<PushSubscriptionBody>()),
            created(Some(schema_of::<ReminderSettingsResponse>())),
        ),
        op(
            &[Post],
            "/settings/reminders/push/delete",
            "reminders",
            "Remove this browser's Web Push subscription",
            SignedIn,
            vec![],
            Some(body::<PushEndpointBody>()),
            ok(Some(schema_of::<ReminderSettingsResponse>())),
        ),
        op(
            &[Get],
            "/calendar/{file}",
            "calendar",
            "The calendar feed, `{secret}.ics` (text/calendar)",
            Public,
            vec![],
            None,
            ("200", "An iCalendar feed (text/calendar)", None),
        ),
        op(
            &[Get],
            "/settings/vacations",
            "pauses",
            "The account's vacations",
            SignedIn,
            vec![],
            None,
            ok(list_of::<PauseResponse>()),
        ),
        op(
            &[Post],
            "/settings/vacations",
            "pauses",
            "Add a vacation",
            SignedIn,
            vec![],
            Some(body::<RangeBody>()),
            created(pause()),
        ),
        op(
            &[Delete],
            "/settings/vacations/{id}",
            "pauses",
            "Remove a vacation",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/settings/vacations/{id}/delete",
            "pauses",
            "Remove a vacation (form)",
            SignedIn,
            vec![],
            action(),
            deleted(),
        ),
        op(
            &[Get],
            "/themes",
            "themes",
            "List themes with their counts",
            SignedIn,
            page_params(),
            None,
            ok(list_of::<ThemeResponse>()),
        ),
        op(
            &[Post],
            "/themes",
            "themes",
            "Create a theme",
            SignedIn,
            vec![],
            Some(body::<ThemeBody>()),
            created(theme()),
        ),
        op(
            &[Get],
            "/themes/{id}",
            "themes",
            "A theme",
            SignedIn,
            vec![],
            None,
            ok(theme()),
        ),
        op(
            &[Put, Patch, Post],
            "/themes/{id}",
            "themes",
            "Update a theme",
            SignedIn,
            vec![],
            Some(body::<ThemeBody>()),
            ok(theme()),
        ),
        op(
            &[Delete],
            "/themes/{id}",
            "themes",
            "Delete a theme (its tasks and habits stay)",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/themes/{id}/delete",
            "themes",
            "Delete a theme (form)",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Get],
            "/tasks",
            "tasks",
            "List tasks",
            SignedIn,
            list_params(),
            None,
            ok(list_of::<TaskResponse>()),
        ),
        op(
            &[Post],
            "/tasks",
            "tasks",
            "Create a task",
            SignedIn,
            vec![],
            Some(body::<TaskBody>()),
            created(task()),
        ),
        op(
            &[Get],
            "/tasks/{id}",
            "tasks",
            "A task",
            SignedIn,
            vec![],
            None,
            ok(task()),
        ),
        op(
            &[Put, Patch, Post],
            "/tasks/{id}",
            "tasks",
            "Update a task",
            SignedIn,
            vec![],
            Some(body::<TaskBody>()),
            ok(task()),
        ),
        op(
            &[Delete],
            "/tasks/{id}",
            "tasks",
            "Delete a task",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/tasks/{id}/delete",
            "tasks",
            "Delete a task (form)",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/tasks/{id}/complete",
            "tasks",
            "Complete a task",
            SignedIn,
            vec![],
            action(),
            ok(task()),
        ),
        op(
            &[Post],
            "/tasks/{id}/reopen",
            "tasks",
            "Reopen a task",
            SignedIn,
            vec![],
            action(),
            ok(task()),
        ),
        op(
            &[Get],
            "/habits",
            "habits",
            "List habits with their derived values",
            SignedIn,
            list_params(),
            None,
            ok(list_of::<HabitResponse>()),
        ),
        op(
            &[Post],
            "/habits",
            "habits",
            "Create a habit",
            SignedIn,
            vec![],
            Some(body::<HabitJson>()),
            created(habit()),
        ),
        op(
            &[Get],
            "/habits/preview",
            "habits",
            "The rule the habit form's fields describe",
            SignedIn,
            query(&[(
                "schedule_type",
                "the rule's type; the form's other field names as well",
            )]),
            None,
            ok(Some(schema_of::<PreviewResponse>())),
        ),
        op(
            &[Get],
            "/habits/{id}",
            "habits",
            "A habit with its derived values",
            SignedIn,
            query(&[("month", "YYYY-MM of the page's calendar")]),
            None,
            ok(habit()),
        ),
        op(
            &[Put, Patch, Post],
            "/habits/{id}",
            "habits",
            "Update a habit",
            SignedIn,
            vec![],
            Some(body::<HabitJson>()),
            ok(habit()),
        ),
        op(
            &[Delete],
            "/habits/{id}",
            "habits",
            "Delete a habit and its check-ins",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/habits/{id}/delete",
            "habits",
            "Delete a habit (form)",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/habits/{id}/archive",
            "habits",
            "Archive a habit",
            SignedIn,
            vec![],
            action(),
            ok(habit()),
        ),
        op(
            &[Post],
            "/habits/{id}/unarchive",
            "habits",
            "Unarchive a habit",
            SignedIn,
            vec![],
            action(),
            ok(habit()),
        ),
        op(
            &[Get],
            "/habits/{id}/checkins",
            "checkins",
            "A habit's check-ins",
            SignedIn,
            query(&[
                ("from", "first date, YYYY-MM-DD"),
                ("to", "last date, YYYY-MM-DD"),
            ]),
            None,
            ok(list_of::<CheckinResponse>()),
        ),
        op(
            &[Post],
            "/habits/{id}/checkins",
            "checkins",
            "Complete or skip a day",
            SignedIn,
            vec![],
            Some(body::<CheckinBody>()),
            outcome(),
        ),
        op(
            &[Delete],
            "/habits/{id}/checkins/{date}",
            "checkins",
            "Undo a day's check-in",
            SignedIn,
            vec![],
            None,
            outcome(),
        ),
        op(
            &[Post],
            "/habits/{id}/checkins/{date}/delete",
            "checkins",
            "Undo a day's check-in (form)",
            SignedIn,
            vec![],
            action(),
            outcome(),
        ),
        op(
            &[Get],
            "/habits/{id}/pauses",
            "pauses",
            "A habit's pauses",
            SignedIn,
            vec![],
            None,
            ok(list_of::<PauseResponse>()),
        ),
        op(
            &[Post],
            "/habits/{id}/pauses",
            "pauses",
            "Pause a habit",
            SignedIn,
            vec![],
            Some(body::<RangeBody>()),
            created(pause()),
        ),
        op(
            &[Delete],
            "/habits/{id}/pauses/{pause_id}",
            "pauses",
            "Remove a pause",
            SignedIn,
            vec![],
            None,
            deleted(),
        ),
        op(
            &[Post],
            "/habits/{id}/pauses/{pause_id}/delete",
            "pauses",
            "Remove a pause (form)",
            SignedIn,
            vec![],
            action(),
            deleted(),
        ),
        op(
            &[Get],
            "/stats",
            "stats",
            "Statistics over a range",
            SignedIn,
            query(&[("range", "7d, 30d, 90d, 1y or all")]),
            None,
            ok(Some(schema_of::<StatisticsResponse>())),
        ),
        op(
            &[Get],
            "/export",
            "data",
            "Download everything the account holds (HabitFlow JSON, or a Loop CSV zip)",
            SignedIn,
            query(&[("format", "habitflow (default) or loop")]),
            None,
            ("200", "The export as a file", None),
        ),
        op(
            &[Post],
            "/import",
            "data",
            "Import a HabitFlow export or a Loop Habit Tracker backup sent as the body",
            SignedIn,
            query(&[("dry_run", "true to see the plan and write nothing")]),
            Some(file_body()),
            ok(Some(schema_of::<ImportResponse>())),
        ),
        op(
            &[Post],
            "/settings/delete",
            "settings",
            "Delete the account and everything it owns",
            SessionOnly,
            vec![],
            Some(body::<DeleteForm>()),
            deleted(),
        ),
        op(
            &[Get],
            "/healthz/live",
            "health",
            "Liveness",
            Public,
            vec![],
            None,
            ok(Some(schema_of::<Live>())),
        ),
        op(
            &[Get],
            "/healthz/ready",
            "health",
            "Readiness of the database and Redis",
            Public,
            vec![],
            None,
            ok(Some(schema_of::<Ready>())),
        ),
        op(
            &[Get],
            "/api/openapi.json",
            "api",
            "This document",
            Public,
            vec![],
            None,
            ("200", "The OpenAPI document", None),
        ),
        op(
            &[Get],
            "/api/docs",
            "api",
            "This document as a page (text/html)",
            Public,
            vec![],
            None,
            ("200", "An HTML page", None),
        ),
    ]
}

/// Adds `T` and every schema it refers to.
fn with<T: ToSchema>(components: ComponentsBuilder) -> ComponentsBuilder {
    let mut nested = Vec::new();
    T::schemas(&mut nested);
    components.schema_from::<T>().schemas_from_iter(nested)
}

fn components() -> ComponentsBuilder {
    let components = ComponentsBuilder::new()
        .security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal access token, hf_ and 43 characters (docs/product.md#api-tokens)"))
                    .build(),
            ),
        )
        .security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "habitflow_session",
                "The sign-in cookie; state-changing requests also need the CSRF token in X-CSRF-Token",
            ))),
        );
    let components = with::<ErrorResponse>(components);
    let components = with::<ImportResponse>(components);
    let components = with::<DeleteForm>(components);
    let components = with::<UserResponse>(components);
    let components = with::<ThemeResponse>(components);
    let components = with::<TaskResponse>(components);
    let components = with::<HabitResponse>(components);
    let components = with::<CheckinOutcomeResponse>(components);
    let components = with::<CheckinResponse>(components);
    let components = with::<PauseResponse>(components);
    let components = with::<StatusResponse>(components);
    let components = with::<SessionsResponse>(components);
    let components = with::<CsrfResponse>(components);
    let components = with::<TokensResponse>(components);
    let components = with::<NewTokenResponse>(components);
    let components = with::<FeedUrlResponse>(components);
    let components = with::<ReminderSettingsResponse>(components);
    let components = with::<ReminderTestResponse>(components);
    let components = with::<ReminderSettingsBody>(components);
    let components = with::<ReminderActionBody>(components);
    let components = with::<PushSubscriptionBody>(components);
    let components = with::<PushEndpointBody>(components);
    let components = with::<PreviewResponse>(components);
    let components = with::<StatisticsResponse>(components);
    let components = with::<Live>(components);
    let components = with::<Ready>(components);
    let components = with::<LoginForm>(components);
    let components = with::<RegisterForm>(components);
    let components = with::<LogoutForm>(components);
    let components = with::<ResetForm>(components);
    let components = with::<ActionForm>(components);
    let components = with::<ProfileForm>(components);
    let components = with::<PasswordForm>(components);
    let components = with::<LanguageForm>(components);
    let components = with::<TokenBody>(components);
    let components = with::<RangeBody>(components);
    let components = with::<ThemeBody>(components);
    let components = with::<TaskBody>(components);
    let components = with::<HabitJson>(components);
    with::<CheckinBody>(components)
}

/// The collections routed under `/{c}` and `/{c}/` alike.
const ALSO_WITH_TRAILING_SLASH: [&str; 3] = ["/themes", "/tasks", "/habits"];

fn build() -> OpenApi {
    let mut paths = PathsBuilder::new().build();
    for op in operations() {
        // The collections also answer with a trailing slash (web/mod.rs): the
        // same operation, documented under both paths.
        if ALSO_WITH_TRAILING_SLASH.contains(&op.path) {
            paths.add_path_operation(
                format!("{}/", op.path),
                op.methods.to_vec(),
                op.operation.clone(),
            );
        }
        paths.add_path_operation(op.path, op.methods.to_vec(), op.operation);
    }
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("HabitFlow")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some("The JSON interface of HabitFlow: send `Accept: application/json`. See docs/product.md."))
                .build(),
        )
        .paths(paths)
        .components(Some(components().build()))
        .build()
}

/// The document, built once.
pub fn document() -> &'static OpenApi {
    static DOCUMENT: LazyLock<OpenApi> = LazyLock::new(build);
    &DOCUMENT
}

#[cfg(test)]
mod tests {
    use super::document;
    use std::collections::BTreeSet;

    /// Routes that only ever answer HTML (forms, pages, redirects of a sign-in
    /// flow) or files, and so are not part of the JSON interface.
    const NOT_JSON: &[(&str, &str)] = &[
        ("GET", "/"),
        ("GET", "/auth/login"),
        ("GET", "/auth/register"),
        ("GET", "/auth/reset-password/{token}"),
        ("GET", "/auth/oidc/{provider}/start"),
        ("GET", "/auth/oidc/{provider}/callback"),
        ("GET", "/settings/password"),
        ("GET", "/themes/new"),
        ("GET", "/tasks/new"),
        ("GET", "/habits/new"),
        ("GET", "/habits/{id}/edit"),
        ("GET", "/static/{file}"),
        ("GET", "/settings/data"),
        ("GET", "/settings/delete"),
        // The installable app's shell: for browsers, not the API.
        ("GET", "/manifest.webmanifest"),
        ("GET", "/sw.js"),
        ("GET", "/offline"),
    ];

    const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

    /// (METHOD, path) of every route in `routes()` of `web/mod.rs`, read
    /// from its source: each `.route("path", get(..).post(..))`.
    fn router_routes() -> BTreeSet<(String, String)> {
        let source = include_str!("mod.rs");
        let mut found = BTreeSet::new();
        for (at, _) in source.match_indices(".route(") {
            let rest = &source[at + ".route(".len()..];
            let argument = rest.trim_start();
            let path = if let Some(literal) = argument.strip_prefix('"') {
                literal[..literal.find('"').unwrap_or(0)].to_owned()
            } else {
                // A path named by a constant: `module::NAME`, read from its module.
                constant(argument.split(',').next().unwrap_or("").trim())
            };
            let mut depth = 1;
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let call = &rest[..end];
            for method in METHODS {
                let called = call.match_indices(&format!("{method}(")).any(|(i, _)| {
                    i > 0 && matches!(call.as_bytes()[i - 1], b'.' | b'(' | b' ' | b'\n')
                });
                if called {
                    found.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
        found
    }

    /// The value of a path constant used in `web/mod.rs`.
    fn constant(name: &str) -> String {
        let (module, constant) = name.split_once("::").unwrap_or(("", name));
        let source = match module {
            "body_limit" => include_str!("body_limit.rs"),
            other => panic!("a route's path constant in an unknown module: {other}"),
        };
        let declaration = format!("pub const {constant}: &str = \"");
        let start = source.find(&declaration).map(|at| at + declaration.len());
        let start = start.unwrap_or_else(|| panic!("{name} is declared"));
        let end = source[start..].find('"').unwrap_or(0);
        source[start..start + end].to_owned()
    }

    fn documented() -> BTreeSet<(String, String)> {
        let document = serde_json::to_value(document()).unwrap_or_default();
        let mut found = BTreeSet::new();
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for method in item.as_object().into_iter().flatten().map(|(m, _)| m) {
                found.insert((method.to_uppercase(), path.clone()));
            }
        }
        found
    }

    #[test]
    fn the_source_reading_sees_the_routes() {
        let routes = router_routes();
        assert!(routes.contains(&("GET".into(), "/habits".into())));
        assert!(routes.contains(&("PATCH".into(), "/themes/{id}".into())));
        assert!(routes.contains(&("DELETE".into(), "/habits/{id}/checkins/{date}".into())));
        assert!(routes.len() > 60, "{routes:?}");
    }

    #[test]
    fn every_json_route_is_documented_and_every_documented_route_exists() {
        let not_json: BTreeSet<(String, String)> = NOT_JSON
            .iter()
            .map(|(method, path)| ((*method).to_owned(), (*path).to_owned()))
            .collect();
        let routes = router_routes();
        let stale: Vec<_> = not_json.difference(&routes).collect();
        assert!(
            stale.is_empty(),
            "HTML-only routes that no longer exist: {stale:?}"
        );
        let json_routes: BTreeSet<_> = routes.difference(&not_json).cloned().collect();
        let documented = documented();
        let undocumented: Vec<_> = json_routes.difference(&documented).collect();
        assert!(
            undocumented.is_empty(),
            "routes missing from the document: {undocumented:?}"
        );
        let phantom: Vec<_> = documented.difference(&json_routes).collect();
        assert!(
            phantom.is_empty(),
            "documented routes the router lacks: {phantom:?}"
        );
    }

    #[test]
    fn the_document_is_openapi_3_1_with_both_security_schemes_and_the_error_shape() {
        let document = serde_json::to_value(document()).unwrap_or_default();
        assert_eq!(document["openapi"], "3.1.0");
        let schemes = &document["components"]["securitySchemes"];
        assert_eq!(schemes["bearer"]["scheme"], "bearer");
        assert_eq!(schemes["cookie"]["in"], "cookie");
        assert_eq!(schemes["cookie"]["name"], "habitflow_session");
        let error = &document["components"]["schemas"]["ErrorResponse"];
        assert!(error["properties"]["error"].is_object(), "{error}");
        let mut dangling = Vec::new();
        collect_dangling(&document, &document, &mut dangling);
        assert!(
            dangling.is_empty(),
            "references to missing schemas: {dangling:?}"
        );
    }

    /// Every `$ref` must name a schema of the document.
    fn collect_dangling(
        root: &serde_json::Value,
        value: &serde_json::Value,
        out: &mut Vec<String>,
    ) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(|r| r.as_str()) {
                    let name = reference.trim_start_matches("#/components/schemas/");
                    if root["components"]["schemas"][name].is_null() {
                        out.push(reference.to_owned());
                    }
                }
                map.values().for_each(|v| collect_dangling(root, v, out));
            }
            serde_json::Value::Array(items) => {
                items.iter().for_each(|v| collect_dangling(root, v, out))
            }
            _ => {}
        }
    }
}
