//! `/admin/users`: the staff users with their role and whether they may
//! sign in; a form to add one, and per user a form to change the role and
//! one to deactivate (or reactivate). The API's create and change
//! ([`create_user`], [`save_user`]), with its rule that an admin cannot
//! lock themself out ([`refuse_own_lockout`]).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Errors, ROLES, error_of, see_other};
use crate::config::Settings;
use crate::db::users::{self, UserRow};
use crate::db::{Db, utc};
use crate::domain::page::split_page;
use crate::domain::user::{NewStaffUser, Role, UserChanges, UserPatch};
use crate::error::AppError;
use crate::pages::context::{Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::pages::staff::nav::StaffChrome;
use crate::pages::staff::session::StaffPage;
use crate::pages::staff::webinar_input::{ZoneOption, zones};
use crate::routes::page_request;
use crate::routes::users::{create_user, refuse_own_lockout, save_user};

/// Users per page.
const PER_PAGE: u32 = 200;
/// The roles in the order the forms offer them.
const ROLE_CHOICES: [Role; 3] = [Role::Csm, Role::Marketing, Role::Admin];

pub struct UserLine {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub role_label: String,
    pub active: bool,
    pub status: String,
    pub language: String,
    pub zone: String,
    pub added: String,
    /// The admin looking at the page: no forms that would lock them out.
    pub is_me: bool,
}

pub struct RoleOption {
    pub value: &'static str,
    pub label: String,
}

/// What the add form holds (and shows again after a mistake).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddForm {
    pub csrf: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub timezone: String,
    pub locale: String,
    pub password: String,
}

/// A change of one user: a role, or `active` as `yes` / `no`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    pub csrf: String,
    pub role: String,
    pub active: String,
}

#[derive(Template)]
#[template(path = "pages/staff/admin_users.html")]
struct UsersPage {
    l: Layout,
    chrome: StaffChrome,
    users: Vec<UserLine>,
    roles: Vec<RoleOption>,
    zones: Vec<ZoneOption>,
    form: AddForm,
    errors: Errors,
    /// A refused change, shown above the list.
    change_error: Option<String>,
    notice: Option<String>,
    next: Option<String>,
}

impl UsersPage {
    fn error(&self, field: &str) -> Option<String> {
        error_of(&self.errors, field)
    }
}

fn role_label(page: &StaffPage, role: Role) -> String {
    page.ctx.t(match role {
        Role::Admin => "admin-role-admin",
        Role::Csm => "admin-role-csm",
        Role::Marketing => "admin-role-marketing",
    })
}

fn line(page: &StaffPage, row: &UserRow) -> UserLine {
    let ctx = &page.ctx;
    let role = row.role().unwrap_or(Role::Csm);
    UserLine {
        id: row.id.clone(),
        name: row.name.clone(),
        email: row.email.clone(),
        role: role.as_str(),
        role_label: role_label(page, role),
        active: row.active,
        status: ctx.t(if row.active {
            "admin-user-active"
        } else {
            "admin-user-inactive"
        }),
        language: crate::domain::locale::Locale::parse(&row.locale)
            .and_then(|l| crate::i18n::text(l, "page-lang-name", &[]).ok())
            .unwrap_or_else(|| row.locale.clone()),
        zone: row.timezone.clone(),
        added: ctx.text(
            "admin-added-on",
            &[(
                "when",
                super::when(ctx, utc(row.created_at), page.zone_or_utc()).into(),
            )],
        ),
        is_me: row.id == page.id(),
    }
}

struct Shown {
    form: AddForm,
    errors: Errors,
    change_error: Option<String>,
    notice: Option<String>,
}

async fn render(
    req: &HttpRequest,
    db: &Db,
    page: &StaffPage,
    shown: Shown,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let ctx = &page.ctx;
    let cursor = query_param(req, "cursor");
    let list = page_request(cursor.as_deref(), Some(PER_PAGE)).page(ctx)?;
    let rows = {
        let list = list.clone();
        db.run(move |conn| users::list(conn, &list))
            .await
            .page(ctx)?
    };
    let (rows, next_cursor) = split_page(rows, &list, |r| &r.id);
    let next = next_cursor.map(|c| {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("cursor", &c)
            .finish();
        format!("/admin/users?{query}")
    });
    let zone = if shown.form.timezone.is_empty() {
        page.zone_or_utc().name().to_owned()
    } else {
        shown.form.timezone.clone()
    };
    let view = UsersPage {
        l: ctx.layout(),
        chrome: page.chrome("/admin/users"),
        users: rows.iter().map(|r| line(page, r)).collect(),
        roles: ROLE_CHOICES
            .iter()
            .map(|&r| RoleOption {
                value: r.as_str(),
                label: role_label(page, r),
            })
            .collect(),
        zones: zones(&zone),
        form: shown.form,
        errors: shown.errors,
        change_error: shown.change_error,
        notice: shown.notice,
        next,
    };
    Ok(ctx.render(status, &view))
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
) -> Result<HttpResponse, PageError> {
    page.require(&ROLES)?;
    let ctx = &page.ctx;
    let notice = if let Some(name) = query_param(&req, "added") {
        Some(ctx.text("admin-user-added", &[("name", name.into())]))
    } else {
        query_param(&req, "changed").map(|_| ctx.t("admin-user-changed"))
    };
    let shown = Shown {
        form: AddForm {
            role: Role::Csm.as_str().to_owned(),
            ..AddForm::default()
        },
        errors: Vec::new(),
        change_error: None,
        notice,
    };
    render(&req, &db, &page, shown, StatusCode::OK).await
}

/// The add form's field for a field of the API's request.
fn add_field(api_field: &str) -> &'static str {
    match api_field {
        "email" => "email",
        "name" => "name",
        "role" => "role",
        "timezone" => "timezone",
        "locale" => "locale",
        _ => "password",
    }
}

fn field_errors(page: &StaffPage, fields: impl IntoIterator<Item = &'static str>) -> Errors {
    let mut out: Errors = Vec::new();
    for field in fields {
        if !out.iter().any(|(f, _)| *f == field) {
            out.push((field, page.ctx.t(&format!("admin-error-user-{field}"))));
        }
    }
    out
}

pub async fn add(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    page: StaffPage,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    page.require(&ROLES)?;
    let locale = if form.locale.trim().is_empty() {
        settings.defaults.locale.code()
    } else {
        form.locale.trim()
    };
    let timezone = Some(form.timezone.trim()).filter(|z| !z.is_empty());
    let parsed = NewStaffUser::parse_with_locale(
        &form.email,
        &form.name,
        form.role.trim(),
        timezone,
        Some(locale),
        &form.password,
    );
    let result = match parsed {
        Ok(new) => create_user(&db, new).await,
        Err(e) => Err(e.into()),
    };
    let errors = match result {
        Ok(row) => {
            tracing::info!(user_id = %row.id, by = %page.id(), "staff user created");
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("added", &row.name)
                .finish();
            return Ok(see_other(format!("/admin/users?{query}")));
        }
        Err(AppError::Validation(v)) => {
            field_errors(&page, v.0.iter().map(|e| add_field(&e.field)))
        }
        Err(AppError::Conflict {
            code: "email_taken",
            ..
        }) => vec![("email", page.ctx.t("admin-error-email-taken"))],
        Err(e) => return Err(PageError::new(&page.ctx, e)),
    };
    // The password is never sent back into the page.
    let form = AddForm {
        password: String::new(),
        ..form
    };
    let shown = Shown {
        form,
        errors,
        change_error: None,
        notice: None,
    };
    render(&req, &db, &page, shown, StatusCode::UNPROCESSABLE_ENTITY).await
}

pub async fn change(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
    path: web::Path<String>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    page.require(&ROLES)?;
    let id = path.into_inner();
    let patch = UserPatch {
        role: Some(form.role.trim().to_owned()).filter(|r| !r.is_empty()),
        active: match form.active.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        ..UserPatch::default()
    };
    let refused = |key: &str| Shown {
        form: AddForm {
            role: Role::Csm.as_str().to_owned(),
            ..AddForm::default()
        },
        errors: Vec::new(),
        change_error: Some(page.ctx.t(key)),
        notice: None,
    };
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    if patch.role.is_none() && patch.active.is_none() {
        return render(&req, &db, &page, refused("admin-error-nothing"), invalid).await;
    }
    let changes = match UserChanges::parse(&patch) {
        Ok(changes) => changes,
        Err(_) => return render(&req, &db, &page, refused("admin-error-user-role"), invalid).await,
    };
    if refuse_own_lockout(&page.staff, &id, &changes).is_err() {
        return render(&req, &db, &page, refused("admin-error-self"), invalid).await;
    }
    match save_user(&db, &page.staff, id.clone(), changes, None).await {
        Ok(_) => Ok(see_other(format!("/admin/users?changed=1#u-{id}"))),
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}
