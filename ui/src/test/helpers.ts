/** Pretend to run inside Tauri: `ipc.call()` looks for this object. */
export function withBackend(): void {
  (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__ = {};
}

export function withoutBackend(): void {
  delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
}

/** A promise with its resolve/reject exposed, to hold a mocked call in flight. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Invoke = (cmd: string, args?: unknown) => Promise<unknown>;
type MockedInvoke = { mockImplementation: (fn: Invoke) => unknown };

/**
 * A fake back end: each command answers with its handler's value (or a thrown
 * value becomes the rejection, as Tauri does with the back end's errors).
 * Commands without a handler reject the way Tauri does for unknown commands.
 */
export function fakeBackend(
  invokeMock: MockedInvoke,
  handlers: Record<string, (args: Record<string, unknown>) => unknown>,
): void {
  withBackend();
  invokeMock.mockImplementation((cmd: string, args?: unknown) => {
    const handler = handlers[cmd];
    if (!handler) return Promise.reject(new Error(`Command ${cmd} not found`));
    try {
      return Promise.resolve(handler((args ?? {}) as Record<string, unknown>));
    } catch (err) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Tauri rejects with the back end's plain AppError object
      return Promise.reject(err);
    }
  });
}

/**
 * Stands in for `@tauri-apps/api/core`'s `Channel` in tests: the component
 * under test gives it its handler, the test calls `onmessage` to play the
 * back end's messages. Mock the module with
 * `vi.mock('@tauri-apps/api/core', async () => ({ invoke: vi.fn(), Channel: (await import('../test/helpers')).FakeChannel }))`.
 */
export class FakeChannel<T = unknown> {
  onmessage: (message: T) => void;

  constructor(onmessage?: (message: T) => void) {
    this.onmessage =
      onmessage ??
      (() => {
        // no handler yet
      });
  }
}

/** A file as the file picker or a drop would give it. */
export function fakeFile(name: string, bytes: number[] = [0x89, 0x50, 0x4e, 0x47], type = 'image/png'): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

/** Choose `file` in an `<input type="file">`, as a person (or WebDriver) would. */
export function chooseFile(input: HTMLElement, file: File): void {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
