/**
 * The Sign-in page's remembered connections, test sign-in and "stay signed
 * in" (issue #7): command types and wrappers, and how a failed step is read
 * (restart, lock-out, account kept). The window never receives a client
 * secret, a token or a refresh token: only whether one is kept.
 */
import { call, type AppError } from '../ipc';
import type { SigninStep, TokenClaims } from './signin';

export type RememberedConnection = {
  region: string;
  endpoint: string | null;
  poolId: string;
  clientId: string;
  username: string;
  /** The app client's secret is in the OS keyring (the window never sees it). */
  secretRemembered: boolean;
  /** The user's refresh token is in the OS keyring. */
  staysSignedIn: boolean;
};

export type AccessDetails = {
  scope: string[];
  tokenUse: string | null;
  authTime: number | null;
  /** Unix seconds. */
  expiresAt: number | null;
  expiresIn: number;
};

export type SignedInView = {
  poolId: string;
  clientId: string;
  username: string;
  claims: TokenClaims;
  access: AccessDetails;
  refreshAvailable: boolean;
  staysSignedIn: boolean;
};

/** A failed sign-in step as the back end sends it (see `AppError`'s sign-in fields). */
export type SigninFailureView = AppError;

export type SigninSessionCommands = {
  signin_connections: { args: Record<string, never>; result: RememberedConnection[] };
  signin_connection_forget: { args: { poolId: string; clientId: string }; result: RememberedConnection[] };
  signin_answer_with_account: { args: { accountId: number }; result: SigninStep };
  signin_signed_in: { args: Record<string, never>; result: SignedInView };
  signin_stay_signed_in: { args: { keep: boolean }; result: SignedInView };
  signin_sign_out: { args: Record<string, never>; result: null };
  signin_resume: { args: { poolId: string; clientId: string }; result: SigninStep };
};

export const signinConnections = (): Promise<RememberedConnection[]> => call('signin_connections');
export const forgetConnection = (poolId: string, clientId: string): Promise<RememberedConnection[]> =>
  call('signin_connection_forget', { poolId, clientId });
export const answerWithAccount = (accountId: number): Promise<SigninStep> =>
  call('signin_answer_with_account', { accountId });
export const signedIn = (): Promise<SignedInView> => call('signin_signed_in');
export const staySignedIn = (keep: boolean): Promise<SignedInView> => call('signin_stay_signed_in', { keep });
export const signOut = (): Promise<null> => call('signin_sign_out');
export const resume = (poolId: string, clientId: string): Promise<SigninStep> =>
  call('signin_resume', { poolId, clientId });

/** Why the sign-in must start again, for its own explanation. */
export type RestartReason = 'expired' | 'used' | 'invalid' | 'lost';

export function restartReason(error: SigninFailureView): RestartReason {
  if (error.code === 'cognito.signin_session_used' || error.help === 'session-used-twice') return 'used';
  if (error.code === 'cognito.signin_session_expired' || error.help === 'session-expired') return 'expired';
  if (error.help === 'session-invalid') return 'invalid';
  return 'lost';
}

/** Milliseconds to wait before another attempt, when locked out. */
export function lockoutMs(error: SigninFailureView): number | null {
  return typeof error.retryAfterMs === 'number' && error.retryAfterMs > 0 ? error.retryAfterMs : null;
}

/** The vault account an enrolment kept unverified, if any. */
export function keptAccount(error: SigninFailureView): number | null {
  return typeof error.keptAccountId === 'number' ? error.keptAccountId : null;
}

/** Whole minutes a session lasts, from when it was received and when it ends. */
export function sessionMinutes(receivedAtMs: number, expiresAtMs: number): number {
  return Math.max(1, Math.round((expiresAtMs - receivedAtMs) / 60_000));
}

/** Cognito's code challenges: answered with a code. */
export const CODE_CHALLENGES = ['softwareTokenMfa', 'smsMfa', 'emailOtp'] as const;
