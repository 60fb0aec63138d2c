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
  preview: {
    problem: {
      'not-found': 'Het importvoorbeeld is niet gevonden. Mogelijk is het verplaatst of verwijderd: kies het opnieuw.',
      unreadable: 'Het importvoorbeeld kon niet worden gelezen. Controleer of u het mag openen en of de schijf is aangesloten, en probeer het opnieuw.',
      'too-large': 'Dit importvoorbeeld is te groot om te openen: een voorbeeld bevat hoogstens 100.000 bedrijven en 1.000.000 contactpersonen (64 MB op schijf). Sla een voorbeeld op met een nauwer filter.',
      'not-gzip': 'Dit is geen importvoorbeeld van MSP Roster: het is niet zo gecomprimeerd. Kies een bestand dat met Voorbeeld opslaan is bewaard (.msp-preview).',
      corrupt: 'Dit importvoorbeeld is beschadigd: de gecomprimeerde gegevens zijn onleesbaar. Kopieer het opnieuw van de bron, of sla het voorbeeld opnieuw op.',
      truncated: 'Dit importvoorbeeld is onvolledig: het houdt te vroeg op, misschien doordat kopiëren of downloaden is afgebroken. Kopieer het opnieuw, of sla het voorbeeld opnieuw op.',
      'not-json': 'Dit bestand is geen importvoorbeeld van MSP Roster: de inhoud is geen JSON. Kies een bestand dat met Voorbeeld opslaan is bewaard (.msp-preview).',
      'not-a-preview': 'Dit bestand is geen importvoorbeeld van MSP Roster. Kies een bestand dat met Voorbeeld opslaan is bewaard (.msp-preview).',
      'newer-version': 'Dit importvoorbeeld is opgeslagen door een nieuwere versie van MSP Roster (bestandsversie {{version}}). Werk MSP Roster op dit werkstation bij om het te openen.',
      'checksum-mismatch': 'Dit importvoorbeeld is na het opslaan gewijzigd of beschadigd: de controlesom klopt niet. Gebruik het oorspronkelijke bestand, of sla het voorbeeld opnieuw op.',
      invalid: 'Dit importvoorbeeld bevat een ongeldige waarde; het is buiten MSP Roster gewijzigd of beschadigd. Gebruik het oorspronkelijke bestand, of sla het voorbeeld opnieuw op.',
      'duplicate-id': 'Dit importvoorbeeld noemt hetzelfde bedrijf of dezelfde contactpersoon twee keer; het is buiten MSP Roster gewijzigd of beschadigd. Gebruik het oorspronkelijke bestand, of sla het voorbeeld opnieuw op.',
      'unknown-id': 'Dit importvoorbeeld verwijst naar een bedrijf of contactpersoon die niet in de momentopname staat; het is buiten MSP Roster gewijzigd of beschadigd. Gebruik het oorspronkelijke bestand, of sla het voorbeeld opnieuw op.',
      'write-failed': 'Het voorbeeld kon niet worden opgeslagen; er is geen bestand geschreven. Controleer of de map nog bestaat, of u daar mag schrijven en of de schijf ruimte heeft, en sla opnieuw op.',
    },
  },
};
