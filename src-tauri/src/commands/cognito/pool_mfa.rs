//! A pool's MFA configuration: read, plan (diff and pre-flight checks), apply.

use kairos_cognito::CognitoError;
use kairos_cognito::audit::{AuditEntry, AuditResult};
use kairos_cognito::pool_mfa::{MfaMode, PoolMfaConfig, PoolMfaSettings};
use kairos_cognito::pool_plan::{FieldChange, PoolMfaPlan};
use kairos_cognito::preflight::Severity;
use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::Serialize;
use tauri::State;

use super::record;
use crate::cognito_state::Connected;
use crate::{CommandError, state::AppState};

/// One pre-flight finding as the window shows it: worded in its language.
#[derive(Debug, Serialize)]
pub struct Finding {
    #[serde(flatten)]
    report: ErrorReport,
    severity: Severity,
}

#[derive(Debug, Serialize)]
pub struct PlanView {
    changes: Vec<FieldChange>,
    findings: Vec<Finding>,
    blocked: bool,
}

fn plan_view(plan: &PoolMfaPlan, locale: Locale) -> PlanView {
    PlanView {
        changes: plan.changes.clone(),
        findings: plan
            .checks
            .iter()
            .map(|check| Finding {
                // Worded (and linked to the catalogue) like the refusal it may become.
                report: CognitoError::Preflight {
                    check: check.clone(),
                }
                .report(locale),
                severity: check.severity(),
            })
            .collect(),
        blocked: plan.refusal().is_some(),
    }
}

/// The plan for `settings`, with the count of users who would need to set up
/// MFA when it turns ON (taken only when the pool is small enough).
async fn make_plan(
    connected: &Connected,
    pool_id: &str,
    settings: PoolMfaSettings,
) -> Result<PoolMfaPlan, CognitoError> {
    let current = connected.admin.pool_mfa(pool_id).await?;
    let affected = if settings.mode == MfaMode::On && current.settings.mode != MfaMode::On {
        connected
            .admin
            .users_without_factor(pool_id, current.facts.estimated_users)
            .await?
    } else {
        None
    };
    Ok(PoolMfaPlan::new(&current, settings, affected))
}

#[tauri::command]
pub async fn cognito_pool_mfa(
    state: State<'_, AppState>,
    pool_id: String,
) -> Result<PoolMfaConfig, CommandError> {
    let connected = state.cognito.require(&state).await?;
    connected
        .admin
        .pool_mfa(&pool_id)
        .await
        .map_err(|e| state.fail(&e))
}

#[tauri::command]
pub async fn cognito_pool_mfa_plan(
    state: State<'_, AppState>,
    pool_id: String,
    settings: PoolMfaSettings,
) -> Result<PlanView, CommandError> {
    let connected = state.cognito.require(&state).await?;
    let plan = make_plan(&connected, &pool_id, settings)
        .await
        .map_err(|e| state.fail(&e))?;
    Ok(plan_view(&plan, state.locale()))
}

/// Plans again (the pool may have changed since the window asked), refuses
/// what a check refuses, sends, audits, and answers with the pool as it is now.
#[tauri::command]
pub async fn cognito_pool_mfa_apply(
    state: State<'_, AppState>,
    pool_id: String,
    settings: PoolMfaSettings,
) -> Result<PoolMfaConfig, CommandError> {
    let connected = state.cognito.require(&state).await?;
    let fail = |e: CognitoError| state.fail(&e);
    let plan = make_plan(&connected, &pool_id, settings)
        .await
        .map_err(fail)?;
    if let Some(refusal) = plan.refusal() {
        return Err(fail(CognitoError::Preflight {
            check: refusal.clone(),
        }));
    }
    if !plan.is_noop() {
        let sent = connected.admin.set_pool_mfa(&pool_id, &plan.after).await;
        let result = if sent.is_ok() {
            AuditResult::Changed
        } else {
            AuditResult::Failed
        };
        let mut entry = AuditEntry::now(
            connected.admin.region(),
            &pool_id,
            "SetUserPoolMfaConfig",
            result,
        );
        entry.before = serde_json::to_string(&plan.before).ok();
        entry.after = serde_json::to_string(&plan.after).ok();
        entry.error_code = sent.as_ref().err().map(CognitoError::audit_code);
        record(&state, &connected, entry).await;
        sent.map_err(fail)?;
    }
    connected.admin.pool_mfa(&pool_id).await.map_err(fail)
}
