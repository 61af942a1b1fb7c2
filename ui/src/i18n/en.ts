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
  clock: {
    ms: '{value} ms',
    seconds: '{value} s',
    justNow: 'just now',
    ntp: 'NTP',
    cognitoClock: 'Cognito web clock',
    chip: {
      corrected: 'Clock {offset} · codes corrected ({source})',
      inSync: 'Clock in sync ({offset} · {source})',
      persisted: 'Clock {offset} · last measured {ago}',
      unsynchronised: 'Unsynchronised — using the system clock',
      disabled: 'Network time off — using the system clock',
      details: 'Details on the Time page.',
    },
    warnings: {
      unsynchronised: 'No time server has answered yet: codes use this computer’s clock as is.',
      lastSyncFailed: 'The last sync got no answer: Kairos keeps using the offset it measured before.',
      agedOffset: 'The offset in use was measured more than a day ago.',
      largeAhead:
        'This computer’s clock is {amount} ahead of network time, so other apps on it are wrong too. Kairos corrects its own codes; fix the system clock as well.',
      largeBehind:
        'This computer’s clock is {amount} behind network time, so other apps on it are wrong too. Kairos corrects its own codes; fix the system clock as well.',
      disabled: 'Network time is turned off: codes use this computer’s clock as is.',
      mixedSmearing:
        'The server list mixes servers that smear leap seconds (time.aws.com, time.google.com) with servers that do not: around a leap second they disagree by up to a second.',
    },
    source: {
      ntp: 'Time servers (NTP): {servers}',
      ntpNone: 'Time servers (NTP)',
      httpDate: 'The Date header of {url}, as no NTP server answered',
      system: 'This computer’s clock as is: nothing measured yet',
      persisted: 'Offset measured {ago} ({origin}), kept from the previous session',
      disabled: 'This computer’s clock as is: network time is turned off',
    },
    outcome: {
      ok: 'Answered',
      timeout: 'No answer',
      unreachable: 'Unreachable: {detail}',
      notAsked: 'Not asked yet',
      unsynchronised: 'Not synchronised itself',
      slowDown: 'Asked us to slow down ({code})',
      refused: 'Refused us ({code})',
      kissOfDeath: 'Told us to stop ({code})',
      stratumTooHigh: 'Too far from a reference clock (stratum {stratum})',
      notServer: 'Not an NTP server’s answer (mode {mode})',
      versionZero: 'Malformed answer (version 0)',
      zeroTransmit: 'Malformed answer (no transmit time)',
      originateMismatch: 'Answer to another request, ignored',
      truncated: 'Truncated answer ({length} bytes)',
      delayOutlier: 'Too slow to trust ({delay} vs {best})',
      skippedDenied: 'Not asked: it refused us before ({code})',
      skippedRateLimited: 'Not asked before {time}: it asked us to slow down',
      noDate: 'No Date header in the answer',
      badDate: 'Unreadable Date header: {detail}',
    },
  },
  time: {
    summary: {
      heading: 'Trusted time',
      offsetLabel: 'Correction added to this computer’s clock',
      ahead: 'This computer’s clock is {amount} ahead of network time.',
      behind: 'This computer’s clock is {amount} behind network time.',
      exact: 'This computer’s clock agrees with network time.',
      source: 'Source',
      lastSync: 'Last sync',
      lastAttempt: 'Last attempt',
      nextSync: 'Next sync',
      never: 'Never',
      notScheduled: 'Not scheduled',
      inProgress: 'In progress…',
      syncNow: 'Sync now',
      syncing: 'Syncing…',
      syncError: 'Kairos could not sync the clock.',
      loadError: 'Kairos could not read the state of the clock.',
      warningsLabel: 'Warnings',
      problem: 'Kairos had a problem with the offset it keeps between sessions.',
    },
    servers: {
      heading: 'Time servers',
      intro: 'What each server answered at the last sync. Kairos uses the median of the good answers, marked with a tick.',
      server: 'Server',
      offset: 'Offset',
      delay: 'Delay',
      stratum: 'Stratum',
      result: 'Result',
      chosen: 'Used for the offset',
      http: 'Cognito web clock (HTTP Date header)',
      none: 'No time server is configured.',
    },
    settings: {
      heading: 'Time settings',
      enabled: 'Use network time',
      enabledHelp: 'When off, codes use this computer’s clock as is.',
      servers: 'NTP servers, one per line',
      serversHelp:
        'A host name or an address, with its port when it is not 123 (host:port). IPv6 addresses go in brackets, for example [2001:db8::1]:123.',
      presets: 'Presets',
      presetSmearing: 'Amazon + Google (leap-smearing)',
      presetPool: 'pool.ntp.org',
      smearingNote:
        'Amazon (time.aws.com) and Google (time.google.com) smear leap seconds: they spread each one over many hours instead of adding it at once. Do not mix them with servers that do not, such as pool.ntp.org.',
      threshold: 'Warn when the clock is off by more than (seconds)',
      thresholdHelp: 'From 1 to {max}. Kairos corrects its codes anyway: this only decides when it tells you.',
      httpFallback: 'Fall back on Cognito’s web clock',
      httpFallbackHelp:
        'When no NTP server answers (UDP port 123 blocked by a firewall, for instance), Kairos reads the time from the Date header of Cognito’s HTTPS endpoint, to about a second.',
      save: 'Save',
      saved: 'Saved.',
      loadError: 'Kairos could not load the time settings.',
      saveError: 'Kairos could not save the time settings.',
      errors: {
        threshold: 'Type a whole number of seconds from 1 to {max}.',
        noServer: 'Give at least one server, or turn network time off.',
      },
    },
    explain: {
      heading: 'Why the clock matters for Cognito',
      why: 'An authenticator code is computed from a secret and the current time, in steps of 30 seconds. Amazon Cognito accepts a code only within about 30 seconds of its own clock. Beyond that every code fails, with {mismatch}, or with {enrol} while an authenticator is being enrolled: the codes look right, yet nobody can sign in.',
      quoteIntro: 'The Cognito documentation says of this error:',
      quote: '“To resolve this error, make sure that users’ devices are synchronised with real time.”',
      kairos:
        'Kairos does not trust this computer’s clock. It measures the clock’s error against time servers (NTP); when UDP port 123 is blocked, it falls back on the Date header of the Cognito endpoint. Every code is then computed on the corrected time.',
      system:
        'Fixing the system clock is still wise, for the other apps on this computer. On Linux, run {command}. On Windows, open Settings › Time & language › Date & time and turn on “Set time automatically”. On macOS, open System Settings › General › Date & Time and turn on “Set time and date automatically”.',
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
