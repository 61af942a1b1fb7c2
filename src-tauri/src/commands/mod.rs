//! Tauri commands: each a few lines that call a library and map its error.

pub mod accounts;
pub mod app;
pub mod autostart;
pub mod camera;
pub mod codes;
pub mod cognito;
#[cfg(debug_assertions)]
pub mod debug;
pub mod errors;
pub mod export;
pub mod import;
pub mod intake;
pub mod scan;
pub mod scan_view;
pub mod screen;
pub mod shortcut;
pub mod time;
pub mod updates;
pub mod vault;
