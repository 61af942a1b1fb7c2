/** Names of the icons that `Icon.svelte` can draw: one per page, plus a few more. */
export type IconName =
  | 'codes'
  | 'add'
  | 'time'
  | 'admin'
  | 'enrol'
  | 'troubleshoot'
  | 'settings'
  | 'alert'
  | 'check'
  | 'logo';
