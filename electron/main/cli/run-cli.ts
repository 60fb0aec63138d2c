/**
 * The headless edge's commands: it opens the same services as the app, on a
 * local SQLite file or a team workspace's PostgreSQL URL, acts as its own
 * session, and prints what it did — as text, or as JSON with --json.
 */
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import { formatCheck, formatCreateTeam, formatInfo, formatMigrate, formatMove } from './format-report';
import type { CliTarget } from './headless-services';
import { parseInterval, readSecret, syncDirectory } from './sync-directory-command';
import { workspaceCreateTeam, workspaceMoveToTeam } from './team-commands';
import { TEAM_URL_FORM } from './team-url';
import { workspaceCheck, workspaceInfo, workspaceMigrate } from './workspace-commands';
import { isTeamUrl, resolveWorkspace, type WorkspaceLocation } from './workspace-location';

const USAGE = `Usage: msp-roster workspace <command> [options]
       msp-roster sync-directory --workspace <file or URL> [--every 15m] [--dry-run] [--json]

  workspace info          what the workspace holds: schema step, rows per table, licenses, who holds a PSA lock
  workspace migrate       applies the schema steps this version brings (the app does this when it opens a workspace)
  workspace check         integrity and consistency; exit code 1 when a problem is found
  workspace create-team   a team workspace in an empty PostgreSQL database, with its first Master Administrator:
                            --workspace <postgres URL> --admin-name <name> --admin-email <email>
                            (the administrator's password from MSP_ROSTER_ADMIN_PASSWORD, else a line on stdin)
  workspace move-to-team  copies a local workspace into an empty PostgreSQL database, verified table by table,
                          and keeps the local file as a backup next to it:
                            --from <workspace.sqlite or its folder> --workspace <postgres URL>

  sync-directory          the directory sync service: syncs the directory groups set up in Settings → Directory
                          sync into their technician groups, once or --every <15m|1h|90s> until stopped (SIGTERM, Ctrl+C);
                          --dry-run prints what it would do and writes nothing but its log entry.
                            service token: MSP_ROSTER_SERVICE_TOKEN, or --token-file <path>
                            directory bind password: MSP_ROSTER_BIND_PASSWORD, or --bind-password-file <path>

Options:
  --workspace <file, folder or URL>  a local workspace file (or the folder holding it), or a team workspace:
                                       ${TEAM_URL_FORM}
                                       [&sslrootcert=/path/ca.pem] [&connect_timeout=<seconds>]
                                     Without it: this workstation's local workspace (the one MSP Roster opens).
  --password-stdin                   the team database's password is the first line on stdin
                                     (else the PGPASSWORD environment variable; never in the URL)
  --json                             the report as JSON`;

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** All of stdin, read once when a password is expected there. */
  readStdin(): Promise<string>;
  /** A terminal to show progress on (stderr when it is one); absent, a long command runs quietly. */
  readonly progress?: (text: string) => void;
  /** Where a service's failed runs are told (stderr by default). */
  readonly err?: (text: string) => void;
  /** Aborted when the process is asked to stop (SIGTERM, SIGINT): a looping service ends after its run. */
  readonly stopSignal?: () => AbortSignal;
}

/** The team database's password: the first line on stdin (--password-stdin), else PGPASSWORD. */
async function databasePasswordOf(fromStdin: boolean, io: CliIo): Promise<string | null> {
  if (!fromStdin) return io.env['PGPASSWORD'] ?? null;
  const line = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  return line === '' ? null : line;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** SIGTERM (systemd, the Windows service wrapper) and SIGINT (Ctrl+C) ask a looping command to stop after its run. */
function processStopSignal(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => controller.abort());
  return controller.signal;
}

export const processIo: CliIo = {
  env: process.env,
  readStdin: readProcessStdin,
  stopSignal: processStopSignal,
  ...(process.stderr.isTTY ? { progress: (text: string) => void process.stderr.write(text) } : {}),
};

/** "Copying… 45% (103,500 of 230,015 rows)" on one terminal line, rewritten as it grows. */
function copyProgress(progress: (text: string) => void): (done: number, total: number) => void {
  const number = new Intl.NumberFormat('en');
  let shown = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    progress(`\rCopying… ${percent}% (${number.format(done)} of ${number.format(total)} rows)${done === total ? '\n' : ''}`);
  };
}

/** Stdin's lines, handed out in order: the database password first (with --password-stdin), then the administrator's. */
function stdinLines(io: CliIo): () => Promise<string | null> {
  let lines: string[] | null = null;
  return async () => {
    lines ??= (await io.readStdin()).split(/\r?\n/);
    const line = lines.shift();
    return line === undefined || (line === '' && lines.every((rest) => rest === '')) ? null : line;
  };
}

export async function runCli(argv: readonly string[], out: (text: string) => void, io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        from: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'admin-name': { type: 'string' },
        'admin-email': { type: 'string' },
        json: { type: 'boolean' },
        every: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'token-file': { type: 'string' },
        'bind-password-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const [group, command, ...rest] = positionals;
  if (group === 'sync-directory') {
    if (command !== undefined) throw new CliError(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`, 2);
    const location = resolveWorkspace(values.workspace);
    const stop = io.stopSignal?.() ?? new AbortController().signal;
    return syncDirectory(
      {
        target: { location, password: location.kind === 'postgres' ? await databasePasswordOf(values['password-stdin'] === true, io) : null },
        token: readSecret(values['token-file'], io.env['MSP_ROSTER_SERVICE_TOKEN'], 'service token', 'set MSP_ROSTER_SERVICE_TOKEN, or pass --token-file <path> (Settings → Directory sync → Generate and copy).'),
        bindPassword: readSecret(values['bind-password-file'], io.env['MSP_ROSTER_BIND_PASSWORD'], 'directory bind password', 'set MSP_ROSTER_BIND_PASSWORD, or pass --bind-password-file <path>.'),
        dryRun: values['dry-run'] === true,
        everyMs: values.every === undefined ? null : parseInterval(values.every),
        json: values.json === true,
        stop,
      },
      out,
      io.err ?? ((text) => void process.stderr.write(`${text}\n`)),
    );
  }
  if (group !== 'workspace' || !command || rest.length > 0) throw new CliError(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`, 2);
  const print = <T>(report: T, text: (report: T) => string) => out(values.json ? JSON.stringify(report, null, 2) : text(report));
  const nextStdinLine = stdinLines(io);
  const databasePassword = async (): Promise<string | null> => (values['password-stdin'] ? await nextStdinLine() : (io.env['PGPASSWORD'] ?? null));
  const target = async (location: WorkspaceLocation): Promise<CliTarget> => ({ location, password: location.kind === 'postgres' ? await databasePassword() : null });
  const teamLocation = (): Extract<WorkspaceLocation, { kind: 'postgres' }> => {
    if (!isTeamUrl(values.workspace)) throw new CliError(`workspace ${command} needs --workspace ${TEAM_URL_FORM}`, 2);
    const location = resolveWorkspace(values.workspace);
    if (location.kind !== 'postgres') throw new CliError(`workspace ${command} needs a PostgreSQL URL`, 2);
    return location;
  };
  const required = async (password: Promise<string | null>, what: string): Promise<string> => {
    const value = await password;
    if (value === null) throw new CliError(`No ${what}.`, 2);
    return value;
  };
  switch (command) {
    case 'info':
      print(await workspaceInfo(await target(resolveWorkspace(values.workspace))), formatInfo);
      return 0;
    case 'migrate':
      print(await workspaceMigrate(await target(resolveWorkspace(values.workspace))), formatMigrate);
      return 0;
    case 'check': {
      const report = await workspaceCheck(await target(resolveWorkspace(values.workspace)));
      print(report, formatCheck);
      return report.problems.length > 0 ? 1 : 0;
    }
    case 'create-team': {
      const location = teamLocation();
      if (values['admin-name'] === undefined || values['admin-email'] === undefined) throw new CliError(`workspace create-team needs --admin-name and --admin-email\n\n${USAGE}`, 2);
      const password = await required(databasePassword(), 'password for the team database: set PGPASSWORD, or pass --password-stdin');
      const adminPassword = await required(
        io.env['MSP_ROSTER_ADMIN_PASSWORD'] !== undefined ? Promise.resolve(io.env['MSP_ROSTER_ADMIN_PASSWORD']) : nextStdinLine(),
        "password for the Master Administrator: set MSP_ROSTER_ADMIN_PASSWORD, or give it as a line on stdin",
      );
      print(await workspaceCreateTeam(location, password, { name: values['admin-name'], email: values['admin-email'], password: adminPassword }), formatCreateTeam);
      return 0;
    }
    case 'move-to-team': {
      const location = teamLocation();
      if (isTeamUrl(values.from)) throw new CliError('--from takes the local workspace (its workspace.sqlite file or the folder holding it), not a URL.', 2);
      const from = resolveWorkspace(values.from);
      if (from.kind !== 'sqlite') throw new CliError('--from takes a local workspace file.', 2);
      const password = await required(databasePassword(), 'password for the team database: set PGPASSWORD, or pass --password-stdin');
      print(await workspaceMoveToTeam(from, location, password, io.progress ? copyProgress(io.progress) : undefined), formatMove);
      return 0;
    }
    default:
      throw new CliError(`Unknown command: workspace ${command}\n\n${USAGE}`, 2);
  }
}
