//! A PostgreSQL database for one benchmark run: created on the server, dropped
//! on drop. Shared by the registration and soak benches (each includes this
//! file with `#[path]`).
#![allow(dead_code)]

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Text;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A PostgreSQL database for this run: created here, dropped on drop.
pub struct PgDatabase {
    pub server: String,
    pub name: String,
}

pub fn admin_connection(server: &str) -> Result<PgConnection, BoxError> {
    let url = format!("{server}/postgres");
    PgConnection::establish(&url).map_err(|e| {
        format!("PostgreSQL must be reachable at {url} for this benchmark (it does not skip): {e}")
            .into()
    })
}

impl PgDatabase {
    pub fn create(server: &str) -> Result<Self, BoxError> {
        let name = format!("b_{}", uuid::Uuid::new_v4().simple());
        let mut admin = admin_connection(server)?;
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin)?;
        Ok(Self {
            server: server.to_owned(),
            name,
        })
    }

    pub fn url(&self) -> String {
        format!("{}/{}", self.server, self.name)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let dropped = admin_connection(&self.server).and_then(|mut admin| {
            diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin)
            .map_err(BoxError::from)
        });
        if let Err(e) = dropped {
            eprintln!("warning: could not drop database {}: {e}", self.name);
        }
    }
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    autovacuum: String,
}

/// PostgreSQL's autovacuum for the length of the run. A production server
/// runs it (it is on by default); a test server may have it off (this
/// machine's does, in its configuration file), and then dead row versions
/// and never-refreshed planner statistics pile up over a long run, so that
/// every query slows down with time whatever the service does. The guard
/// turns it on for the run and back to the server's own setting at the
/// end; `SOAK_AUTOVACUUM=as-is` leaves the server alone.
pub struct Autovacuum {
    server: String,
    changed: bool,
}

impl Autovacuum {
    pub fn on(server: &str) -> Result<(Self, String), BoxError> {
        let mut admin = admin_connection(server)?;
        let show = |admin: &mut PgConnection| -> Result<String, BoxError> {
            let rows: Vec<Setting> = diesel::sql_query("SHOW autovacuum").load(admin)?;
            Ok(rows
                .first()
                .map(|r| r.autovacuum.clone())
                .unwrap_or_default())
        };
        let before = show(&mut admin)?;
        let keep = std::env::var("SOAK_AUTOVACUUM").is_ok_and(|v| v == "as-is");
        if before == "on" || keep {
            let note = format!("autovacuum {before} (the server's setting)");
            return Ok((
                Self {
                    server: server.to_owned(),
                    changed: false,
                },
                note,
            ));
        }
        diesel::sql_query("ALTER SYSTEM SET autovacuum = on").execute(&mut admin)?;
        diesel::sql_query("SELECT pg_reload_conf()").execute(&mut admin)?;
        std::thread::sleep(Duration::from_millis(500));
        let note = format!(
            "autovacuum {} for the run (the server has it {before})",
            show(&mut admin)?
        );
        Ok((
            Self {
                server: server.to_owned(),
                changed: true,
            },
            note,
        ))
    }
}

impl Drop for Autovacuum {
    fn drop(&mut self) {
        if !self.changed {
            return;
        }
        let reset = admin_connection(&self.server).and_then(|mut admin| {
            diesel::sql_query("ALTER SYSTEM RESET autovacuum").execute(&mut admin)?;
            diesel::sql_query("SELECT pg_reload_conf()").execute(&mut admin)?;
            Ok(())
        });
        if let Err(e) = reset {
            eprintln!(
                "warning: could not set autovacuum back (ALTER SYSTEM RESET autovacuum): {e}"
            );
        }
    }
}
