import { describe, expect, it } from 'vitest';
import {
  badgeColour,
  BADGE_PALETTE,
  delayToNextSecond,
  fieldForError,
  filterAccounts,
  foldForSearch,
  groupCode,
  initials,
  inkOn,
  isBase32,
  matchesQuery,
  passwordStrength,
  validateManual,
  type ManualValues,
} from './otp';

describe('groupCode', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '1234 567'],
    ['12345678', '1234 5678'],
    ['123456789', '123 456 789'],
    ['1234567890', '1234 567 890'],
    ['12345', '123 45'],
    ['1234', '1234'],
    ['', ''],
  ])('groups %s as %s', (code, grouped) => {
    expect(groupCode(code)).toBe(grouped);
  });

  it('keeps leading zeros', () => {
    expect(groupCode('000123')).toBe('000 123');
  });

  it('leaves Steam codes and anything not made of digits as they are', () => {
    expect(groupCode('2BX4K', 'steam')).toBe('2BX4K');
    expect(groupCode('123456', 'steam')).toBe('123456');
    expect(groupCode('12AB56')).toBe('12AB56');
  });

  it('groups HOTP codes like TOTP codes', () => {
    expect(groupCode('755224', 'hotp')).toBe('755 224');
  });
});

describe('search', () => {
  const accounts = [
    { id: 1, issuer: 'GitHub', label: 'ada@example.com' },
    { id: 2, issuer: 'Société Générale', label: 'Éléonore' },
    { id: 3, issuer: 'AWS', label: 'root' },
    { id: 4, issuer: '', label: 'Zoë Straße' },
  ];

  it('folds case and accents', () => {
    expect(foldForSearch('Éléonore ÇA')).toBe('eleonore ca');
    expect(foldForSearch('Straße Œuvre')).toBe('strasse oeuvre');
  });

  it('matches issuer or label, ignoring case and accents both ways', () => {
    expect(filterAccounts(accounts, 'societe').map((a) => a.id)).toEqual([2]);
    expect(filterAccounts(accounts, 'ELEONORE').map((a) => a.id)).toEqual([2]);
    expect(filterAccounts(accounts, 'générale').map((a) => a.id)).toEqual([2]);
    expect(filterAccounts(accounts, 'zoe').map((a) => a.id)).toEqual([4]);
    expect(filterAccounts(accounts, 'strasse').map((a) => a.id)).toEqual([4]);
    expect(filterAccounts(accounts, 'example').map((a) => a.id)).toEqual([1]);
  });

  it('needs every word, in any order, anywhere in issuer or label', () => {
    const github = { issuer: 'GitHub', label: 'ada@example.com' };
    expect(matchesQuery(github, 'ada github')).toBe(true);
    expect(matchesQuery(github, 'ada aws')).toBe(false);
  });

  it('keeps everything, in order, for an empty or blank query', () => {
    expect(filterAccounts(accounts, '').map((a) => a.id)).toEqual([1, 2, 3, 4]);
    expect(filterAccounts(accounts, '   ').map((a) => a.id)).toEqual([1, 2, 3, 4]);
  });

  it('finds nothing when nothing matches', () => {
    expect(filterAccounts(accounts, 'gitlab')).toEqual([]);
  });
});

describe('badges', () => {
  it('takes initials from the issuer, else from the label', () => {
    expect(initials('GitHub', 'ada')).toBe('GH');
    expect(initials('Amazon Web Services', '')).toBe('AW');
    expect(initials('google', 'ada')).toBe('G');
    expect(initials('', 'ada@example.com')).toBe('A');
    expect(initials('example.com', '')).toBe('E');
    expect(initials('élan vital', '')).toBe('ÉV');
    expect(initials('', '')).toBe('?');
  });

  it('uses the account colour when it is a hex colour, else a stable palette colour', () => {
    expect(badgeColour('#FF8800', 'x', '')).toBe('#ff8800');
    expect(badgeColour('#abc', 'x', '')).toBe('#abc');
    const derived = badgeColour('red; background: url(x)', 'GitHub', '');
    expect(BADGE_PALETTE).toContain(derived);
    expect(badgeColour(null, 'GitHub', 'other')).toBe(derived);
    expect(badgeColour(null, 'github', '')).toBe(derived);
  });

  it('picks readable ink', () => {
    expect(inkOn('#2d5bd1')).toBe('#ffffff');
    expect(inkOn('#ffee00')).toBe('#1b2330');
    expect(inkOn('#fff')).toBe('#1b2330');
    for (const colour of BADGE_PALETTE) expect(inkOn(colour)).toBe('#ffffff');
  });
});

describe('passwordStrength', () => {
  it.each([
    ['', 'tooShort'],
    ['abc1234', 'tooShort'],
    ['aaaaaaaaaaaaaaaa', 'weak'],
    ['password', 'weak'],
    ['passwordpass', 'fair'],
    ['Passw0rd!', 'fair'],
    ['correct horse battery', 'strong'],
    ['Tr0ub4dor&3xyz', 'strong'],
  ] as const)('rates %j as %s', (password, strength) => {
    expect(passwordStrength(password)).toBe(strength);
  });
});

describe('manual form validation', () => {
  const valid: ManualValues = {
    issuer: 'GitHub',
    label: 'ada',
    secret: 'JBSW Y3DP EHPK 3PXP',
    kind: 'totp',
    digits: 6,
    period: 30,
    counter: 0,
  };

  it('accepts a valid account, spaces, dashes, padding and lower case included', () => {
    expect(validateManual(valid)).toEqual({});
    expect(validateManual({ ...valid, secret: 'jbsw-y3dp-ehpk-3pxp====' })).toEqual({});
    expect(isBase32('mzxw6ytboi')).toBe(true);
  });

  it('requires the secret, in base32', () => {
    expect(validateManual({ ...valid, secret: '' }).secret).toBe('secretRequired');
    expect(validateManual({ ...valid, secret: '  ' }).secret).toBe('secretRequired');
    expect(validateManual({ ...valid, secret: 'JBSW0Y3DP' }).secret).toBe('secretChars');
    expect(validateManual({ ...valid, secret: 'JBSW18' }).secret).toBe('secretChars');
  });

  it('requires a name: issuer, label or both', () => {
    expect(validateManual({ ...valid, issuer: '', label: ' ' }).label).toBe('nameRequired');
    expect(validateManual({ ...valid, issuer: '' })).toEqual({});
    expect(validateManual({ ...valid, label: '' })).toEqual({});
  });

  it('wants 6 to 10 whole digits', () => {
    for (const digits of [5, 11, 6.5, null]) expect(validateManual({ ...valid, digits }).digits).toBe('digits');
    for (const digits of [6, 8, 10]) expect(validateManual({ ...valid, digits }).digits).toBeUndefined();
  });

  it('wants a whole period of 1 s or more, except for HOTP', () => {
    for (const period of [0, -30, 1.5, null]) expect(validateManual({ ...valid, period }).period).toBe('period');
    expect(validateManual({ ...valid, period: 1 }).period).toBeUndefined();
    expect(validateManual({ ...valid, kind: 'hotp', period: null }).period).toBeUndefined();
  });

  it('wants a counter of 0 or more for HOTP only', () => {
    expect(validateManual({ ...valid, kind: 'hotp', counter: -1 }).counter).toBe('counter');
    expect(validateManual({ ...valid, kind: 'hotp', counter: null }).counter).toBe('counter');
    expect(validateManual({ ...valid, kind: 'hotp', counter: 0 })).toEqual({});
    expect(validateManual({ ...valid, counter: null })).toEqual({});
  });

  it('does not check digits for Steam (always 5)', () => {
    expect(validateManual({ ...valid, kind: 'steam', digits: null })).toEqual({});
  });

  it('maps back-end errors to the field they concern', () => {
    expect(fieldForError('uri.secret_invalid')).toBe('secret');
    expect(fieldForError('uri.secret_missing')).toBe('secret');
    expect(fieldForError('uri.digits')).toBe('digits');
    expect(fieldForError('uri.period')).toBe('period');
    expect(fieldForError('uri.algorithm')).toBe('algorithm');
    expect(fieldForError('uri.counter_missing')).toBe('counter');
    expect(fieldForError('uri.type')).toBe('kind');
    expect(fieldForError('otp.digits')).toBe('digits');
    expect(fieldForError('otp.period')).toBe('period');
    expect(fieldForError('otp.key')).toBe('secret');
    expect(fieldForError('uri.counter_invalid')).toBe('counter');
    expect(fieldForError('vault.corrupt')).toBeNull();
    expect(fieldForError('uri.scheme')).toBeNull();
  });
});

describe('delayToNextSecond', () => {
  it('waits until just after the next whole second', () => {
    expect(delayToNextSecond(1_700_000_000.25)).toBe(775);
    expect(delayToNextSecond(1_700_000_000.9)).toBe(125);
    expect(delayToNextSecond(1_700_000_000)).toBe(1025);
  });

  it('never polls in a tight loop', () => {
    expect(delayToNextSecond(1_700_000_000.999)).toBeGreaterThanOrEqual(100);
  });
});
