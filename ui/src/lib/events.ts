/**
 * Events the back end sends to the window (Tauri's `emit`), e.g. the global
 * shortcut asking for the quick-search palette.
 */
import { listen } from '@tauri-apps/api/event';

/** Sent by the global shortcut (and the tray): open the quick-search palette. */
export const OPEN_PALETTE_EVENT = 'kairos://open-palette';

/**
 * Calls `handler` on each back-end event `name`; returns what stops listening.
 * Outside Tauri (a plain browser, tests) it does nothing. If the window may
 * not listen, the event is lost but nothing else breaks.
 */
export function onBackendEvent(name: string, handler: () => void): () => void {
  if (typeof window === 'undefined' || !('__TAURI_INTERNALS__' in window)) return () => undefined;
  // Not granted, or no event system: the in-window shortcuts still work.
  const subscription = Promise.resolve()
    .then(() =>
      listen(name, () => {
        handler();
      }),
    )
    .catch(() => null);
  return () => {
    void subscription.then((unlisten) => {
      unlisten?.();
    });
  };
}
