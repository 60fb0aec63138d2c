/** Word pools for generated Dutch and English MSP clients and their people. */

export const DUTCH_SURNAMES = [
  'De Vries', 'Van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'De Boer', 'Mulder', 'De Groot', 'Bos',
  'Vos', 'Peters', 'Hendriks', 'Van Leeuwen', 'Dekker', 'Brouwer', 'De Wit', 'Dijkstra', 'Smits', 'De Graaf',
  'Van der Meer', 'Van der Linden', 'Kok', 'Jacobs', 'De Haan', 'Vermeulen', 'Van den Heuvel', 'Van der Veen',
  'Van den Broek', 'De Bruijn', 'Van der Heijden', 'Schouten', 'Van Beek', 'Willems', 'Van Vliet', 'Van de Ven',
  'Hoekstra', 'Maas', 'Verhoeven', 'Koster', 'Van Dam', 'Van der Wal', 'Prins', 'Blom', 'Huisman', 'Kuipers',
  'Van Wijk', 'Postma', 'Kramer', 'Van den Bosch', 'Veenstra', 'Timmermans', 'Groen', 'Gerritsen', 'Boersma',
  'Van Rijn', "D'Hondt", "'t Hart", 'Çelik', 'Yılmaz',
] as const;

export const DUTCH_TRADES = [
  'Installatietechniek', 'Accountants', 'Advocaten', 'Tandartspraktijk', 'Fysiotherapie', 'Bouw', 'Logistiek',
  'Transport', 'Makelaardij', 'Notarissen', 'Administratiekantoor', 'Elektrotechniek', 'Schildersbedrijf',
  'Dakdekkers', 'Hoveniers', 'Metaalbewerking', 'Kozijnen', 'Architecten', 'Huisartsenpraktijk', 'Autobedrijf',
  'Drukkerij', 'Bakkerij', 'Groothandel', 'Verzekeringen', 'Consultancy', 'Interieurbouw', 'Vastgoed',
  'Techniek', 'Keukens', 'Loonbedrijf',
] as const;

export const DUTCH_LEGAL_FORMS = [
  ['B.V.', 6],
  ['BV', 3],
  ['', 4],
  ['V.O.F.', 1],
  ['N.V.', 0.3],
  ['& Zn.', 0.3],
] as const;

export const DUTCH_FOUNDATIONS = ['Stichting Kinderopvang', 'Stichting Welzijn', 'Stichting Onderwijs', 'Zorggroep', 'Sportvereniging', 'Woningcorporatie'] as const;

export const DUTCH_CITIES = [
  'Amersfoort', 'Utrecht', 'Zwolle', 'Haarlem', 'Leiden', 'Delft', 'Breda', 'Tilburg', 'Eindhoven', 'Nijmegen',
  'Arnhem', 'Apeldoorn', 'Deventer', 'Groningen', 'Leeuwarden', 'Alkmaar', 'Hoorn', 'Gouda', 'Zeist', 'Hilversum',
  "'s-Hertogenbosch", 'Den Haag', 'Rotterdam', 'Amsterdam',
] as const;

export const ENGLISH_BRANDS = [
  'Brightwater', 'Oakridge', 'Riverside', 'Kingsbridge', 'Harbour', 'Summit', 'Evergreen', 'Bluebell', 'Redwood',
  'Silverline', 'Crescent', 'Meadowbank', 'Ashford', 'Beacon', 'Copperfield', 'Fairview', 'Greenfield', 'Highgate',
  'Lakeside', 'Millbrook', 'Pinewood', 'Stonegate', 'Westbury', 'Thornbury', 'Elmstead', 'Clearwater', 'Foxhall',
  'Hawthorne', 'Ironbridge', "St. Mary's",
] as const;

export const ENGLISH_TRADES = [
  'Dental Care', 'Legal', 'Accountancy', 'Logistics', 'Engineering', 'Property Management', 'Medical Practice',
  'Construction', 'Consulting', 'Architects', 'Veterinary Clinic', 'Recruitment', 'Financial Planning', 'Surveyors',
  'Print & Design', 'Joinery', 'Electrical Services', 'Plumbing & Heating', 'Estate Agents', 'Insurance Brokers',
  'Care Homes', 'Academy', 'Manufacturing', 'Wholesale', 'Solicitors',
] as const;

export const ENGLISH_LEGAL_FORMS = [
  ['Ltd', 6],
  ['Limited', 2],
  ['', 4],
  ['LLP', 1],
  ['Inc.', 0.5],
  ['Group', 1],
  ['& Co', 0.5],
] as const;

export const ENGLISH_CITIES = ['London', 'Manchester', 'Leeds', 'Bristol', 'Reading', 'Oxford', 'Cambridge', 'York', 'Norwich', 'Brighton'] as const;

export const FIRST_NAMES = [
  'Jan', 'Piet', 'Kees', 'Sanne', 'Lotte', 'Emma', 'Daan', 'Sem', 'Lucas', 'Fleur', 'Anouk', 'Bram', 'Thijs', 'Eva',
  'Lisa', 'Ruben', 'Niels', 'Maarten', 'Ingrid', 'Marieke', 'Joost', 'Wouter', 'Femke', 'Noor', 'John', 'Sarah',
  'James', 'Emily', 'David', 'Olivia', 'Michael', 'Sophie', 'Tom', 'Hannah', 'Chloé', 'Zoë', 'Renée', 'José',
  'Anne-Marie', 'Jean-Pierre',
] as const;

export const ENGLISH_SURNAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', "O'Brien",
  'Johnson', 'Clarke', 'Wright', 'Hughes', 'Green', 'Hall', 'Wood', 'Harris', 'Lewis',
] as const;

export const DUTCH_TITLES = ['Directeur', 'Eigenaar', 'Office manager', 'Financieel medewerker', 'IT-contactpersoon', 'Praktijkmanager', 'Receptie', ''] as const;
export const ENGLISH_TITLES = ['Managing Director', 'Owner', 'Office Manager', 'Finance Director', 'IT Lead', 'Practice Manager', 'Receptionist', ''] as const;
