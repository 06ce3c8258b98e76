//! Customer accounts (companies) with their e-mail domains and segment.

use actix_web::{HttpResponse, web};
use actix_web::{get, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ListQuery, Page};
use crate::auth::Staff;
use crate::db::accounts::{self, Account};
use crate::db::{Db, utc};
use crate::domain::account::{NewAccount, Segment};
use crate::domain::page::split_page;
use crate::domain::user::Role;
use crate::error::{AppError, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountOut {
    #[schema(format = Uuid)]
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub segment: Segment,
    #[serde(with = "crate::domain::time")]
    pub created_at: DateTime<Utc>,
}

impl AccountOut {
    fn from_account(account: &Account) -> Result<Self, AppError> {
        Ok(Self {
            id: account.row.id.clone(),
            name: account.row.name.clone(),
            domains: account.domains.clone(),
            segment: account.segment()?,
            created_at: utc(account.row.created_at),
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateAccountRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// E-mail domains of the company's people, e.g. `acme.com` (at most 50).
    #[serde(default)]
    #[schema(max_items = 50)]
    pub domains: Vec<String>,
    #[schema(value_type = Segment)]
    pub segment: String,
}

/// Create a customer account (admin, csm).
#[utoipa::path(tag = "accounts", operation_id = "createAccount",
    security(("bearer" = [])), request_body = CreateAccountRequest, responses(
    (status = 201, body = AccountOut),
    (status = 403, description = "Not an admin or CSM (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`domain_taken`", body = Problem, content_type = "application/problem+json"),
))]
#[post("/api/v1/accounts")]
pub async fn create(
    db: web::Data<Db>,
    staff: Staff,
    body: web::Json<CreateAccountRequest>,
) -> Result<HttpResponse, AppError> {
    staff.require(&[Role::Admin, Role::Csm])?;
    let new = NewAccount::parse(&body.name, &body.domains, &body.segment)?;
    let account = db.run(move |conn| accounts::insert(conn, &new)).await?;
    tracing::info!(account_id = %account.row.id, by = %staff.id, "account created");
    Ok(HttpResponse::Created().json(AccountOut::from_account(&account)?))
}

/// List customer accounts (staff).
#[utoipa::path(tag = "accounts", operation_id = "listAccounts",
    security(("bearer" = [])), params(ListQuery), responses(
    (status = 200, body = Page<AccountOut>),
))]
#[get("/api/v1/accounts")]
pub async fn list(
    db: web::Data<Db>,
    _staff: Staff,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Page<AccountOut>>, AppError> {
    let page = query.page()?;
    let rows = {
        let page = page.clone();
        db.run(move |conn| accounts::list(conn, &page)).await?
    };
    let (rows, next_cursor) = split_page(rows, &page, |a| &a.row.id);
    let items = rows
        .iter()
        .map(AccountOut::from_account)
        .collect::<Result<_, _>>()?;
    Ok(web::Json(Page { items, next_cursor }))
}

/// One customer account (staff).
#[utoipa::path(tag = "accounts", operation_id = "getAccount",
    security(("bearer" = [])), responses(
    (status = 200, body = AccountOut),
))]
#[get(
    "/api/v1/accounts/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get(
    db: web::Data<Db>,
    _staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<AccountOut>, AppError> {
    let id = path.into_inner();
    let account = db
        .run(move |conn| accounts::find(conn, &id))
        .await?
        .ok_or(AppError::NotFound("no account with this id"))?;
    Ok(web::Json(AccountOut::from_account(&account)?))
}
