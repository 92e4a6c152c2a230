// Dokument: the documents one may see, filtered by status and kind (the
// filter and the open document are kept in the URL), one document with
// its facts, file and versions, and the lifecycle (domain/document.h):
// coordinators of the owning organisation (or one above it) create a
// draft, change it, decide it (its SHA-256 is frozen), make a new version
// of a decided one, or archive it. Actions show only for those rights.
import { api } from './api.js';
import { start, session, hasRole, announce, showFieldError,
    clearFieldErrors } from './app.js';
import { $, h, clear, formatTime, formatNumber } from './util.js';

const KINDS = {
	overenskommelse: 'Samverkansöverenskommelse',
	handlingsplan: 'Åtgärdsplan',
	uppfoljning: 'Uppföljningsrapport',
	protokoll: 'Protokoll',
	fil: 'Fil',
};
const STATUS = { utkast: 'Utkast', beslutad: 'Beslutad',
    arkiverad: 'Arkiverad' };
// Upload types the API accepts, by file name ending when the browser
// does not say.
const MEDIA = {
	pdf: 'application/pdf', txt: 'text/plain', jpg: 'image/jpeg',
	jpeg: 'image/jpeg', png: 'image/png',
	odt: 'application/vnd.oasis.opendocument.text',
	docx: 'application/vnd.openxmlformats-officedocument.' +
	    'wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.' +
	    'spreadsheetml.sheet',
};

// The items of a list route (these routes answer in one page).
async function apiAll(path, params) {
	const r = await api('GET', path, null, params);
	return r.items || r;
}

let orgs = new Map();	/* code -> {name, parent} */
let agreements = [];
let docs = [];		/* the filtered list */
let current = null;	/* the open document */

async function main() {
	await start();
	const params = new URLSearchParams(location.search);
	for (const [code, label] of Object.entries(KINDS)) {
		$('#f-kind').append(h('option', { value: code }, label));
		$('#n-kind').append(h('option', { value: code }, label));
	}
	$('#f-status').value = params.get('status') || '';
	$('#f-kind').value = params.get('kind') || '';
	const [o, a] = await Promise.all([apiAll('/organisations'),
	    apiAll('/agreements')]);
	orgs = new Map(o.map((x) => [x.code, x]));
	agreements = a;
	for (const x of agreements)
		$('#n-agreement').append(h('option', { value: x.id }, x.title));
	wireForms();
	await drawList();
	const id = Number(params.get('id'));
	if (id)
		await open(id, false);
}

function filter() {
	const p = new URLSearchParams(location.search);
	return { status: p.get('status') || '', kind: p.get('kind') || '' };
}

async function drawList() {
	docs = await apiAll('/documents', filter());
	const tb = clear($('#doc-table tbody'));
	for (const d of docs) {
		const link = h('a', { href: urlFor(d.id), 'data-id': d.id },
		    d.title);
		link.addEventListener('click', (ev) => {
			ev.preventDefault();
			open(d.id, true);
		});
		tb.append(h('tr', { id: `doc-${d.id}` }, h('td', {}, link),
		    h('td', {}, KINDS[d.kind] || d.kind),
		    h('td', { class: 'num' }, d.version),
		    h('td', {}, h('span', { class: `tag doc-${d.status}` },
		    STATUS[d.status] || d.status)),
		    h('td', {}, orgName(d.organisation)),
		    h('td', {}, d.decided_on || '')));
	}
	$('#summary').textContent = docs.length ? `${docs.length} dokument.` :
	    'Inga dokument matchar filtret.';
}

function urlFor(id) {
	const p = new URLSearchParams(location.search);
	if (id)
		p.set('id', id);
	else
		p.delete('id');
	const q = p.toString();
	return `dokument.html${q ? `?${q}` : ''}`;
}

function orgName(code) {
	const o = orgs.get(code);
	return o ? o.name : code;
}

// Coordinators and admins of the owning organisation or of one above it
// change a document (the API decides; this only hides what it refuses).
function mayChange(d) {
	if (!hasRole('samordnare'))
		return false;
	const mine = session().user.organisation;
	for (let c = d.organisation, n = 0; c && n < 20; n++) {
		if (c === mine)
			return true;
		c = orgs.get(c)?.parent || null;
	}
	return false;
}

async function open(id, push) {
	$('#detail-error').hidden = true;
	try {
		current = await api('GET', `/documents/${id}`);
	} catch (e) {
		announce(`Kunde inte öppna dokumentet: ${e.message}`, 'bad');
		return;
	}
	if (push)
		history.pushState(null, '', urlFor(id));
	await drawDetail();
	/* Chosen in the page: the focus follows to what opened. */
	if (push)
		$('#detail-h').focus();
}

function fact(dl, term, ...value) {
	dl.append(h('dt', {}, term), h('dd', {}, ...value));
}

// aria-busy while the parts are drawn (also what the browser test waits
// for).
async function drawDetail() {
	const d = current;
	$('#doc-detail').hidden = false;
	$('#doc-detail').setAttribute('aria-busy', 'true');
	$('#detail-h').textContent = d.title;
	const dl = clear($('#doc-facts'));
	fact(dl, 'Slag', KINDS[d.kind] || d.kind);
	fact(dl, 'Status', h('span', { id: 'doc-status' },
	    STATUS[d.status] || d.status));
	fact(dl, 'Version', String(d.version), d.latest ? ' (senaste)' : '');
	fact(dl, 'Organisation', orgName(d.organisation));
	if (d.agreement_id) {
		const a = agreements.find((x) => x.id === d.agreement_id);
		fact(dl, 'Överenskommelse', h('a', { href:
		    `samverkan/overenskommelse.html?id=${d.agreement_id}` },
		    a ? a.title : `nr ${d.agreement_id}`));
	}
	if (d.diarienummer)
		fact(dl, 'Diarienummer', d.diarienummer);
	if (d.status !== 'utkast') {
		fact(dl, 'Beslut', h('span', { id: 'doc-decision' },
		    d.decision_text || d.decision_ref || ''));
		fact(dl, 'Beslutsdatum', h('span', { id: 'doc-decided-on' },
		    d.decided_on || ''));
		fact(dl, 'Registrerat som beslutat', formatTime(d.decided_at));
		fact(dl, 'SHA-256', h('code', { class: 'hash', id: 'doc-sha' },
		    d.sha256));
	}
	if (d.archived_at)
		fact(dl, 'Arkiverat', formatTime(d.archived_at));
	fact(dl, 'Fil', `${d.file_name || ''} (${formatNumber(d.bytes)} byte)`);
	fact(dl, 'Skapat', formatTime(d.created_at));
	const links = clear($('#doc-links'));
	if (d.href) {
		const file = `/api/v1/documents/${d.id}/file`;
		links.append(h('a', { class: 'button secondary', href: file,
		    target: '_blank', rel: 'noopener', id: 'doc-open' },
		    'Öppna filen'), ' ', h('a', { class: 'button secondary',
		    href: file, download: d.file_name || `dokument-${d.id}`,
		    id: 'doc-download' }, 'Ladda ner'));
	} else {
		links.append(h('span', { class: 'hint' }, 'Din organisation ' +
		    'får se uppgifterna om dokumentet men inte filen.'));
	}
	drawActions(d);
	await drawVersions(d);
	$('#doc-detail').removeAttribute('aria-busy');
}

async function drawVersions(d) {
	const all = await apiAll('/documents', d.agreement_id ?
	    { agreement: d.agreement_id } : {});
	const series = all.filter((x) => x.series_id === d.series_id)
	    .sort((a, b) => b.version - a.version);
	const tb = clear($('#version-table tbody'));
	for (const v of series) {
		const cell = v.id === d.id ? h('strong', { 'aria-current':
		    'true' }, `${v.version} (visas)`) : h('a',
		    { href: urlFor(v.id) }, String(v.version));
		if (v.id !== d.id) {
			cell.addEventListener('click', (ev) => {
				ev.preventDefault();
				open(v.id, true);
			});
		}
		tb.append(h('tr', {}, h('td', { class: 'num' }, cell),
		    h('td', {}, STATUS[v.status] || v.status),
		    h('td', {}, v.decided_on || ''),
		    h('td', {}, v.status === 'utkast' ? '' : h('code',
		    { class: 'hash' }, v.sha256))));
	}
}

function drawActions(d) {
	const may = mayChange(d);
	const draft = d.status === 'utkast';
	$('#draft-actions').hidden = !(may && draft);
	$('#decided-actions').hidden = !(may && d.status === 'beslutad');
	$('#new-version').hidden = !d.latest;
	const ro = $('#doc-readonly');
	ro.hidden = may || !hasRole('samordnare');
	ro.textContent = 'Dokumentet tillhör en annan organisation: ' +
	    'du kan läsa det men inte ändra det.';
	if (d.status === 'arkiverad' && may) {
		ro.hidden = false;
		ro.textContent = 'Dokumentet är arkiverat och kan inte ändras.';
	}
	if (!(may && draft))
		return;
	const f = $('#edit-form');
	clearFieldErrors(f);
	$('#e-title').value = d.title;
	$('#e-diarie').value = d.diarienummer || '';
	$('#e-file').value = '';
	$('#e-refresh').checked = false;
	$('#e-file-field').hidden = d.kind !== 'fil';
	$('#e-refresh-field').hidden = d.kind === 'fil';
	clearFieldErrors($('#decide-form'));
	$('#d-ref').value = '';
	$('#d-on').value = '';
	fillDecisions(d);
}

// The meetings of an agreement's bodies, each with its body (read side
// by side).
async function meetingsOf(agreement) {
	const bodies = await apiAll(`/agreements/${agreement}/bodies`);
	const lists = await Promise.all(bodies.map((b) =>
	    apiAll(`/bodies/${b.id}/meetings`)));
	return bodies.flatMap((b, i) => lists[i].map((m) => ({ body: b, m })));
}

// The decisions (§) of the meetings of the document's agreement's bodies.
async function fillDecisions(d) {
	const sel = $('#d-decision');
	while (sel.options.length > 1)
		sel.remove(1);
	$('#d-decision-field').hidden = !d.agreement_id;
	if (!d.agreement_id)
		return;
	try {
		const meetings = await meetingsOf(d.agreement_id);
		const decs = await Promise.all(meetings.map(({ m }) =>
		    apiAll(`/meetings/${m.id}/decisions`)));
		if (current !== d)
			return;
		meetings.forEach(({ body, m }, i) => {
			for (const x of decs[i])
				sel.append(h('option', { value: x.id },
				    `${body.name}, ${String(m.starts_at).slice(0, 10)}` +
				    ` § ${x.paragraph}: ${x.text}`));
		});
	} catch (e) {
		/* Only a convenience: the free-text decision still works. */
	}
}

// The chosen file as {file_name, media_type, content (base64)}, or null.
function readFile(input) {
	const file = input.files && input.files[0];
	if (!file)
		return Promise.resolve(null);
	const ext = (file.name.split('.').pop() || '').toLowerCase();
	return new Promise((resolve, reject) => {
		const r = new FileReader();
		r.onload = () => resolve({ file_name: file.name, media_type:
		    MEDIA[ext] || file.type || 'application/octet-stream',
		    content: String(r.result).replace(/^data:[^,]*,/, '') });
		r.onerror = () => reject(r.error);
		r.readAsDataURL(file);
	});
}

// Shows an API error beside its field in form, else in the form's alert.
function fail(form, alert, e) {
	if (!e.field || !showFieldError(form, e.field, e.message)) {
		alert.textContent = e.message;
		alert.hidden = false;
	}
}

function wireForms() {
	$('#n-kind').value = 'fil';
	$('#n-kind').addEventListener('change', kindChanged);
	$('#n-agreement').addEventListener('change', kindChanged);
	kindChanged();
	$('#new-form').addEventListener('submit', create);
	$('#edit-form').addEventListener('submit', saveDraft);
	$('#decide-form').addEventListener('submit', decide);
	$('#delete-draft').addEventListener('click', deleteDraft);
	$('#new-version').addEventListener('click', newVersion);
	$('#archive').addEventListener('click', archive);
	window.addEventListener('popstate', () => {
		const id = Number(new URLSearchParams(location.search).get('id'));
		if (id)
			open(id, false);
		else
			$('#doc-detail').hidden = true;
	});
}

// The new-draft form asks for what the chosen kind is made from: a file,
// an agreement, or a plan or meeting of an agreement.
let sourceSeq = 0;
async function kindChanged() {
	const seq = ++sourceSeq;
	const kind = $('#n-kind').value;
	const agr = Number($('#n-agreement').value) || 0;
	$('#n-file-field').hidden = kind !== 'fil';
	const src = $('#n-source');
	clear(src);
	const needs = { handlingsplan: 'Åtgärdsplan', protokoll: 'Möte' }[kind];
	$('#n-source-field').hidden = !needs;
	if (!needs)
		return;
	$('#n-source-label').textContent = needs;
	if (!agr) {
		src.append(h('option', { value: '' }, 'Välj först en överenskommelse'));
		return;
	}
	const opts = kind === 'handlingsplan' ?
	    (await apiAll(`/agreements/${agr}/plans`)).map((p) =>
	    h('option', { value: p.id }, p.title)) :
	    (await meetingsOf(agr)).map(({ body, m }) =>
	    h('option', { value: m.id }, `${body.name}, ${formatTime(m.starts_at)}`));
	if (seq !== sourceSeq)
		return;		/* the choice changed meanwhile */
	src.append(...opts);
	if (!src.options.length)
		src.append(h('option', { value: '' }, 'Finns inga att välja'));
}

async function create(ev) {
	ev.preventDefault();
	const f = $('#new-form');
	clearFieldErrors(f);
	$('#new-error').hidden = true;
	const kind = $('#n-kind').value;
	const agr = Number($('#n-agreement').value) || 0;
	const body = { kind };
	const title = $('#n-title').value.trim();
	if (title)
		body.title = title;
	if ($('#n-diarie').value.trim())
		body.diarienummer = $('#n-diarie').value.trim();
	try {
		if (kind === 'fil') {
			const file = await readFile($('#n-file'));
			if (!file) {
				showFieldError(f, 'content', 'Välj en fil.');
				return;
			}
			Object.assign(body, file);
			if (agr)
				body.agreement_id = agr;
		} else if (kind === 'overenskommelse' || kind === 'uppfoljning') {
			if (!agr) {
				showFieldError(f, 'agreement_id',
				    'Välj överenskommelsen dokumentet görs av.');
				return;
			}
			body.source_id = agr;
		} else {
			const src = Number($('#n-source').value) || 0;
			if (!src) {
				showFieldError(f, 'source_id', kind === 'protokoll' ?
				    'Välj mötet.' : 'Välj åtgärdsplanen.');
				return;
			}
			body.source_id = src;
		}
		const d = await api('POST', '/documents', body);
		announce(`Utkastet ”${d.title}” är skapat.`);
		f.reset();
		$('#n-kind').value = 'fil';
		kindChanged();
		await drawList();
		await open(d.id, true);
	} catch (e) {
		fail(f, $('#new-error'), e);
	}
}

async function saveDraft(ev) {
	ev.preventDefault();
	const f = $('#edit-form');
	clearFieldErrors(f);
	$('#edit-error').hidden = true;
	const body = { title: $('#e-title').value.trim() };
	const dn = $('#e-diarie').value.trim();
	body.diarienummer = dn || null;
	try {
		if (current.kind === 'fil') {
			const file = await readFile($('#e-file'));
			if (file)
				Object.assign(body, file);
		} else if ($('#e-refresh').checked) {
			body.refresh = true;
		}
		await api('PATCH', `/documents/${current.id}`, body);
		announce('Utkastet är sparat.');
		await refresh(current.id);
	} catch (e) {
		fail(f, $('#edit-error'), e);
	}
}

async function decide(ev) {
	ev.preventDefault();
	const f = $('#decide-form');
	clearFieldErrors(f);
	$('#decide-error').hidden = true;
	const body = {};
	const dec = Number($('#d-decision').value) || 0;
	if (dec)
		body.decision_id = dec;
	else
		body.decision_ref = $('#d-ref').value.trim();
	if (!dec && !body.decision_ref) {
		showFieldError(f, 'decision_ref', 'Skriv vem som fattade ' +
		    'beslutet och när, eller välj ett beslut i samverkan.');
		return;
	}
	if ($('#d-on').value)
		body.decided_on = $('#d-on').value;
	try {
		await api('POST', `/documents/${current.id}/decide`, body);
		announce('Dokumentet är beslutat och låst.');
		await refresh(current.id);
	} catch (e) {
		fail(f, $('#decide-error'), e);
	}
}

async function deleteDraft() {
	if (!confirm(`Ta bort utkastet ”${current.title}”?`))
		return;
	try {
		await api('DELETE', `/documents/${current.id}`);
		announce('Utkastet är borttaget.');
		current = null;
		$('#doc-detail').hidden = true;
		history.pushState(null, '', urlFor(0));
		await drawList();
	} catch (e) {
		detailError(e);
	}
}

async function newVersion() {
	try {
		const d = await api('POST', `/documents/${current.id}/versions`, {});
		announce(`Version ${d.version} är skapad som utkast.`);
		await drawList();
		await open(d.id, true);
	} catch (e) {
		detailError(e);
	}
}

async function archive() {
	if (!confirm(`Arkivera ”${current.title}”? Det går inte att ångra.`))
		return;
	try {
		await api('POST', `/documents/${current.id}/archive`);
		announce('Dokumentet är arkiverat.');
		await refresh(current.id);
	} catch (e) {
		detailError(e);
	}
}

function detailError(e) {
	$('#detail-error').textContent = e.message;
	$('#detail-error').hidden = false;
}

async function refresh(id) {
	await drawList();
	current = await api('GET', `/documents/${id}`);
	await drawDetail();
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
