//! The OpenAPI document, generated from the handlers' annotations and the
//! request/response types of the routes that `routes::configure` registers. The answers every operation shares (401 without a
//! token, 422 for a bad id, query or body, 400/413/415 for a body that cannot
//! be read, 503 when the database is out of reach) are added here from the
//! operation's shape, so that no handler can forget them; answers particular
//! to one operation (403, 409 with its codes, 429) stay in its annotation.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::domain::page::{CURSOR_MAX, DEFAULT_LIMIT, MAX_LIMIT};
use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "onetomany",
        description = "Webinars, expert webinars with waiting lists and a one-hour CSM queue for Customer Success one-to-many teams. Errors are RFC 9457 problem details (`application/problem+json`) with a `code`. Ids are UUIDs: a malformed id is answered with 422, an unknown one with 404."
    ),
    tags(
        (name = "auth", description = "Staff sign-in"),
        (name = "users", description = "Staff users (admin)"),
        (name = "accounts", description = "Customer companies, their domains and segment"),
        (name = "webinars", description = "Regular and expert webinars, series"),
        (name = "registrations", description = "Public registration, waiting list, attendance"),
        (name = "office hours", description = "CSM availability and free one-hour slots"),
        (name = "queue", description = "The one-hour customer queue and its appointments"),
        (name = "marketing", description = "Attendee lists, figures, webhooks, erasure, audit"),
        (name = "outbox", description = "E-mail and webhook delivery (admin)"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

/// What the service keeps of the document: its JSON, served as it is to
/// every request and worker, and the methods served at each documented path.
/// The document itself (several MB of nested maps for about 100 KB of JSON)
/// is dropped once these are made.
struct Served {
    json: Box<[u8]>,
    allow: BTreeMap<String, String>,
}

fn served() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| {
        let doc = document();
        let allow = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods: Vec<_> = operations(item).map(|(m, _)| m).collect();
                (path.clone(), methods.join(", "))
            })
            .collect();
        // The document is plain maps and strings: writing it cannot fail.
        let mut value = serde_json::to_value(&doc).unwrap_or_default();
        spell_link_fields(&mut value);
        let json = serde_json::to_vec(&value).unwrap_or_default();
        Served {
            json: json.into_boxed_slice(),
            allow,
        }
    })
}

/// Builds the document: the operations are collected from the routes as
/// `routes::configure` registers them, then the shared parts are added.
fn document() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    Security.modify(&mut doc);
    SharedAnswers.modify(&mut doc);
    Links.modify(&mut doc);
    doc
}

/// `GET /api/openapi.json`: the document, serialized once at start-up.
pub fn json_resource() -> actix_web::Resource {
    actix_web::web::resource(JSON_PATH)
        .guard(actix_web::guard::Get())
        .to(|| async {
            actix_web::HttpResponse::Ok()
                .content_type(actix_web::http::header::ContentType::json())
                .body(&served().json[..])
        })
}

/// Where the document is served; the Swagger UI loads it from there.
pub const JSON_PATH: &str = "/api/openapi.json";

/// The documented route patterns (`/api/v1/webinars/{id}`).
pub fn paths() -> impl Iterator<Item = &'static str> {
    served().allow.keys().map(String::as_str)
}

/// The methods served at a route pattern (`/api/v1/webinars/{id}`) as an
/// `Allow` header value, e.g. `GET, PATCH`.
pub fn allowed_methods(pattern: &str) -> Option<&'static str> {
    served().allow.get(pattern).map(String::as_str)
}

fn operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    [
        ("GET", &item.get),
        ("POST", &item.post),
        ("PUT", &item.put),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// Staff sign in for a bearer JWT; a customer's manage token (from the
/// booking's e-mail) is accepted as the same bearer or as `?token=`.
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A staff token from `POST /api/v1/auth/login`, or a booking's manage token",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "manage_token",
            SecurityScheme::ApiKey(ApiKey::Query(ApiKeyValue::with_description(
                "token",
                "The manage token from the booking's e-mail",
            ))),
        );
    }
}

/// The OpenAPI links from an answer that makes a resource to the operations
/// on it: (operation, status, the answer's field that is the new id,
/// operations taking that id as `{id}`).
/// Clients and the stateful fuzzer follow them (a new webinar -> register ->
/// cancel or claim that registration). Only true ones: a new user has no
/// availability until it is published, so no link leads to reading it.
const LINKS: &[(&str, &str, &str, &[&str])] = &[
    (
        "createWebinar",
        "201",
        "/id",
        &[
            "getWebinar",
            "updateWebinar",
            "cancelWebinar",
            "getWebinarIcs",
            "register",
            "listRegistrations",
        ],
    ),
    (
        "register",
        "201",
        "/id",
        &["getRegistration", "cancelRegistration", "claimRegistration"],
    ),
    (
        "createUser",
        "201",
        "/id",
        &[
            "getUser",
            "updateUser",
            "replaceAvailability",
            "setBusyCalendar",
        ],
    ),
    (
        "replaceAvailability",
        "200",
        "/user_id",
        &["getAvailability"],
    ),
    ("createAccount", "201", "/id", &["getAccount"]),
    (
        "joinQueue",
        "201",
        "/id",
        &[
            "getQueueRequest",
            "cancelQueueRequest",
            "rescheduleQueueRequest",
        ],
    ),
    ("createWebhook", "201", "/id", &["deleteWebhook"]),
];

struct Links;

/// utoipa 5.5 writes a link's `operationId` as `operation_id`, which no
/// client reads: each link is written as OpenAPI spells it.
fn spell_link_fields(doc: &mut serde_json::Value) {
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    let links = paths
        .values_mut()
        .filter_map(|item| item.as_object_mut())
        .flat_map(|item| item.values_mut())
        .filter_map(|op| op.get_mut("responses").and_then(|r| r.as_object_mut()))
        .flat_map(|responses| responses.values_mut())
        .filter_map(|r| r.get_mut("links").and_then(|l| l.as_object_mut()))
        .flat_map(|links| links.values_mut())
        .filter_map(|link| link.as_object_mut());
    for link in links {
        if let Some(id) = link.remove("operation_id") {
            link.insert("operationId".to_owned(), id);
        }
    }
}

impl Modify for Links {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for op in operations_mut(item) {
                let Some(id) = op.operation_id.as_deref() else {
                    continue;
                };
                for (_, status, field, targets) in LINKS.iter().filter(|(from, ..)| *from == id) {
                    let Some(RefOr::T(response)) = op.responses.responses.get_mut(*status) else {
                        continue;
                    };
                    for target in *targets {
                        let link = utoipa::openapi::link::LinkBuilder::new()
                            .operation_id(*target)
                            .parameter("path.id", format!("$response.body#{field}"))
                            .build();
                        response.links.insert((*target).to_owned(), RefOr::T(link));
                    }
                }
            }
        }
    }
}

/// Adds the answers an operation gives because of its shape, and the exact
/// schemas of the parameters every list and resource shares.
struct SharedAnswers;

impl Modify for SharedAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in &mut openapi.paths.paths {
            let touches_db = !matches!(path.as_str(), "/healthz" | "/metrics");
            for op in operations_mut(item) {
                shared_answers(op, touches_db);
                precise_parameters(op);
            }
        }
    }
}

fn shared_answers(op: &mut Operation, touches_db: bool) {
    let params = op.parameters.as_deref().unwrap_or_default();
    let has_id = params
        .iter()
        .any(|p| p.parameter_in == ParameterIn::Path && p.name == "id");
    let has_path = params.iter().any(|p| p.parameter_in == ParameterIn::Path);
    let has_query = params.iter().any(|p| p.parameter_in == ParameterIn::Query);
    let has_body = op.request_body.is_some();
    // Authentication is required unless one of the alternatives is "none".
    let needs_auth = op
        .security
        .as_ref()
        .is_some_and(|s| !s.is_empty() && !s.contains(&SecurityRequirement::default()));

    let mut add = |status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::T(problem(status, description)));
    };
    if has_body {
        add("400", "The body is not well-formed JSON (`bad_request`)");
        add(
            "413",
            "The body is larger than 64 KiB (`payload_too_large`)",
        );
        add(
            "415",
            "The body is not sent as `application/json` (`unsupported_media_type`)",
        );
    }
    if needs_auth {
        add(
            "401",
            "No valid token: sign in and send `Authorization: Bearer <token>` (`unauthorized`)",
        );
    }
    if has_id {
        add("404", "No resource with this id (`not_found`)");
    }
    if has_body || has_path || has_query {
        add(
            "422",
            "A field, query parameter or id is invalid; `errors` names each (`validation_failed`)",
        );
    }
    if touches_db {
        add(
            "503",
            "The database is busy or out of reach; try again shortly (`unavailable`)",
        );
    }
}

/// A problem+json answer; 401 and 429 with the headers they carry.
fn problem(status: &str, description: &str) -> Response {
    let mut response = ResponseBuilder::new().description(description).content(
        "application/problem+json",
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build(),
    );
    let header = |description: &str, ty: Type| {
        HeaderBuilder::new()
            .schema(ObjectBuilder::new().schema_type(ty))
            .description(Some(description))
            .build()
    };
    match status {
        "401" => {
            response = response.header("WWW-Authenticate", header("`Bearer`", Type::String));
        }
        "429" => {
            response = response.header(
                "Retry-After",
                header("Seconds until a request is accepted again", Type::Integer),
            );
        }
        _ => {}
    }
    response.build()
}

/// Every `{id}` is a UUID; `limit` is 1 to 500 and `cursor` is a value a
/// list returned, the same on every list.
fn precise_parameters(op: &mut Operation) {
    for p in op.parameters.iter_mut().flatten() {
        let schema = match (p.parameter_in.clone(), p.name.as_str()) {
            (ParameterIn::Path, "id") => {
                if p.description.is_none() {
                    p.description = Some("A UUID".into());
                }
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
                    .build()
            }
            (ParameterIn::Query, "limit") => {
                p.description = Some(format!(
                    "Page size, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})"
                ));
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
                    .minimum(Some(1))
                    .maximum(Some(MAX_LIMIT))
                    .default(Some(DEFAULT_LIMIT.into()))
                    .build()
            }
            (ParameterIn::Query, "cursor") => {
                p.description = Some(
                    "`next_cursor` of the previous page; anything else is refused with 422".into(),
                );
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some("^[A-Za-z0-9_-]*$"))
                    .max_length(Some(CURSOR_MAX))
                    .build()
            }
            _ => continue,
        };
        p.schema = Some(RefOr::T(schema.into()));
    }
}
