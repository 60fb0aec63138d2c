/**
 * Import technicians' state: the target group, the delimiter, the uploaded file and what its check found, the
 * import's progress, and its summary. Uploading checks the file at once (the core reads it, scores and hashes its
 * passwords) so *Start import* only writes; changing the delimiter checks it again.
 */
import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/ipc/result';
import { MAX_TECHNICIAN_FILE_BYTES, type CsvDelimiter, type FileProblem, type TechnicianFileCheck, type TechnicianImportSummary } from '../../../shared/org/technician-import';
import { ApiError, api, unwrap } from '../../api/client';
import type { AppState } from '../index';

export interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly contentBase64: string;
}

export interface TechImportRefusal {
  readonly problem: FileProblem;
  readonly line: string | null;
  readonly header: string | null;
}

export interface TechImportSlice {
  /** Whose upload this is: another sign-in in this window starts afresh. */
  techImportOwner: string | null;
  techImportGroupId: number | null;
  techImportDelimiter: CsvDelimiter;
  techImportFile: PickedFile | null;
  techImportCheck: TechnicianFileCheck | null;
  /** What the core is doing for the page: checking the upload, or importing it. */
  techImportBusy: 'checking' | 'importing' | null;
  techImportCancelling: boolean;
  techImportProgress: EventPayload<'technicianImportProgress'> | null;
  techImportRefusal: TechImportRefusal | null;
  techImportError: ErrorCode | null;
  techImportSummary: TechnicianImportSummary | null;
  /** The page opened: a previous person's file and summary are dropped. */
  techImportOpen(): void;
  techImportSetGroup(groupId: number | null): void;
  techImportSetDelimiter(delimiter: CsvDelimiter): Promise<void>;
  /** Upload file: null when the choice was cleared; the file's size is checked here first (the core checks it too). */
  techImportPick(file: { readonly name: string; readonly size: number; readonly read: () => Promise<string> } | null): Promise<void>;
  techImportStart(): Promise<void>;
  techImportCancel(): void;
  techImportProgressed(progress: EventPayload<'technicianImportProgress'>): void;
  /** Import another file: the page as it opened, keeping the group and the delimiter. */
  techImportReset(): void;
}

const refusalOf = (error: ApiError): TechImportRefusal => ({
  problem: (error.fields['problem'] ?? 'malformed') as FileProblem,
  line: error.fields['line'] ?? null,
  header: error.fields['header'] ?? null,
});

const idle = { techImportBusy: null, techImportCancelling: false, techImportProgress: null } as const;

export const createTechImportSlice: StateCreator<AppState, [], [], TechImportSlice> = (set, get) => {
  /** Which check is the page's: one overtaken by another file (or a reset) is dropped. */
  let latest = 0;
  /** Checks the picked file with the current delimiter. */
  const check = async (file: PickedFile) => {
    const mine = ++latest;
    set({ techImportBusy: 'checking', techImportCancelling: false, techImportProgress: null, techImportCheck: null, techImportRefusal: null, techImportError: null });
    try {
      const checked = await unwrap(api().org.checkTechnicianFile({ fileName: file.name, contentBase64: file.contentBase64, delimiter: get().techImportDelimiter }));
      if (mine === latest) set({ techImportCheck: checked });
    } catch (error) {
      if (mine !== latest) return;
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      if (error instanceof ApiError && code === 'TECH_IMPORT_FILE_REFUSED') set({ techImportRefusal: refusalOf(error) });
      else set({ techImportError: code });
      // Cancelled: the technician picks the file again when ready.
      if (code === 'TECH_IMPORT_CANCELLED') set({ techImportFile: null });
    } finally {
      if (mine === latest) set(idle);
    }
  };

  return {
    techImportOwner: null,
    techImportGroupId: null,
    techImportDelimiter: ',',
    techImportFile: null,
    techImportCheck: null,
    ...idle,
    techImportRefusal: null,
    techImportError: null,
    techImportSummary: null,

    techImportOpen: () => {
      const owner = get().session?.adminId ?? null;
      if (owner === get().techImportOwner) return;
      latest += 1;
      set({ techImportOwner: owner, techImportGroupId: null, techImportFile: null, techImportCheck: null, techImportSummary: null, techImportRefusal: null, techImportError: null, ...idle });
    },

    techImportSetGroup: (techImportGroupId) => set({ techImportGroupId }),

    techImportSetDelimiter: async (delimiter) => {
      set({ techImportDelimiter: delimiter });
      const file = get().techImportFile;
      // The file is read with the delimiter: a CSV checked with another one is checked again.
      if (file && get().techImportBusy === null && get().techImportCheck?.format !== 'json') await check(file);
    },

    techImportPick: async (chosen) => {
      set({ techImportFile: null, techImportCheck: null, techImportRefusal: null, techImportError: null });
      if (!chosen) return;
      // Far larger than any file of 500 technicians: said here without sending it.
      if (chosen.size > MAX_TECHNICIAN_FILE_BYTES) return set({ techImportRefusal: { problem: 'too-large', line: null, header: null } });
      let file: PickedFile;
      try {
        file = { name: chosen.name, size: chosen.size, contentBase64: await chosen.read() };
      } catch {
        return set({ techImportError: 'INTERNAL' });
      }
      set({ techImportFile: file });
      await check(file);
    },

    techImportStart: async () => {
      const checked = get().techImportCheck;
      if (!checked || get().techImportBusy) return;
      set({ techImportBusy: 'importing', techImportCancelling: false, techImportProgress: null, techImportRefusal: null, techImportError: null });
      try {
        const summary = await unwrap(api().org.importTechnicians({ checkId: checked.checkId, targetGroupId: get().techImportGroupId }));
        set({ techImportSummary: summary });
      } catch (error) {
        set({ techImportError: error instanceof ApiError ? error.code : 'INTERNAL' });
        // Expired or replaced: the file must be uploaded again.
        if (error instanceof ApiError && error.code === 'TECH_IMPORT_CHECK_MISSING') set({ techImportCheck: null });
      } finally {
        set(idle);
      }
    },

    techImportCancel: () => {
      set({ techImportCancelling: true });
      void unwrap(api().org.cancelTechnicianImport()).catch(() => set({ techImportCancelling: false }));
    },

    techImportProgressed: (techImportProgress) => {
      if (get().techImportBusy) set({ techImportProgress });
    },

    techImportReset: () => {
      latest += 1;
      set({ techImportFile: null, techImportCheck: null, techImportSummary: null, techImportRefusal: null, techImportError: null, ...idle });
    },
  };
};
