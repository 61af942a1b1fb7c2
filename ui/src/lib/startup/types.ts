/**
 * The launch-at-login switch's side of the bridge (src-tauri/src/commands/autostart.rs).
 */
type NoArgs = Record<string, never>;

export type StartupCommands = {
  /** Whether the system opens Kairos at login (its autostart entry exists). */
  get_launch_at_login: { args: NoArgs; result: boolean };
  /** Turns it on or off; answers the state the system now has. Rejects with `autostart.failed`. */
  set_launch_at_login: { args: { enabled: boolean }; result: boolean };
};
