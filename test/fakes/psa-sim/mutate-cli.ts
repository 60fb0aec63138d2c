/**
 * Changes the tenant of a running PSA simulator (see cli.ts), to watch the app
 * pick up renames, deletions and new companies:
 *   tsx test/fakes/psa-sim/mutate-cli.ts --url http://127.0.0.1:5199 --token T rename 123 "New name"
 *   tsx test/fakes/psa-sim/mutate-cli.ts --url http://127.0.0.1:5199 --token T delete 123
 *   tsx test/fakes/psa-sim/mutate-cli.ts --url http://127.0.0.1:5199 --token T restore 123
 *   tsx test/fakes/psa-sim/mutate-cli.ts --url http://127.0.0.1:5199 --token T add "Name" [contacts]
 */
import { parseArgs } from 'node:util';
import type { MutationOp } from './admin-ops';

const USAGE = 'usage: mutate-cli.ts --url <simulator url> --token <admin token> rename <id> "<name>" | delete <id> | restore <id> | add "<name>" [contacts]';

const { values, positionals } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' } }, allowPositionals: true });

function fail(message: string, showUsage = true): never {
  process.stderr.write(showUsage ? `${message}\n${USAGE}\n` : `${message}\n`);
  process.exit(showUsage ? 2 : 1);
}

function id(text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value)) fail(`Not a company id: ${text ?? '(missing)'}`);
  return value;
}

function operation([command, first, second]: string[]): MutationOp {
  switch (command) {
    case 'rename':
      if (!second) fail('rename needs an id and a name');
      return { op: 'rename', id: id(first), name: second };
    case 'delete':
      return { op: 'delete', id: id(first) };
    case 'restore':
      return { op: 'restore', id: id(first) };
    case 'add':
      if (!first) fail('add needs a name');
      return { op: 'add', name: first, ...(second === undefined ? {} : { contacts: id(second) }) };
    default:
      return fail(`Unknown command: ${command ?? '(none)'}`);
  }
}

if (!values.url || !values.token) fail('--url and --token are required');
const response = await fetch(new URL('/__sim/mutate', values.url), {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-sim-admin': values.token },
  body: JSON.stringify([operation(positionals)]),
});
const text = await response.text();
if (!response.ok) fail(`The simulator answered ${response.status}: ${text}`, false);
process.stdout.write(`${text}\n`);
