/**
 * The typed bridge to the Rust back end — the ONLY module that calls `invoke`.
 *
 * Contract:
 * - `Commands` maps each back-end command to its arguments (camelCase: Tauri
 *   converts them to the Rust snake_case parameters) and its result.
 * - `call(cmd, args)` resolves with the result, or rejects with an `AppError`
 *   `{ code, message, hint }` — never with anything else.
 * - The back end rejects with such an object already, message and hint in the
 *   language last given to `set_locale`; it is passed through as is.
 * - Tauri itself rejects with a plain string when the command does not exist
 *   (“Command foo not found”) or is not granted by the window's capabilities
 *   (“… not allowed …”): those become `ipc.unknown_command` / `ipc.not_allowed`.
 *   Anything else becomes `ipc.unexpected`. With no Tauri at all (the page is
 *   open in a plain browser) every call fails with `ipc.no_backend`.
 *   Those front-end messages come from the i18n catalogue (`errors.ipc.*`).
 */
import { Channel, invoke } from '@tauri-apps/api/core';
import { t, type Locale } from '../i18n';
import type { SigninCommands } from './cognito/signin';
import type { CognitoCommands } from './cognito/types';
import type { StartupCommands } from './startup/types';
import type { UpdateCommands } from './updates/types';

export type AppError = {
  code: string;
  message: string;
  hint: string | null;
  /** Id of the Troubleshoot page's entry explaining this error, when there is one. */
  help?: string;
  /** Sign-in errors only: the session is spent, the sign-in starts again from the password. */
  restartNeeded?: boolean;
};

/** A text in each language the app speaks. */
export type Localised = { en: string; fr: string };

export type CatalogueTheme = 'sms' | 'totp' | 'session' | 'sign-in' | 'access' | 'limits' | 'configuration' | 'service';

/** One entry of the Cognito error catalogue. */
export type CatalogueEntry = {
  id: string;
  /** AWS's error code, e.g. `NotAuthorizedException`. */
  code: string;
  theme: CatalogueTheme;
  operations: string[];
  /** Number of the case in the troubleshooting reference, if it is one. */
  seedCase: number | null;
  title: Localised;
  cause: Localised;
  fix: Localised;
};

export type ErrorCatalogue = { themes: CatalogueTheme[]; entries: CatalogueEntry[] };

export type AppInfo = {
  version: string;
  dataDir: string;
  logDir: string;
  locale: Locale;
};

/** How the vault's key is protected. */
export type VaultProtection = 'keyring' | 'password';

export type VaultStatus = {
  exists: boolean;
  unlocked: boolean;
  /** null while there is no vault. */
  protection: VaultProtection | null;
  keyringAvailable: boolean;
};

export type OtpKind = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** An account as the window sees it: never its secret. */
export type AccountView = {
  id: number;
  issuer: string;
  label: string;
  kind: OtpKind;
  algorithm: OtpAlgorithm;
  digits: number;
  /** Seconds per code (TOTP, Steam); null for HOTP. */
  period: number | null;
  /** Next counter value (HOTP); null otherwise. */
  counter: number | null;
  pinned: boolean;
  /** A CSS hex colour chosen for the account, if any. */
  color: string | null;
  /** Something to know about the account, e.g. `otp.cognito_algorithm`. */
  warning: AppError | null;
};

/** What an otpauth:// link would add: never its secret. */
export type AccountPreview = {
  issuer: string;
  label: string;
  kind: OtpKind;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number | null;
  counter: number | null;
  warning: AppError | null;
};

/** One account's code at a given instant. */
export type CodeView = {
  id: number;
  code: string;
  /** Seconds left in the current period (TOTP, Steam); null for HOTP. */
  remaining: number | null;
  period: number | null;
  /** The next period's code, only during the last 5 seconds of a period. */
  next: string | null;
};

export type CodesNow = {
  /** Network time of the computation, in (fractional) Unix seconds. */
  at: number;
  codes: CodeView[];
};

/** An account typed by hand: the only place a secret crosses the bridge, and only inwards. */
export type ManualDraft = {
  issuer: string;
  label: string;
  secret: string;
  kind: OtpKind;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
};

export type Settings = {
  /** 0 = never clear the clipboard. */
  clipboardClearSeconds: number;
  /** Idle minutes before a password-protected vault locks itself. */
  lockAfterIdleMinutes: number;
};

/** Network time settings (kept outside the vault: readable while it is locked). */
export type TimeSettings = {
  /** false: codes use the system clock as is. */
  enabled: boolean;
  /** `host`, `host:port` or `[v6]:port`. */
  servers: string[];
  /** Warn when the clock is off by more than this (1 to 3600). */
  warningThresholdSeconds: number;
  /** Measure from the Date header of Cognito's endpoint when no NTP server answers. */
  httpFallback: boolean;
};

/** Where the offset in use comes from. */
export type TimeSource =
  /** `servers`: the servers whose samples made the median, as `host:port`. */
  | { kind: 'ntp'; servers: string[] }
  /** From the Date header of an HTTPS answer. */
  | { kind: 'httpDate'; url: string }
  /** Nothing measured: the system clock as is. */
  | { kind: 'system' }
  /** Loaded from disk at start-up; `measuredAt` in ms since the epoch; `aged`: older than a day. */
  | { kind: 'persisted'; aged: boolean; measuredAt: number; origin: string };

export type ClockWarning =
  | { kind: 'unsynchronised' }
  | { kind: 'lastSyncFailed' }
  | { kind: 'agedOffset' }
  /** `offset` in nanoseconds, signed (added to the system clock). */
  | { kind: 'largeOffset'; offset: number }
  | { kind: 'disabled' }
  | { kind: 'mixedSmearing' };

/** Why an NTP server's answer was not used. */
export type NtpRejection =
  | { kind: 'unsynchronised' }
  | { kind: 'kissOfDeath'; code: string }
  | { kind: 'stratumTooHigh'; stratum: number }
  | { kind: 'notServer'; mode: number }
  | { kind: 'versionZero' }
  | { kind: 'zeroTransmit' }
  | { kind: 'originateMismatch' }
  | { kind: 'truncated'; length: number }
  /** `delay` (this server's round trip) and `best` (the fastest one's) in nanoseconds, like every duration inside a variant. */
  | { kind: 'delayOutlier'; delay: number; best: number };

/** Why a server was not asked. `until`: ms since the epoch. */
export type NtpSkip = { kind: 'denied'; code: string } | { kind: 'rateLimited'; until: number };

export type ServerOutcome =
  | { kind: 'ok' }
  | { kind: 'timeout' }
  | { kind: 'rejected'; detail: NtpRejection }
  /** `detail`: the system's or the resolver's error text. */
  | { kind: 'unreachable'; detail: string }
  | { kind: 'skipped'; detail: NtpSkip }
  /** Configured, not queried yet in this run. */
  | { kind: 'notAsked' };

/** One configured NTP server and what it last answered. */
export type ServerRow = {
  /** Normalised `host:port`. */
  server: string;
  /** Resolved socket address, e.g. `127.0.0.1:40123` or `[::1]:123`. */
  address: string | null;
  /** Server clock minus ours, in ms (signed). */
  offsetMs: number | null;
  /** Round-trip delay, in ms. */
  delayMs: number | null;
  stratum: number | null;
  outcome: ServerOutcome;
  /** Its sample made the median. */
  chosen: boolean;
};

export type HttpDateOutcome =
  | { kind: 'ok' }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'noDate' }
  | { kind: 'badDate'; detail: string };

/** The HTTP Date fallback, once tried. */
export type HttpDateRow = {
  url: string;
  offsetMs: number | null;
  delayMs: number | null;
  outcome: HttpDateOutcome;
};

/** Trusted time as the window sees it. Instants are ms since the epoch. */
export type TimeView = {
  enabled: boolean;
  /** Added to the system clock (0 when the source is the system clock). */
  offsetMs: number;
  source: TimeSource;
  /** Last successful measurement. */
  lastSync: number | null;
  /** Last attempt, successful or not. */
  lastAttempt: number | null;
  /** When the next automatic sync is due. */
  nextSync: number | null;
  /** A sync is running right now. */
  syncing: boolean;
  warnings: ClockWarning[];
  warningThresholdSeconds: number;
  /** One per configured server, in the settings' order. */
  servers: ServerRow[];
  httpDate: HttpDateRow | null;
  /** Why the offset kept between sessions could not be read or saved, if so. */
  problem?: AppError | null;
};

/** A scanned or imported account waiting in the back end (with its secret) until imported. */
export type PendingAccount = {
  pendingId: number;
  preview: AccountPreview;
  /** An account with the same secret is already in the vault: importing skips it. */
  duplicate: boolean;
};

/** One QR code found in a picture. */
export type ScannedPayload =
  | { kind: 'otpauth'; account: PendingAccount }
  /** One code of a Google Authenticator export; `batchIndex` is 0-based. */
  | { kind: 'migration'; batchIndex: number; batchSize: number; batchId: number; accountCount: number }
  /** A QR code that is not an OTP account (text cut to 200 characters by the back end). */
  | { kind: 'other'; text: string }
  /** An otpauth:// or otpauth-migration:// payload that failed to parse. */
  | { kind: 'invalid'; error: AppError };

/** The Google Authenticator export being collected, code by code. */
export type MigrationProgress = {
  batchId: number;
  batchSize: number;
  /** 0-based indexes of the codes scanned so far. */
  scanned: number[];
  complete: boolean;
  /** Every account of the codes scanned so far. */
  accounts: PendingAccount[];
};

export type ScanSource = 'image' | 'clipboard' | 'screen' | 'camera';

/** What the screen source captures; a region is in screen pixels. */
export type ScreenTarget =
  | { kind: 'screen' }
  | { kind: 'window'; id: number }
  | { kind: 'region'; x: number; y: number; width: number; height: number }
  | { kind: 'pick' };

export interface ScreenWindow {
  id: number;
  title: string;
  width: number;
  height: number;
}

/** `x11`: windows can be listed; `wayland`: the desktop's own dialog can pick. */
export interface ScreenChoices {
  backend: 'x11' | 'wayland';
  windows: ScreenWindow[];
}

/** A downscaled JPEG of the screen and the screen's real size. */
export interface ScreenSnapshot {
  jpeg: string;
  width: number;
  height: number;
  screenWidth: number;
  screenHeight: number;
}

export type ScanResult = {
  source: ScanSource;
  payloads: ScannedPayload[];
  /** The export being collected, when there is one. */
  migration: MigrationProgress | null;
};

export type CameraDevice = { index: number; name: string };

/** A preview frame from the camera (about 640 px wide). */
export type CameraFrame = {
  /** Base64 JPEG. */
  jpeg: string;
  width: number;
  height: number;
  /** Corners of each QR code seen, in frame pixels. */
  outlines: [number, number][][];
  /** Set when a new code was decoded in this frame. */
  found: ScanResult | null;
  /** The camera stopped by itself (unplugged, failed): the last message, with no picture. */
  ended?: AppError | null;
};

export type ImportSummary = { added: number; skippedDuplicates: number };

export type ImportFormat = 'auto' | 'aegis' | '2fas' | 'uris' | 'kairos';

export type ImportPreview = {
  format: Exclude<ImportFormat, 'auto'> | 'migration';
  encrypted: boolean;
  accounts: PendingAccount[];
};

export type ExportFormat = 'kairos' | 'uris' | 'aegis';

/** One Google-Authenticator-compatible QR code, as SVG markup made by the back end. */
export type MigrationQrCode = {
  svg: string;
  /** 0-based position of this code. */
  index: number;
  /** How many codes there are in all. */
  size: number;
};

type NoArgs = Record<string, never>;

/** The global quick-search shortcut (kept outside the vault). */
export interface ShortcutSettings {
  /** As saved ("Ctrl+Shift+K"); null when turned off. */
  quickSearch: string | null;
  defaultQuickSearch: string;
  /** Registered with the desktop right now. */
  active: boolean;
  /** Why the saved shortcut is not active (taken at start-up, damaged file). */
  problem: AppError | null;
}

/** Back-end commands: name → { args, result }. Keep in step with src-tauri. */
export type Commands = CognitoCommands & SigninCommands & UpdateCommands & StartupCommands & {
  app_info: { args: NoArgs; result: AppInfo };
  set_locale: { args: { locale: Locale }; result: null };
  /** Catalogue entries for pasted error text; rejects with `cognito.no_explanation`. */
  explain_error: { args: { text: string }; result: CatalogueEntry[] };
  error_catalogue: { args: NoArgs; result: ErrorCatalogue };
  vault_status: { args: NoArgs; result: VaultStatus };
  vault_create: { args: { protection: VaultProtection; password: string | null }; result: VaultStatus };
  /** `password: null` unlocks with the system keyring. */
  vault_unlock: { args: { password: string | null }; result: VaultStatus };
  vault_lock: { args: NoArgs; result: VaultStatus };
  list_accounts: { args: NoArgs; result: AccountView[] };
  codes_now: { args: NoArgs; result: CodesNow };
  preview_uri: { args: { uri: string }; result: AccountPreview };
  add_account_uri: { args: { uri: string }; result: AccountView };
  add_account_manual: { args: { draft: ManualDraft }; result: AccountView };
  rename_account: { args: { id: number; issuer: string; label: string }; result: AccountView };
  delete_account: { args: { id: number }; result: null };
  reorder_accounts: { args: { ids: number[] }; result: null };
  set_pinned: { args: { id: number; pinned: boolean }; result: AccountView };
  get_shortcut_settings: { args: NoArgs; result: ShortcutSettings };
  /** Blank turns it off. Errors: `shortcut.unknown_key`, `.missing_key`, `.two_keys`, `.needs_modifier`, `.taken`, `.unavailable`. */
  set_shortcut_settings: { args: { shortcut: string }; result: ShortcutSettings };
  next_hotp: { args: { id: number }; result: CodeView };
  /** The back end puts the current code on the clipboard and clears it later. */
  copy_code: { args: { id: number }; result: { clearAfterSeconds: number } };
  get_settings: { args: NoArgs; result: Settings };
  set_settings: { args: { settings: Settings }; result: Settings };
  /** Cheap: no network. */
  time_status: { args: NoArgs; result: TimeView };
  /** Measures now (up to about 2 s), then answers. */
  time_sync: { args: NoArgs; result: TimeView };
  get_time_settings: { args: NoArgs; result: TimeSettings };
  /** Checks and saves: `time.bad_server`, `time.no_server`, `time.threshold`. */
  set_time_settings: { args: { settings: TimeSettings }; result: TimeView };
  /** Errors: `capture.clipboard_empty`, `capture.clipboard_unavailable`, `qr.*`. */
  scan_clipboard: { args: NoArgs; result: ScanResult };
  /**
   * Captures one target once (the whole screen by default), hiding this window meanwhile unless `hide` is false
   * (default: hidden except for `pick`). Errors: `capture.screen_no_display`, `capture.screen_target_unsupported`,
   * `capture.window_gone`, `capture.region_outside`, `capture.portal_*`, `capture.screen_failed`, `qr.not_found`.
   */
  scan_screen: { args: { target: ScreenTarget; hide?: boolean }; result: ScanResult };
  /** The session's backend and, on X11, its windows (Kairos's own left out). */
  screen_windows: { args: NoArgs; result: ScreenChoices };
  /** A small picture of the whole screen to draw an area on (this window hidden meanwhile). */
  screen_snapshot: { args: NoArgs; result: ScreenSnapshot };
  /** Empty when there is no camera. */
  camera_list: { args: NoArgs; result: CameraDevice[] };
  /** Streams frames until `camera_stop`. Errors: `capture.no_camera`, `capture.camera_busy`, `capture.camera_denied`. */
  camera_start: { args: { device: number | null; onFrame: Channel<CameraFrame> }; result: null };
  /** Releases the camera; call it whenever the scan view closes. */
  camera_stop: { args: NoArgs; result: null };
  /** Forgets the pending scanned accounts and the partial export. */
  scan_reset: { args: NoArgs; result: null };
  /** One transaction. Errors: `vault.locked`, `import.nothing_selected`, `import.unknown_pending`. */
  import_pending: { args: { ids: number[] }; result: ImportSummary };
  /** Errors: `backup.password_required`, `backup.wrong_password`, `backup.corrupt`, `backup.unknown_format`, `uri.*`. */
  import_preview: {
    args: { dataBase64: string; format: ImportFormat; password: string | null };
    result: ImportPreview;
  };
  /** Asks where to save with a native dialog: null when the person cancelled. */
  export_backup: {
    args: { format: ExportFormat; password: string | null };
    result: { path: string; count: number } | null;
  };
  /** `skipped`: accounts Google Authenticator cannot hold (Steam, unusual periods), left out. */
  export_migration_qr: { args: NoArgs; result: { codes: MigrationQrCode[]; skipped: number } };
};

/**
 * Commands whose argument is a raw body (bytes), with metadata in headers.
 * Header values are percent-encoded by `callRaw` (headers carry Latin-1 only,
 * and a file name may be anything): the back end decodes them.
 */
export type RawCommands = {
  /** The bytes of an image file. Errors: `qr.image_unreadable`, `qr.not_found`, `qr.too_large`. */
  scan_image: { headers: 'x-file-name'; result: ScanResult };
};

export type CommandName = keyof Commands;

/** `call()`'s arguments after the command name: optional when the command takes none. */
export type CallArgs<K extends CommandName> = Commands[K]['args'] extends NoArgs
  ? [args?: NoArgs]
  : [args: Commands[K]['args']];

/** Stands for “there is no Tauri back end at all” when passed to `toAppError`. */
export const NO_BACKEND: unique symbol = Symbol('kairos.no-backend');

const DETAIL_MAX = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Does this look like the back end's own error object? */
function isBackendError(value: unknown): value is { code: string; message: string; hint?: unknown; help?: unknown } {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    value.code.trim() !== '' &&
    typeof value.message === 'string'
  );
}

function describe(value: unknown): string {
  let text = '';
  if (value instanceof Error) text = value.message || value.name;
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    text = String(value);
  } else if (typeof value === 'symbol') text = value.toString();
  else if (typeof value === 'object' && value !== null) {
    try {
      text = JSON.stringify(value);
    } catch {
      text = Object.prototype.toString.call(value); // e.g. a cyclic object
    }
  }
  // undefined, null and functions carry no detail worth showing.
  text = text.trim();
  if (text === '') return t('errors.ipc.noDetail');
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX)}…` : text;
}

/**
 * Turn anything a command rejected with into an `AppError`. Pure: it depends
 * only on its arguments and on the current locale (for front-end messages).
 */
export function toAppError(err: unknown, cmd: string): AppError {
  const command = cmd;
  if (err === NO_BACKEND) {
    return {
      code: 'ipc.no_backend',
      message: t('errors.ipc.noBackend.message', { command }),
      hint: t('errors.ipc.noBackend.hint'),
    };
  }
  if (isBackendError(err)) {
    const hint = typeof err.hint === 'string' && err.hint.trim() !== '' ? err.hint : null;
    const help = typeof err.help === 'string' && err.help.trim() !== '' ? err.help : undefined;
    const base: AppError = help === undefined ? { code: err.code, message: err.message, hint } : { code: err.code, message: err.message, hint, help };
    // Sign-in errors say whether the person must start again from the password.
    return (err as { restartNeeded?: unknown }).restartNeeded === true ? { ...base, restartNeeded: true } : base;
  }
  if (typeof err === 'string') {
    // Checked first: Tauri's ACL messages may also say “not found” further on.
    if (/\bnot allowed\b/i.test(err)) {
      return {
        code: 'ipc.not_allowed',
        message: t('errors.ipc.notAllowed.message', { command }),
        hint: t('errors.ipc.notAllowed.hint'),
      };
    }
    if (/\bcommand\b.*\bnot found\b/i.test(err)) {
      return {
        code: 'ipc.unknown_command',
        message: t('errors.ipc.unknownCommand.message', { command }),
        hint: t('errors.ipc.unknownCommand.hint'),
      };
    }
  }
  return {
    code: 'ipc.unexpected',
    message: t('errors.ipc.unexpected.message', { command, detail: describe(err) }),
    hint: t('errors.ipc.unexpected.hint'),
  };
}

/** Is Tauri's IPC bridge present in this window? */
export function hasBackend(): boolean {
  return typeof window !== 'undefined' && isRecord((window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__);
}

// Errors made here in the front end carry a hidden (non-enumerable, read-only)
// function that words them again, so that `localise()` can follow a language
// change. A property rather than a WeakMap: it survives Svelte's `$state` proxies.
const REWORD = Symbol('kairos.reword');
type Rewordable = AppError & { readonly [REWORD]?: () => AppError };

function fail(raw: unknown, cmd: string): Promise<never> {
  const error = toAppError(raw, cmd);
  if (!isBackendError(raw)) {
    Object.defineProperty(error, REWORD, { value: () => toAppError(raw, cmd), enumerable: false });
  }
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the contract is a plain, serialisable AppError object
  return Promise.reject(error);
}

/** Run a back-end command. Rejects with an `AppError`, and only with one. */
export async function call<K extends CommandName>(
  cmd: K,
  ...args: CallArgs<K>
): Promise<Commands[K]['result']> {
  if (!hasBackend()) return fail(NO_BACKEND, cmd);
  try {
    return await invoke<Commands[K]['result']>(cmd, args[0] ?? {});
  } catch (raw) {
    return fail(raw, cmd);
  }
}

/** Run a raw-body command: `body` is sent as is, `headers` percent-encoded. */
export async function callRaw<K extends keyof RawCommands>(
  cmd: K,
  body: Uint8Array,
  headers: Readonly<Record<RawCommands[K]['headers'], string>>,
): Promise<RawCommands[K]['result']> {
  if (!hasBackend()) return fail(NO_BACKEND, cmd);
  const encoded: Record<string, string> = {};
  for (const [name, value] of Object.entries<string>(headers)) encoded[name] = encodeURIComponent(value);
  try {
    return await invoke<RawCommands[K]['result']>(cmd, body, { headers: encoded });
  } catch (raw) {
    return fail(raw, cmd);
  }
}

/** A channel for a command to stream messages back (e.g. camera frames). */
export function channel<T>(onmessage: (message: T) => void): Channel<T> {
  return new Channel<T>(onmessage);
}

/**
 * The same error worded in the current language when it was made by the front
 * end (back-end errors are returned unchanged: they are already localised).
 */
export function localise(error: AppError): AppError {
  const reword = (error as Rewordable)[REWORD];
  return typeof reword === 'function' ? reword() : error;
}

/** Is this already a well-formed `AppError`? */
export function isAppError(value: unknown): value is AppError {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    (value.hint === null || typeof value.hint === 'string')
  );
}

/** Any caught value as an `AppError` (`call()` already guarantees it). */
export function asAppError(err: unknown, cmd: string): AppError {
  return isAppError(err) ? err : toAppError(err, cmd);
}
