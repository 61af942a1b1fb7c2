import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n';
import type { CatalogueEntry, ErrorCatalogue } from '../lib/ipc';
import { fakeBackend } from '../test/helpers';
import TroubleshootPage from './TroubleshootPage.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

function entry(id: string, code: string, theme: CatalogueEntry['theme'], words: string): CatalogueEntry {
  return {
    id,
    code,
    theme,
    operations: ['RespondToAuthChallenge'],
    seedCase: id === 'session-expired' ? 6 : null,
    title: { en: `${words} (title)`, fr: `${words} (titre)` },
    cause: { en: `${words} cause`, fr: `${words} cause FR` },
    fix: { en: `${words} fix`, fr: `${words} solution` },
  };
}

const SESSION = entry('session-expired', 'NotAuthorizedException', 'session', 'Session expired');
const THROTTLE = entry('too-many-requests', 'TooManyRequestsException', 'limits', 'Throttled');
const SMS = entry('sms-role-trust', 'InvalidSmsRoleTrustRelationshipException', 'sms', 'Trust policy');
const CATALOGUE: ErrorCatalogue = {
  themes: ['sms', 'totp', 'session', 'sign-in', 'access', 'limits', 'configuration', 'service'],
  entries: [SMS, SESSION, THROTTLE],
};

function backend(explain: (text: string) => unknown = () => [SESSION]): void {
  fakeBackend(invokeMock, {
    error_catalogue: () => CATALOGUE,
    explain_error: (args) => explain(String(args.text)),
  });
}

async function renderPage(): Promise<void> {
  render(TroubleshootPage);
  await screen.findByTestId('theme-session');
}

afterEach(() => {
  invokeMock.mockReset();
  window.location.hash = '';
  locale.set('en');
});

describe('TroubleshootPage', () => {
  it('explains pasted text with the back end’s entries', async () => {
    const asked: string[] = [];
    backend((text) => {
      asked.push(text);
      return [SESSION];
    });
    await renderPage();
    const explainButton = screen.getByTestId<HTMLButtonElement>('troubleshoot-explain');
    expect(explainButton.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('troubleshoot-paste'), {
      target: { value: 'NotAuthorizedException: Invalid session for the user, session is expired.' },
    });
    await fireEvent.click(explainButton);
    const results = await screen.findByTestId('troubleshoot-results');
    expect(asked).toEqual(['NotAuthorizedException: Invalid session for the user, session is expired.']);
    const card = within(results).getByTestId('entry-session-expired');
    expect(within(card).getByTestId('entry-fix').textContent).toBe('Session expired fix');
    expect(card.textContent).toContain('Reference case 6');
  });

  it('shows the back end’s error when nothing matches', async () => {
    backend(() => {
      throw { code: 'cognito.no_explanation', message: 'No known Cognito error in “hello”.', hint: 'Paste the code.' };
    });
    await renderPage();
    await fireEvent.input(screen.getByTestId('troubleshoot-paste'), { target: { value: 'hello' } });
    await fireEvent.click(screen.getByTestId('troubleshoot-explain'));
    expect((await screen.findByTestId('error-code')).textContent).toBe('cognito.no_explanation');
    expect(screen.queryByTestId('troubleshoot-results')).toBeNull();
  });

  it('groups the catalogue by theme and searches it', async () => {
    backend();
    await renderPage();
    expect(within(screen.getByTestId('theme-sms')).getByTestId('entry-sms-role-trust')).toBeTruthy();
    expect(within(screen.getByTestId('theme-limits')).getByTestId('entry-too-many-requests')).toBeTruthy();
    expect(screen.queryByTestId('theme-totp')).toBeNull();
    await fireEvent.input(screen.getByTestId('troubleshoot-search'), { target: { value: 'toomanyrequests' } });
    expect(screen.getByTestId('entry-too-many-requests')).toBeTruthy();
    expect(screen.queryByTestId('entry-session-expired')).toBeNull();
    expect(screen.queryByTestId('theme-sms')).toBeNull();
    await fireEvent.input(screen.getByTestId('troubleshoot-search'), { target: { value: 'zzz' } });
    expect(screen.getByTestId('troubleshoot-no-match').textContent).toContain('zzz');
  });

  it('shows entries in French when the language changes', async () => {
    backend();
    await renderPage();
    locale.set('fr');
    await tick();
    const card = within(screen.getByTestId('theme-session')).getByTestId('entry-session-expired');
    expect(within(card).getByTestId('entry-fix').textContent).toBe('Session expired solution');
    expect(screen.getByTestId('page-title').textContent).toBe('Dépannage');
  });

  it('opens on the entry named by a deep link, and follows later links', async () => {
    window.location.hash = '#/troubleshoot/sms-role-trust';
    backend();
    await renderPage();
    const selected = await screen.findByTestId('troubleshoot-selected');
    expect(within(selected).getByTestId('entry-sms-role-trust')).toBeTruthy();
    window.location.hash = '#/troubleshoot/too-many-requests';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await tick();
    expect(within(screen.getByTestId('troubleshoot-selected')).getByTestId('entry-too-many-requests')).toBeTruthy();
    // Each card links to itself.
    const link = within(screen.getByTestId('theme-session')).getByText('#session-expired');
    expect(link.getAttribute('href')).toBe('#/troubleshoot/session-expired');
  });
});
