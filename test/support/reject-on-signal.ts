/**
 * Loaded with `--import` into a child process under test: SIGUSR2 starts a
 * rejection nobody handles and SIGUSR1 throws from a timer, as a defect in the
 * main process would. Whether the process survives is up to its guard.
 */
import { PsaError } from '../../electron/main/psa/psa-error';

export const CHILD_SECRET = 'child-Secret-Value-77';

process.on('SIGUSR2', () => {
  // A secret-looking field on the reason: the log must not show it.
  void Promise.reject(Object.assign(new PsaError('authentication-error', 'HTTP 401 from company/companies/statuses'), { authorization: `Basic ${CHILD_SECRET}` }));
});
