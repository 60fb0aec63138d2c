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
} as const;
