//! Customer account queries: an account and its domains are written together.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{account_domains, accounts};
use super::{AnyConnection, new_id, now};
use crate::db::error::{DbError, is_unique_violation};
use crate::domain::account::{NewAccount, Segment};
use crate::domain::page::PageRequest;

#[derive(Debug, Clone, Queryable)]
pub struct AccountRow {
    pub id: String,
    pub name: String,
    pub segment: String,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = accounts)]
struct NewAccountRow<'a> {
    id: String,
    name: &'a str,
    segment: &'a str,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = account_domains)]
struct NewDomainRow<'a> {
    domain: &'a str,
    account_id: &'a str,
}

/// An account with its domains, as the API shows it.
#[derive(Debug, Clone)]
pub struct Account {
    pub row: AccountRow,
    pub domains: Vec<String>,
}

impl Account {
    pub fn segment(&self) -> Result<Segment, DbError> {
        self.row.segment.parse().map_err(DbError::corrupt)
    }
}

/// Stores the account and its domains in one transaction; a domain that
/// already belongs to another account is 409 `domain_taken`.
pub fn insert(conn: &mut AnyConnection, account: &NewAccount) -> Result<Account, DbError> {
    super::write_transaction(conn, |conn| {
        let row: AccountRow = diesel::insert_into(accounts::table)
            .values(&NewAccountRow {
                id: new_id(),
                name: &account.name,
                segment: account.segment.as_str(),
                created_at: now(),
            })
            .returning(accounts::all_columns)
            .get_result(conn)?;
        for domain in &account.domains {
            diesel::insert_into(account_domains::table)
                .values(&NewDomainRow {
                    domain: domain.as_str(),
                    account_id: &row.id,
                })
                .execute(conn)
                .map_err(|e| {
                    if is_unique_violation(&e) {
                        DbError::conflict(
                            "domain_taken",
                            format!(
                                "the domain {} already belongs to another account",
                                domain.as_str()
                            ),
                        )
                    } else {
                        e.into()
                    }
                })?;
        }
        Ok(Account {
            row,
            domains: account
                .domains
                .iter()
                .map(|d| d.as_str().to_owned())
                .collect(),
        })
    })
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Account>, DbError> {
    let Some(row) = accounts::table
        .find(id)
        .first::<AccountRow>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let domains = domains_of(conn, &row.id)?;
    Ok(Some(Account { row, domains }))
}

/// Moves an account to another segment; `None` when there is no such
/// account.
pub fn set_segment(
    conn: &mut AnyConnection,
    id: &str,
    segment: Segment,
) -> Result<Option<Account>, DbError> {
    let changed = diesel::update(accounts::table.find(id))
        .set(accounts::segment.eq(segment.as_str()))
        .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    find(conn, id)
}

/// How many accounts there are.
pub fn count(conn: &mut AnyConnection) -> Result<i64, DbError> {
    Ok(accounts::table.count().get_result(conn)?)
}

/// The account that owns an e-mail domain, if any.
pub fn find_by_domain(conn: &mut AnyConnection, domain: &str) -> Result<Option<Account>, DbError> {
    let owner: Option<String> = account_domains::table
        .find(domain)
        .select(account_domains::account_id)
        .first(conn)
        .optional()?;
    match owner {
        Some(id) => find(conn, &id),
        None => Ok(None),
    }
}

/// A page of accounts in creation order, each with its domains.
pub fn list(conn: &mut AnyConnection, page: &PageRequest) -> Result<Vec<Account>, DbError> {
    let mut query = accounts::table
        .order(accounts::id.asc())
        .limit(page.fetch_limit())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(accounts::id.gt(after.clone()));
    }
    let rows: Vec<AccountRow> = query.load(conn)?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    // One query for the domains of the whole page, matched up in memory.
    let domains: Vec<(String, String)> = account_domains::table
        .filter(account_domains::account_id.ge(first.id.clone()))
        .filter(account_domains::account_id.le(last.id.clone()))
        .select((account_domains::account_id, account_domains::domain))
        .order((
            account_domains::account_id.asc(),
            account_domains::domain.asc(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mine = domains
                .iter()
                .filter(|(account_id, _)| *account_id == row.id)
                .map(|(_, d)| d.clone())
                .collect();
            Account { row, domains: mine }
        })
        .collect())
}

fn domains_of(conn: &mut AnyConnection, account_id: &str) -> Result<Vec<String>, DbError> {
    Ok(account_domains::table
        .filter(account_domains::account_id.eq(account_id))
        .select(account_domains::domain)
        .order(account_domains::domain.asc())
        .load(conn)?)
}
