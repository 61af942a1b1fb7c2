//! Cognito administration: thin commands over `kairos-cognito`, one file per
//! concern. The connected client lives in [`crate::cognito_state`].

pub mod audit;
pub mod bulk;
pub mod connection;
pub mod pool_mfa;
pub mod pools;
pub mod settings;
pub mod signin;
pub mod signin_connections;
pub mod signin_session;
pub mod user_mfa;
pub mod users;

use kairos_cognito::audit::AuditEntry;

use crate::cognito_state::Connected;
use crate::state::AppState;

/// Records one change in the connection's audit log. The change is already
/// made: a failure to record is logged, not turned into a failed change.
async fn record(state: &AppState, connected: &Connected, mut entry: AuditEntry) {
    entry.profile = connected
        .admin
        .profile()
        .map(str::to_owned)
        .or_else(|| connected.demo.then(|| "DEMO".to_owned()));
    if let Err(e) = connected.audit.record(&entry).await {
        let _ = state.fail(&e);
    }
}
