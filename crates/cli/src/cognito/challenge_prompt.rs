//! The sign-in steps a person answers at the terminal (or on standard input,
//! one line each, for scripts): the choice of a first factor (USER_AUTH's
//! SELECT_CHALLENGE) or of an MFA type (SELECT_MFA_TYPE), and the one-time
//! codes Cognito sends by email or SMS. The authenticator's code comes from
//! the vault instead, and MFA_SETUP is `enrol`'s.

use std::io::IsTerminal;

use kairos_cognito::signin::{Answer, ChallengeKind, ChallengeView, SigninMachine, Step};
use kairos_core::{ErrorReport, Locale};
use zeroize::Zeroizing;

use super::signin::{now_reading, read_line, signin_report};
use crate::Context;

/// Answers `view` when a person can (a choice, an emailed or texted code);
/// `None` for the challenges the caller handles itself.
pub async fn answer_from_person(
    ctx: &Context,
    machine: &mut SigninMachine,
    view: &ChallengeView,
) -> Option<Result<Step, ErrorReport>> {
    let answer = match view.kind {
        ChallengeKind::SelectChallenge | ChallengeKind::SelectMfaType => match choose(ctx, view) {
            Ok(choice) => Answer::Choose(choice),
            Err(report) => return Some(Err(report)),
        },
        ChallengeKind::EmailOtp | ChallengeKind::SmsOtp | ChallengeKind::SmsMfa => {
            match code(ctx, view) {
                Ok(code) => Answer::Code(code),
                Err(report) => return Some(Err(report)),
            }
        }
        _ => return None,
    };
    let reading = match now_reading(ctx).await {
        Ok(reading) => reading,
        Err(report) => return Some(Err(report)),
    };
    Some(
        machine
            .answer(answer, reading)
            .await
            .map_err(|e| signin_report(ctx.locale, &e)),
    )
}

/// Lists the choices (unsupported ones marked, with why) and reads one: its
/// number or its name. The machine refuses what was not offered.
fn choose(ctx: &Context, view: &ChallengeView) -> Result<String, ErrorReport> {
    let locale = ctx.locale;
    let terminal = std::io::stdin().is_terminal();
    if terminal {
        eprintln!(
            "{}",
            match view.kind {
                ChallengeKind::SelectMfaType => locale.pick(
                    "Choose how to receive the second factor:",
                    "Choisissez comment recevoir le second facteur :",
                ),
                _ => locale.pick(
                    "Choose how to sign in:",
                    "Choisissez comment vous connecter :"
                ),
            }
        );
        for (number, choice) in view.available_challenges.iter().enumerate() {
            let note = if view.unsupported_challenges.contains(choice) {
                locale.pick(
                    " (not supported by Kairos: no passkey support in this client)",
                    " (non pris en charge par Kairos : pas de clés d’accès dans ce client)",
                )
            } else {
                ""
            };
            eprintln!("  {}. {}{note}", number + 1, label(locale, choice));
        }
        eprint!("{}", locale.pick("Choice: ", "Choix : "));
    }
    let line = read_line(ctx)?;
    let typed = line.trim();
    Ok(typed
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| view.available_challenges.get(i).cloned())
        .unwrap_or_else(|| typed.to_ascii_uppercase()))
}

/// A code Cognito sent, read from the terminal or standard input.
fn code(ctx: &Context, view: &ChallengeView) -> Result<Zeroizing<String>, ErrorReport> {
    if std::io::stdin().is_terminal() {
        let to = view
            .code_destination
            .clone()
            .unwrap_or_else(|| "?".to_owned());
        eprint!(
            "{}",
            ctx.locale.pick(
                format!("Code sent to {to}: "),
                format!("Code envoyé à {to} : "),
            )
        );
    }
    read_line(ctx)
}

/// A person's name for Cognito's name of a factor.
fn label(locale: Locale, choice: &str) -> String {
    let (en, fr) = match choice {
        "PASSWORD" => ("Password", "Mot de passe"),
        "PASSWORD_SRP" => (
            "Password (SRP, never sent)",
            "Mot de passe (SRP, jamais envoyé)",
        ),
        "EMAIL_OTP" => ("Code by email", "Code par e-mail"),
        "SMS_OTP" | "SMS_MFA" => ("Code by SMS", "Code par SMS"),
        "SOFTWARE_TOKEN_MFA" => ("Authenticator app", "Application d’authentification"),
        "WEB_AUTHN" => ("Passkey", "Clé d’accès"),
        other => (other, other),
    };
    format!("{} [{choice}]", locale.pick(en, fr))
}
