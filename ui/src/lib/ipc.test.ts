import { invoke } from '@tauri-apps/api/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n';
import { deferred, withBackend, withoutBackend } from '../test/helpers';
import { asAppError, call, callRaw, isAppError, localise, NO_BACKEND, toAppError, type AppError } from './ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

/** The AppError a call rejected with (fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(isAppError(err)).toBe(true);
    return err as AppError;
  }
  throw new Error('expected the call to reject');
}

describe('toAppError', () => {
  beforeEach(() => {
    locale.set('en');
  });

  it('passes the back end’s own error through', () => {
    const err = { code: 'cognito.access_denied', message: 'Access denied.', hint: 'Check your IAM policy.' };
    expect(toAppError(err, 'cognito_check_connection')).toEqual(err);
  });

  it('normalises a missing or blank hint to null and drops extra fields', () => {
    expect(toAppError({ code: 'x.y', message: 'm' }, 'app_info')).toEqual({ code: 'x.y', message: 'm', hint: null });
    expect(toAppError({ code: 'x.y', message: 'm', hint: '  ', extra: 1 }, 'app_info')).toEqual({
      code: 'x.y',
      message: 'm',
      hint: null,
    });
  });

  it('maps Tauri’s “command not found” string to ipc.unknown_command, naming the command', () => {
    const e = toAppError('Command foo not found', 'foo');
    expect(e.code).toBe('ipc.unknown_command');
    expect(e.message).toBe('The back end does not know the command “foo”.');
    expect(e.hint).toMatch(/different versions.*Restart Kairos/);
  });

  it('maps Tauri’s “not allowed” strings to ipc.not_allowed', () => {
    for (const raw of [
      'app_info not allowed. Command not found',
      'Command cognito_check_connection not allowed by ACL',
      'plugin:fs|read not allowed on window main',
    ]) {
      const e = toAppError(raw, 'cognito_check_connection');
      expect(e.code).toBe('ipc.not_allowed');
      expect(e.message).toContain('“cognito_check_connection”');
      expect(e.hint).toMatch(/permissions/);
    }
  });

  it('localises front-end messages', () => {
    locale.set('fr');
    const e = toAppError('Command foo not found', 'foo');
    expect(e.message).toBe('Le moteur de Kairos ne connaît pas la commande «\u00a0foo\u00a0».');
    expect(e.hint).toContain('Redémarrez Kairos');
  });

  it.each([
    ['another string', 'another string'],
    [new Error('boom'), 'boom'],
    [42, '42'],
    [{ unexpected: true }, '{"unexpected":true}'],
    [{ code: '', message: 'empty code' }, '{"code":"","message":"empty code"}'],
    [{ code: 'x', message: 3 }, '{"code":"x","message":3}'],
    [null, 'no details'],
    [undefined, 'no details'],
    ['   ', 'no details'],
  ])('maps garbage (%j) to ipc.unexpected', (raw, detail) => {
    const e = toAppError(raw, 'app_info');
    expect(e.code).toBe('ipc.unexpected');
    expect(e.message).toBe(`Unexpected answer from the back end to “app_info”: ${detail}`);
    expect(e.hint).not.toBeNull();
  });

  it('keeps the detail of a huge rejection short', () => {
    const e = toAppError('x'.repeat(5000), 'app_info');
    expect(e.message.length).toBeLessThan(400);
    expect(e.message.endsWith('…')).toBe(true);
  });

  it('survives a cyclic object', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toAppError(cyclic, 'app_info').code).toBe('ipc.unexpected');
  });

  it('maps the absence of a back end to ipc.no_backend', () => {
    const e = toAppError(NO_BACKEND, 'app_info');
    expect(e.code).toBe('ipc.no_backend');
    expect(e.message).toContain('“app_info”');
    expect(e.hint).toMatch(/desktop app/);
  });
});

describe('call', () => {
  beforeEach(() => {
    withBackend();
  });

  it('invokes the command with its camelCase args and resolves with its result', async () => {
    invokeMock.mockResolvedValue({ pools: [{ id: 'p1', name: 'One' }], nextToken: null });
    await expect(call('cognito_pools', { nextToken: 'abc' })).resolves.toEqual({
      pools: [{ id: 'p1', name: 'One' }],
      nextToken: null,
    });
    expect(invokeMock).toHaveBeenCalledWith('cognito_pools', { nextToken: 'abc' });
  });

  it('sends an empty object for a command without args', async () => {
    invokeMock.mockResolvedValue({ version: '1', dataDir: 'd', logDir: 'l', locale: 'en' });
    await call('app_info');
    expect(invokeMock).toHaveBeenCalledWith('app_info', {});
  });

  it('rejects with the back end’s AppError', async () => {
    const err = { code: 'locale.unsupported', message: 'Unsupported language.', hint: null };
    invokeMock.mockRejectedValue(err);
    await expect(call('set_locale', { locale: 'fr' })).rejects.toEqual(err);
  });

  it('rejects with an AppError for Tauri’s string errors', async () => {
    invokeMock.mockRejectedValue('Command app_info not found');
    await expect(call('app_info')).rejects.toMatchObject({ code: 'ipc.unknown_command' });
    invokeMock.mockRejectedValue('app_info not allowed. Command not found');
    await expect(call('app_info')).rejects.toMatchObject({ code: 'ipc.not_allowed' });
    invokeMock.mockRejectedValue(new TypeError('bad'));
    await expect(call('app_info')).rejects.toMatchObject({ code: 'ipc.unexpected' });
  });

  it('rejects with ipc.no_backend in a plain browser, without invoking', async () => {
    withoutBackend();
    const err = await rejection(call('app_info'));
    expect(err.code).toBe('ipc.no_backend');
    expect(err.hint).toMatch(/desktop app/);
    expect(invokeMock).not.toHaveBeenCalled();
  });

  it('lets front-end errors be re-worded after a language change', async () => {
    withoutBackend();
    locale.set('en');
    const err = await rejection(call('app_info'));
    expect(err.message).toMatch(/^No back end/);
    locale.set('fr');
    expect(localise(err).message).toMatch(/^Aucun moteur/);
    expect(localise(err).code).toBe('ipc.no_backend');
  });

  it('re-words through a wrapping proxy too (as Svelte’s $state makes)', async () => {
    withoutBackend();
    locale.set('en');
    const err = await rejection(call('app_info'));
    const wrapped = new Proxy(err, {});
    locale.set('fr');
    expect(localise(wrapped).message).toMatch(/^Aucun moteur/);
    // The hidden helper does not leak into copies or equality checks.
    expect(Object.keys(err)).toEqual(['code', 'message', 'hint']);
    expect(JSON.parse(JSON.stringify(err))).toEqual({ code: 'ipc.no_backend', message: err.message, hint: err.hint });
  });

  it('asAppError keeps an AppError and converts anything else', () => {
    const e: AppError = { code: 'a', message: 'b', hint: null };
    expect(asAppError(e, 'app_info')).toBe(e);
    expect(asAppError('Command x not found', 'x').code).toBe('ipc.unknown_command');
  });

  it('leaves back-end errors as they are when re-worded', async () => {
    const backend = { code: 'cognito.x', message: 'as sent', hint: 'h' };
    invokeMock.mockRejectedValue(backend);
    const err = await rejection(call('app_info'));
    locale.set('fr');
    expect(localise(err)).toEqual(backend);
  });

  it('keeps calls independent while one is in flight', async () => {
    const slow = deferred<null>();
    invokeMock.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(null);
    const first = call('set_locale', { locale: 'fr' });
    await expect(call('set_locale', { locale: 'en' })).resolves.toBeNull();
    slow.resolve(null);
    await expect(first).resolves.toBeNull();
  });
});

describe('callRaw', () => {
  beforeEach(() => {
    withBackend();
  });

  it('sends the bytes as the body, with percent-encoded headers', async () => {
    const result = { source: 'image', payloads: [], migration: null };
    invokeMock.mockResolvedValueOnce(result);
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(callRaw('scan_image', bytes, { 'x-file-name': 'Capture d’écran 1.png' })).resolves.toEqual(result);
    expect(invokeMock).toHaveBeenCalledWith('scan_image', bytes, {
      headers: { 'x-file-name': 'Capture%20d%E2%80%99%C3%A9cran%201.png' },
    });
  });

  it('rejects with an AppError, and only with one', async () => {
    invokeMock.mockRejectedValueOnce({ code: 'qr.not_found', message: 'No QR code.', hint: null });
    expect(await rejection(callRaw('scan_image', new Uint8Array(), { 'x-file-name': 'a.png' }))).toEqual({
      code: 'qr.not_found',
      message: 'No QR code.',
      hint: null,
    });
    withoutBackend();
    expect((await rejection(callRaw('scan_image', new Uint8Array(), { 'x-file-name': 'a.png' }))).code).toBe(
      'ipc.no_backend',
    );
  });
});
