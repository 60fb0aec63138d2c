import type { ScryptCost } from '../../electron/main/auth/password-hash';

/**
 * The scrypt cost tests hash passwords at: the same algorithm and hash format, ~3 ms a hash instead of the
 * production cost's ~150 ms (N=2^15), which every first administrator, sign-in and password change of a test
 * would pay. Production keeps DEFAULT_COST: test/unit/password.test.ts and auth-service.test.ts check it.
 */
export const TEST_PASSWORD_HASH_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };
