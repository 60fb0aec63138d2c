/** How every benchmark reports: a readable table, or with `--json` one object `{ name, figures, goals, pass }`. */
export interface Goal {
  readonly description: string;
  readonly pass: boolean;
}

export interface BenchReport {
  readonly name: string;
  readonly figures: Record<string, number | string>;
  readonly goals: Record<string, Goal>;
}

export function printReport(report: BenchReport, argv: readonly string[] = process.argv): void {
  const pass = Object.values(report.goals).every((goal) => goal.pass);
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ name: report.name, figures: report.figures, goals: report.goals, pass })}\n`);
    return;
  }
  const rows = Object.entries(report.figures).map(([key, value]) => [key, typeof value === 'number' ? formatNumber(value) : value]);
  const width = Math.max(...rows.map(([key]) => key!.length));
  const lines = [`${report.name}`, ...rows.map(([key, value]) => `  ${key!.padEnd(width)}  ${value}`), '', 'Goals:'];
  for (const [key, goal] of Object.entries(report.goals)) lines.push(`  ${goal.pass ? 'PASS' : 'FAIL'}  ${key}: ${goal.description}`);
  lines.push('', pass ? 'All goals met.' : 'Some goals not met.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toFixed(2);
}
