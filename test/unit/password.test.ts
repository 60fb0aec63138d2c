import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, verifyPassword } from '../../electron/main/auth/password-hash';
import { TEST_PASSWORD_HASH_COST } from '../support/password-cost';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from '../../shared/auth/password-strength';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('Harbour-Lantern-Quiet-49!');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('Harbour');
    expect(await verifyPassword('Harbour-Lantern-Quiet-49!', hash)).toBe(true);
    expect(await verifyPassword('harbour-lantern-quiet-49!', hash)).toBe(false);
  });

  it('names a lower cost in the hash when given one (as tests do), and verifies at the cost the hash names', async () => {
    const hash = await hashPassword('Harbour-Lantern-Quiet-49!', TEST_PASSWORD_HASH_COST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('Harbour-Lantern-Quiet-49!', hash)).toBe(true);
    expect(await verifyPassword('harbour-lantern-quiet-49!', hash)).toBe(false);
    // Unknown emails are checked against a dummy at the same cost, so both failures still cost the same.
    expect(await dummyHash(TEST_PASSWORD_HASH_COST)).toMatch(/^scrypt\$1024\$/);
    expect(await dummyHash()).toMatch(/^scrypt\$32768\$/);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('treats damaged or foreign hashes as a wrong password, never as a match', async () => {
    for (const broken of ['', 'plain', 'scrypt$1$8$1$AAAA$AAAA', 'bcrypt$2b$10$abc', 'scrypt$32768$8$1$$', 'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA']) {
      expect(await verifyPassword('anything', broken)).toBe(false);
    }
  });

  it('normalises Unicode so the same typed password matches on every OS', async () => {
    const composed = 'Caf\u00e9-Lantern-Quiet-49';
    const decomposed = 'Cafe\u0301-Lantern-Quiet-49';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });
});

describe('password policy', () => {
  it('refuses short and guessable passwords, saying which', () => {
    expect(evaluatePassword('Ab1!', DEFAULT_PASSWORD_POLICY).problems).toEqual(['too-short', 'too-weak']);
    expect(evaluatePassword('password12', DEFAULT_PASSWORD_POLICY)).toMatchObject({ meetsPolicy: false, problems: ['too-weak'] });
    expect(evaluatePassword('welkom01welkom', DEFAULT_PASSWORD_POLICY).meetsPolicy).toBe(false);
  });

  it('accepts a long passphrase', () => {
    expect(evaluatePassword('Harbour-Lantern-Quiet-49!', DEFAULT_PASSWORD_POLICY)).toMatchObject({ meetsPolicy: true, problems: [], score: 4 });
  });

  it('scores a password built from the user’s own details lower', () => {
    const own = 'Quixleyborg1987';
    expect(evaluatePassword(own, DEFAULT_PASSWORD_POLICY).meetsPolicy).toBe(true);
    const withInputs = evaluatePassword(own, DEFAULT_PASSWORD_POLICY, ['Tjalling Quixleyborg', 'tjalling@quixleyborg.nl']);
    expect(withInputs.meetsPolicy).toBe(false);
    expect(withInputs.problems).toEqual(['too-weak']);
  });

  it('follows a stricter policy', () => {
    expect(evaluatePassword('Harbour-Lantern', { minLength: 20, minScore: 4, adminChangesForceChange: false }).problems).toContain('too-short');
  });
});
