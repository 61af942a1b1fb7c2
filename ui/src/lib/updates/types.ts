/**
 * The Updates card's side of the bridge (src-tauri/src/commands/updates.rs).
 */

/** Kept in the data folder; off until the person turns it on. */
export type UpdateSettings = {
  /** false: Kairos never contacts an update server. */
  enabled: boolean;
  /** The feed (`latest.json`) to ask; kept while checks are off. */
  endpoint: string | null;
};

/** What “Check now” found. */
export type CheckOutcome =
  | { status: 'upToDate'; currentVersion: string }
  | {
      status: 'available';
      currentVersion: string;
      version: string;
      notes: string | null;
      /** RFC 3339, as the feed gives it. */
      date: string | null;
    };

type NoArgs = Record<string, never>;

export type UpdateCommands = {
  get_update_settings: { args: NoArgs; result: UpdateSettings };
  /** Rejects with `update.invalid_endpoint`, `update.insecure_endpoint` or `update.endpoint_missing`. */
  set_update_settings: { args: { settings: UpdateSettings }; result: UpdateSettings };
  /** Rejects with `update.disabled` while checks are off (no request is made). */
  update_check: { args: NoArgs; result: CheckOutcome };
  /** Installs the version the last check offered; resolves just before the app restarts into it. */
  update_install: { args: { version: string }; result: null };
};
