/**
 * Signing in to a user pool as one of its users (issue #7): the commands'
 * types and wrappers. The back end sends challenges and claims, never tokens.
 */
import { call, channel, type AppError } from '../ipc';

export type AuthFlow = 'userSrp' | 'userPassword';

export type ChallengeKind =
  | { name: 'newPasswordRequired' }
  | { name: 'mfaSetup' }
  | { name: 'softwareTokenMfa' }
  | { name: 'smsMfa' }
  | { name: 'emailOtp' }
  | { name: 'selectMfaType' }
  | { name: 'selectChallenge' }
  | { name: 'other'; raw: string };

export type ChallengeView = {
  kind: ChallengeKind;
  /** When Cognito's session for this step ends (Unix milliseconds). */
  expiresAtMs: number;
  mfasCanSetup: string[];
  codeDestination: string | null;
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

/** A sign-in error: an `AppError` that may say the sign-in must start again. */
export type SigninError = AppError & { restartNeeded?: boolean };

export type SigninTargetFields = {
  region: string;
  endpoint: string | null;
  poolId: string;
  clientId: string;
  clientSecret: string | null;
};

export type SigninCommands = {
  signin_start: {
    args: SigninTargetFields & { username: string; password: string; flow: AuthFlow; rememberSecret?: boolean };
    result: SigninStep;
  };
  signin_answer: { args: { newPassword: string | null; code: string | null }; result: SigninStep };
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
