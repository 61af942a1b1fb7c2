//! The Cognito admin session kept between commands: the connected admin
//! client with its audit log, the local demo's emulator, the running bulk
//! change's stop switch. Never a global: it lives in the app state.

use std::sync::Mutex;

use kairos_cognito::CognitoAdmin;
use kairos_cognito::audit::{AUDIT_FILE, AuditLog};
use tokio_util::sync::CancellationToken;

use crate::CommandError;
use crate::demo_server::DemoServer;
use crate::state::AppState;

/// An admin command came before any connection (or after disconnecting).
#[derive(Debug, thiserror::Error)]
#[error("not connected to Cognito")]
pub struct NotConnected;

impl kairos_core::UserFacing for NotConnected {
    fn code(&self) -> &'static str {
        "cognito.not_connected"
    }

    fn message(&self, locale: kairos_core::Locale) -> String {
        locale
            .pick(
                "Kairos is not connected to Cognito.",
                "Kairos n’est pas connecté à Cognito.",
            )
            .to_owned()
    }

    fn hint(&self, locale: kairos_core::Locale) -> Option<String> {
        Some(
            locale
                .pick(
                    "Connect first (or start the local demo) on the Cognito admin page.",
                    "Connectez-vous d’abord (ou démarrez la démo locale) sur la page Administration Cognito.",
                )
                .to_owned(),
        )
    }
}

/// A connection the person opened (or the demo).
#[derive(Clone, Debug)]
pub struct Connected {
    pub admin: CognitoAdmin,
    /// The local demo: everything is labelled DEMO and audited apart.
    pub demo: bool,
    pub uses_sso: bool,
    pub audit: AuditLog,
}

#[derive(Debug, Default)]
pub struct CognitoState {
    connected: tokio::sync::RwLock<Option<Connected>>,
    demo: Mutex<Option<DemoServer>>,
    bulk: Mutex<Option<CancellationToken>>,
}

impl CognitoState {
    pub async fn current(&self) -> Option<Connected> {
        self.connected.read().await.clone()
    }

    /// The connection, or `cognito.not_connected`.
    pub async fn require(&self, state: &AppState) -> Result<Connected, CommandError> {
        self.current()
            .await
            .ok_or_else(|| state.fail(&NotConnected))
    }

    pub async fn set(&self, connected: Option<Connected>) {
        let previous = std::mem::replace(&mut *self.connected.write().await, connected);
        if let Some(previous) = previous {
            previous.audit.close().await;
        }
    }

    /// Keeps the demo's emulator (stopping any previous one).
    pub fn set_demo(&self, server: Option<DemoServer>) {
        let previous = std::mem::replace(
            &mut *self.demo.lock().unwrap_or_else(|p| p.into_inner()),
            server,
        );
        drop(previous);
    }

    /// Stops the demo's emulator; called when the app exits.
    pub fn stop_demo(&self) {
        if let Some(mut server) = self.demo.lock().unwrap_or_else(|p| p.into_inner()).take() {
            server.stop();
        }
    }

    /// The audit log of a real connection (data folder) or of the demo (its
    /// own folder, gone with it).
    pub async fn open_audit(&self, state: &AppState, demo: bool) -> Result<AuditLog, CommandError> {
        let dir = if demo {
            let guard = self.demo.lock().unwrap_or_else(|p| p.into_inner());
            let server = guard.as_ref().ok_or_else(|| state.fail(&NotConnected))?;
            server.dir().to_path_buf()
        } else {
            state.data_dir()?
        };
        AuditLog::open(&dir.join(AUDIT_FILE))
            .await
            .map_err(|e| state.fail(&e))
    }

    /// A fresh stop switch for a bulk run (cancelling any run still going).
    pub fn start_bulk(&self) -> CancellationToken {
        let token = CancellationToken::new();
        if let Some(previous) = self
            .bulk
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .replace(token.clone())
        {
            previous.cancel();
        }
        token
    }

    pub fn cancel_bulk(&self) {
        if let Some(token) = self.bulk.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            token.cancel();
        }
    }
}
