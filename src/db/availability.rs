//! Stored CSM availability (weekly windows and exceptions as JSON).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{availability, users};
use crate::db::DbError;
use crate::domain::availability::{Availability, AvailabilityRequest, ExceptionDto, WindowDto};

#[derive(Debug, Clone, Queryable)]
pub struct AvailabilityRow {
    pub user_id: String,
    pub timezone: String,
    pub weekly: String,
    pub exceptions: String,
    pub updated_at: NaiveDateTime,
}

impl AvailabilityRow {
    pub fn parse(&self) -> Result<Availability, DbError> {
        let weekly: Vec<WindowDto> =
            serde_json::from_str(&self.weekly).map_err(DbError::corrupt)?;
        let exceptions: Vec<ExceptionDto> =
            serde_json::from_str(&self.exceptions).map_err(DbError::corrupt)?;
        Availability::parse(&AvailabilityRequest {
            timezone: self.timezone.clone(),
            weekly,
            exceptions,
        })
        .map_err(DbError::corrupt)
    }
}

/// Replaces a user's availability.
pub fn save(
    conn: &mut AnyConnection,
    user_id: &str,
    a: &Availability,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (weekly, exceptions) = a.to_dtos();
    let weekly = serde_json::to_string(&weekly).map_err(DbError::corrupt)?;
    let exceptions = serde_json::to_string(&exceptions).map_err(DbError::corrupt)?;
    let updated = diesel::update(availability::table.find(user_id))
        .set((
            availability::timezone.eq(a.timezone.name()),
            availability::weekly.eq(&weekly),
            availability::exceptions.eq(&exceptions),
            availability::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(availability::table)
            .values((
                availability::user_id.eq(user_id),
                availability::timezone.eq(a.timezone.name()),
                availability::weekly.eq(&weekly),
                availability::exceptions.eq(&exceptions),
                availability::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn find(conn: &mut AnyConnection, user_id: &str) -> Result<Option<AvailabilityRow>, DbError> {
    Ok(availability::table.find(user_id).first(conn).optional()?)
}

/// Every active CSM's availability with the CSM's name, in a stable order:
/// a deactivated colleague, or one moved to marketing, offers no hours and
/// gets no appointments.
pub fn all_with_names(
    conn: &mut AnyConnection,
) -> Result<Vec<(AvailabilityRow, String, String)>, DbError> {
    let rows: Vec<(AvailabilityRow, (String, String))> = availability::table
        .inner_join(users::table)
        .filter(users::active.eq(true))
        .filter(users::role.ne(crate::domain::user::Role::Marketing.as_str()))
        .select((availability::all_columns, (users::name, users::email)))
        .order(availability::user_id.asc())
        .load(conn)?;
    Ok(rows.into_iter().map(|(a, (n, e))| (a, n, e)).collect())
}
