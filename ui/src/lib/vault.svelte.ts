/**
 * The vault's state, shared by the shell (its Lock button) and every vault
 * gate. A rune-based store: reading `vault.status` in a template tracks it.
 */
import { asAppError, call, type AppError, type VaultStatus } from './ipc';

/** Error codes that say nothing about the vault's state (no need to ask again). */
const NOT_ABOUT_STATE = new Set(['vault.account_not_found', 'vault.wrong_password']);

class VaultStore {
  #status = $state.raw<VaultStatus | null>(null);
  #error = $state.raw<AppError | null>(null);
  #loading: Promise<void> | null = null;
  #keyringTried = false;

  /** null until known (or when it could not be read: see `error`). */
  get status(): VaultStatus | null {
    return this.#status;
  }

  /** Why the status could not be read, if it could not. */
  get error(): AppError | null {
    return this.#error;
  }

  /** Is the vault open, its accounts readable? */
  get unlocked(): boolean {
    return this.#status?.exists === true && this.#status.unlocked;
  }

  /** Ask the back end for the state. Concurrent calls share one request. */
  refresh(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        this.#status = await call('vault_status');
        this.#error = null;
      } catch (err) {
        this.#error = asAppError(err, 'vault_status');
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  /** Ask only if the state is not known yet. */
  load(): Promise<void> {
    return this.#status === null ? this.refresh() : Promise.resolve();
  }

  /** Take the state a vault command answered with. */
  set(status: VaultStatus): void {
    this.#status = status;
    this.#error = null;
  }

  /** Lock now (the Lock button). Rejects with the AppError if the back end refuses. */
  async lock(): Promise<void> {
    this.set(await call('vault_lock'));
  }

  /**
   * A command failed: if the error is about the vault (locked by idleness,
   * gone, unreadable), read its state again so that the gates show why.
   */
  noticeError(error: AppError): void {
    if (error.code.startsWith('vault.') && !NOT_ABOUT_STATE.has(error.code)) void this.refresh();
  }

  /** True the first time only: the keyring is tried by itself once per session. */
  takeKeyringAttempt(): boolean {
    if (this.#keyringTried) return false;
    this.#keyringTried = true;
    return true;
  }

  /** Forget everything (tests). */
  reset(): void {
    this.#status = null;
    this.#error = null;
    this.#loading = null;
    this.#keyringTried = false;
  }
}

export const vault = new VaultStore();
