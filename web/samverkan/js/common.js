// Shared by the samverkan pages (web/samverkan/): sign-in check that sends
// a visitor without a session to the login page one level up, form error
// display, and Swedish words for the API's values.
import { api, ApiError } from '../../js/api.js';
import { start, showFieldError, clearFieldErrors, hasRole, session } from '../../js/app.js';
import { $ } from '../../js/util.js';

export async function startPage(opts = {}) {
	try {
		await api('GET', '/session');
	} catch (e) {
		if (e instanceof ApiError && e.status === 401) {
			const next = location.pathname + location.search;
			location.replace(`../index.html?next=${encodeURIComponent(next)}`);
			return new Promise(() => {});
		}
	}
	return start(opts);
}

// Shows an API error beside its field, or in the form's alert line.
export function formError(form, errSel, e) {
	if (!e.field || !showFieldError(form, e.field, e.message)) {
		$(errSel).textContent = e.message;
		$(errSel).hidden = false;
	}
}

export function formReset(form, errSel) {
	clearFieldErrors(form);
	$(errSel).hidden = true;
}

let orgParent = null;

// Whether the signed-in user may change the records of an agreement with
// these parties ([{organisation: CODE}]), as the server decides
// (may_write in src/domain/collab.c): a coordinator or admin of a party,
// of an organisation within a party or of one a party lies within; any
// coordinator when the agreement has no parties (or for records of no
// agreement). The server checks again on every change.
export async function mayChange(parties = []) {
	if (!hasRole('samordnare'))
		return false;
	if (!parties.length)
		return true;
	if (!orgParent) {
		const orgs = await api('GET', '/organisations');
		orgParent = Object.fromEntries((orgs.items || orgs).map((o) => [o.code, o.parent]));
	}
	const within = (a, b) => {
		for (let c = a, n = 0; c && n < 64; c = orgParent[c], n++)
			if (c === b)
				return true;
		return false;
	};
	const mine = session().user.organisation;
	return parties.some((p) => within(mine, p.organisation) || within(p.organisation, mine));
}

export function param(name) {
	return new URLSearchParams(location.search).get(name);
}

export const WORDS = {
	utkast: 'Utkast', gallande: 'Gällande', upphord: 'Upphörd',
	antagen: 'Antagen',
	strategisk_ledning: 'Strategisk ledning', operativ_ledning: 'Operativ ledning',
	styrgrupp: 'Styrgrupp', beredningsgrupp: 'Beredningsgrupp', projektgrupp: 'Projektgrupp',
	arbetsgrupp: 'Arbetsgrupp', est_grupp: 'EST-grupp', trygghetsrad: 'Trygghetsråd',
	brottsforebyggande_rad: 'Brottsförebyggande råd', samordningsfunktion: 'Samordnande funktion',
	namnd: 'Nämnd eller styrelse', ovrig: 'Övrigt',
	planerat: 'Planerat', genomfort: 'Genomfört', installt: 'Inställt',
	per_ar: 'möten per år', veckovis: 'varje vecka', varannan_vecka: 'varannan vecka',
	manadsvis: 'varje månad', kvartalsvis: 'varje kvartal', vid_behov: 'vid behov',
	ledamot: 'ledamot', sammankallande: 'sammankallande', ordforande: 'ordförande',
	vice_ordforande: 'vice ordförande', adjungerad: 'adjungerad', sekreterare: 'sekreterare',
	ersattare: 'ersättare',
	// the chain from lägesbild to result (src/domain/plan.c)
	brottstyp: 'Brottstyp', plats: 'Plats', platsgrupp: 'Grupp av platser', tema: 'Tema',
	malgrupp: 'Målgrupp',
	identifierad: 'Identifierad', prioriterad: 'Prioriterad', bearbetas: 'Bearbetas',
	avslutad: 'Avslutad',
	omfattning: 'Omfattning', allvarlighet: 'Allvarlighet', otrygghet: 'Otrygghet',
	utveckling: 'Utveckling', paverkbarhet: 'Påverkbarhet', samhallskostnad: 'Samhällskostnad',
	orsak: 'Orsak', rotorsak: 'Rotorsak', handelse: 'Händelse i kedjan',
	gerningsperson: 'Gärningsperson', mal: 'Offer eller mål',
	effekt: 'Effektmål', process: 'Processmål', produktion: 'Produktionsmål',
	upplevd: 'Upplevd trygghet', anmald: 'Anmäld brottslighet', faktisk: 'Faktisk utsatthet',
	uppklarning: 'Uppklarning', genomforande: 'Genomförande', annan: 'Annat',
	minska: 'Minska', oka: 'Öka', bibehalla: 'Bibehålla', uppna: 'Uppnå', noll: 'Noll',
	reaktiv: 'Reaktivt (akut)', forebyggande: 'Förebyggande', langsiktig: 'Långsiktigt',
	planerad: 'Planerad', pagar: 'Pågår', klar: 'Klar', installd: 'Inställd',
	// dialogues and indicators (dialogue.c, indicator.c)
	medborgardialog: 'Medborgardialog', medarbetardialog: 'Medarbetardialog',
	trygghetsvandring: 'Trygghetsvandring',
	enkat: 'Enkät', statistik: 'Statistik', index: 'Index', dialog: 'Dialog',
	// agreements, attachments, decisions (agreement.c, meeting.c)
	samverkansoverenskommelse: 'Samverkansöverenskommelse',
	lokal_overenskommelse: 'Lokal samverkansöverenskommelse',
	ramoverenskommelse: 'Övergripande överenskommelse',
	operativ_overenskommelse: 'Operativ överenskommelse', avsiktsforklaring: 'Avsiktsförklaring',
	medborgarloftesavtal: 'Medborgarlöftesavtal',
	ingen: 'Ingen', automatisk: 'Automatisk', genom_beslut: 'Genom beslut',
	beslut: 'Beslut', antagande: 'Antagande', prioritering: 'Prioritering', uppdrag: 'Uppdrag',
	tillsattning: 'Tillsättning', information: 'Information',
	// area layers (areas in forms are grouped by layer)
	kommun: 'Kommun', stadsdel: 'Stadsdel', basomrade: 'Basområde', lokalpolisomrade: 'Lokalpolisområde',
	polisomrade: 'Polisområde', lan: 'Län', region: 'Region',
	// medborgarlöften (promise.c)
	polisen: 'Polisen', kommunen: 'Kommunen', gemensamt: 'Gemensamt', partner: 'Partner',
	takt: 'Takt', antal: 'Antal', tackning: 'Täckning', avsikt: 'Avsikt', regel: 'Regel', villkor: 'Villkor',
	minst: 'minst', hogst: 'högst', exakt: 'exakt',
	dag: 'dag', vecka: 'vecka', manad: 'månad', tertial: 'tertial', ar: 'år', period: 'period',
	tillfalle: 'tillfälle',
	ej_paborjad: 'Ej påbörjad', delvis: 'Delvis genomförd', genomford: 'Genomförd',
	ej_genomford: 'Ej genomförd', gron: 'Grönt', gul: 'Gult', rod: 'Rött',
};

export function word(v) {
	return WORDS[v] || v || '';
}

// "2024-03-05T13:00:00+01:00" -> "2024-03-05 13:00"
export function when(iso) {
	return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}
