/**
 * English strings of the quick-search palette (`palette.*`) and the first-run
 * screen (`welcome.*`), kept apart from `en.ts`. Same contract as `en.ts`.
 */
export const paletteEn = {
  title: 'Quick search',
  inputLabel: 'Search an account to copy its code',
  placeholder: 'Type a service or an account…',
  results: 'Accounts',
  keys: '↑ ↓ move · Enter copies the code · Esc closes',
  noMatch: 'No account matches “{query}”.',
  noAccounts: 'No accounts yet: add one on the Add account page.',
  locked: 'Open the vault first: its accounts appear here once it is unlocked.',
  openCodes: 'Go to Codes',
  loading: 'Loading the accounts…',
  loadError: 'Kairos could not read the accounts.',
  copied: '{name}: code copied. The clipboard clears in {seconds} s.',
  copiedNoClear: '{name}: code copied. The clipboard is not cleared automatically.',
  noCode: 'no code yet',
} as const;

export const welcomeEn = {
  title: 'Welcome to Kairos',
  intro: 'Kairos is two tools in one window. You can use either, or both.',
  halvesLabel: 'What Kairos does',
  authenticator: {
    title: 'Authenticator',
    body: 'Keeps the one-time codes of your accounts (scan a QR code, paste a link or import another app) and computes them against network time, so that a drifting clock never makes a code fail.',
    needs: 'Needs a vault: set it up below.',
  },
  admin: {
    title: 'Cognito admin',
    body: 'For administrators of Amazon Cognito user pools: set up a pool’s MFA, see and change each user’s MFA, and understand every Cognito MFA error.',
    needs: 'Uses your AWS configuration; no vault needed.',
    open: 'Open the Cognito admin',
  },
  setupIntro:
    'Your secrets stay on this computer in an encrypted vault. Choose how its key is protected; you can create it now and add accounts right after.',
  noKeyring:
    'No system keyring was found on this computer (no Secret Service, such as GNOME Keyring or KWallet, is running). Protect the vault with a password instead.',
} as const;

export const a11yEn = {
  skipToPage: 'Skip to the page',
} as const;
