//! The app's integration and end-to-end tests, one binary with a module per area.
//!
//! The end-to-end tests drive the real debug binary in a real WebKitGTK window under Xvfb,
//! through tauri-driver and WebKitWebDriver; `make test` installs both.

mod cli;
mod e2e;
mod security;
