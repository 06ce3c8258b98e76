//! `/admin/accounts`: customer accounts with their e-mail domains and
//! segment (high-, low- or tech-touch, which decides how much of the
//! team's time a company gets); a form to add one, and per account a form
//! to move it to another segment. Adding checks exactly as the API does
//! ([`NewAccount::parse`]).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Errors, ROLES, error_of, see_other};
use crate::db::accounts::{self, Account};
use crate::db::{Db, DbError, utc};
use crate::domain::account::{NewAccount, Segment};
use crate::domain::page::split_page;
use crate::error::AppError;
use crate::pages::context::{Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::pages::staff::nav::StaffChrome;
use crate::pages::staff::session::StaffPage;
use crate::routes::page_request;

/// Accounts per page.
const PER_PAGE: u32 = 200;
const SEGMENTS: [Segment; 3] = [Segment::HighTouch, Segment::LowTouch, Segment::TechTouch];

pub struct AccountLine {
    pub id: String,
    pub name: String,
    pub domains: String,
    pub segment: &'static str,
    pub segment_label: String,
    pub added: String,
}

pub struct SegmentOption {
    pub value: &'static str,
    pub label: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddForm {
    pub csrf: String,
    pub name: String,
    /// One domain per line, or separated by commas or spaces.
    pub domains: String,
    pub segment: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SegmentForm {
    pub csrf: String,
    pub segment: String,
}

#[derive(Template)]
#[template(path = "pages/staff/admin_accounts.html")]
struct AccountsPage {
    l: Layout,
    chrome: StaffChrome,
    accounts: Vec<AccountLine>,
    segments: Vec<SegmentOption>,
    form: AddForm,
    errors: Errors,
    change_error: Option<String>,
    notice: Option<String>,
    next: Option<String>,
}

impl AccountsPage {
    fn error(&self, field: &str) -> Option<String> {
        error_of(&self.errors, field)
    }
}

fn segment_label(page: &StaffPage, segment: Segment) -> String {
    page.ctx.t(match segment {
        Segment::HighTouch => "admin-segment-high-touch",
        Segment::LowTouch => "admin-segment-low-touch",
        Segment::TechTouch => "admin-segment-tech-touch",
    })
}

fn line(page: &StaffPage, account: &Account) -> AccountLine {
    let segment = account.segment().unwrap_or(Segment::UNKNOWN_DOMAIN);
    AccountLine {
        id: account.row.id.clone(),
        name: account.row.name.clone(),
        domains: account.domains.join(", "),
        segment: segment.as_str(),
        segment_label: segment_label(page, segment),
        added: page.ctx.text(
            "admin-added-on",
            &[(
                "when",
                super::when(&page.ctx, utc(account.row.created_at), page.zone_or_utc()).into(),
            )],
        ),
    }
}

async fn render(
    req: &HttpRequest,
    db: &Db,
    page: &StaffPage,
    form: AddForm,
    errors: Errors,
    change_error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let ctx = &page.ctx;
    let cursor = query_param(req, "cursor");
    let list = page_request(cursor.as_deref(), Some(PER_PAGE)).page(ctx)?;
    let rows = {
        let list = list.clone();
        db.run(move |conn| accounts::list(conn, &list))
            .await
            .page(ctx)?
    };
    let (rows, next_cursor) = split_page(rows, &list, |a| &a.row.id);
    let next = next_cursor.map(|c| {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("cursor", &c)
            .finish();
        format!("/admin/accounts?{query}")
    });
    let notice = if let Some(name) = query_param(req, "added") {
        Some(ctx.text("admin-account-added", &[("name", name.into())]))
    } else {
        query_param(req, "changed").map(|_| ctx.t("admin-account-changed"))
    };
    let view = AccountsPage {
        l: ctx.layout(),
        chrome: page.chrome("/admin/accounts"),
        accounts: rows.iter().map(|a| line(page, a)).collect(),
        segments: SEGMENTS
            .iter()
            .map(|&s| SegmentOption {
                value: s.as_str(),
                label: segment_label(page, s),
            })
            .collect(),
        form,
        errors,
        change_error,
        notice: notice.filter(|_| status == StatusCode::OK),
        next,
    };
    Ok(ctx.render(status, &view))
}

fn fresh_form() -> AddForm {
    AddForm {
        segment: Segment::LowTouch.as_str().to_owned(),
        ..AddForm::default()
    }
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
) -> Result<HttpResponse, PageError> {
    page.require(&ROLES)?;
    render(
        &req,
        &db,
        &page,
        fresh_form(),
        Vec::new(),
        None,
        StatusCode::OK,
    )
    .await
}

/// The add form's field for a field of the API's request.
fn add_field(api_field: &str) -> &'static str {
    match api_field.split('[').next().unwrap_or_default() {
        "name" => "name",
        "segment" => "segment",
        _ => "domains",
    }
}

pub async fn add(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    page.require(&ROLES)?;
    let domains: Vec<String> = form
        .domains
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
        .collect();
    let result = match NewAccount::parse(&form.name, &domains, form.segment.trim()) {
        Ok(new) => db
            .run(move |conn| accounts::insert(conn, &new))
            .await
            .map_err(AppError::from),
        Err(e) => Err(e.into()),
    };
    let errors = match result {
        Ok(account) => {
            tracing::info!(account_id = %account.row.id, by = %page.id(), "account created");
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("added", &account.row.name)
                .finish();
            return Ok(see_other(format!("/admin/accounts?{query}")));
        }
        Err(AppError::Validation(v)) => {
            let mut out: Errors = Vec::new();
            for field in v.0.iter().map(|e| add_field(&e.field)) {
                if !out.iter().any(|(f, _)| *f == field) {
                    out.push((field, page.ctx.t(&format!("admin-error-account-{field}"))));
                }
            }
            out
        }
        Err(AppError::Conflict {
            code: "domain_taken",
            ..
        }) => vec![("domains", page.ctx.t("admin-error-domain-taken"))],
        Err(e) => return Err(PageError::new(&page.ctx, e)),
    };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    render(&req, &db, &page, form, errors, None, status).await
}

pub async fn change_segment(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
    path: web::Path<String>,
    form: web::Form<SegmentForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    page.require(&ROLES)?;
    let Ok(segment) = form.segment.trim().parse::<Segment>() else {
        let error = Some(page.ctx.t("admin-error-account-segment"));
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return render(&req, &db, &page, fresh_form(), Vec::new(), error, status).await;
    };
    let id = path.into_inner();
    let changed = {
        let id = id.clone();
        db.write(move |conn| accounts::set_segment(conn, &id, segment))
            .await
            .map_err(|e: DbError| PageError::new(&page.ctx, e))?
    };
    if changed.is_none() {
        return Err(PageError::new(
            &page.ctx,
            AppError::NotFound("no account with this id"),
        ));
    }
    tracing::info!(account_id = %id, by = %page.id(), segment = segment.as_str(), "account segment changed");
    Ok(see_other(format!("/admin/accounts?changed=1#a-{id}")))
}
