//! Staff user queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::{AnyConnection, new_id, now};
use crate::domain::page::PageRequest;
use crate::domain::user::{NewStaffUser, Role};
use crate::error::{AppError, is_unique_violation};

#[derive(Debug, Clone, Queryable)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub timezone: String,
    pub password_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub active: bool,
    pub locale: String,
    pub token_generation: i32,
}

impl UserRow {
    /// The stored role; the CHECK constraint keeps it one of the three.
    pub fn role(&self) -> Result<Role, AppError> {
        self.role.parse().map_err(AppError::internal)
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUserRow<'a> {
    id: String,
    email: &'a str,
    name: &'a str,
    role: &'a str,
    timezone: &'a str,
    password_hash: &'a str,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Stores a new staff user; a taken e-mail is 409 `email_taken`.
pub fn insert(
    conn: &mut AnyConnection,
    user: &NewStaffUser,
    password_hash: &str,
) -> Result<UserRow, AppError> {
    let at = now();
    let row = NewUserRow {
        id: new_id(),
        email: user.email.as_str(),
        name: &user.name,
        role: user.role.as_str(),
        timezone: user.timezone.name(),
        password_hash,
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(users::table)
        .values(&row)
        .returning(users::all_columns)
        .get_result(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                AppError::conflict(
                    "email_taken",
                    "a staff user with this e-mail already exists",
                )
            } else {
                e.into()
            }
        })
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<UserRow>, AppError> {
    Ok(users::table.find(id).first(conn).optional()?)
}

pub fn find_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<UserRow>, AppError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .first(conn)
        .optional()?)
}

/// A page of users in creation order.
pub fn list(conn: &mut AnyConnection, page: &PageRequest) -> Result<Vec<UserRow>, AppError> {
    let mut query = users::table
        .order(users::id.asc())
        .limit(page.fetch_limit())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(users::id.gt(after.clone()));
    }
    Ok(query.load(conn)?)
}
