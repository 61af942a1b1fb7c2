/**
 * English strings of the Settings page's system cards (`system.*` in the
 * catalogue): updates, and launching at login. Same contract as `en.ts`.
 */
export const systemEn = {
  updates: {
    heading: 'Updates',
    enabledLabel: 'Check for updates',
    enabledHelp:
      'Off by default: Kairos then never contacts an update server. On, it asks the feed below only when you click “Check now”.',
    endpointLabel: 'Update feed address',
    endpointPlaceholder: 'https://github.com/kairos-auth/kairos/releases/latest/download/latest.json',
    endpointHelp:
      'The latest.json of Kairos’s releases, or of your organisation’s mirror. Only https addresses are accepted. Every update is checked against Kairos’s signing key before it is installed.',
    save: 'Save',
    saved: 'Saved.',
    check: 'Check now',
    checking: 'Checking…',
    checkOff: 'Turn on update checks and save to check now.',
    upToDate: 'Kairos {version} is up to date.',
    available: 'Version {version} is available (you have {current}).',
    notesLabel: 'What’s new',
    published: 'Published {date}',
    install: 'Install and restart',
    installing: 'Downloading and verifying…',
    loadError: 'Kairos could not load the update settings.',
    saveError: 'Kairos could not save the update settings.',
    checkError: 'Kairos could not check for updates.',
    installError: 'The update was not installed.',
  },
  startup: {
    heading: 'Start-up',
    label: 'Open Kairos when I log in',
    help: 'Off by default. On, your desktop starts Kairos each time you log in to this computer, so your codes are one click away.',
    loadError: 'Kairos could not read whether it opens at login.',
    saveError: 'Kairos could not change whether it opens at login.',
  },
} as const;
