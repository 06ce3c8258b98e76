//! Staff user queries, and the record of signed-out tokens.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::{revoked_tokens, users};
use super::{AnyConnection, new_id, now};
use crate::db::error::{DbError, is_unique_violation};
use crate::domain::page::PageRequest;
use crate::domain::user::{NewStaffUser, Role, UserChanges};

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
    pub fn role(&self) -> Result<Role, DbError> {
        self.role.parse().map_err(DbError::corrupt)
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
    locale: &'a str,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Stores a new staff user; a taken e-mail is 409 `email_taken`.
pub fn insert(
    conn: &mut AnyConnection,
    user: &NewStaffUser,
    password_hash: &str,
) -> Result<UserRow, DbError> {
    let at = now();
    let row = NewUserRow {
        id: new_id(),
        email: user.email.as_str(),
        name: &user.name,
        role: user.role.as_str(),
        timezone: user.timezone.name(),
        password_hash,
        locale: user.locale.code(),
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(users::table)
        .values(&row)
        .returning(users::all_columns)
        .get_result(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                DbError::conflict(
                    "email_taken",
                    "a staff user with this e-mail already exists",
                )
            } else {
                e.into()
            }
        })
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<UserRow>, DbError> {
    Ok(users::table.find(id).first(conn).optional()?)
}

pub fn find_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<UserRow>, DbError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .first(conn)
        .optional()?)
}

/// A page of users in creation order.
pub fn list(conn: &mut AnyConnection, page: &PageRequest) -> Result<Vec<UserRow>, DbError> {
    let mut query = users::table
        .order(users::id.asc())
        .limit(page.fetch_limit())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(users::id.gt(after.clone()));
    }
    Ok(query.load(conn)?)
}

/// How many staff users there are: (active, all).
pub fn counts(conn: &mut AnyConnection) -> Result<(i64, i64), DbError> {
    let all: i64 = users::table.count().get_result(conn)?;
    let active: i64 = users::table
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?;
    Ok((active, all))
}

#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct UserChangeset<'a> {
    name: Option<&'a str>,
    timezone: Option<&'a str>,
    locale: Option<&'a str>,
    role: Option<&'a str>,
    active: Option<bool>,
    password_hash: Option<&'a str>,
}

/// Applies `changes` (with the new password already hashed); `None` when
/// there is no such user. A change of role, of `active` or of the password
/// moves the user to a new token generation, so every older token stops
/// working. Each statement writes, so the transaction holds the write lock
/// from its first statement on.
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    changes: &UserChanges,
    password_hash: Option<&str>,
) -> Result<Option<UserRow>, DbError> {
    conn.transaction(|conn| {
        let bump = users::token_generation.eq(users::token_generation + 1);
        if let Some(role) = changes.role {
            diesel::update(users::table.find(id).filter(users::role.ne(role.as_str())))
                .set(bump)
                .execute(conn)?;
        }
        if let Some(active) = changes.active {
            diesel::update(users::table.find(id).filter(users::active.ne(active)))
                .set(bump)
                .execute(conn)?;
        }
        if password_hash.is_some() {
            diesel::update(users::table.find(id))
                .set(bump)
                .execute(conn)?;
        }
        let set = UserChangeset {
            name: changes.name.as_deref(),
            timezone: changes.timezone.map(|tz| tz.name()),
            locale: changes.locale.map(|l| l.code()),
            role: changes.role.map(Role::as_str),
            active: changes.active,
            password_hash,
        };
        Ok(diesel::update(users::table.find(id))
            .set((set, users::updated_at.eq(now())))
            .returning(users::all_columns)
            .get_result(conn)
            .optional()?)
    })
}

/// Records a signed-out token until it would have expired anyway, and
/// forgets the records that no longer matter.
pub fn revoke_token(
    conn: &mut AnyConnection,
    jti: &str,
    dead_after: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::delete(revoked_tokens::table.filter(revoked_tokens::expires_at.lt(now.naive_utc())))
        .execute(conn)?;
    let inserted = diesel::insert_into(revoked_tokens::table)
        .values((
            revoked_tokens::jti.eq(jti),
            revoked_tokens::expires_at.eq(dead_after.naive_utc()),
        ))
        .execute(conn);
    match inserted {
        // Two logouts with one token at once: it is revoked either way.
        Err(e) if is_unique_violation(&e) => Ok(()),
        other => other.map(drop).map_err(Into::into),
    }
}

/// The user a staff token names, and whether that token was signed out.
pub fn token_holder(
    conn: &mut AnyConnection,
    user_id: &str,
    jti: &str,
) -> Result<Option<(UserRow, bool)>, DbError> {
    let Some(user) = find(conn, user_id)? else {
        return Ok(None);
    };
    let revoked = diesel::select(diesel::dsl::exists(
        revoked_tokens::table.filter(revoked_tokens::jti.eq(jti)),
    ))
    .get_result(conn)?;
    Ok(Some((user, revoked)))
}
