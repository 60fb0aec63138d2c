/**
 * The hard cases real tenants have, planted by name into every generated
 * tenant of at least PLANTED_MIN_COMPANIES companies (see dataset.ts).
 */
import type { CompanyKind } from './model';

/** The hard cases, planted by name whenever there are at least PLANTED_MIN_COMPANIES companies. */
export const PLANTED = {
  legalSuffixVariants: {
    jansen: ['Jansen Installatietechniek B.V.', 'Jansen Installatietechniek BV', 'JANSEN INSTALLATIETECHNIEK'],
    acme: ['Acme Ltd', 'Acme Limited'],
    smith: ['Smith & Sons Inc.', 'Smith and Sons, Inc'],
    vanDijk: ['Van Dijk Holding N.V.', 'Van Dijk Holding NV'],
    muller: ['Müller Haustechnik GmbH', 'Mueller Haustechnik GmbH'],
  },
  accented: ['Café Résumé', 'Bäckerei Müller', 'Crème de la Crème Catering B.V.'],
  /** Two live companies with exactly this name. */
  exactDuplicate: 'De Vries Accountants',
  /** One live company and one soft-deleted company (merged away) with exactly this name. */
  mergedAway: 'Northwind Traders Ltd',
  deleted: 'Testbedrijf Oud B.V.',
  inactive: ['Oude Molen Drukkerij', 'Kapsalon Knip & Go'],
  /** A freelance IT contact listed at two companies with the same address. */
  sharedEmail: 'it@pietersen-ict.nl',
  sharedEmailCompanies: ['Bakkerij Het Korenaar', 'Fysiotherapie Zuid'],
  /** Has a contact with no email at all. */
  contactWithoutEmail: 'Café Résumé',
  /** Has a contact whose email is an empty string rather than null. */
  contactWithEmptyEmail: 'Jansen Installatietechniek B.V.',
  /** The MSP's own organisation (Autotask company 0), with two of the MSP's staff as contacts. */
  ownOrganisation: 'Roster Beheer IT B.V.',
  /** Has an inactive contact. */
  inactiveContact: 'Jansen Installatietechniek B.V.',
  byKind: { vendor: 'Wolkenrijk Distributie B.V.', partner: 'Partnerlink IT Services', prospect: 'Prospera Marketing', lead: 'Leadwise Consulting Ltd' },
} as const;

export type Origin = 'nl' | 'en';

export interface ContactSpec {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly active?: boolean;
  readonly title?: string;
}

export interface CompanySpec {
  readonly name: string;
  readonly origin: Origin;
  readonly kind: CompanyKind;
  readonly active: boolean;
  readonly deleted: boolean;
  /** Fixed contacts; omitted = generated. */
  readonly contacts?: readonly ContactSpec[];
}

const planted = (name: string, origin: Origin, extra: Partial<Omit<CompanySpec, 'name' | 'origin'>> = {}): CompanySpec => ({
  name,
  origin,
  kind: 'customer',
  active: true,
  deleted: false,
  ...extra,
});

export const PLANTED_SPECS: readonly CompanySpec[] = [
  planted(PLANTED.legalSuffixVariants.jansen[0], 'nl', {
    contacts: [
      { firstName: 'Pieter', lastName: 'Jansen', email: 'pieter@jansen-installatietechniek.nl', title: 'Directeur' },
      { firstName: 'Marloes', lastName: 'Jansen', email: 'marloes@jansen-installatietechniek.nl', active: false, title: 'Office manager' },
      { firstName: 'Kees', lastName: 'Jansen', email: '', title: 'Werkvoorbereider' },
    ],
  }),
  planted(PLANTED.legalSuffixVariants.jansen[1], 'nl'),
  planted(PLANTED.legalSuffixVariants.jansen[2], 'nl'),
  planted(PLANTED.legalSuffixVariants.acme[0], 'en'),
  planted(PLANTED.legalSuffixVariants.acme[1], 'en'),
  planted(PLANTED.legalSuffixVariants.smith[0], 'en'),
  planted(PLANTED.legalSuffixVariants.smith[1], 'en'),
  planted(PLANTED.legalSuffixVariants.vanDijk[0], 'nl'),
  planted(PLANTED.legalSuffixVariants.vanDijk[1], 'nl'),
  planted(PLANTED.legalSuffixVariants.muller[0], 'nl'),
  planted(PLANTED.legalSuffixVariants.muller[1], 'nl'),
  planted(PLANTED.accented[0], 'nl', {
    contacts: [
      { firstName: 'René', lastName: 'Faßbender', email: 'rene@caferesume.nl', title: 'Eigenaar' },
      { firstName: 'Chloé', lastName: 'Dubois', email: null, title: 'Bedrijfsleider' },
    ],
  }),
  planted(PLANTED.accented[1], 'nl'),
  planted(PLANTED.accented[2], 'nl'),
  planted(PLANTED.exactDuplicate, 'nl'),
  planted(PLANTED.exactDuplicate, 'nl'),
  planted(PLANTED.mergedAway, 'en'),
  planted(PLANTED.mergedAway, 'en', {
    deleted: true,
    contacts: [{ firstName: 'Grace', lastName: 'Hughes', email: 'grace.hughes@northwindtraders.co.uk', title: 'Office Manager' }],
  }),
  planted(PLANTED.deleted, 'nl', {
    deleted: true,
    active: false,
    contacts: [{ firstName: 'Joost', lastName: 'Smit', email: 'joost@testbedrijfoud.nl', active: false }],
  }),
  planted(PLANTED.inactive[0], 'nl', { kind: 'dead', active: false }),
  planted(PLANTED.inactive[1], 'nl', { kind: 'cancellation', active: false }),
  planted(PLANTED.sharedEmailCompanies[0], 'nl', {
    contacts: [
      { firstName: 'Henk', lastName: 'Kuiper', email: 'henk@korenaar.nl', title: 'Eigenaar' },
      { firstName: 'Mark', lastName: 'Pietersen', email: PLANTED.sharedEmail, title: 'IT-contactpersoon' },
    ],
  }),
  planted(PLANTED.sharedEmailCompanies[1], 'nl', {
    contacts: [
      { firstName: 'Mark', lastName: 'Pietersen', email: PLANTED.sharedEmail, title: 'IT-contactpersoon' },
      { firstName: 'Ilse', lastName: 'van der Zee', email: 'ilse@fysiozuid.nl', title: 'Praktijkmanager' },
    ],
  }),
  planted(PLANTED.byKind.vendor, 'nl', { kind: 'vendor' }),
  planted(PLANTED.byKind.partner, 'en', { kind: 'partner' }),
  planted(PLANTED.byKind.prospect, 'nl', { kind: 'prospect' }),
  planted(PLANTED.byKind.lead, 'en', { kind: 'lead' }),
];

/** Autotask company 0 exists on every tenant, however small, so it is not one of the planted specs. */
export const OWN_ORGANISATION_SPEC: CompanySpec = planted(PLANTED.ownOrganisation, 'nl', {
  contacts: [
    { firstName: 'Sanne', lastName: 'de Boer', email: 'sanne@rosterbeheer.nl', title: 'Servicedesk' },
    { firstName: 'Daan', lastName: 'Visser', email: 'daan@rosterbeheer.nl', title: 'Systeembeheerder' },
  ],
});
