/** Dutch strings of import previews and unfinished imports (same keys as en-previews.ts). */
import type { PreviewsMessages } from './en';

export const nlPreviews: PreviewsMessages = {
  unfinished: {
    title: 'Onvoltooide imports',
    intro: 'Elke download wordt met uw beslissingen in de werkruimte bewaard, zodat een import het sluiten van de app overleeft. Hervat er een om verder te gaan waar u was gebleven; de bedrijven worden vergeleken met de map zoals die nu is.',
    downloaded: '{{psa}}, gedownload {{when}}',
    companies_one: '{{count, number}} bedrijf',
    companies_other: '{{count, number}} bedrijven',
    contacts_one: '{{count, number}} contactpersoon',
    contacts_other: '{{count, number}} contactpersonen',
    decisionsKept: 'Beslissingen bewaard {{when}}',
    noDecisions: 'Nog geen beslissingen genomen',
    resume: 'Hervatten',
    resumeLabel: 'De import uit {{psa}} hervatten, gedownload {{when}}',
    resuming: 'Hervatten…',
  },
};
