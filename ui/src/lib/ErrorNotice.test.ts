import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n';
import ErrorNotice from './ErrorNotice.svelte';
import { toAppError } from './ipc';

describe('ErrorNotice', () => {
  it('shows the code, message and hint in an alert', () => {
    render(ErrorNotice, {
      error: { code: 'cognito.expired_token', message: 'Your AWS session has expired.', hint: 'Sign in again with aws sso login.' },
    });
    const notice = screen.getByTestId('error-notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(screen.getByRole('alert')).toBe(notice);
    expect(screen.getByTestId('error-code').textContent).toBe('cognito.expired_token');
    expect(screen.getByTestId('error-message').textContent).toBe('Your AWS session has expired.');
    expect(screen.getByTestId('error-hint').textContent).toBe('Sign in again with aws sso login.');
    // The code is labelled for screen readers.
    expect(notice.textContent).toContain('Error code');
  });

  it('has no hint element when the hint is null', () => {
    render(ErrorNotice, { error: { code: 'x.y', message: 'Something failed.', hint: null } });
    expect(screen.getByTestId('error-message').textContent).toBe('Something failed.');
    expect(screen.queryByTestId('error-hint')).toBeNull();
    expect(screen.getByTestId('error-notice').textContent).not.toContain('What you can do');
  });

  it('shows a title and a dismiss button only when asked', async () => {
    const ondismiss = vi.fn();
    render(ErrorNotice, { error: { code: 'a.b', message: 'm', hint: null }, title: 'Start-up failed', ondismiss });
    expect(screen.getByText('Start-up failed')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(ondismiss).toHaveBeenCalledOnce();
  });

  it('has no dismiss button by default', () => {
    render(ErrorNotice, { error: { code: 'a.b', message: 'm', hint: null } });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('follows the language for its own labels', async () => {
    render(ErrorNotice, { error: toAppError('Command foo not found', 'foo') });
    locale.set('fr');
    await Promise.resolve();
    expect(screen.getByTestId('error-notice').textContent).toContain('Code d’erreur');
  });

  it('links to the Troubleshoot entry when the error has a help id', () => {
    render(ErrorNotice, {
      error: { code: 'cognito.service', message: 'Cognito answered NotAuthorizedException.', hint: null, help: 'session-expired' },
    });
    const link = screen.getByTestId('error-help-link');
    expect(link.textContent).toBe('What does this mean?');
    expect(link.getAttribute('href')).toBe('#/troubleshoot/session-expired');
  });

  it('has no help link without a help id', () => {
    render(ErrorNotice, { error: { code: 'x.y', message: 'm', hint: null } });
    expect(screen.queryByTestId('error-help-link')).toBeNull();
  });

  it('keeps the help id the back end sends', () => {
    const error = toAppError({ code: 'cognito.service', message: 'm', hint: 'h', help: 'sms-role-trust' }, 'x');
    expect(error.help).toBe('sms-role-trust');
    expect(toAppError({ code: 'a.b', message: 'm', hint: null, help: '' }, 'x')).toEqual({ code: 'a.b', message: 'm', hint: null });
  });
});
