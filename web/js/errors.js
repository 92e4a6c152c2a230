// The API's errors in Swedish. The API answers {"error":{"code","message",
// "field"}} with a stable code and an English message; the page shows a
// Swedish sentence built from the code, the field's Swedish label and,
// for the messages users meet most, what the English says (a range, a
// missing value, personal data in a text). The English stays available
// as the detail (api.js keeps it; app.js puts it in a title).
// tests/api/web_errors.test.mjs fails when the C source has a code or a
// request field without a Swedish text here.
import { piiText } from './pii.js';

// Every code of src/core/err.c (and 'network' for no answer at all).
export const CODE_TEXTS = {
	invalid: 'Uppgiften är inte giltig.',
	not_found: 'Det du söker finns inte, eller så har du inte ' +
	    'tillgång till det.',
	conflict: 'Ändringen krockar med uppgifter som redan finns. Ladda ' +
	    'om sidan och försök igen.',
	unauthenticated: 'Du är inte inloggad, eller så har sessionen gått ' +
	    'ut. Logga in igen.',
	forbidden: 'Du har inte behörighet till detta.',
	too_large: 'För mycket data på en gång.',
	unsupported_media_type: 'Filtypen eller dataformatet stöds inte.',
	method_not_allowed: 'Åtgärden går inte att utföra här.',
	rate_limited: 'För många försök. Vänta en stund och försök igen.',
	io_error: 'Servern kunde inte läsa eller skriva data. Försök igen ' +
	    'om en stund.',
	database_error: 'Databasen svarade inte som väntat. Försök igen om ' +
	    'en stund.',
	internal_error: 'Ett oväntat fel uppstod på servern. Försök igen ' +
	    'eller kontakta förvaltningen.',
	totp_required: 'Ange den sexsiffriga koden från din ' +
	    'autentiseringsapp.',
	network: 'Servern svarar inte. Kontrollera anslutningen.',
};

// Swedish labels of the fields the API names (request body and query
// fields of src/api/specs.c, and the fields the domain checks name).
export const FIELD_LABELS = {
	active: 'Aktiv',
	agreement: 'Överenskommelse',
	agreement_id: 'Överenskommelse',
	alias: 'Alias',
	alpha: 'Signifikansnivå',
	area: 'Område',
	area_id: 'Område',
	band: 'Avståndsband',
	bbox: 'Kartutsnitt',
	category: 'Kategori',
	cell: 'Rutstorlek',
	certainty: 'Observerad eller misstänkt',
	child_layer: 'Delområdenas skikt',
	code: 'Kod',
	code_field: 'Egenskap med koden',
	content: 'Innehåll',
	crs: 'Koordinatsystem',
	csv: 'CSV-fil',
	cursor: 'Sida',
	data: 'Data',
	decided_on: 'Beslutsdatum',
	decision_id: 'Beslut',
	decision_ref: 'Beslutets diarienummer',
	description: 'Beskrivning',
	diarienummer: 'Diarienummer',
	display_name: 'Visningsnamn',
	email: 'E-postadress',
	est: 'EST-kategori',
	external_id: 'Externt id',
	fdr: 'Andel falska upptäckter (FDR)',
	file: 'Fil',
	file_name: 'Filnamn',
	format: 'Format',
	from: 'Från',
	geometry: 'Geometri',
	group: 'Gruppering',
	group_layer: 'Skikt att gruppera på',
	items: 'Händelser',
	kde_cells: 'Värmekartans upplösning',
	kde_sigma: 'Värmekartans bandbredd',
	kind: 'Slag',
	lat: 'Plats (latitud)',
	layer: 'Skikt',
	level: 'Delningsnivå',
	limit: 'Antal per sida',
	lon: 'Plats (longitud)',
	media_type: 'Filtyp',
	min_count: 'Minsta antal som visas',
	name: 'Namn',
	name_field: 'Egenskap med namnet',
	new_weeks: 'Veckor bakåt för nytt',
	notes: 'Anteckningar',
	nr_days: 'Upprepningar: dagar',
	nr_distance: 'Upprepningar: avstånd',
	observed_from: 'Tid (från)',
	observed_to: 'Tid (till)',
	org: 'Organisation',
	org_number: 'Organisationsnummer',
	organisation: 'Organisation',
	owner: 'Ägare',
	parent: 'Överordnad',
	parent_layer: 'Överordnat skikt',
	participant_groups: 'Deltagare (grupper)',
	password: 'Lösenord',
	people_count: 'Antal personer',
	period: 'Period',
	permutations: 'Antal permutationer',
	photo: 'Foto',
	pii_mode: 'Personuppgifter i fritext',
	q: 'Sökord',
	query: 'Sökparametrar',
	reader: 'Läsare',
	refresh: 'Uppdatera',
	role: 'Roll',
	seed: 'Slumpfrö',
	severity: 'Allvarlighetsgrad',
	source: 'Källa',
	source_id: 'Källa',
	status: 'Status',
	themes: 'Teman',
	title: 'Rubrik',
	to: 'Till',
	totp: 'Kod från autentiseringsappen',
	x: 'Plats (x)',
	y: 'Plats (y)',
};

// "items[2].people_count" -> "people_count"; "" stays "".
export function fieldName(field) {
	const parts = String(field || '').split('.');
	return parts[parts.length - 1].replace(/\[\d+\]$/, '');
}

export function fieldLabel(field) {
	const name = fieldName(field);
	return FIELD_LABELS[name] || '';
}

const n = (s) => new Intl.NumberFormat('sv-SE').format(Number(s));

// The English messages users meet most, in Swedish. Each rule: a pattern
// on the message and a function of the match and the field's label
// (label may be '' when the field has none; the sentences read well
// either way).
const RULES = [
	[/personal data \((personnummer|samordningsnummer|telefonnummer|e-post)\)/,
	    (m) => piiText(m[1])],
	[/lies outside Sweden|outside Sweden/,
	    () => 'Platsen ligger utanför Sverige.'],
	[/location is required|or an area is required|exactly one of lat/,
	    () => 'Välj en plats: tryck på kartan, använd din position ' +
	    'eller välj ett område.'],
	[/must not lie before/,
	    (m, l) => `${l || 'Sluttiden'} får inte vara före starttiden.`],
	[/must lie between (\d+) and (\d+)/,
	    (m, l) => `${l || 'Tiden'} måste ligga mellan år ${m[1]} och ` +
	    `${m[2]}.`],
	[/must be (-?[\d.]+) to (-?[\d.]+)|must be (-?[\d.]+)-(-?[\d.]+)|must be between (-?[\d.]+) and (-?[\d.]+)/,
	    (m, l) => {
		const lo = m[1] ?? m[3] ?? m[5], hi = m[2] ?? m[4] ?? m[6];
		return `${l || 'Värdet'} måste vara mellan ${n(lo)} och ${n(hi)}.`;
	}],
	[/severity must be/,
	    () => 'Välj allvarlighetsgrad: låg, medel eller hög.'],
	[/certainty must be|expected observed or suspected/,
	    () => 'Välj observerad eller misstänkt.'],
	[/the category '[^']*' is no longer in use/,
	    () => 'Kategorin används inte längre. Välj en annan.'],
	[/^no (area|category|organisation) '/,
	    (m, l) => `${l || 'Det valda'} finns inte.`],
	[/too long|is longer than/, (m, l) => `${l ? `${l}: texten` : 'Texten'} är för lång.`],
	[/must not be null|(^| )required$|is required/,
	    (m, l) => l ? `${l} måste fyllas i.` : 'Ett obligatoriskt fält ' +
	    'saknas.'],
	[/must be an integer|expected an? integer/,
	    (m, l) => `${l || 'Värdet'} måste vara ett heltal.`],
	[/must be a number|not a number|not a finite number|expected an? number/,
	    (m, l) => `${l || 'Värdet'} måste vara ett tal.`],
	[/must be a date|YYYY-MM-DD/,
	    (m, l) => `${l || 'Datumet'} måste vara ett datum (ÅÅÅÅ-MM-DD).`],
	[/must be true or false|expected an? boolean/,
	    (m, l) => `${l || 'Värdet'} måste vara ja eller nej.`],
	[/already exists|exists already/,
	    (m, l) => `${l ? `${l}: det` : 'Det'} finns redan.`],
	[/CSRF/, () => 'Sidan behöver laddas om (säkerhetskoden saknas ' +
	    'eller har gått ut).'],
	[/malformed JSON|duplicate key|unknown field|expected a JSON object/,
	    () => 'Sidan skickade en förfrågan som servern inte kunde läsa. ' +
	    'Ladda om sidan och försök igen.'],
];

// The Swedish text for an error body {code, message, field} (status is
// used when the body has no code).
export function swedishError(code, message, field, status) {
	const english = String(message || '');
	const label = fieldLabel(field);
	if (code === 'invalid' || code === 'conflict' || !code) {
		for (const [re, say] of RULES) {
			const m = re.exec(english);
			if (m)
				return say(m, label);
		}
	}
	if (code && CODE_TEXTS[code]) {
		if (code === 'invalid' && label)
			return `${label}: värdet är inte giltigt.`;
		return CODE_TEXTS[code];
	}
	switch (status) {
	case 401: return CODE_TEXTS.unauthenticated;
	case 403: return CODE_TEXTS.forbidden;
	case 404: return CODE_TEXTS.not_found;
	case 413: return CODE_TEXTS.too_large;
	case 429: return CODE_TEXTS.rate_limited;
	default: return `Fel från servern (HTTP ${status}).`;
	}
}
