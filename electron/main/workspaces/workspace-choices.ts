/**
 * Which workspace this workstation opens, and the team workspaces it has
 * opened before: non-secret settings in the machine's preferences. Each
 * team's password lives in the vault under the team's key, never here.
 */
import { z } from 'zod';
import { TeamConnectionSchema, teamWorkspaceKey, type TeamConnection } from '../../../shared/workspace/connection';
import type { KeyValueStore } from '../preferences/preferences-store';

const SETTINGS_KEY = 'workspaces';

const ChoicesSchema = z.strictObject({
  /** 'local', or the key of a remembered team workspace. */
  current: z.string(),
  teams: z.array(z.strictObject({ key: z.string(), connection: TeamConnectionSchema, lastOpenedAt: z.string().nullable() })),
});
export type WorkspaceChoices = z.infer<typeof ChoicesSchema>;
export type RememberedConnection = WorkspaceChoices['teams'][number];

const DEFAULT_CHOICES: WorkspaceChoices = { current: 'local', teams: [] };

/** The vault entry that holds a team workspace's password. */
export function teamPasswordName(key: string): string {
  return `workspace-password:${key}`;
}

export class WorkspaceChoicesStore {
  constructor(private readonly store: KeyValueStore) {}

  read(): WorkspaceChoices {
    // A hand-edited or older settings file falls back to the local workspace rather than failing to start.
    const parsed = ChoicesSchema.safeParse(this.store.get(SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_CHOICES;
  }

  currentTeam(): RememberedConnection | null {
    const choices = this.read();
    return choices.current === 'local' ? null : (choices.teams.find((team) => team.key === choices.current) ?? null);
  }

  /** Remembers the team (or refreshes its settings) and makes it the one to open. */
  openedTeam(connection: TeamConnection, at: string): string {
    const key = teamWorkspaceKey(connection);
    const choices = this.read();
    const teams = [{ key, connection, lastOpenedAt: at }, ...choices.teams.filter((team) => team.key !== key)];
    this.store.set(SETTINGS_KEY, { current: key, teams });
    return key;
  }

  openedLocal(): void {
    this.store.set(SETTINGS_KEY, { ...this.read(), current: 'local' });
  }

  forget(key: string): void {
    const choices = this.read();
    this.store.set(SETTINGS_KEY, { current: choices.current === key ? 'local' : choices.current, teams: choices.teams.filter((team) => team.key !== key) });
  }
}
