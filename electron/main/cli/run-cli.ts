/**
 * The headless edge's commands: it opens the same services as the app, on a
 * local SQLite file or (with team workspaces) a PostgreSQL URL, acts as its own
 * session, and prints what it did — as text, or as JSON with --json.
 */
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import { formatCheck, formatInfo, formatMigrate } from './format-report';
import { workspaceCheck, workspaceInfo, workspaceMigrate } from './workspace-commands';
import { resolveWorkspace } from './workspace-location';

const USAGE = `Usage: msp-roster workspace <info | migrate | check> [--workspace <file, folder or postgres:// URL>] [--json]

  workspace info      what the workspace holds: schema step, rows per table, licenses, who holds a PSA lock
  workspace migrate   applies the schema steps this version brings (the app does this when it opens a workspace)
  workspace check     integrity and consistency; exit code 1 when a problem is found

Without --workspace: this workstation's local workspace (the one MSP Roster opens).`;

export async function runCli(argv: readonly string[], out: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { workspace: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const [group, command, ...rest] = positionals;
  if (group !== 'workspace' || !command || rest.length > 0) throw new CliError(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`, 2);
  const print = <T>(report: T, text: (report: T) => string) => out(values.json ? JSON.stringify(report, null, 2) : text(report));
  switch (command) {
    case 'info':
      print(await workspaceInfo(resolveWorkspace(values.workspace)), formatInfo);
      return 0;
    case 'migrate':
      print(await workspaceMigrate(resolveWorkspace(values.workspace)), formatMigrate);
      return 0;
    case 'check': {
      const report = await workspaceCheck(resolveWorkspace(values.workspace));
      print(report, formatCheck);
      return report.problems.length > 0 ? 1 : 0;
    }
    default:
      throw new CliError(`Unknown command: workspace ${command}\n\n${USAGE}`, 2);
  }
}
