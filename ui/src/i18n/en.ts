/**
 * English message catalogue — the source of truth for every user-facing string.
 *
 * Contract:
 * - Components never contain literal user-facing text: they call `t('dot.path')`
 *   (or `tn()` for plurals), whose keys are type-checked against this object.
 * - Other languages (see `fr.ts`) are typed as `Catalogue`, so a missing or an
 *   extra key is a compile error; the unit tests also check that every language
 *   has the same keys, no empty strings and the same `{placeholders}` per key.
 * - `{name}` is a placeholder filled by `t(key, { name })`.
 * - A plural message is an object with `zero`, `one` and `other` leaves, picked
 *   by `tn(base, count)` (`zero` for 0, then the locale's plural rule); `{count}`
 *   is provided automatically.
 * - Typography: curly apostrophes (’) and quotes (“ ”), ellipsis character (…).
 */
export const en = {
  app: {
    name: 'Kairos',
    tagline: 'Authenticator and Cognito MFA',
    startupError: 'Kairos could not load its details at start-up.',
  },
  nav: {
    label: 'Pages',
    codes: 'Codes',
    add: 'Add account',
    time: 'Time',
    admin: 'Cognito admin',
    enrol: 'Sign-in & enrol',
    troubleshoot: 'Troubleshoot',
    settings: 'Settings',
  },
  common: {
    dismiss: 'Dismiss',
    loading: 'Loading…',
    firstStep: 'Where to start',
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    saving: 'Saving…',
    retry: 'Try again',
    show: 'Show',
    hide: 'Hide',
    seconds: '{seconds} s',
  },
  pages: {
    codes: {
      title: 'Codes',
      emptyTitle: 'No accounts yet',
      emptyBody:
        'Your one-time codes will appear here, each one renewed when its period ends. Codes are computed against network time, so they stay valid even if this computer’s clock drifts.',
      firstStep:
        'Add your first account. Keep at hand the QR code or the setup key that the service shows when you turn on its authenticator app option.',
      action: 'Add an account',
    },
    add: {
      title: 'Add account',
      emptyTitle: 'Adding an account',
      emptyBody:
        'Add an account from its otpauth:// link, or by typing its setup key by hand. Kairos shows what it is about to add before adding it, and keeps the secret in your encrypted vault.',
      firstStep:
        'In the security settings of the service you want to protect, choose to set up an “authenticator app”, then keep the QR code or setup key it gives you at hand.',
    },
    time: {
      title: 'Time',
      emptyTitle: 'Not synchronised yet',
      emptyBody:
        'Kairos computes codes against network time rather than this computer’s clock: a clock that is off by more than a few seconds produces codes that services reject. Time has not been synchronised yet.',
      firstStep:
        'Nothing to do for now. Once synchronised, this page will show how far this computer’s clock is from network time, and when it was last checked.',
      statusLabel: 'Status',
      statusValue: 'Not synchronised',
    },
    admin: {
      title: 'Cognito admin',
      emptyTitle: 'No user pool open',
      emptyBody:
        'This page will let you browse the users of an Amazon Cognito user pool, see how each one is set up for multi-factor authentication (MFA), and reset or require an authenticator.',
      firstStep:
        'First, check that Kairos can reach Cognito with this computer’s AWS credentials.',
    },
    enrol: {
      title: 'Sign-in & enrol',
      emptyTitle: 'No sign-in in progress',
      emptyBody:
        'This page will let you sign in to a Cognito user pool as one of its users, then enrol an authenticator for MFA step by step, showing exactly what Cognito answers at each step.',
      firstStep: 'First, test the connection to Cognito on the Cognito admin page.',
      action: 'Go to Cognito admin',
    },
    troubleshoot: {
      title: 'Troubleshoot',
      emptyTitle: 'Error catalogue',
      emptyBody:
        'The Cognito MFA error catalogue will appear here: each error that Cognito can return during sign-in and MFA, what it means, and how to fix it.',
      firstStep:
        'When an operation fails elsewhere in Kairos, note the error code it shows: you will be able to look it up here.',
    },
    settings: {
      title: 'Settings',
    },
  },
  vault: {
    loading: 'Opening your vault…',
    statusError: 'Kairos could not find out the state of your vault.',
    setup: {
      heading: 'Set up your vault',
      intro:
        'Kairos keeps the secrets of your accounts in an encrypted vault on this computer. Choose how to protect it.',
      legend: 'Protect your secrets with',
      keyring: 'The system keyring',
      recommended: 'Recommended',
      keyringHelp:
        'The vault opens by itself when you are signed in to this computer: its key is kept by the system keyring (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager).',
      keyringUnavailable:
        'No system keyring is available on this computer, so this choice is turned off. Choose a password, or start a keyring service and restart Kairos.',
      password: 'A password',
      passwordHelp:
        'You type it to unlock Kairos. If you forget it, nobody can recover your secrets, not even Kairos.',
      passwordLabel: 'Password',
      passwordHelpLength: 'At least {min} characters. A few unrelated words make a long password that is easy to remember.',
      confirmLabel: 'Password again',
      create: 'Create the vault',
      creating: 'Creating…',
      errors: {
        passwordRequired: 'Choose a password.',
        tooShort: 'The password needs at least {min} characters.',
        mismatch: 'The two passwords are not the same.',
      },
      strength: {
        label: 'Strength:',
        tooShort: 'too short',
        weak: 'weak, make it longer',
        fair: 'fair',
        strong: 'strong',
      },
    },
    unlock: {
      heading: 'Vault locked',
      passwordIntro: 'Type your vault password to see your codes.',
      passwordLabel: 'Vault password',
      submit: 'Unlock',
      busy: 'Unlocking…',
      required: 'Type your password.',
      keyringIntro: 'Your vault is protected by the system keyring.',
      keyringSubmit: 'Unlock with system keyring',
    },
    lock: 'Lock',
    lockLabel: 'Lock the vault',
    lockError: 'Kairos could not lock the vault.',
  },
  otp: {
    kind: {
      totp: 'Time-based (TOTP)',
      hotp: 'Counter-based (HOTP)',
      steam: 'Steam Guard',
    },
    algorithm: {
      SHA1: 'SHA-1',
      SHA256: 'SHA-256',
      SHA512: 'SHA-512',
    },
  },
  codes: {
    searchLabel: 'Search accounts',
    searchPlaceholder: 'Search by service or account',
    searchHelp: 'Shortcut: / or Ctrl+F. Escape clears the search.',
    noMatch: 'No account matches “{query}”.',
    clearSearch: 'Clear the search',
    pinned: 'Pinned',
    others: 'Other accounts',
    all: 'Accounts',
    keyboardHelp:
      'Click or press Enter to copy the code. Up and down arrows move between accounts, Alt with an arrow moves the account itself, E edits it and Delete deletes it.',
    accountName: '{issuer} ({label})',
    copied: 'Copied. The clipboard clears in {seconds} s.',
    copiedNoClear: 'Copied. The clipboard is not cleared automatically.',
    copyError: 'Kairos could not copy the code.',
    next: 'Next',
    nextLabel: 'next code {code}',
    remaining: '{seconds} s left',
    hotpNext: 'Next code',
    hotpNextLabel: 'Next code for {name}',
    hotpNoCode: 'no code yet',
    hotpFirst: 'Press “Next code” first to get a code.',
    edit: 'Edit',
    editLabel: 'Edit {name}',
    warning: 'Warning:',
    added: 'Added {name}.',
    movedUp: '{name} moved up.',
    movedDown: '{name} moved down.',
    deleted: 'Deleted {name}.',
    loadError: 'Kairos could not load your accounts.',
    refreshError: 'Kairos could not refresh the codes.',
    actionError: 'That did not work.',
  },
  edit: {
    title: 'Edit account',
    issuer: 'Service (issuer)',
    label: 'Account name',
    pinned: 'Pin to the top',
    pinnedHelp: 'Pinned accounts come first, in their own group.',
    position: 'Position in the list',
    moveUp: 'Move up',
    moveDown: 'Move down',
    delete: 'Delete…',
    nameRequired: 'Give the account a service, an account name, or both.',
    deleteTitle: 'Delete “{name}”?',
    deleteBody:
      'Kairos will forget this account and its secret for good: it cannot be undone. First make sure you can still sign in to this service another way, for example with recovery codes, or turn off two-step verification there.',
    deleteConfirm: 'Delete for good',
    deleteBack: 'Keep it',
    deleting: 'Deleting…',
  },
  add: {
    tabsLabel: 'How to add the account',
    tabUri: 'Paste a link',
    tabManual: 'Enter manually',
    error: 'Kairos could not add the account.',
    uri: {
      label: 'otpauth:// link',
      help: 'The link behind the service’s QR code, starting with otpauth://. Kairos shows what it contains before adding anything.',
      placeholder: 'otpauth://totp/Service:you@example.com?secret=…',
      required: 'Paste an otpauth:// link first.',
      preview: 'Check the link',
      checking: 'Checking…',
      confirmHeading: 'Add this account?',
      save: 'Add account',
      saving: 'Adding…',
      change: 'Change the link',
    },
    fields: {
      issuer: 'Service',
      account: 'Account',
      kind: 'Type',
      algorithm: 'Algorithm',
      digits: 'Digits',
      period: 'Period',
      counter: 'Counter',
      none: 'None',
    },
    manual: {
      issuerLabel: 'Service (issuer)',
      issuerHelp: 'For example GitHub or AWS.',
      labelLabel: 'Account name',
      labelHelp: 'Usually your user name or email address on that service.',
      secretLabel: 'Setup key',
      secretHelp:
        'The key the service shows, also called secret key or text code: letters A to Z and digits 2 to 7. Spaces do not matter.',
      showSecret: 'Show the setup key',
      hideSecret: 'Hide the setup key',
      advanced: 'Advanced options',
      advancedHelp: 'Leave these as they are unless the service says otherwise.',
      kindLabel: 'Type',
      algorithmLabel: 'Algorithm',
      digitsLabel: 'Digits',
      periodLabel: 'Period (seconds)',
      counterLabel: 'Counter',
      counterHelp: 'The counter of the next code, usually 0.',
      steamNote: 'Steam Guard codes always have 5 characters, SHA-1 and a period of 30 seconds.',
      save: 'Add account',
      saving: 'Adding…',
      errors: {
        nameRequired: 'Give the account a service, an account name, or both.',
        secretRequired: 'Type the setup key.',
        secretChars:
          'A setup key only has the letters A to Z and the digits 2 to 7 (spaces and dashes are ignored). Check for 0, 1 or 8, which are often misread O, I or B.',
        digits: 'Choose from 6 to 10 digits.',
        period: 'Type a whole number of seconds, 1 or more.',
        counter: 'Type a whole number, 0 or more.',
      },
    },
  },
  admin: {
    check: {
      heading: 'Test connection',
      intro: 'Lists the user pools visible in a region, without changing anything.',
      regionLabel: 'AWS region',
      regionHelp: 'Optional. Leave empty to use the region of your AWS configuration.',
      regionPlaceholder: 'eu-west-1',
      endpointLabel: 'Endpoint override',
      endpointHelp:
        'Optional. Only for local emulators of Cognito; leave empty to use AWS.',
      endpointPlaceholder: 'http://localhost:9229',
      submit: 'Test connection',
      busy: 'Testing…',
      result: {
        zero: 'Connected to {region}: no user pools.',
        one: 'Connected to {region}: 1 user pool.',
        other: 'Connected to {region}: {count} user pools.',
      },
      viaEndpoint: 'Through the endpoint {endpoint}.',
    },
  },
  settings: {
    language: {
      heading: 'Language',
      label: 'Interface language',
      help: 'Also used for the error messages that come from the back end.',
      names: {
        en: 'English',
        fr: 'Français',
      },
    },
    security: {
      heading: 'Security',
      clipboardLabel: 'Clear the clipboard after (seconds)',
      clipboardHelp:
        'After you copy a code, Kairos empties the clipboard after this many seconds if it still holds that code. 0 means never.',
      lockLabel: 'Lock after inactivity (minutes)',
      lockHelp:
        'Only for a vault protected by a password: after this many minutes without use, Kairos locks it and asks for the password again. 0 means never. A vault protected by the system keyring is not locked this way.',
      lockKeyringNote: 'Your vault is protected by the system keyring: this setting has no effect on it.',
      save: 'Save',
      saved: 'Saved.',
      loadError: 'Kairos could not load these settings.',
      saveError: 'Kairos could not save these settings.',
      vaultLocked: 'These settings are kept in your encrypted vault: unlock it to see or change them.',
      noVault: 'These settings are kept in your encrypted vault: create it first.',
      openVault: 'Go to Codes',
      errors: {
        clipboard: 'Type a whole number of seconds from 0 to {max}.',
        lock: 'Type a whole number of minutes from 0 to {max}.',
      },
    },
    about: {
      heading: 'About',
      version: 'Version',
      dataDir: 'Data folder',
      logDir: 'Log folder',
      unavailable: 'Not available',
    },
  },
  errors: {
    notice: {
      codeLabel: 'Error code',
      hintLabel: 'What you can do:',
    },
    ipc: {
      unknownCommand: {
        message: 'The back end does not know the command “{command}”.',
        hint: 'This window and the app come from different versions of Kairos. Restart Kairos; if the problem persists, reinstall it.',
      },
      notAllowed: {
        message: 'This window is not allowed to run the command “{command}”.',
        hint: 'This window and the app’s permissions come from different versions of Kairos. Restart Kairos; if the problem persists, reinstall it.',
      },
      unexpected: {
        message: 'Unexpected answer from the back end to “{command}”: {detail}',
        hint: 'Try again. If it keeps happening, restart Kairos and look at its log folder, shown in Settings.',
      },
      noBackend: {
        message: 'No back end to run “{command}”: this page is open in a plain web browser.',
        hint: 'Start the Kairos desktop app instead of opening this page in a browser.',
      },
      noDetail: 'no details',
    },
  },
} as const;
