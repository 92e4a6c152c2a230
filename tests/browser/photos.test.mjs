// Photos on the report page: a reporter attaches a JPEG carrying EXIF with
// a GPS position and a PNG with text chunks to an incident; both are saved
// without their metadata (the server says how much it removed), and a file
// that is not a picture is reported beside the confirmation while the
// incident itself is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDatabase, startServer, launch, newPage, login, axe,
    screenshot, ROOT } from './lib.mjs';

let demo, server, browser;
const corpus = (name) => ({ name, buffer: readFileSync(join(ROOT,
    'tests/fuzz/corpus/image', name)) });

before(async () => {
	demo = demoDatabase();
	server = await startServer(demo.db);
	browser = await launch();
});

after(async () => {
	if (browser)
		await browser.close();
	if (server)
		await server.stop();
	if (demo)
		demo.cleanup();
});

async function report(page, files) {
	await page.goto(`${server.url}/rapportera.html`);
	await page.waitForSelector('#category-1 optgroup', { state: 'attached' });
	await page.selectOption('#category-1', 'skadegorelse.klotter');
	await page.selectOption('#area-1', { label: 'Råby centrum' });
	await page.setInputFiles('#photos-1', files);
	await page.click('#send');
	await page.waitForSelector('#status:not([hidden]) #sent-list li');
	const m = /Nr (\d+):/.exec(await page.textContent('#sent-list li'));
	assert.ok(m);
	return Number(m[1]);
}

// The photos of an incident as the page's session reads them.
async function photosOf(page, id) {
	return page.evaluate(async (i) => {
		const r = await fetch(`/api/v1/incidents/${i}/photos`);
		return (await r.json()).items;
	}, id);
}

test('photos are attached to the reported incident without metadata', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	const id = await report(page, [
		{ ...corpus('jpeg_exif_gps'), mimeType: 'image/jpeg', name: 'klotter.jpg' },
		{ ...corpus('png_text_exif'), mimeType: 'image/png', name: 'klotter.png' },
	]);
	assert.equal(await page.locator('#photo-errors').count(), 0);
	const photos = await photosOf(page, id);
	assert.deepEqual(photos.map((p) => p.media_type), ['image/jpeg', 'image/png']);
	const bytes = await page.evaluate(async (href) => {
		const r = await fetch(href);
		return [...new Uint8Array(await r.arrayBuffer())];
	}, photos[0].href);
	const text = Buffer.from(bytes).toString('latin1');
	assert.ok(!text.includes('Exif') && !text.includes('Anna'), 'metadata gone');
	assert.equal(bytes.length, photos[0].bytes);
	await screenshot(page, 'rapportera-foto');
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('a file that is not a picture is named; the incident is saved', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	const id = await report(page, [{ name: 'anteckning.jpg', mimeType: 'image/jpeg',
		buffer: Buffer.from('inte en bild') }]);
	const err = await page.textContent('#photo-errors');
	assert.match(err, new RegExp(`anteckning.jpg till nr ${id} sparades inte: .*inte en hel JPEG- eller PNG-bild`));
	assert.deepEqual(await photosOf(page, id), []);
	assert.deepEqual(await axe(page), []);
	await page.close();
});
