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
	new_password: 'Nytt lösenord',
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
	// The collaboration records' fields (the F_* tables of src/domain;
	// a name used by several records gets its most general label).
	acknowledged_at: 'Kvitterad',
	acknowledged_by: 'Kvitterad av',
	acting: 'Tillförordnad',
	activity_id: 'Aktivitet',
	address: 'Postadress',
	agenda: 'Dagordning',
	appointed_by_id: 'Tillsatt av',
	approval_case: 'Beslutets diarienummer',
	approval_date: 'Beslutsdatum',
	approved_by: 'Godkänd av',
	attachment_id: 'Antar bilaga',
	baseline: 'Utgångsvärde',
	baseline_date: 'Utgångsvärdets datum',
	body_id: 'Arbetsgrupp',
	cadence: 'Mötesrytm',
	cause_id: 'Orsak',
	changed_at: 'Ändrad',
	changed_by: 'Ändrad av',
	comparator: 'Jämförelse',
	cost_sek: 'Kostnad (kr)',
	criterion: 'Kriterium',
	dated: 'Datum',
	delivered: 'Levererat',
	designation: 'Benämning i avtalet',
	direction: 'Riktning',
	due_on: 'Klar senast',
	effect: 'Effekt',
	ends_at: 'Slutar',
	ends_on: 'Upphör',
	established_on: 'Inrättad',
	extension: 'Förlängning',
	extension_months: 'Förlängning (månader)',
	focus_area_id: 'Fokusområde',
	followup_months: 'Uppföljning var (månader)',
	from_organisation: 'Från part',
	function: 'Funktion',
	goal_id: 'Mål',
	held_on: 'Datum',
	hours: 'Timmar',
	indicator_id: 'Indikator',
	info_duty: 'Informationsplikt',
	joint: 'Vi lovar tillsammans',
	kommun: 'Kommunen lovar',
	label: 'Uppgift',
	lagesbild_revision_months: 'Lägesbilden revideras (månader)',
	light: 'Trafikljus',
	location: 'Plats',
	long_term_goal: 'Långsiktigt mål',
	mandate: 'Mandat och uppdrag',
	may_co_opt: 'Kan adjungera',
	measure: 'Mäter',
	meetings_max: 'Möten per år (högst)',
	meetings_min: 'Möten per år (minst)',
	member_id: 'Ledamot',
	method: 'Metod',
	minutes: 'Protokoll',
	mission: 'Uppdrag (tillfällig grupp)',
	motivation: 'Motivering',
	note: 'Kommentar',
	number: 'Bilaga nr',
	occurred_on: 'Händelsedatum',
	owner_function: 'Ansvarig funktion',
	paragraph: 'Paragraf',
	parent_id: 'Överordnad',
	participants: 'Antal deltagare',
	party: 'Part',
	per: 'Per',
	period_from: 'Period från',
	period_to: 'Period till',
	permanent: 'Fast',
	person: 'Person',
	plan_id: 'Åtgärdsplan',
	police: 'Polisen lovar',
	position: 'Ordning',
	priority: 'Prioritet (1 = högst)',
	problem_id: 'Problembild',
	promise_id: 'Antar medborgarlöfte',
	promises: 'Partnern lovar',
	published: 'Publicerat',
	published_on: 'Publicerat den',
	purpose: 'Syfte',
	reason: 'Motivering',
	replaces_id: 'Ersätter',
	reported_at: 'Informerad',
	reported_by: 'Informerad av (funktion)',
	reported_on: 'Rapporterat',
	reported_to: 'Mottagare (funktion)',
	reports_to_id: 'Rapporterar till',
	revised_on: 'Senast reviderad',
	revision_months: 'Revideras (månader)',
	score: 'Poäng (0-5)',
	shortfall_reason: 'Skäl till avvikelse',
	signed_on: 'Undertecknad',
	signed_place: 'Ort för undertecknande',
	source_date: 'Källans datum',
	starts_at: 'Börjar',
	starts_on: 'Start',
	stated_cause: 'Därför (orsak)',
	summary: 'Händelse',
	target: 'Målvärde',
	target_date: 'Målet nås senast',
	target_id: 'Mål',
	text: 'Text',
	time_perspective: 'Tidsperspektiv',
	time_perspectives: 'Arbete i tre tidsperspektiv',
	to_organisation: 'Till part',
	triangle: 'Problemtriangeln',
	unit: 'Enhet',
	until_further_notice: 'Tills vidare',
	valid_from: 'Gäller från',
	valid_to: 'Gäller till',
	value: 'Värde',
	version: 'Version',
	weekday: 'Veckodag (1 = måndag)',
	weight: 'Vikt',
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
	[/not a JPEG or PNG|^the (JPEG|PNG) /,
	    () => 'Filen är inte en hel JPEG- eller PNG-bild.'],
	[/^the photo is .*, not /,
	    () => 'Fotots filtyp stämmer inte med innehållet.'],
	[/the file is empty/, () => 'Filen är tom.'],
	[/^the file is not /,
	    () => 'Filens innehåll stämmer inte med filtypen.'],
	[/is not valid base64|must be base64/,
	    () => 'Filen kunde inte läsas. Försök igen.'],
	[/^wrong password/, () => 'Fel lösenord.'],
	[/^wrong code/, () => 'Fel kod. Kontrollera telefonens klocka och ' +
	    'försök med nästa kod.'],
	[/not an e-mail address/, () => 'Ange en giltig e-postadress.'],
	[/password must be (\d+) to (\d+) characters/,
	    (m) => `Lösenordet måste vara ${m[1]}–${m[2]} tecken långt.`],
	[/new password must differ from the current/,
	    () => 'Det nya lösenordet måste skilja sig från det nuvarande.'],
	[/not a valid organisation number/,
	    () => 'Organisationsnumret är inte giltigt (NNNNNN-NNNN med ' +
	    'rätt kontrollsiffra).'],
	[/expected 1\.\.(\d+) incidents/,
	    (m) => `En rapport kan innehålla 1–${m[1]} händelser.`],
	[/is not a party/,
	    (m, l) => `${l ? `${l}: organisationen` : 'Organisationen'} är ` +
	    'inte part i överenskommelsen.'],
	[/would make a cycle|cannot be its own parent|may not point at the record itself/,
	    (m, l) => `${l ? `${l}: valet` : 'Valet'} skulle göra något ` +
	    'överordnat sig självt.'],
	[/is set by the program/,
	    (m, l) => `${l || 'Fältet'} sätts av systemet och kan inte ändras.`],
	[/is below /,
	    (m, l) => `${l || 'Värdet'} får inte vara lägre än det minsta.`],
	[/ is before |must be after|must not lie before/,
	    (m, l) => `${l || 'Slutet'} måste vara efter början.`],
	[/may hold only letters/,
	    (m, l) => `${l || 'Fältet'} får bara innehålla bokstäver a–z, ` +
	    'siffror och tecknen _ . -'],
	[/not valid UTF-8|control character/,
	    (m, l) => `${l ? `${l}: texten` : 'Texten'} innehåller ` +
	    'otillåtna tecken.'],
	[/is larger than/, (m, l) => `${l || 'Värdet'} är för stort.`],
	[/must be a string/, (m, l) => `${l || 'Värdet'} måste vara text.`],
	[/ needs? (a|an|its|the) | needs [a-z_]+$/,
	    (m, l) => l ? `${l} måste anges.` : 'En uppgift saknas.'],
	[/must be one of|must be (?!true or false)[a-z_]+(, [a-z_]+)* or [a-z_]+$|unknown value/,
	    (m, l) => `${l ? `${l}: välj` : 'Välj'} ett av de tillåtna ` +
	    'värdena.'],
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
