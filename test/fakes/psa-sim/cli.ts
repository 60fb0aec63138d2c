/**
 * Runs the PSA simulator until Ctrl+C, for trying the app against a fake
 * Autotask and ConnectWise by hand:
 *   tsx test/fakes/psa-sim/cli.ts --port 5199 --seed 1 --companies 500 --contacts-per-company 8 --latency 0
 */
import { parseArgs } from 'node:util';
import { startPsaSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5199' },
    seed: { type: 'string', default: '1' },
    companies: { type: 'string', default: '500' },
    'contacts-per-company': { type: 'string', default: '8' },
    latency: { type: 'string', default: '0' },
    'thread-limit': { type: 'string', default: '3' },
    token: { type: 'string' },
  },
});

function numberOption(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`--${name} must be a non-negative number, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

const sim = await startPsaSimulator({
  port: numberOption('port', values.port),
  seed: numberOption('seed', values.seed),
  companies: numberOption('companies', values.companies),
  contactsPerCompany: numberOption('contacts-per-company', values['contacts-per-company']),
  latencyMs: numberOption('latency', values.latency),
  autotaskThreadLimit: numberOption('thread-limit', values['thread-limit']),
  ...(values.token ? { adminToken: values.token } : {}),
});
const { autotask, connectwise } = sim.credentials;
const live = sim.data.companies.filter((company) => !company.deleted).length;

process.stdout.write(
  [
    'MSP Roster — PSA simulator (test tool)',
    `  tenant:      ${sim.data.companies.length} companies (${live} not deleted), ${sim.data.contacts.length} contacts`,
    '',
    '  Autotask',
    `    zone discovery base: ${sim.autotaskZoneDiscoveryUrl}  (GET /atservicesrest/v1.0/zoneInformation?user=...)`,
    `    API root:            ${sim.url}/ATServicesRest/`,
    `    UserName:            ${autotask.username}`,
    `    Secret:              ${autotask.secret}`,
    `    ApiIntegrationCode:  ${autotask.integrationCode}`,
    '',
    '  ConnectWise PSA',
    `    site:                ${sim.connectwiseUrl}  (GET /login/companyinfo/${connectwise.companyId})`,
    `    company id:          ${connectwise.companyId}`,
    `    public key:          ${connectwise.publicKey}`,
    `    private key:         ${connectwise.privateKey}`,
    `    clientId:            ${connectwise.clientId}`,
    '',
    `  admin token: ${sim.adminToken}`,
    `    tsx test/fakes/psa-sim/mutate-cli.ts --url ${sim.url} --token ${sim.adminToken} rename <id> "<name>" | delete <id> | add "<name>"`,
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
