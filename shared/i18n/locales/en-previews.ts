/** English strings of import previews and unfinished imports (issue 12): downloads kept in the workspace. */
export const enPreviews = {
  unfinished: {
    title: 'Unfinished imports',
    intro: 'Every download is kept in the workspace with the decisions you made, so an import survives closing the app. Resume one to go on where you left off; the companies are checked against the directory as it is now.',
    downloaded: '{{psa}}, downloaded {{when}}',
    companies_one: '{{count, number}} company',
    companies_other: '{{count, number}} companies',
    contacts_one: '{{count, number}} contact',
    contacts_other: '{{count, number}} contacts',
    decisionsKept: 'Decisions kept {{when}}',
    noDecisions: 'No decisions made yet',
    resume: 'Resume',
    resumeLabel: 'Resume the import from {{psa}} downloaded {{when}}',
    resuming: 'Resuming…',
  },
  preview: {
    /** Why a preview file was refused (shared/preview/preview-document.ts, PREVIEW_PROBLEMS); each says what to do. */
    problem: {
      'not-found': 'The preview file was not found. It may have been moved or deleted: choose it again.',
      unreadable: 'The preview file could not be read. Check that you may open it and that its drive is connected, then try again.',
      'too-large': 'This preview file is too large to open: a preview holds at most 100,000 companies and 1,000,000 contacts (64 MB on disk). Save a preview with a narrower filter.',
      'not-gzip': 'This is not an MSP Roster preview file: it is not compressed as one. Choose a file saved with Save preview (.msp-preview).',
      corrupt: 'This preview file is damaged: its compressed data cannot be read. Copy it again from where it came from, or save the preview again.',
      truncated: 'This preview file is incomplete: it ends too early, perhaps because a copy or download was cut off. Copy it again, or save the preview again.',
      'not-json': 'This file is not an MSP Roster preview: its content is not JSON. Choose a file saved with Save preview (.msp-preview).',
      'not-a-preview': 'This file is not an MSP Roster import preview. Choose a file saved with Save preview (.msp-preview).',
      'newer-version': 'This preview was saved by a newer version of MSP Roster (file version {{version}}). Update MSP Roster on this workstation to open it.',
      'checksum-mismatch': 'This preview file was changed or damaged after it was saved: its checksum does not match. Use the original file, or save the preview again.',
      invalid: 'This preview file holds a value that is not valid, so it was changed outside MSP Roster or is damaged. Use the original file, or save the preview again.',
      'duplicate-id': 'This preview file names the same company or contact twice, so it was changed outside MSP Roster or is damaged. Use the original file, or save the preview again.',
      'unknown-id': 'This preview file refers to a company or contact that is not in its snapshot, so it was changed outside MSP Roster or is damaged. Use the original file, or save the preview again.',
      'write-failed': 'The preview could not be saved, and no file was written. Check that the folder still exists, that you may write there and that the disk has space, then save again.',
    },
  },
} as const;
