import type { PsaCredentials } from '../../../shared/psa/credentials';
import { AutotaskClient } from './autotask/autotask-client';
import { AutotaskConnector } from './autotask/autotask-connector';
import { ConnectWiseClient } from './connectwise/connectwise-client';
import { ConnectWiseConnector } from './connectwise/connectwise-connector';
import type { PsaConnector } from './connector';
import { PsaHttp, type PsaHttpOptions } from './http/psa-http';

import { PSA_CONCURRENCY } from './connector-limits';

export { PSA_CONCURRENCY };

export type ConnectorFactory = (credentials: PsaCredentials) => PsaConnector;

export function createConnectorFactory(http: Omit<PsaHttpOptions, 'concurrency'> = {}): ConnectorFactory {
  return (credentials) => {
    const transport = new PsaHttp({ ...http, concurrency: PSA_CONCURRENCY });
    return credentials.psa === 'autotask'
      ? new AutotaskConnector(new AutotaskClient(credentials, transport))
      : new ConnectWiseConnector(new ConnectWiseClient(credentials, transport));
  };
}
