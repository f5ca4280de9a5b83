//! Transport types for backups and restoring one.

use serde::Serialize;
use teamlead_core::backup as core;
use ts_rs::TS;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupKind {
    /// The first start of a day; only these are deleted, after 7 days and 4 weeks.
    Daily,
    /// "Back up now".
    Manual,
    /// Before a new version of Teamlead changed the database's schema.
    BeforeMigration,
    /// The data a restore replaced.
    BeforeRestore,
}

impl From<core::BackupKind> for BackupKind {
    fn from(kind: core::BackupKind) -> Self {
        match kind {
            core::BackupKind::Daily => BackupKind::Daily,
            core::BackupKind::Manual => BackupKind::Manual,
            core::BackupKind::BeforeMigration => BackupKind::BeforeMigration,
            core::BackupKind::BeforeRestore => BackupKind::BeforeRestore,
        }
    }
}

/// A backup file in the `backups` folder beside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Backup {
    /// The file's full path: what `restore_backup` takes.
    pub path: String,
    pub kind: BackupKind,
    /// When it was made, in ms since the Unix epoch (to the second).
    #[ts(type = "number")]
    pub created_at: i64,
    /// In bytes.
    #[ts(type = "number")]
    pub size: u64,
}

impl From<core::Backup> for Backup {
    fn from(backup: core::Backup) -> Self {
        Backup {
            path: backup.path.display().to_string(),
            kind: backup.kind.into(),
            created_at: backup.created_at,
            size: backup.size,
        }
    }
}

/// What a restore did. The page reloads everything after it: boards, people, undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Restored {
    /// The schema of the restored file; an older one was migrated when it was reopened.
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The copy of the data the restore replaced; null when there was none.
    pub replaced: Option<Backup>,
}

impl From<core::Restored> for Restored {
    fn from(restored: core::Restored) -> Self {
        Restored {
            schema_version: restored.schema_version,
            replaced: restored.replaced.map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_crosses_as_camel_case_with_its_kind_in_snake_case() {
        let restored = Restored::from(core::Restored {
            schema_version: 8,
            replaced: Some(core::Backup {
                path: "/data/backups/teamlead-2026-03-02T08-15-00Z-before-restore.sqlite3".into(),
                kind: core::BackupKind::BeforeRestore,
                created_at: 1_772_439_300_000,
                size: 65_536,
            }),
        });
        assert_eq!(
            serde_json::to_value(&restored).unwrap(),
            serde_json::json!({
                "schemaVersion": 8,
                "replaced": {
                    "path": "/data/backups/teamlead-2026-03-02T08-15-00Z-before-restore.sqlite3",
                    "kind": "before_restore",
                    "createdAt": 1_772_439_300_000_i64,
                    "size": 65_536,
                }
            })
        );
    }
}
