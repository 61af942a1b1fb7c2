//! The tray icon and its menu: pinned accounts (a click copies the current
//! code), show or hide the window, lock, quit.
//!
//! The menu is a plain model first ([`menu_model`], tested without a display),
//! then native items. It is rebuilt whenever [`AppState::changed`] wakes (the
//! vault opened or locked, a pin or a name changed, the language changed) and
//! the model differs from the one shown. Item ids carry account ids, never
//! anything secret: codes are computed at click time.

use std::sync::Mutex;

use kairos_core::Locale;
use kairos_core::otp::{Account, AccountId, OtpKind};
use serde::Serialize;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::desktop;
use crate::state::AppState;

const TRAY_ID: &str = "kairos-tray";

/// More pinned accounts than this would make the menu taller than a screen.
pub const MAX_PINNED_IN_MENU: usize = 20;

/// Longest name shown for an account; longer ones end with "…".
const MAX_NAME_CHARS: usize = 48;

/// What a menu item does when clicked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuAction {
    Copy(AccountId),
    ToggleWindow,
    Lock,
    /// Shows the window, whose vault gate asks for the password.
    Unlock,
    Quit,
}

impl MenuAction {
    /// The native item's id.
    pub fn id(self) -> String {
        match self {
            MenuAction::Copy(id) => format!("copy:{}", id.0),
            MenuAction::ToggleWindow => "window".to_owned(),
            MenuAction::Lock => "lock".to_owned(),
            MenuAction::Unlock => "unlock".to_owned(),
            MenuAction::Quit => "quit".to_owned(),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Some(match id {
            "window" => MenuAction::ToggleWindow,
            "lock" => MenuAction::Lock,
            "unlock" => MenuAction::Unlock,
            "quit" => MenuAction::Quit,
            _ => MenuAction::Copy(AccountId(id.strip_prefix("copy:")?.parse().ok()?)),
        })
    }
}

/// One line of the menu.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum MenuEntry {
    /// Clickable.
    Item {
        id: String,
        text: String,
    },
    /// Greyed-out text that explains something.
    Note {
        text: String,
    },
    Separator,
}

fn item(action: MenuAction, text: &str) -> MenuEntry {
    MenuEntry::Item {
        id: action.id(),
        text: text.to_owned(),
    }
}

fn note(text: String) -> MenuEntry {
    MenuEntry::Note { text }
}

/// "Issuer — label", or whichever is not empty, shortened to fit a menu.
pub fn account_name(account: &Account) -> String {
    let issuer = account.issuer.trim();
    let label = account.label.trim();
    let name = match (issuer.is_empty(), label.is_empty()) {
        (false, false) => format!("{issuer} — {label}"),
        (false, true) => issuer.to_owned(),
        _ => label.to_owned(),
    };
    if name.chars().count() <= MAX_NAME_CHARS {
        return name;
    }
    let mut short: String = name.chars().take(MAX_NAME_CHARS - 1).collect();
    short.push('…');
    short
}

/// The menu for the vault's accounts (`None`: locked or not set up yet).
/// Pinned accounts come in the vault's order (`accounts` is as listed).
pub fn menu_model(accounts: Option<&[Account]>, locale: Locale) -> Vec<MenuEntry> {
    let mut menu = Vec::new();
    match accounts {
        None => {
            menu.push(note(
                locale.pick("Vault locked", "Coffre verrouillé").to_owned(),
            ));
            menu.push(item(
                MenuAction::Unlock,
                locale.pick("Unlock…", "Déverrouiller…"),
            ));
        }
        Some(accounts) => {
            let pinned: Vec<&Account> = accounts.iter().filter(|a| a.pinned).collect();
            if pinned.is_empty() {
                menu.push(note(
                    locale
                        .pick(
                            "No pinned accounts: pin them in the window",
                            "Aucun compte épinglé : épinglez-en dans la fenêtre",
                        )
                        .to_owned(),
                ));
            }
            for account in pinned.iter().take(MAX_PINNED_IN_MENU) {
                let name = account_name(account);
                // A counter code is used up when shown: it is only advanced
                // on purpose, in the window.
                if matches!(account.params.kind, OtpKind::Hotp { .. }) {
                    menu.push(note(locale.pick(
                        format!("{name} (counter: open the window)"),
                        format!("{name} (compteur : ouvrez la fenêtre)"),
                    )));
                } else {
                    menu.push(MenuEntry::Item {
                        id: MenuAction::Copy(account.id).id(),
                        text: name,
                    });
                }
            }
            if pinned.len() > MAX_PINNED_IN_MENU {
                let more = pinned.len() - MAX_PINNED_IN_MENU;
                menu.push(note(locale.pick(
                    format!("{more} more in the window"),
                    format!("{more} de plus dans la fenêtre"),
                )));
            }
        }
    }
    menu.push(MenuEntry::Separator);
    menu.push(item(
        MenuAction::ToggleWindow,
        locale.pick("Show/Hide window", "Afficher/masquer la fenêtre"),
    ));
    if accounts.is_some() {
        menu.push(item(MenuAction::Lock, locale.pick("Lock", "Verrouiller")));
    }
    menu.push(item(
        MenuAction::Quit,
        locale.pick("Quit Kairos", "Quitter Kairos"),
    ));
    menu
}

/// The model last put in the tray.
#[derive(Debug, Default)]
pub struct TrayMenuShown(Mutex<Vec<MenuEntry>>);

impl TrayMenuShown {
    /// Read by the debug builds' test hook only.
    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    pub fn get(&self) -> Vec<MenuEntry> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Replaces the model; false when it was the same (nothing to rebuild).
    fn replace(&self, model: Vec<MenuEntry>) -> bool {
        let mut shown = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if *shown == model {
            return false;
        }
        *shown = model;
        true
    }
}

/// The model for the vault as it is now.
async fn current_model(state: &AppState) -> Vec<MenuEntry> {
    let accounts = state.with_vault_idle(async |v| v.list().await).await.ok();
    menu_model(accounts.as_deref(), state.locale())
}

/// GTK reads `&` as a mnemonic mark; `&&` is a plain ampersand.
fn menu_text(text: &str) -> String {
    text.replace('&', "&&")
}

fn native_menu<R: Runtime>(app: &AppHandle<R>, model: &[MenuEntry]) -> tauri::Result<Menu<R>> {
    let menu = Menu::new(app)?;
    for entry in model {
        match entry {
            MenuEntry::Item { id, text } => {
                menu.append(&MenuItem::with_id(
                    app,
                    id.as_str(),
                    menu_text(text),
                    true,
                    None::<&str>,
                )?)?;
            }
            MenuEntry::Note { text } => {
                menu.append(&MenuItem::new(app, menu_text(text), false, None::<&str>)?)?;
            }
            MenuEntry::Separator => menu.append(&PredefinedMenuItem::separator(app)?)?,
        }
    }
    Ok(menu)
}

/// Puts the icon in the tray and keeps its menu current. A desktop without a
/// tray only loses the icon: the error is logged, the app goes on.
pub fn start(app: &AppHandle) {
    app.manage(TrayMenuShown::default());
    if let Err(err) = create(app) {
        tracing::warn!(%err, "no tray icon");
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            refresh(&app).await;
            app.state::<AppState>().changed.notified().await;
        }
    });
}

fn create(app: &AppHandle) -> tauri::Result<()> {
    let model = tauri::async_runtime::block_on(current_model(&app.state::<AppState>()));
    let menu = native_menu(app, &model)?;
    app.state::<TrayMenuShown>().replace(model);
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Kairos")
        .menu(&menu)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| on_menu_event(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// Rebuilds the menu if what it should show changed.
async fn refresh(app: &AppHandle) {
    let model = current_model(&app.state::<AppState>()).await;
    if !app.state::<TrayMenuShown>().replace(model.clone()) {
        return;
    }
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let rebuilt = native_menu(app, &model).and_then(|menu| tray.set_menu(Some(menu)));
    if let Err(err) = rebuilt {
        tracing::warn!(%err, "could not rebuild the tray menu");
    }
}

fn on_menu_event(app: &AppHandle, id: &str) {
    let Some(action) = MenuAction::from_id(id) else {
        tracing::warn!(id, "tray: unknown menu item");
        return;
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        // The error's code is already logged where it was made.
        if perform(&app, action).await.is_err() {
            tracing::warn!("tray: {action:?} failed");
        }
    });
}

/// What a click on `action` does; awaited by the debug command so tests see
/// the clipboard once the copy is done.
pub async fn perform(app: &AppHandle, action: MenuAction) -> Result<(), crate::CommandError> {
    let state = app.state::<AppState>();
    match action {
        MenuAction::Copy(id) => {
            crate::commands::codes::copy_current_code(app, &state, id).await?;
        }
        MenuAction::ToggleWindow => desktop::toggle_main_window(app),
        MenuAction::Lock => state.set_vault(None).await,
        MenuAction::Unlock => desktop::focus_main_window(app),
        MenuAction::Quit => app.exit(0),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use kairos_core::otp::{Algorithm, OtpParams};

    use super::*;

    fn account(id: i64, issuer: &str, label: &str, pinned: bool, kind: OtpKind) -> Account {
        Account {
            id: AccountId(id),
            issuer: issuer.to_owned(),
            label: label.to_owned(),
            params: OtpParams {
                kind,
                algorithm: Algorithm::Sha1,
                digits: 6,
            },
            pinned,
            position: id,
            color: None,
            verified: true,
            note: None,
        }
    }

    const TOTP: OtpKind = OtpKind::Totp { period: 30 };

    fn items(model: &[MenuEntry]) -> Vec<(&str, &str)> {
        model
            .iter()
            .filter_map(|e| match e {
                MenuEntry::Item { id, text } => Some((id.as_str(), text.as_str())),
                _ => None,
            })
            .collect()
    }

    fn notes(model: &[MenuEntry]) -> Vec<&str> {
        model
            .iter()
            .filter_map(|e| match e {
                MenuEntry::Note { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn unlocked_lists_pinned_accounts_in_order_then_window_lock_quit() {
        let accounts = [
            account(7, "GitHub", "ada", true, TOTP),
            account(3, "Bank", "", false, TOTP),
            account(5, "", "root@aws", true, OtpKind::Steam),
        ];
        let model = menu_model(Some(&accounts), Locale::En);
        assert_eq!(
            items(&model),
            [
                ("copy:7", "GitHub — ada"),
                ("copy:5", "root@aws"),
                ("window", "Show/Hide window"),
                ("lock", "Lock"),
                ("quit", "Quit Kairos"),
            ]
        );
        assert!(notes(&model).is_empty());
        // The accounts and the window's items are set apart.
        assert_eq!(model[2], MenuEntry::Separator);
    }

    #[test]
    fn locked_hides_every_account_and_offers_unlock() {
        let model = menu_model(None, Locale::En);
        assert_eq!(
            items(&model),
            [
                ("unlock", "Unlock…"),
                ("window", "Show/Hide window"),
                ("quit", "Quit Kairos"),
            ]
        );
        assert_eq!(notes(&model), ["Vault locked"]);
    }

    #[test]
    fn speaks_french() {
        let accounts = [account(1, "Banque", "éloïse", true, TOTP)];
        let model = menu_model(Some(&accounts), Locale::Fr);
        assert_eq!(
            items(&model),
            [
                ("copy:1", "Banque — éloïse"),
                ("window", "Afficher/masquer la fenêtre"),
                ("lock", "Verrouiller"),
                ("quit", "Quitter Kairos"),
            ]
        );
        assert_eq!(
            items(&menu_model(None, Locale::Fr))[0],
            ("unlock", "Déverrouiller…")
        );
    }

    #[test]
    fn no_pinned_account_says_how_to_pin_one() {
        let accounts = [account(1, "GitHub", "ada", false, TOTP)];
        let model = menu_model(Some(&accounts), Locale::En);
        assert_eq!(
            notes(&model),
            ["No pinned accounts: pin them in the window"]
        );
        assert!(!items(&model).iter().any(|(id, _)| id.starts_with("copy:")));
    }

    #[test]
    fn counter_accounts_are_shown_but_not_clickable() {
        let accounts = [account(2, "VPN", "ada", true, OtpKind::Hotp { counter: 4 })];
        let model = menu_model(Some(&accounts), Locale::En);
        assert_eq!(notes(&model), ["VPN — ada (counter: open the window)"]);
        assert!(!items(&model).iter().any(|(id, _)| id.starts_with("copy:")));
    }

    #[test]
    fn a_long_list_is_cut_with_a_count() {
        let accounts: Vec<Account> = (1..=25)
            .map(|i| account(i, "Service", &format!("user{i}"), true, TOTP))
            .collect();
        let model = menu_model(Some(&accounts), Locale::En);
        let copies = items(&model)
            .iter()
            .filter(|(id, _)| id.starts_with("copy:"))
            .count();
        assert_eq!(copies, MAX_PINNED_IN_MENU);
        assert_eq!(notes(&model), ["5 more in the window"]);
    }

    #[test]
    fn long_names_are_shortened() {
        let long = "x".repeat(100);
        let name = account_name(&account(1, &long, "ada", true, TOTP));
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(name.ends_with('…'));
    }

    #[test]
    fn ids_round_trip_and_carry_only_the_account_id() {
        for action in [
            MenuAction::Copy(AccountId(42)),
            MenuAction::ToggleWindow,
            MenuAction::Lock,
            MenuAction::Unlock,
            MenuAction::Quit,
        ] {
            assert_eq!(MenuAction::from_id(&action.id()), Some(action));
        }
        assert_eq!(MenuAction::Copy(AccountId(42)).id(), "copy:42");
        for junk in ["", "copy:", "copy:x", "copy:1:2", "open", "COPY:1"] {
            assert_eq!(MenuAction::from_id(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn ampersands_stay_ampersands_in_gtk() {
        assert_eq!(menu_text("AT&T — ada"), "AT&&T — ada");
    }
}
