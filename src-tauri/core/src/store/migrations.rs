//! Append-only schema migrations. A released migration is never edited: the checksum of
//! every applied migration is stored, and a mismatch refuses to open the file.

use rusqlite::{params, Connection, TransactionBehavior};

use super::APPLICATION_ID;
use crate::error::{Error, Result};

pub struct Migration {
    /// 1, 2, 3, ... with no gaps; becomes `PRAGMA user_version`.
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub static MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "undo",
        sql: include_str!("migrations/0002_undo.sql"),
    },
    Migration {
        version: 3,
        name: "board_settings",
        sql: include_str!("migrations/0003_board_settings.sql"),
    },
    Migration {
        version: 4,
        name: "archive",
        sql: include_str!("migrations/0004_archive.sql"),
    },
    Migration {
        version: 5,
        name: "card_details",
        sql: include_str!("migrations/0005_card_details.sql"),
    },
    Migration {
        version: 6,
        name: "journal",
        sql: include_str!("migrations/0006_journal.sql"),
    },
    Migration {
        version: 7,
        name: "workload",
        sql: include_str!("migrations/0007_workload.sql"),
    },
    Migration {
        version: 8,
        name: "reports",
        sql: include_str!("migrations/0008_reports.sql"),
    },
];

impl Migration {
    /// FNV-1a over the SQL text: stable across builds and platforms.
    pub fn checksum(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in self.sql.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The file's schema version, checked before anything is written to it: not newer than this
/// build knows, and every applied migration exactly as built in. Only reads.
pub(crate) fn check(conn: &Connection) -> Result<i64> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let latest = latest_version();
    if current > latest {
        return Err(Error::SchemaTooNew {
            found: current,
            supported: latest,
        });
    }
    if current > 0 {
        verify_applied(conn, current)?;
    }
    Ok(current)
}

/// Applies every migration after `current` (as [`check`] found it), each in its own
/// transaction.
pub(super) fn migrate(conn: &mut Connection, current: i64) -> Result<()> {
    for migration in MIGRATIONS.iter().filter(|m| m.version > current) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if migration.version == 1 {
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID};
                 CREATE TABLE schema_migrations (
                     version    INTEGER PRIMARY KEY,
                     name       TEXT    NOT NULL,
                     checksum   TEXT    NOT NULL,
                     applied_at TEXT    NOT NULL DEFAULT (datetime('now'))
                 );"
            ))?;
        }
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (?1, ?2, ?3)",
            params![migration.version, migration.name, migration.checksum()],
        )?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", migration.version))?;
        tx.commit()?;
    }
    Ok(())
}

fn verify_applied(conn: &Connection, current: i64) -> Result<()> {
    let mut stmt = conn.prepare("SELECT version, checksum FROM schema_migrations")?;
    let applied = stmt.query_map([], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in applied {
        let (version, checksum) = row?;
        let known = MIGRATIONS.iter().find(|m| m.version == version);
        match known {
            Some(m) if m.checksum() == checksum => {}
            _ if version > current => {}
            _ => return Err(Error::MigrationChanged { version }),
        }
    }
    Ok(())
}
