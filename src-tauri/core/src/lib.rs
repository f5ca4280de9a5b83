//! Teamlead's core: storage, domain rules, metrics and reports.
//!
//! It knows nothing of Tauri, of any window or of JSON: the app shell and the command line
//! call it with plain data and get plain data or a typed [`Error`] back.

pub mod backup;
pub mod board;
pub mod cards;
pub mod charts;
pub mod columns;
pub mod demo;
pub mod demo_history;
pub mod error;
pub mod files;
pub mod flow;
pub mod history;
pub mod import;
pub mod journal;
pub mod metrics;
pub mod model;
pub mod plan;
pub mod radar;
pub mod rank;
pub mod report;
pub mod store;
pub mod team;
pub mod team_goals;
pub mod validate;
pub mod workload;

pub use error::{Entity, Error, ErrorKind, RestoreRefusal, Result};
pub use model::*;
pub use store::{Clock, Millis, Store};
