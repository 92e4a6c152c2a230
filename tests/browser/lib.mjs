// Shared plumbing of the browser tests: a demo database made by the real
// binary (`samverkan demo --no-serve`), `samverkan serve` on 127.0.0.1 with
// a free port, Debian's Chromium driven by playwright-core with a fresh
// profile, axe-core run inside each page, and screenshots kept in
// test-results/screenshots.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from
    'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { chromium } from 'playwright-core';
import { PG, newDatabaseUrl, dropDatabase } from '../api/lib.mjs';

const require = createRequire(import.meta.url);
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.SV_BIN || join(ROOT, 'build', 'samverkan');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
export const PASSWORD = 'demo-samverkan';
const CHROMIUM = process.env.SV_CHROMIUM || '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Builds a demo database in a new temporary directory; returns its path
// and a cleanup function.
// With SV_TEST_DB_BACKEND=pg (tests/api/lib.mjs) the demo is built on
// SQLite and moved into a new PostgreSQL database with migrate-data,
// which is much faster than generating it over the network.
export function demoDatabase() {
	const dir = mkdtempSync(join(tmpdir(), 'sv-browser-'));
	let db = join(dir, 'demo.db');
	execFileSync(BIN, ['demo', '--no-serve', '--db', db], { stdio:
	    ['ignore', 'ignore', 'pipe'], timeout: 120000 });
	if (PG) {
		const url = newDatabaseUrl(dir);
		execFileSync(BIN, ['migrate-data', '--from', 'sqlite:' + db,
		    '--to', url], { stdio: ['ignore', 'ignore', 'pipe'],
		    timeout: 120000 });
		db = url;
	}
	return { db, dir, cleanup: () => {
		rmSync(dir, { recursive: true, force: true });
		dropDatabase(db);
	} };
}

// Starts `samverkan serve` on a free port; resolves to {url, stop}.
export function startServer(db) {
	if (!existsSync(join(ROOT, 'web', 'vendor', 'leaflet', 'leaflet.js')))
		execFileSync('node', [join(ROOT, 'web', 'install-vendor.mjs')]);
	return new Promise((resolve, reject) => {
		const p = spawn(BIN, ['serve', '--db', db, '--listen',
		    '127.0.0.1:0', '--web', join(ROOT, 'web')], { stdio:
		    ['ignore', 'ignore', 'pipe'] });
		let err = '';
		const timer = setTimeout(() => {
			p.kill('SIGKILL');
			reject(new Error(`server did not start: ${err}`));
		}, 30000);
		p.stderr.on('data', (b) => {
			err += b.toString();
			const m = /listening on (http:\/\/[^\s/]+)/.exec(err);
			if (m) {
				clearTimeout(timer);
				resolve({ url: m[1], stop: () => new Promise((r) => {
					p.once('exit', r);
					p.kill('SIGTERM');
				}) });
			}
		});
		p.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited ${code}: ${err}`));
		});
	});
}

// Chromium headless with a fresh profile directory.
export async function launch() {
	const profile = mkdtempSync(join(tmpdir(), 'sv-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		    '--disable-quic', '--no-first-run',
		    '--disable-background-networking',
		    '--disable-component-update', '--disable-sync'],
		viewport: { width: 1280, height: 900 },
		locale: 'sv-SE',
		timezoneId: 'Europe/Stockholm',
	});
	context.setDefaultTimeout(20000);
	return { context, close: async () => {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	} };
}

// A new page that records script errors and CSP violations.
export async function newPage(context, opts = {}) {
	const page = await context.newPage();
	if (opts.viewport)
		await page.setViewportSize(opts.viewport);
	page.problems = [];
	// Requests under way, for tests that wait until a page has filled in.
	page.inflight = new Set();
	page.on('request', (r) => page.inflight.add(r));
	page.on('requestfinished', (r) => page.inflight.delete(r));
	page.on('requestfailed', (r) => page.inflight.delete(r));
	page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		const t = m.text();
		if (m.type() === 'error' && !/Failed to load resource/.test(t))
			page.problems.push(`console: ${t}`);
		if (/Content Security Policy/.test(t))
			page.problems.push(`csp: ${t}`);
	});
	return page;
}

export async function login(page, base, email) {
	/* Leave the page first: its requests still under way would otherwise
	 * meet the cleared cookie and end in a 401 the test did not cause. */
	await page.goto('about:blank');
	await page.context().clearCookies();
	await page.goto(`${base}/index.html`);
	await page.fill('#email', email);
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#who-role');
}

// Logs out from any page (also web/samverkan/) and waits for the login
// page itself, so no navigation is still under way when the test goes on.
export async function logout(page) {
	await page.click('#logout');
	await page.waitForURL((u) => u.pathname === '/index.html' &&
	    u.searchParams.get('utloggad') === '1');
	await page.waitForSelector('#login-form');
}

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page; returns the
// serious and critical violations. Evaluated through the DevTools
// protocol, so the page's CSP stays as it is.
export async function axe(page) {
	await page.evaluate(AXE);
	const r = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
		    'wcag21aa'] },
	}));
	return r.violations.filter((v) => v.impact === 'serious' ||
	    v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ` +
	    `${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' '))
	    .join(' | ')}`);
}

export async function screenshot(page, name) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, `${name}.png`),
	    fullPage: true });
}

// RFC 4648 base32 (upper case, no padding), as TOTP secrets are written.
function base32Decode(text) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, acc = 0;
	const out = [];
	for (const ch of text) {
		acc = (acc << 5) | alphabet.indexOf(ch);
		bits += 5;
		if (bits >= 8) {
			out.push((acc >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

// The code an authenticator app shows for a 30-second step (RFC 6238).
export function totpCode(secret, step) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
	const bin = (mac.readUInt32BE(mac[19] & 15) & 0x7fffffff) % 1000000;
	return String(bin).padStart(6, '0');
}
