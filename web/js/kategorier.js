// Kategorier: the category tree; coordinators add categories, and
// deactivate, reactivate or delete them.
import { api } from './api.js';
import { start, hasRole, announce, showFieldError, clearFieldErrors } from
    './app.js';
import { $, h, clear } from './util.js';

async function main() {
	await start();
	await draw();
	$('#cat-form').addEventListener('submit', add);
}

async function draw() {
	const r = await api('GET', '/categories');
	const cats = r.items || r;
	const tree = clear($('#cat-tree'));
	const list = (parent) => {
		const ul = h('ul', {});
		for (const c of cats.filter((x) => (x.parent || null) === parent)) {
			const li = h('li', { id: `cat-${c.code}` }, h('strong', {},
			    c.name), ' ', h('code', {}, c.code), ' ',
			    c.est ? h('span', { class: 'tag' }, 'EST') : null, ' ',
			    c.active === false ? h('span', { class: 'tag' },
			    'inaktiv') : null);
			if (hasRole('samordnare')) {
				const t = h('button', { type: 'button',
				    class: 'secondary' }, c.active === false ?
				    'Aktivera' : 'Inaktivera', h('span',
				    { class: 'visually-hidden' }, ` ${c.name}`));
				t.addEventListener('click', () => toggle(c));
				li.append(' ', t);
			}
			const kids = cats.filter((x) => x.parent === c.code);
			if (kids.length)
				li.append(list(c.code));
			ul.append(li);
		}
		return ul;
	};
	tree.append(list(null));
	const sel = $('#c-parent');
	while (sel.options.length > 1)
		sel.remove(1);
	for (const c of cats.filter((x) => !x.parent))
		sel.append(h('option', { value: c.code }, c.name));
}

async function toggle(c) {
	try {
		await api('PATCH', `/categories/${encodeURIComponent(c.code)}`,
		    { active: c.active === false });
		announce(`${c.name} är ${c.active === false ? 'aktiverad' :
		    'inaktiverad'}.`);
		await draw();
	} catch (e) {
		announce(`Kunde inte ändra ${c.name}: ${e.message}`, 'bad');
	}
}

async function add(ev) {
	ev.preventDefault();
	const f = $('#cat-form');
	clearFieldErrors(f);
	$('#cat-error').hidden = true;
	const body = { code: $('#c-code').value.trim(),
	    name: $('#c-name').value.trim() };
	if ($('#c-parent').value)
		body.parent = $('#c-parent').value;
	try {
		await api('POST', '/categories', body);
		announce(`Kategorin ${body.name} är tillagd.`);
		f.reset();
		await draw();
	} catch (e) {
		if (!e.field || !showFieldError(f, e.field, e.message)) {
			$('#cat-error').textContent = e.message;
			$('#cat-error').hidden = false;
		}
	}
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
