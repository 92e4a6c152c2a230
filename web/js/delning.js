// Delning: an organisation admin sets how much of the organisation's data
// (incidents, dialogue notes, documents) each other organisation sees
// (POST and DELETE /sharing), and a national admin (admin of an
// organisation without a parent) changes the trust settings (PATCH
// /settings/trust). Everyone with the page sees the current values.
import { api } from './api.js';
import { start, session, announce, showFieldError, clearFieldErrors } from
    './app.js';
import { $, h, clear } from './util.js';

const KINDS = ['incident', 'dialogue', 'document'];
const KIND_NAMES = { incident: 'Händelser', dialogue: 'Dialoger',
    document: 'Dokument' };
const LEVELS = ['full', 'no_text', 'aggregated', 'none'];
const LEVEL_NAMES = { full: 'Allt', no_text: 'Utan fritext',
    aggregated: 'Endast sammanräknat', none: 'Inget' };
// The system's level when the owner has no rule at all.
const SYSTEM_DEFAULT = 'no_text';

const SETTINGS = {
	pii_mode: 'Personuppgifter i fritext',
	min_count: 'Minsta antal i sammanräknade siffror',
	'retention.incident_text': 'Dagar tills en händelses fritext och ' +
	    'rapportör tas bort (0 = sparas)',
	'retention.incident': 'Dagar tills en händelse raderas (0 = sparas)',
	'retention.photo': 'Dagar tills en händelses foton raderas ' +
	    '(0 = sparas med händelsen)',
	'retention.withdrawn': 'Dagar tills en återkallad händelse raderas ' +
	    '(0 = sparas)',
	'retention.session': 'Dagar som en utgången inloggning sparas ' +
	    '(0 = sparas)',
	'retention.token': 'Dagar som en återkallad API-nyckel sparas ' +
	    '(0 = sparas)',
};
const PII_MODES = { refuse: 'Stoppa: texten sparas inte',
    mask: 'Maskera: ersätts med t.ex. [personnummer]' };

let orgs = [];
let rules = [];

async function main() {
	const s = await start({ role: 'admin' });
	orgs = (await api('GET', '/organisations')).items || [];
	fillOwners(s.user.organisation);
	await loadRules();
	drawRules();
	$('#s-owner').addEventListener('change', drawRules);
	$('#share-form').addEventListener('submit', saveRules);
	$('#share-undo').addEventListener('click', () => {
		drawRules();
		announce('Ändringarna är ångrade.');
	});
	$('#trust-form').addEventListener('submit', saveSettings);
	await drawSettings();
}

function orgName(code) {
	const o = orgs.find((x) => x.code === code);
	return o ? o.name : code;
}

// The admin's own organisation and every organisation below it.
function fillOwners(own) {
	const mine = new Set([own]);
	for (let grew = true; grew;) {
		grew = false;
		for (const o of orgs)
			if (o.parent && mine.has(o.parent) && !mine.has(o.code)) {
				mine.add(o.code);
				grew = true;
			}
	}
	const sel = $('#s-owner');
	for (const code of mine)
		sel.append(h('option', { value: code, selected: code === own },
		    orgName(code)));
	sel.closest('.field').hidden = mine.size === 1;
}

async function loadRules() {
	rules = (await api('GET', '/sharing')).items || [];
}

function ruleOf(owner, reader, kind) {
	const r = rules.find((x) => x.owner === owner &&
	    (x.reader || null) === reader && x.kind === kind);
	return r ? r.level : '';
}

function levelSelect(owner, reader, kind, readerName) {
	const current = ruleOf(owner, reader, kind);
	const fallback = reader === null ? SYSTEM_DEFAULT :
	    ruleOf(owner, null, kind) || SYSTEM_DEFAULT;
	const sel = h('select', {
		'aria-label': `${KIND_NAMES[kind]} för ${readerName}`,
		'data-reader': reader || '', 'data-kind': kind,
		'data-current': current,
		'data-field': `${reader || '*'}:${kind}`,
	}, h('option', { value: '' }, reader === null ?
	    `${LEVEL_NAMES[SYSTEM_DEFAULT]} (standard)` :
	    `Som standard (${LEVEL_NAMES[fallback]})`));
	for (const l of LEVELS)
		sel.append(h('option', { value: l, selected: l === current },
		    LEVEL_NAMES[l]));
	return sel;
}

function drawRules() {
	const owner = $('#s-owner').value;
	const tb = clear($('#share-table tbody'));
	clearFieldErrors($('#share-form'));
	$('#share-error').hidden = true;
	$('#share-caption').textContent = `Vad andra organisationer ser av ` +
	    `uppgifterna som ägs av ${orgName(owner)}`;
	const readers = [[null, 'Alla andra organisationer (standard)'],
	    ...orgs.filter((o) => o.code !== owner).map((o) => [o.code,
	    o.name])];
	for (const [reader, name] of readers) {
		const tr = h('tr', { 'data-reader': reader || '' },
		    h('th', { scope: 'row' }, name));
		for (const k of KINDS)
			tr.append(h('td', { class: 'field' },
			    levelSelect(owner, reader, k, name)));
		tb.append(tr);
	}
}

async function saveRules(ev) {
	ev.preventDefault();
	const f = $('#share-form');
	const owner = $('#s-owner').value;
	clearFieldErrors(f);
	$('#share-error').hidden = true;
	const changed = [...f.querySelectorAll('select[data-kind]')]
	    .filter((s) => s.value !== s.dataset.current);
	if (!changed.length) {
		announce('Inga ändringar att spara.', 'warn');
		return;
	}
	$('#share-save').disabled = true;
	let done = 0;
	try {
		for (const sel of changed) {
			const reader = sel.dataset.reader || null;
			const kind = sel.dataset.kind;
			try {
				if (sel.value === '')
					await api('DELETE', '/sharing', null, { owner,
					    kind, ...(reader ? { reader } : {}) });
				else
					await api('POST', '/sharing', { owner, reader,
					    kind, level: sel.value });
				done++;
			} catch (e) {
				showFieldError(f, sel.dataset.field, e.message);
				$('#share-error').textContent = 'Regeln för ' +
				    `${sel.getAttribute('aria-label')} sparades inte: ` +
				    `${e.message}`;
				$('#share-error').hidden = false;
				sel.focus();
				break;
			}
		}
	} finally {
		$('#share-save').disabled = false;
	}
	await loadRules();
	if ($('#share-error').hidden) {
		drawRules();
		announce(done === 1 ? 'En regel är sparad.' :
		    `${done} regler är sparade.`);
	}
}

function isNationalAdmin() {
	const s = session();
	return s.user.role === 'admin' && s.organisation &&
	    !s.organisation.parent;
}

async function drawSettings() {
	const items = (await api('GET', '/settings/trust')).items || [];
	const national = isNationalAdmin();
	const tb = clear($('#trust-table tbody'));
	$('#trust-actions').hidden = !national;
	$('#trust-who').textContent = national ? 'Gäller hela installationen. ' +
	    'Du är nationell administratör och kan ändra dem; varje ändring ' +
	    'skrivs i loggboken.' : 'Gäller hela installationen och ändras ' +
	    'av en nationell administratör (administratör för en ' +
	    'organisation utan överordnad).';
	for (const it of items) {
		const label = SETTINGS[it.name] || it.name;
		const id = `t-${it.name.replace(/\./g, '-')}`;
		let value;
		if (!national) {
			value = it.name === 'pii_mode' ? PII_MODES[it.value] ||
			    it.value : String(it.value);
		} else if (it.name === 'pii_mode') {
			value = h('select', { id, 'data-field': it.name,
			    'data-current': it.value, 'aria-labelledby':
			    `${id}-h` });
			for (const [k, v] of Object.entries(PII_MODES))
				value.append(h('option', { value: k,
				    selected: k === it.value }, v));
		} else {
			value = h('input', { type: 'number', id, inputmode: 'numeric',
			    'data-field': it.name, 'data-current': it.value,
			    value: it.value, min: it.name === 'min_count' ? 1 : 0,
			    max: it.name === 'min_count' ? 1000 : 36500,
			    'aria-labelledby': `${id}-h` });
		}
		const def = h('td', {}, it.default ? 'Ja' : 'Nej');
		if (national && !it.default) {
			const reset = h('button', { type: 'button',
			    class: 'secondary' }, 'Återställ',
			    h('span', { class: 'visually-hidden' }, ` ${label}`));
			reset.addEventListener('click', () => resetSetting(it.name,
			    label));
			def.append(' ', reset);
		}
		tb.append(h('tr', {}, h('th', { scope: 'row', id: `${id}-h` },
		    label), h('td', { class: 'field' }, value), def));
	}
}

async function saveSettings(ev) {
	ev.preventDefault();
	const f = $('#trust-form');
	clearFieldErrors(f);
	$('#trust-error').hidden = true;
	const body = {};
	for (const el of f.querySelectorAll('[data-field]')) {
		if (el.value === String(el.dataset.current))
			continue;
		body[el.dataset.field] = el.type === 'number' &&
		    /^-?\d+$/.test(el.value) ? Number(el.value) : el.value;
	}
	if (!Object.keys(body).length) {
		announce('Inga ändringar att spara.', 'warn');
		return;
	}
	try {
		await api('PATCH', '/settings/trust', body);
	} catch (e) {
		if (!e.field || !showFieldError(f, e.field, e.message)) {
			$('#trust-error').textContent = e.message;
			$('#trust-error').hidden = false;
		}
		const bad = f.querySelector('[aria-invalid="true"]');
		if (bad)
			bad.focus();
		return;
	}
	await drawSettings();
	announce('Inställningarna är sparade.');
}

async function resetSetting(name, label) {
	try {
		await api('PATCH', '/settings/trust', { [name]: null });
	} catch (e) {
		announce(`Kunde inte återställa ${label}: ${e.message}`, 'bad');
		return;
	}
	await drawSettings();
	announce(`${label} har fått standardvärdet igen.`);
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
