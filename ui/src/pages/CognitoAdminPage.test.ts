import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n';
import { deferred, withBackend } from '../test/helpers';
import CognitoAdminPage from './CognitoAdminPage.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const button = (): HTMLButtonElement => screen.getByTestId('cognito-check');
const input = (id: string): HTMLInputElement => screen.getByTestId(id);

describe('Cognito admin page', () => {
  beforeEach(() => {
    withBackend();
  });

  it('explains itself and offers the connection test', () => {
    render(CognitoAdminPage);
    expect(screen.getByTestId('page-admin')).toBeTruthy();
    expect(screen.getByTestId('page-title').textContent).toBe('Cognito admin');
    expect(screen.getByTestId('empty-state').textContent).toContain('No user pool open');
    expect(input('cognito-region').placeholder).toBe('eu-west-1');
    // Labelled controls.
    expect(screen.getByLabelText('AWS region')).toBe(input('cognito-region'));
    expect(screen.getByLabelText('Endpoint override')).toBe(input('cognito-endpoint'));
    expect(screen.queryByTestId('cognito-result')).toBeNull();
  });

  it('sends nulls for empty fields and shows a busy, disabled button meanwhile', async () => {
    const pending = deferred<unknown>();
    invokeMock.mockReturnValue(pending.promise);
    render(CognitoAdminPage);
    await fireEvent.click(button());
    expect(invokeMock).toHaveBeenCalledWith('cognito_check_connection', { region: null, endpoint: null });
    expect(button().disabled).toBe(true);
    expect(button().textContent).toContain('Testing…');

    // A second click while busy does nothing.
    await fireEvent.click(button());
    expect(invokeMock).toHaveBeenCalledOnce();

    pending.resolve({ region: 'us-east-1', endpoint: null, poolCount: 0 });
    await vi.waitFor(() => {
      expect(screen.getByTestId('cognito-result').textContent).toContain('Connected to us-east-1: no user pools.');
    });
    expect(button().disabled).toBe(false);
    expect(button().textContent).toContain('Test connection');
  });

  it.each([
    [1, 'Connected to eu-west-1: 1 user pool.'],
    [7, 'Connected to eu-west-1: 7 user pools.'],
  ])('shows the pool count (%i) for the region', async (poolCount, sentence) => {
    invokeMock.mockResolvedValue({ region: 'eu-west-1', endpoint: 'http://localhost:9229', poolCount });
    render(CognitoAdminPage);
    await fireEvent.input(input('cognito-region'), { target: { value: ' eu-west-1 ' } });
    await fireEvent.input(input('cognito-endpoint'), { target: { value: 'http://localhost:9229' } });
    await fireEvent.click(button());
    expect(invokeMock).toHaveBeenCalledWith('cognito_check_connection', {
      region: 'eu-west-1',
      endpoint: 'http://localhost:9229',
    });
    const result = await screen.findByTestId('cognito-result');
    expect(result.textContent).toContain(sentence);
    expect(result.textContent).toContain('http://localhost:9229');
    expect(screen.queryByTestId('error-notice')).toBeNull();
  });

  it('re-words the result when the language changes', async () => {
    invokeMock.mockResolvedValue({ region: 'eu-west-3', endpoint: null, poolCount: 2 });
    render(CognitoAdminPage);
    await fireEvent.click(button());
    await screen.findByTestId('cognito-result');
    locale.set('fr');
    await tick();
    expect(screen.getByTestId('cognito-result').textContent).toContain(
      'Connecté à eu-west-3\u00a0: 2 groupes d’utilisateurs.',
    );
  });

  it('shows the error notice on failure, and clears it on the next success', async () => {
    invokeMock.mockRejectedValueOnce({
      code: 'cognito.no_credentials',
      message: 'No AWS credentials found.',
      hint: 'Configure a profile with aws configure.',
    });
    render(CognitoAdminPage);
    await fireEvent.click(button());
    expect((await screen.findByTestId('error-code')).textContent).toBe('cognito.no_credentials');
    expect(screen.getByTestId('error-message').textContent).toBe('No AWS credentials found.');
    expect(screen.getByTestId('error-hint').textContent).toBe('Configure a profile with aws configure.');
    expect(screen.queryByTestId('cognito-result')).toBeNull();
    expect(button().disabled).toBe(false);

    invokeMock.mockResolvedValueOnce({ region: 'eu-west-1', endpoint: null, poolCount: 1 });
    await fireEvent.click(button());
    await screen.findByTestId('cognito-result');
    expect(screen.queryByTestId('error-notice')).toBeNull();
  });

  it('shows a not-allowed error from Tauri in the same notice', async () => {
    invokeMock.mockRejectedValue('Command cognito_check_connection not allowed by ACL');
    render(CognitoAdminPage);
    await fireEvent.click(button());
    expect((await screen.findByTestId('error-code')).textContent).toBe('ipc.not_allowed');
    expect(screen.getByTestId('error-message').textContent).toContain('cognito_check_connection');
  });
});
