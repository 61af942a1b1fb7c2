//! The quick-search shortcut: what the person types in Settings, checked and
//! written one way ("Ctrl+Shift+K"); kept in `shortcuts.json` beside the vault
//! (it must work while the vault is locked); held registered with the desktop.
//! Pressing it shows the window and tells it to open the palette.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kairos_core::backup::write_new_file;
use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

use crate::desktop;

pub const DEFAULT_QUICK_SEARCH: &str = "Ctrl+Shift+K";
pub const SETTINGS_FILE: &str = "shortcuts.json";
/// Sent to the main window, which opens its quick-search palette.
pub const OPEN_PALETTE_EVENT: &str = "kairos://open-palette";

/// Keys with a name, as written in a shortcut (letters, digits and F1–F12
/// are recognised apart). Every one is understood by the desktop plugin.
const NAMED_KEYS: &[&str] = &[
    "Space", "Enter", "Tab", "Up", "Down", "Left", "Right", "Home", "End", "PageUp", "PageDown",
    "Insert", "Delete",
];

/// A checked shortcut in its one written form: modifiers in the order
/// Ctrl, Alt, Shift, Super, then one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accelerator(String);

impl Accelerator {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, thiserror::Error)]
pub enum ShortcutError {
    #[error("unknown key {token:?}")]
    UnknownKey { token: String },
    #[error("no key after the modifiers")]
    MissingKey,
    #[error("more than one key")]
    TwoKeys,
    #[error("no Ctrl, Alt or Super")]
    NeedsModifier,
    #[error("{shortcut} is taken")]
    Taken { shortcut: String },
    #[error("the desktop refused {shortcut}: {detail}")]
    Unavailable { shortcut: String, detail: String },
    #[error("cannot use {path}: {detail}")]
    SettingsIo { path: PathBuf, detail: String },
    #[error("{path} is damaged: {detail}")]
    SettingsCorrupt { path: PathBuf, detail: String },
}

impl UserFacing for ShortcutError {
    fn code(&self) -> &'static str {
        match self {
            ShortcutError::UnknownKey { .. } => "shortcut.unknown_key",
            ShortcutError::MissingKey => "shortcut.missing_key",
            ShortcutError::TwoKeys => "shortcut.two_keys",
            ShortcutError::NeedsModifier => "shortcut.needs_modifier",
            ShortcutError::Taken { .. } => "shortcut.taken",
            ShortcutError::Unavailable { .. } => "shortcut.unavailable",
            ShortcutError::SettingsIo { .. } => "shortcut.settings_io",
            ShortcutError::SettingsCorrupt { .. } => "shortcut.settings_corrupt",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            ShortcutError::UnknownKey { token } => locale.pick(
                format!("“{token}” is not a key Kairos can use in a shortcut."),
                format!("« {token} » n’est pas une touche utilisable dans un raccourci."),
            ),
            ShortcutError::MissingKey => locale.pick(
                "The shortcut has modifiers but no key.".to_owned(),
                "Le raccourci a des modificateurs mais pas de touche.".to_owned(),
            ),
            ShortcutError::TwoKeys => locale.pick(
                "A shortcut has a single key, after its modifiers.".to_owned(),
                "Un raccourci n’a qu’une touche, après ses modificateurs.".to_owned(),
            ),
            ShortcutError::NeedsModifier => locale.pick(
                "A global shortcut needs Ctrl, Alt or Super.".to_owned(),
                "Un raccourci global demande Ctrl, Alt ou Super.".to_owned(),
            ),
            ShortcutError::Taken { shortcut } => locale.pick(
                format!("Another application already uses {shortcut}."),
                format!("Une autre application utilise déjà {shortcut}."),
            ),
            ShortcutError::Unavailable { shortcut, detail } => locale.pick(
                format!("The desktop refused {shortcut}: {detail}."),
                format!("Le bureau a refusé {shortcut} : {detail}."),
            ),
            ShortcutError::SettingsIo { path, detail } => locale.pick(
                format!("Kairos could not use {}: {detail}.", path.display()),
                format!("Kairos n’a pas pu utiliser {} : {detail}.", path.display()),
            ),
            ShortcutError::SettingsCorrupt { path, detail } => locale.pick(
                format!("{} is damaged: {detail}.", path.display()),
                format!("{} est abîmé : {detail}.", path.display()),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            ShortcutError::UnknownKey { .. }
            | ShortcutError::MissingKey
            | ShortcutError::TwoKeys => locale.pick(
                "Write modifiers then one key, joined by +: a letter, a digit, F1–F12, Space, an arrow… For example Ctrl+Shift+K.",
                "Écrivez les modificateurs puis une touche, joints par + : une lettre, un chiffre, F1–F12, Space, une flèche… Par exemple Ctrl+Shift+K.",
            ),
            ShortcutError::NeedsModifier => locale.pick(
                "Without one, typing that key in any application would open Kairos. For example Ctrl+Shift+K.",
                "Sans cela, taper cette touche dans n’importe quelle application ouvrirait Kairos. Par exemple Ctrl+Shift+K.",
            ),
            ShortcutError::Taken { .. } | ShortcutError::Unavailable { .. } => locale.pick(
                "Choose another combination, or turn the shortcut off. The previous one still works.",
                "Choisissez une autre combinaison, ou désactivez le raccourci. Le précédent fonctionne toujours.",
            ),
            ShortcutError::SettingsIo { .. } => locale.pick(
                "Check that the data folder (shown in Settings) is writable.",
                "Vérifiez que le dossier de données (indiqué dans les Réglages) est accessible en écriture.",
            ),
            ShortcutError::SettingsCorrupt { .. } => locale.pick(
                "Delete the file to go back to the default shortcut, or fix it by hand.",
                "Supprimez le fichier pour revenir au raccourci par défaut, ou corrigez-le à la main.",
            ),
        };
        Some(text.to_owned())
    }
}

fn modifier(token: &str) -> Option<usize> {
    // Index into MODIFIER_NAMES.
    match token.to_ascii_lowercase().as_str() {
        "ctrl" | "control" | "cmdorctrl" | "commandorcontrol" => Some(0),
        "alt" | "option" => Some(1),
        "shift" => Some(2),
        "super" | "meta" | "win" | "cmd" | "command" => Some(3),
        _ => None,
    }
}

const MODIFIER_NAMES: [&str; 4] = ["Ctrl", "Alt", "Shift", "Super"];

fn key(token: &str) -> Option<String> {
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_ascii_alphanumeric()
    {
        return Some(c.to_ascii_uppercase().to_string());
    }
    if let Some(n) = token
        .strip_prefix(['F', 'f'])
        .and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&n)
        && !token[1..].starts_with('0')
    {
        return Some(format!("F{n}"));
    }
    NAMED_KEYS
        .iter()
        .find(|name| name.eq_ignore_ascii_case(token))
        .map(|name| (*name).to_owned())
}

/// Checks what the person typed; blank means no shortcut.
pub fn parse(text: &str) -> Result<Option<Accelerator>, ShortcutError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut modifiers = [false; 4];
    let mut main_key: Option<String> = None;
    for token in text.split('+').map(str::trim) {
        if token.is_empty() {
            // "Ctrl++" or "Ctrl+": the key is missing (a plus key is not offered).
            return Err(ShortcutError::MissingKey);
        }
        if main_key.is_some() {
            return Err(match (modifier(token), key(token)) {
                (None, None) => ShortcutError::UnknownKey {
                    token: token.to_owned(),
                },
                // "K+Ctrl" or "Ctrl+K+L".
                _ => ShortcutError::TwoKeys,
            });
        }
        if let Some(index) = modifier(token) {
            modifiers[index] = true;
        } else if let Some(name) = key(token) {
            main_key = Some(name);
        } else {
            return Err(ShortcutError::UnknownKey {
                token: token.to_owned(),
            });
        }
    }
    let main_key = main_key.ok_or(ShortcutError::MissingKey)?;
    // Shift alone would steal capital letters from every other app.
    if !(modifiers[0] || modifiers[1] || modifiers[3]) {
        return Err(ShortcutError::NeedsModifier);
    }
    let mut parts: Vec<&str> = MODIFIER_NAMES
        .iter()
        .zip(modifiers)
        .filter_map(|(name, on)| on.then_some(*name))
        .collect();
    parts.push(&main_key);
    Ok(Some(Accelerator(parts.join("+"))))
}

// ——— The settings file ———

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ShortcutFile {
    /// null: turned off.
    quick_search: Option<String>,
}

pub fn settings_path(dir: &Path) -> PathBuf {
    dir.join(SETTINGS_FILE)
}

/// The saved shortcut; the default when nothing was saved yet.
pub fn load(dir: &Path) -> Result<Option<Accelerator>, ShortcutError> {
    let path = settings_path(dir);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return parse(DEFAULT_QUICK_SEARCH);
        }
        Err(e) => {
            return Err(ShortcutError::SettingsIo {
                path,
                detail: e.to_string(),
            });
        }
    };
    let corrupt = |detail: String| ShortcutError::SettingsCorrupt {
        path: path.clone(),
        detail,
    };
    let file: ShortcutFile = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
    match file.quick_search {
        None => Ok(None),
        // Blank in the file would read as "off" though it was not saved so.
        Some(text) => parse(&text)
            .and_then(|parsed| parsed.ok_or(ShortcutError::MissingKey))
            .map(Some)
            .map_err(|e| corrupt(e.message(Locale::En))),
    }
}

/// Replaces the file all at once (temporary file, then rename).
pub fn save(dir: &Path, quick_search: Option<&Accelerator>) -> Result<(), ShortcutError> {
    let path = settings_path(dir);
    let io = |detail: String| ShortcutError::SettingsIo {
        path: path.clone(),
        detail,
    };
    let file = ShortcutFile {
        quick_search: quick_search.map(|a| a.0.clone()),
    };
    let json = serde_json::to_vec_pretty(&file).map_err(|e| io(e.to_string()))?;
    write_new_file(&path, &json, true).map_err(|e| io(e.to_string()))
}

// ——— Registration with the desktop ———

/// The shortcut held now, or why there is none.
#[derive(Debug, Default)]
pub struct QuickSearch(Mutex<Held>);

#[derive(Debug, Default)]
struct Held {
    active: Option<Accelerator>,
    /// Why the saved shortcut is not active (taken at start-up, damaged file).
    problem: Option<ShortcutError>,
}

/// What Settings shows.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuickSearchView {
    /// As saved; null when turned off.
    quick_search: Option<String>,
    default_quick_search: &'static str,
    /// Registered with the desktop right now.
    active: bool,
    problem: Option<ErrorReport>,
}

fn register<R: Runtime>(app: &AppHandle<R>, shortcut: &Accelerator) -> Result<(), ShortcutError> {
    app.global_shortcut()
        .register(shortcut.as_str())
        .map_err(|e| {
            let detail = e.to_string();
            // global-hotkey's words when another X client holds the grab (we
            // never register the same combination twice ourselves).
            if detail.contains("already registered") {
                ShortcutError::Taken {
                    shortcut: shortcut.0.clone(),
                }
            } else {
                ShortcutError::Unavailable {
                    shortcut: shortcut.0.clone(),
                    detail,
                }
            }
        })
}

fn unregister<R: Runtime>(app: &AppHandle<R>, shortcut: &Accelerator) {
    if let Err(err) = app.global_shortcut().unregister(shortcut.as_str()) {
        tracing::warn!(%err, shortcut = shortcut.as_str(), "could not release a shortcut");
    }
}

impl QuickSearch {
    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// At start-up: registers the saved shortcut, or keeps why it cannot.
    pub fn start<R: Runtime>(&self, app: &AppHandle<R>, dir: &Path) {
        let mut held = self.held();
        match load(dir).and_then(|saved| {
            if let Some(shortcut) = &saved {
                register(app, shortcut)?;
            }
            Ok(saved)
        }) {
            Ok(active) => held.active = active,
            Err(err) => {
                tracing::warn!(code = err.code(), "quick-search shortcut not registered");
                held.problem = Some(err);
            }
        }
    }

    /// A damaged file shows as its problem, so that saving can replace it.
    pub fn view(&self, dir: &Path, locale: Locale) -> QuickSearchView {
        let held = self.held();
        let (saved, load_problem) = match load(dir) {
            Ok(saved) => (saved, None),
            Err(err) => (None, Some(err)),
        };
        QuickSearchView {
            quick_search: saved.map(|a| a.0),
            default_quick_search: DEFAULT_QUICK_SEARCH,
            active: held.active.is_some(),
            problem: load_problem
                .as_ref()
                .or(held.problem.as_ref())
                .map(|p| p.report(locale)),
        }
    }

    /// Checks `text`, swaps the shortcut held with the desktop, and saves it.
    /// On any error the previous shortcut is held again and the file is as
    /// it was.
    pub fn change<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        dir: &Path,
        text: &str,
    ) -> Result<(), ShortcutError> {
        let wanted = parse(text)?;
        let mut held = self.held();
        let old = held.active.clone();
        if wanted == old {
            save(dir, wanted.as_ref())?;
            held.problem = None;
            return Ok(());
        }
        // Released first: registering the new one then sends the release.
        if let Some(old) = &old {
            unregister(app, old);
        }
        let swapped = match &wanted {
            Some(new) => register(app, new),
            None => {
                send_releases(app);
                Ok(())
            }
        }
        .and_then(|()| {
            save(dir, wanted.as_ref()).inspect_err(|_| {
                if let Some(new) = &wanted {
                    unregister(app, new);
                }
            })
        });
        if let Err(err) = swapped {
            if let Some(old) = &old
                && let Err(again) = register(app, old)
            {
                tracing::warn!(
                    code = again.code(),
                    "the previous shortcut could not be held again"
                );
                held.active = None;
                held.problem = Some(again);
            }
            return Err(err);
        }
        held.active = wanted;
        held.problem = None;
        Ok(())
    }
}

/// A combination nobody uses, registered only to make the plugin talk to
/// the X server (see [`send_releases`]).
const RELEASE_PROBE: &str = "Ctrl+Alt+Shift+Super+F24";

/// global-hotkey 0.8 queues the X "ungrab" of a released shortcut without
/// sending it; it goes with the next request that waits for an answer, which
/// registering any shortcut makes. With nothing else to register (the
/// shortcut turned off), the probe is registered and dropped for that.
fn send_releases<R: Runtime>(app: &AppHandle<R>) {
    let shortcuts = app.global_shortcut();
    if shortcuts.register(RELEASE_PROBE).is_ok() {
        let _ = shortcuts.unregister(RELEASE_PROBE);
    }
}

/// The plugin, with what the shortcut does when pressed.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state == ShortcutState::Pressed {
                open_palette(app);
            }
        })
        .build()
}

/// How many times the window was asked for the palette (a debug test hook).
#[cfg(debug_assertions)]
pub static PALETTE_REQUESTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Shows and focuses the window, then asks it for the palette.
pub fn open_palette<R: Runtime>(app: &AppHandle<R>) {
    desktop::focus_main_window(app);
    if let Err(err) = app.emit_to(desktop::MAIN_WINDOW, OPEN_PALETTE_EVENT, ()) {
        tracing::warn!(%err, "could not ask the window for the palette");
        return;
    }
    #[cfg(debug_assertions)]
    PALETTE_REQUESTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

/// Registers the saved shortcut at start-up (see [`QuickSearch::start`]).
pub fn start(app: &AppHandle) {
    let quick_search = QuickSearch::default();
    match kairos_core::paths::resolve_data_dir(None) {
        Ok(dir) => quick_search.start(app, &dir),
        Err(err) => tracing::warn!(
            code = err.code(),
            "no data folder: no quick-search shortcut"
        ),
    }
    app.manage(quick_search);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Option<String> {
        match parse(text) {
            Ok(parsed) => parsed.map(|a| a.0),
            Err(err) => panic!("{text:?} refused: {err}"),
        }
    }

    fn code(text: &str) -> &'static str {
        match parse(text) {
            Ok(parsed) => panic!("{text:?} accepted as {parsed:?}"),
            Err(err) => err.code(),
        }
    }

    #[test]
    fn writes_every_shortcut_one_way() {
        assert_eq!(ok("Ctrl+Shift+K").as_deref(), Some("Ctrl+Shift+K"));
        assert_eq!(ok(" shift + control + k ").as_deref(), Some("Ctrl+Shift+K"));
        assert_eq!(ok("Super+Alt+5").as_deref(), Some("Alt+Super+5"));
        assert_eq!(ok("meta+space").as_deref(), Some("Super+Space"));
        assert_eq!(ok("CmdOrCtrl+f12").as_deref(), Some("Ctrl+F12"));
        assert_eq!(ok("Option+pageup").as_deref(), Some("Alt+PageUp"));
        assert_eq!(ok("Ctrl+Ctrl+K").as_deref(), Some("Ctrl+K"));
    }

    #[test]
    fn blank_turns_it_off() {
        assert_eq!(ok(""), None);
        assert_eq!(ok("   "), None);
    }

    #[test]
    fn refuses_what_would_not_work_with_a_reason() {
        assert_eq!(code("Ctrl+Shift+Ü"), "shortcut.unknown_key");
        assert_eq!(code("Hyper+K"), "shortcut.unknown_key");
        assert_eq!(code("Ctrl+F13"), "shortcut.unknown_key");
        assert_eq!(code("Ctrl+F01"), "shortcut.unknown_key");
        assert_eq!(code("Ctrl+Shift"), "shortcut.missing_key");
        assert_eq!(code("Ctrl+"), "shortcut.missing_key");
        assert_eq!(code("Ctrl++K"), "shortcut.missing_key");
        assert_eq!(code("Ctrl+K+L"), "shortcut.two_keys");
        assert_eq!(code("K+Ctrl"), "shortcut.two_keys");
        assert_eq!(code("K"), "shortcut.needs_modifier");
        assert_eq!(code("Shift+K"), "shortcut.needs_modifier");
        assert_eq!(code("F5"), "shortcut.needs_modifier");
    }

    #[test]
    fn errors_speak_both_languages() {
        let err = parse("Shift+K").err();
        let report = err.map(|e| (e.report(Locale::En), e.report(Locale::Fr)));
        let (en, fr) = report.unwrap_or_else(|| panic!("Shift+K accepted"));
        assert_eq!(en.message, "A global shortcut needs Ctrl, Alt or Super.");
        assert_eq!(
            fr.message,
            "Un raccourci global demande Ctrl, Alt ou Super."
        );
        let taken = ShortcutError::Taken {
            shortcut: "Ctrl+Shift+K".into(),
        };
        assert_eq!(
            taken.message(Locale::Fr),
            "Une autre application utilise déjà Ctrl+Shift+K."
        );
        assert!(
            taken
                .hint(Locale::En)
                .is_some_and(|h| h.contains("turn the shortcut off"))
        );
    }

    #[test]
    fn every_written_form_is_understood_by_the_desktop_plugin() {
        let texts = ["Ctrl+Shift+K", "Alt+Super+5", "Ctrl+F12", "Super+Space"]
            .map(str::to_owned)
            .into_iter()
            .chain(NAMED_KEYS.iter().map(|k| format!("Ctrl+{k}")));
        for text in texts {
            let written = ok(&text).unwrap_or_default();
            assert!(
                written
                    .parse::<tauri_plugin_global_shortcut::Shortcut>()
                    .is_ok(),
                "{written:?} is not understood by the plugin"
            );
        }
    }

    #[test]
    fn the_file_keeps_the_choice_and_defaults_when_absent() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        assert_eq!(
            load(dir.path())?.map(|a| a.0).as_deref(),
            Some(DEFAULT_QUICK_SEARCH)
        );
        save(dir.path(), parse("alt+super+j")?.as_ref())?;
        assert_eq!(
            load(dir.path())?.map(|a| a.0).as_deref(),
            Some("Alt+Super+J")
        );
        save(dir.path(), None)?;
        assert_eq!(load(dir.path())?, None, "turned off stays off");
        Ok(())
    }

    #[test]
    fn a_damaged_file_is_reported() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        for bad in [
            r#"{"quickSearch": "Shift+K"}"#,
            r#"{"quickSearch": ""}"#,
            r#"{"quickSearch": 3}"#,
            "not json",
        ] {
            std::fs::write(settings_path(dir.path()), bad)?;
            let err = load(dir.path()).err();
            assert_eq!(
                err.map(|e| e.code()),
                Some("shortcut.settings_corrupt"),
                "{bad}"
            );
        }
        Ok(())
    }
}
