/**
 * What the Cognito admin commands send and receive (camelCase, as the Rust
 * side serialises it). Keep in step with src-tauri/src/commands/cognito/.
 */
import type { Channel } from '@tauri-apps/api/core';
import type { AppError } from '../ipc';

export type AwsProfile = { name: string; usesSso: boolean; region: string | null };

/** Where the endpoint override comes from, when there is one. */
export type EndpointSource = 'env' | 'settings';

export type ConnectionChoices = {
  profiles: AwsProfile[];
  /** `AWS_PROFILE`, else `default` when it exists. */
  defaultProfile: string | null;
  regions: string[];
  /** `AWS_REGION` or the default profile's region. */
  defaultRegion: string | null;
  endpointOverride: string | null;
  endpointSource: EndpointSource | null;
  /** Some AWS credentials are configured (environment, profile, container…). */
  credentialsFound: boolean;
  /** The local demo can start (moto's server is installed). */
  demoAvailable: boolean;
  /** Kairos was started with `--demo` (KAIROS_DEMO=1). */
  demoRequested: boolean;
  /** Already connected (the page was left and opened again). */
  connection: ConnectionInfo | null;
};

export type ConnectRequest = { profile: string | null; region: string | null; endpoint: string | null };

export type ConnectionInfo = {
  profile: string | null;
  region: string;
  endpoint: string | null;
  /** The local demo (moto on 127.0.0.1): everything is labelled DEMO. */
  demo: boolean;
  /** The profile signs in through AWS IAM Identity Center. */
  usesSso: boolean;
};

export type PoolSummary = { id: string; name: string };
export type PoolPage = { pools: PoolSummary[]; nextToken: string | null };

export type MfaMode = 'OFF' | 'ON' | 'OPTIONAL';

export type SmsMfa = {
  roleArn: string;
  externalId: string | null;
  snsRegion: string | null;
  message: string | null;
};

export type EmailMfa = { message: string | null; subject: string | null };

export type WebAuthn = { relyingPartyId: string | null; userVerification: string | null };

/** The arguments of SetUserPoolMfaConfig: what the editor edits. */
export type PoolMfaSettings = {
  mode: MfaMode;
  totpEnabled: boolean;
  sms: SmsMfa | null;
  email: EmailMfa | null;
  webAuthn: WebAuthn | null;
};

export type PoolFacts = {
  poolName: string;
  emailUsesSes: boolean;
  firstFactors: string[];
  estimatedUsers: number;
};

export type PoolMfaConfig = { poolId: string; settings: PoolMfaSettings; facts: PoolFacts };

/** A pre-flight check's outcome: a `refusal` blocks the change, a `warning` needs reading. */
export type Finding = AppError & { severity: 'refusal' | 'warning' | 'note' };

/** One field of the before/after diff (`—` for none), e.g. `sms.roleArn`. */
export type Change = { field: string; before: string; after: string };

export type PoolMfaPlan = {
  changes: Change[];
  findings: Finding[];
  /** Some finding is a refusal: the change cannot be applied. */
  blocked: boolean;
};

export type UserStatus = string;

export type UserRow = {
  username: string;
  email: string | null;
  phone: string | null;
  status: UserStatus;
  enabled: boolean;
};

export type UserFilterField = 'username' | 'email' | 'status';
export type UserFilter = { field: UserFilterField; value: string } | null;

/** The users of a pool, streamed one page (up to 60) at a time. */
export type UsersMessage =
  | { kind: 'page'; users: UserRow[] }
  | { kind: 'done'; total: number }
  | { kind: 'failed'; error: AppError };

export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

export type UserMfa = {
  username: string;
  status: UserStatus;
  enabled: boolean;
  mfaSettings: MfaFactor[];
  preferred: MfaFactor | null;
  phone: string | null;
  phoneVerified: boolean;
  email: string | null;
  emailVerified: boolean;
};

export type FactorPreference = { enabled: boolean; preferred: boolean };

/** A change of a user's MFA preferences: a factor left null is not touched. */
export type MfaPreferenceChange = {
  sms: FactorPreference | null;
  totp: FactorPreference | null;
  email: FactorPreference | null;
};

/** `cancelled`: stopped before the change was sent, the user is as before. */
export type BulkOutcome = 'changed' | 'unchanged' | 'failed' | 'cancelled';

export type BulkUserResult = {
  username: string;
  outcome: BulkOutcome;
  /** Only for `failed`: the catalogue's explanation. */
  error?: AppError;
  /** Calls made for this user, retries included. */
  attempts: number;
};

export type BulkMessage =
  | { kind: 'progress'; done: number; total: number; failed: number }
  | { kind: 'finished'; cancelled: boolean; results: BulkUserResult[] };

export type AuditEntry = {
  /** UTC, RFC 3339 to the millisecond. */
  time: string;
  profile: string | null;
  region: string;
  poolId: string;
  username: string | null;
  /** The API call: `SetUserPoolMfaConfig`, `AdminSetUserMFAPreference`, … */
  action: string;
  /** JSON of the state shown to people, or a short description. */
  before: string | null;
  after: string | null;
  result: 'changed' | 'unchanged' | 'failed' | 'cancelled';
  errorCode: string | null;
};

type NoArgs = Record<string, never>;

/** The Cognito admin commands: name → { args, result }. */
/** Kept in the data folder (cognito.json), outside the vault. */
export type CognitoSettings = { endpointOverride: string | null };

export type CognitoCommands = {
  get_cognito_settings: { args: NoArgs; result: CognitoSettings };
  set_cognito_settings: { args: { settings: CognitoSettings }; result: CognitoSettings };
  cognito_connection_choices: { args: NoArgs; result: ConnectionChoices };
  cognito_connect: { args: { request: ConnectRequest }; result: ConnectionInfo };
  cognito_disconnect: { args: NoArgs; result: null };
  /** Starts moto on 127.0.0.1, seeds it and connects to it. */
  cognito_demo_start: { args: NoArgs; result: ConnectionInfo };
  cognito_pools: { args: { nextToken: string | null }; result: PoolPage };
  cognito_pool_mfa: { args: { poolId: string }; result: PoolMfaConfig };
  cognito_pool_mfa_plan: { args: { poolId: string; settings: PoolMfaSettings }; result: PoolMfaPlan };
  cognito_pool_mfa_apply: { args: { poolId: string; settings: PoolMfaSettings }; result: PoolMfaConfig };
  cognito_users: {
    args: { poolId: string; filter: UserFilter; onPage: Channel<UsersMessage> };
    result: null;
  };
  cognito_user_mfa: { args: { poolId: string; username: string }; result: UserMfa };
  cognito_user_mfa_set: {
    args: { poolId: string; username: string; change: MfaPreferenceChange };
    result: UserMfa;
  };
  cognito_reset_totp: { args: { poolId: string; username: string }; result: UserMfa };
  cognito_bulk_start: {
    args: { poolId: string; usernames: string[]; change: MfaPreferenceChange; onProgress: Channel<BulkMessage> };
    result: null;
  };
  cognito_bulk_cancel: { args: NoArgs; result: null };
  cognito_audit: { args: { limit: number }; result: AuditEntry[] };
  /** Native save dialog (or KAIROS_SAVE_DIR): null when cancelled. */
  cognito_audit_export: { args: NoArgs; result: { path: string; count: number } | null };
};
