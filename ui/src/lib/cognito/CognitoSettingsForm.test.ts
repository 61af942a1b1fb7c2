import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { locale } from '../../i18n';
import { fakeBackend } from '../../test/helpers';
import type { AppError } from '../ipc';
import CognitoSettingsForm from './CognitoSettingsForm.svelte';
import type { CognitoSettings } from './types';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const field = (): HTMLInputElement => screen.getByTestId('cognito-settings-endpoint');
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const INVALID: AppError = {
  code: 'cognito.invalid_endpoint',
  message: '“moto” is not an endpoint URL.',
  hint: 'Write a full URL such as http://127.0.0.1:5000.',
};

function backend(initial: CognitoSettings): void {
  fakeBackend(invokeMock, {
    get_cognito_settings: () => initial,
    set_cognito_settings: ({ settings }) => {
      const { endpointOverride } = settings as CognitoSettings;
      if (endpointOverride === 'moto') throw INVALID;
      return { endpointOverride: endpointOverride?.trim().replace(/\/$/, '') ?? null };
    },
  });
}

describe('Settings: Cognito endpoint override', () => {
  it('shows the stored override, saves a new one as the back end cleaned it', async () => {
    backend({ endpointOverride: 'http://127.0.0.1:5000' });
    render(CognitoSettingsForm);
    await vi.waitFor(() => {
      expect(field().value).toBe('http://127.0.0.1:5000');
    });
    expect(screen.getByLabelText('Cognito endpoint override (for local emulators such as moto)')).toBe(field());
    expect(screen.getByTestId('cognito-settings').textContent).toContain('precedence over AWS_ENDPOINT_URL');

    await fireEvent.input(field(), { target: { value: ' http://localhost:4566/ ' } });
    await fireEvent.click(screen.getByTestId('cognito-settings-save'));
    expect(calls('set_cognito_settings')).toEqual([
      ['set_cognito_settings', { settings: { endpointOverride: ' http://localhost:4566/ ' } }],
    ]);
    await vi.waitFor(() => {
      expect(screen.getByTestId('cognito-settings-saved').textContent).toContain('Saved.');
    });
    expect(field().value).toBe('http://localhost:4566');
  });

  it('clears the override: an empty field or the Clear button sends none', async () => {
    backend({ endpointOverride: 'http://127.0.0.1:5000' });
    render(CognitoSettingsForm);
    await vi.waitFor(() => {
      expect(field().disabled).toBe(false);
    });
    await fireEvent.click(screen.getByTestId('cognito-settings-clear'));
    await vi.waitFor(() => {
      expect(screen.getByTestId('cognito-settings-saved').textContent).toContain('Cleared');
    });
    expect(field().value).toBe('');
    await fireEvent.input(field(), { target: { value: '   ' } });
    await fireEvent.click(screen.getByTestId('cognito-settings-save'));
    expect(calls('set_cognito_settings')).toEqual([
      ['set_cognito_settings', { settings: { endpointOverride: null } }],
      ['set_cognito_settings', { settings: { endpointOverride: null } }],
    ]);
  });

  it('shows the back end’s refusal under the field until it is edited', async () => {
    backend({ endpointOverride: null });
    render(CognitoSettingsForm);
    await vi.waitFor(() => {
      expect(field().disabled).toBe(false);
    });
    await fireEvent.input(field(), { target: { value: 'moto' } });
    await fireEvent.click(screen.getByTestId('cognito-settings-save'));
    await vi.waitFor(() => {
      expect(screen.getByTestId('cognito-settings-error').textContent).toContain('is not an endpoint URL');
    });
    expect(screen.getByTestId('cognito-settings-error').getAttribute('data-error-code')).toBe(
      'cognito.invalid_endpoint',
    );
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(field().getAttribute('aria-describedby')).toContain(screen.getByTestId('cognito-settings-error').id);
    expect(screen.getByTestId('cognito-settings-saved').textContent).toBe('');
    await fireEvent.input(field(), { target: { value: 'http://127.0.0.1:5000' } });
    expect(screen.queryByTestId('cognito-settings-error')).toBeNull();
  });

  it('says why the settings could not be read, and keeps the field off', async () => {
    fakeBackend(invokeMock, {
      get_cognito_settings: () => {
        throw {
          code: 'cognito.settings_corrupt',
          message: 'The Cognito settings file /data/cognito.json cannot be read.',
          hint: null,
        } satisfies AppError;
      },
    });
    render(CognitoSettingsForm);
    await vi.waitFor(() => {
      expect(screen.getByTestId('cognito-settings').textContent).toContain('Could not read the Cognito settings');
    });
    expect(screen.getByTestId('cognito-settings').textContent).toContain('/data/cognito.json');
    expect(field().disabled).toBe(true);
    expect(calls('set_cognito_settings')).toEqual([]);
  });

  it('speaks French', () => {
    locale.set('fr');
    try {
      backend({ endpointOverride: null });
      render(CognitoSettingsForm);
      expect(
        screen.getByLabelText('Point de terminaison Cognito personnalisé (pour les émulateurs locaux comme moto)'),
      ).toBe(field());
      expect(screen.getByTestId('cognito-settings-clear').textContent).toContain('Effacer');
    } finally {
      locale.set('en');
    }
  });
});
