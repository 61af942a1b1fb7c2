/**
 * Signing in to a user pool as one of its users (issue #7): the commands'
 * types and wrappers. The back end sends challenges and claims, never tokens.
 */
import { call, channel, type AppError } from '../ipc';

/** `userAuth` is the choice-based flow: Cognito lists the first factors to choose from. */
export type AuthFlow = 'userSrp' | 'userPassword' | 'userAuth';

/** First factors of SELECT_CHALLENGE, Cognito's names. */
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
/** MFA types of SELECT_MFA_TYPE, Cognito's names. */
export type MfaTypeChoice = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

export type ChallengeKind =
  | { name: 'newPasswordRequired' }
  | { name: 'mfaSetup' }
  | { name: 'softwareTokenMfa' }
  | { name: 'smsMfa' }
  | { name: 'emailOtp' }
  | { name: 'smsOtp' }
  | { name: 'selectMfaType' }
  | { name: 'selectChallenge' }
  | { name: 'other'; raw: string };

export type ChallengeView = {
  kind: ChallengeKind;
  /** When Cognito's session for this step ends (Unix milliseconds). */
  expiresAtMs: number;
  mfasCanSetup: string[];
  codeDestination: string | null;
  /**
   * What to choose from: the first factors for `selectChallenge`, the MFA
   * types for `selectMfaType` (Cognito's names); empty otherwise. The back
   * end always sends it (optional here only for older test fixtures).
   */
  availableChallenges?: string[];
  /**
   * Those of `availableChallenges` this client cannot answer: show them
   * disabled with why (`WEB_AUTHN`: no passkey bridge in the desktop window).
   */
  unsupportedChallenges?: string[];
};

export type TokenClaims = {
  username: string | null;
  sub: string | null;
  email: string | null;
  issuer: string | null;
  clientId: string | null;
  issuedAt: number | null;
  expiresAt: number | null;
  groups: string[];
};

export type SigninStep = { step: 'challenge'; challenge: ChallengeView } | { step: 'signedIn'; claims: TokenClaims };

export const ENROL_STEPS = ['associating', 'stored', 'verifying', 'completing', 'settingPreference', 'done'] as const;
export type EnrolStep = (typeof ENROL_STEPS)[number];
export type EnrolProgressView = { step: EnrolStep; accountId: number | null };

export type Enrolled = { accountId: number; issuer: string; label: string; claims: TokenClaims };

/** Cognito's lock-out after repeated failed passwords, for a countdown. */
export type Lockout = {
  /** Consecutive failed attempts counted (this one included). */
  failedAttempts: number;
  /** The whole wait, 2^(n−5) s capped at 15 min, in milliseconds. */
  waitMs: number;
  /** What is left of it when the error was made (milliseconds). */
  retryAfterMs: number;
};

/**
 * What a refused TOTP code says about the clock: `off` (the device clock is
 * off by `offsetMs`, outside Cognito's window), `fine` (within it: the secret
 * is likely wrong), `unknown` (never measured against network time).
 */
export type ClockCheck =
  | { verdict: 'fine'; offsetMs: number }
  | { verdict: 'off'; offsetMs: number }
  | { verdict: 'unknown' };

/**
 * A sign-in error: an `AppError` that may say the sign-in must start again,
 * how long the user is locked out, and what the clock says about a refused code.
 */
export type SigninError = AppError & {
  restartNeeded?: boolean;
  keptAccountId?: number | null;
  /** Milliseconds until another attempt makes sense (a lock-out), else null. */
  retryAfterMs?: number | null;
  lockout?: Lockout | null;
  clockCheck?: ClockCheck | null;
};

export type SigninTargetFields = {
  region: string;
  endpoint: string | null;
  poolId: string;
  clientId: string;
  clientSecret: string | null;
};

export type SigninCommands = {
  signin_start: {
    args: SigninTargetFields & {
      username: string;
      /** May be empty with `userAuth` when a code by email or SMS will be chosen. */
      password: string;
      flow: AuthFlow;
      /** With `userAuth`: go straight to this first factor if Cognito allows it. */
      preferredChallenge?: FirstFactor | null;
      /** Keep a typed client secret in the OS keyring (the window never gets it back). */
      rememberSecret?: boolean;
    };
    result: SigninStep;
  };
  /** Exactly one of the answers: a new password, a code, or a choice from `availableChallenges`. */
  signin_answer: {
    args: { newPassword: string | null; code: string | null; choice?: string | null };
    result: SigninStep;
  };
  signin_enrol: {
    args: {
      issuer: string | null;
      accountName: string | null;
      onProgress: ReturnType<typeof channel<EnrolProgressView>>;
    };
    result: Enrolled;
  };
  signin_cancel: { args: Record<string, never>; result: null };
};

export function signinStart(args: SigninCommands['signin_start']['args']): Promise<SigninStep> {
  return call('signin_start', args);
}

export function signinAnswer(args: SigninCommands['signin_answer']['args']): Promise<SigninStep> {
  return call('signin_answer', args);
}

export function signinEnrol(
  names: { issuer: string | null; accountName: string | null },
  onProgress: (progress: EnrolProgressView) => void,
): Promise<Enrolled> {
  return call('signin_enrol', { ...names, onProgress: channel<EnrolProgressView>(onProgress) });
}

export function signinCancel(): Promise<null> {
  return call('signin_cancel');
}

/** Milliseconds of lock-out left in a sign-in error, if it carries one. */
export function retryAfterMs(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const value = (error as SigninError).retryAfterMs;
  return typeof value === 'number' && value > 0 ? value : null;
}

/** Whether this client can answer a choice (passkeys and unknown names it cannot). */
export function choiceSupported(view: ChallengeView, choice: string): boolean {
  return !(view.unsupportedChallenges ?? []).includes(choice);
}

/** Must the person start again from the password? */
export function restartNeeded(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as SigninError).restartNeeded === true;
}

/** `mm:ss` for a number of milliseconds left (never negative). */
export function mmss(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
