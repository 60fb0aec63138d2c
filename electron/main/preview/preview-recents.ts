/**
 * The previews saved or opened on this workstation, newest first, at most MAX_RECENT_PREVIEWS, kept with the
 * non-secret settings (conf / electron-store; never in a workspace: paths are this machine's). A file that is gone
 * is left out of the list. `preview:open {kind: 'recent'}` opens only a path listed here, or one the OS handed the
 * app (a double-click, a second launch) since it started.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { RecentPreviewSchema, type RecentPreview } from '../../../shared/preview/preview-api';
import type { KeyValueStore } from '../preferences/preferences-store';

export const MAX_RECENT_PREVIEWS = 10;
const SETTINGS_KEY = 'previews.recent';

export type RecentEntry = Omit<RecentPreview, 'fileName' | 'usedAt'>;

export class PreviewRecents {
  /** Paths the OS handed this process (not read yet): they may be opened once like a recent one. */
  private readonly handedOff = new Set<string>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
    private readonly exists: (path: string) => boolean = existsSync,
  ) {}

  /** The list, newest first, without files that are gone. */
  list(): RecentPreview[] {
    return this.read().filter((entry) => this.exists(entry.path));
  }

  /** Saved or opened just now: first in the list (an older entry for the same path goes). */
  add(entry: RecentEntry): RecentPreview {
    const recent: RecentPreview = { ...entry, fileName: basename(entry.path), usedAt: this.now().toISOString() };
    const next = [recent, ...this.read().filter((other) => other.path !== entry.path)].slice(0, MAX_RECENT_PREVIEWS);
    this.store.set(SETTINGS_KEY, next);
    this.handedOff.delete(entry.path);
    return recent;
  }

  /** The OS opened the app with this file: the window may open it (preview:open of kind 'recent'). */
  handOff(path: string): void {
    this.handedOff.add(path);
  }

  /** Whether the renderer may name this path: listed (and still there), or handed off by the OS. */
  allows(path: string): boolean {
    return this.handedOff.has(path) || this.list().some((entry) => entry.path === path);
  }

  private read(): RecentPreview[] {
    const parsed = z.array(RecentPreviewSchema).safeParse(this.store.get(SETTINGS_KEY));
    return parsed.success ? parsed.data : [];
  }
}
