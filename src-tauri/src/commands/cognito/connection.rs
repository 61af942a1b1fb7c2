//! Connection choices (profiles, regions, the endpoint override), connecting,
//! disconnecting, and the local demo.

use kairos_cognito::demo::{self, DEMO_REGION};
use kairos_cognito::profiles::{self, AwsProfile, COGNITO_REGIONS};
use kairos_cognito::settings::CognitoSettings;
use kairos_cognito::{CognitoAdmin, ConnectOptions};
use kairos_core::clock::{Clock, SystemClock};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::cognito_state::Connected;
use crate::demo_server::{DemoServer, moto_binary};
use crate::{CommandError, state::AppState};

/// `./dev run --demo` sets it: the admin page opens straight into the demo.
pub const DEMO_ENV: &str = "KAIROS_DEMO";

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionChoices {
    profiles: Vec<AwsProfile>,
    default_profile: Option<String>,
    regions: Vec<&'static str>,
    default_region: Option<String>,
    endpoint_override: Option<String>,
    endpoint_source: Option<&'static str>,
    credentials_found: bool,
    demo_available: bool,
    demo_requested: bool,
    /// Already connected (the page was left and opened again).
    connection: Option<ConnectionInfo>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionInfo {
    profile: Option<String>,
    region: String,
    endpoint: Option<String>,
    demo: bool,
    uses_sso: bool,
}

impl From<&Connected> for ConnectionInfo {
    fn from(c: &Connected) -> Self {
        Self {
            profile: c.admin.profile().map(str::to_owned),
            region: c.admin.region().to_owned(),
            endpoint: c.admin.endpoint_url().map(str::to_owned),
            demo: c.demo,
            uses_sso: c.uses_sso,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ConnectRequest {
    profile: Option<String>,
    region: Option<String>,
    endpoint: Option<String>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Some AWS credentials are configured somewhere the SDK's chain looks. A
/// cheap look, without network: the connection itself has the last word.
fn credentials_configured(profiles: &[AwsProfile]) -> bool {
    !profiles.is_empty()
        || [
            "AWS_ACCESS_KEY_ID",
            "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        ]
        .iter()
        .any(|name| env(name).is_some())
}

#[tauri::command]
pub async fn cognito_connection_choices(
    state: State<'_, AppState>,
) -> Result<ConnectionChoices, CommandError> {
    let found = profiles::list_profiles();
    let default_profile = env("AWS_PROFILE").or_else(|| {
        found
            .iter()
            .any(|p| p.name == "default")
            .then(|| "default".to_owned())
    });
    let default_region = env("AWS_REGION")
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .or_else(|| {
            let name = default_profile.as_deref()?;
            found.iter().find(|p| p.name == name)?.region.clone()
        });
    // The Settings field wins: it is what the person chose in Kairos itself.
    let from_settings = CognitoSettings::load(&state.data_dir()?)
        .map_err(|e| state.fail(&e))?
        .endpoint_override;
    let (endpoint_override, endpoint_source) = match from_settings {
        Some(url) => (Some(url), Some("settings")),
        None => {
            let from_env = env("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
                .or_else(|| env("AWS_ENDPOINT_URL"));
            let source = from_env.as_ref().map(|_| "env");
            (from_env, source)
        }
    };
    let connection = state
        .cognito
        .current()
        .await
        .as_ref()
        .map(ConnectionInfo::from);
    Ok(ConnectionChoices {
        credentials_found: credentials_configured(&found),
        default_profile,
        default_region,
        regions: COGNITO_REGIONS.to_vec(),
        endpoint_source,
        endpoint_override,
        demo_available: moto_binary().is_file(),
        demo_requested: env(DEMO_ENV).is_some_and(|v| v != "0"),
        profiles: found,
        connection,
    })
}

/// Connects and lists the pools once, so that missing credentials, an expired
/// SSO session, a refused action or a dead endpoint show now, on their screen.
#[tauri::command]
pub async fn cognito_connect(
    state: State<'_, AppState>,
    request: ConnectRequest,
) -> Result<ConnectionInfo, CommandError> {
    let options = ConnectOptions {
        region: request.region,
        endpoint_url: request.endpoint,
        profile: request.profile.clone(),
    };
    let admin = CognitoAdmin::connect(&options)
        .await
        .map_err(|e| state.fail(&e))?;
    admin.list_user_pools().await.map_err(|e| state.fail(&e))?;
    let uses_sso = admin.profile().is_some_and(|name| {
        profiles::list_profiles()
            .iter()
            .any(|p| p.name == name && p.uses_sso)
    });
    let connected = Connected {
        audit: state.cognito.open_audit(&state, false).await?,
        admin,
        demo: false,
        uses_sso,
    };
    let info = ConnectionInfo::from(&connected);
    state.cognito.set(Some(connected)).await;
    state.cognito.set_demo(None);
    tracing::info!(region = %info.region, "cognito: connected");
    Ok(info)
}

#[tauri::command]
pub async fn cognito_disconnect(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.cognito.cancel_bulk();
    state.cognito.set(None).await;
    state.cognito.set_demo(None);
    Ok(())
}

/// Starts moto on 127.0.0.1 (once), seeds the demo pool and connects to it.
#[tauri::command]
pub async fn cognito_demo_start(
    state: State<'_, AppState>,
) -> Result<ConnectionInfo, CommandError> {
    if let Some(current) = state.cognito.current().await.filter(|c| c.demo) {
        return Ok(ConnectionInfo::from(&current));
    }
    let server = DemoServer::start().await.map_err(|e| state.fail(&e))?;
    let endpoint = server.endpoint().to_owned();
    // The emulator checks codes against this computer's own clock.
    let now = || SystemClock.now().seconds();
    demo::seed(&endpoint, now)
        .await
        .map_err(|e| state.fail(&e))?;
    let admin = demo::demo_admin(&endpoint).map_err(|e| state.fail(&e))?;
    state.cognito.set_demo(Some(server));
    let connected = Connected {
        audit: state.cognito.open_audit(&state, true).await?,
        admin,
        demo: true,
        uses_sso: false,
    };
    let info = ConnectionInfo::from(&connected);
    state.cognito.set(Some(connected)).await;
    tracing::info!(%endpoint, region = DEMO_REGION, "cognito: demo started");
    Ok(info)
}
