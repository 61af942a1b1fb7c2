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
        'This page will let you add an account from an otpauth:// link, from a QR code image, or by typing its setup key by hand. Nothing has been added yet.',
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
