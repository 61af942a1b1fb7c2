/**
 * Choosing which pending accounts (scanned or read from a file) to import.
 * Duplicates start unchecked: importing them would only be skipped.
 */
import type { PendingAccount } from './ipc';

/** Every account that is not already in the vault. */
export function defaultSelection(accounts: readonly PendingAccount[]): number[] {
  return accounts.filter((a) => !a.duplicate).map((a) => a.pendingId);
}

/**
 * The selection after the list grew or changed (e.g. another code of an export
 * was scanned): choices made on accounts already shown are kept, new accounts
 * start with their default, and accounts no longer listed are dropped.
 */
export function mergeSelection(
  previous: readonly PendingAccount[],
  selected: readonly number[],
  next: readonly PendingAccount[],
): number[] {
  const known = new Set(previous.map((a) => a.pendingId));
  const chosen = new Set(selected);
  return next
    .filter((a) => (known.has(a.pendingId) ? chosen.has(a.pendingId) : !a.duplicate))
    .map((a) => a.pendingId);
}

/** The selected ids that can really be imported (listed, not duplicates), in list order. */
export function importable(accounts: readonly PendingAccount[], selected: readonly number[]): number[] {
  const chosen = new Set(selected);
  return accounts.filter((a) => chosen.has(a.pendingId) && !a.duplicate).map((a) => a.pendingId);
}
