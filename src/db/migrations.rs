//! Embedded migrations, one folder per backend with the same names.

use diesel::connection::SimpleConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::AnyConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Serialises migrations between service instances that start together on
/// one PostgreSQL database.
const PG_MIGRATION_LOCK: i64 = 0x6f6e_6574_6f6d;

pub fn run_pending(conn: &mut AnyConnection) -> Result<Vec<String>, String> {
    match conn {
        AnyConnection::Sqlite(c) => applied(c.run_pending_migrations(SQLITE)),
        AnyConnection::Postgresql(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({PG_MIGRATION_LOCK})"))
                .map_err(|e| e.to_string())?;
            let result = applied(c.run_pending_migrations(POSTGRES));
            let unlocked = c
                .batch_execute(&format!("SELECT pg_advisory_unlock({PG_MIGRATION_LOCK})"))
                .map_err(|e| e.to_string());
            let names = result?;
            unlocked?;
            Ok(names)
        }
    }
}

fn applied(
    result: diesel::migration::Result<Vec<diesel::migration::MigrationVersion<'_>>>,
) -> Result<Vec<String>, String> {
    result
        .map(|versions| versions.iter().map(ToString::to_string).collect())
        .map_err(|e| e.to_string())
}
