// The program as a Unix tool (issue 2, item 9), checked over the command
// table src/cli/commands.def so that a new subcommand is covered at once:
// --version; --help on every subcommand (exit 0, stdout, every option of
// the subcommand's getopt table documented); the man page naming every
// subcommand and option and rendering without warnings; bad usage exiting
// 2 with a message naming the option; failures exiting 1 with one line
// naming the file and the reason; settings taken from the flag, then the
// config file, then SAMVERKAN_* (on the real setting db); and logs of one
// line per event on stderr.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.SV_BIN || path.join(ROOT, 'build/samverkan');
const MAN = path.join(ROOT, 'man/samverkan.1');

// The environment without any SAMVERKAN_* the caller may have set.
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env)
  .filter(([k]) => !k.startsWith('SAMVERKAN_')));

function run(args, { env = {}, input = '', cwd } = {}) {
  const r = spawnSync(BIN, args, {
    env: { ...CLEAN_ENV, ...env }, input, cwd: cwd || dir, encoding: 'utf8', timeout: 60000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

// The subcommands, in table order.
const COMMANDS = [...readFileSync(path.join(ROOT, 'src/cli/commands.def'), 'utf8')
  .matchAll(/^SV_COMMAND\("([^"]+)",\s*(\w+),\s*"([^"]*)"\)/gm)]
  .map(([, name, fn, summary]) => ({ name, fn, summary }));

// Every long option a subcommand's getopt_long tables accept, so that
// --help cannot silently miss one: all tables of its source file, or of
// its function's body when the file holds several commands (agreement
// and due).
const SOURCES = readdirSync(path.join(ROOT, 'src/cli')).filter((f) => /^cmd_.*\.c$/.test(f))
  .map((f) => readFileSync(path.join(ROOT, 'src/cli', f), 'utf8'));
const defines = (src, fn) => new RegExp(`^${fn}\\(int argc`, 'm').test(src);
function sourceOptions(name) {
  const fn = COMMANDS.find((c) => c.name === name).fn;
  const src = SOURCES.find((s) => defines(s, fn));
  assert.ok(src, `no definition of ${fn}`);
  let text = src;
  if (COMMANDS.filter((c) => defines(src, c.fn)).length > 1) {
    const start = src.search(new RegExp(`^${fn}\\(int argc`, 'm'));
    text = src.slice(start, src.indexOf('\n}\n', start));
  }
  return [...new Set([...text.matchAll(/\{\s*"([a-z0-9-]+)",\s*(?:no|required|optional)_argument/g)]
    .map((m) => m[1]))];
}

// The --options a text mentions.
const mentioned = (text) => new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => m[1]));

// The first words that reach a subcommand's own option parser.
const ACTION = {
  org: ['list'], user: ['add'], token: ['create'], import: ['incidents'],
  export: ['incidents'], analyze: ['moran'], audit: ['verify'], retention: ['run'],
  agreement: ['list'], archive: ['export'],
};
// Commands that need an existing installation, with the rest of a valid
// command line; a missing file is a failure, not a new empty database.
const NEEDS_DB = {
  export: ['incidents', '--format', 'csv'],
  lagesbild: ['--area', '1980', '--period', '2026-W47'],
  audit: ['verify'],
  backup: ['--check'],
  token: ['create', '--user', 'a@example.se'],
  retention: ['run'],
  archive: ['export', '--out', 'pkg'],
  org: ['list'],
  agreement: ['list'],
  due: [],
  user: ['add', '--org', 'X', '--role', 'lasare', '--email', 'a@example.se', '--password-stdin'],
};

let dir;
before(() => { dir = mkdtempSync(path.join(tmpdir(), 'sv-cli-')); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

test('the command table is read and every command has options', () => {
  assert.ok(COMMANDS.length >= 15, `only ${COMMANDS.length} commands parsed`);
  for (const c of COMMANDS)
    if (c.name !== 'version') assert.ok(sourceOptions(c.name).includes('help'), c.name);
});

test('--version and version print the project version on stdout', () => {
  const version = readFileSync(path.join(ROOT, 'meson.build'), 'utf8').match(/version\s*:\s*'([^']+)'/)[1];
  for (const args of [['--version'], ['-V'], ['version']]) {
    const r = run(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.equal(r.out, `samverkan ${version}\n`);
    assert.equal(r.err, '');
  }
  const r = run(['version', '--extra']);
  assert.equal(r.status, 2);
  assert.match(r.err, /--extra/);
});

test('samverkan --help lists every command on stdout; no command is bad usage', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  assert.equal(r.err, '');
  for (const c of COMMANDS)
    assert.match(r.out, new RegExp(`^  ${c.name} +${c.summary.replace(/[()*]/g, '\\$&')}$`, 'm'), c.name);
  const none = run([]);
  assert.equal(none.status, 2);
  assert.equal(none.out, '');
  assert.match(none.err, /^usage: samverkan/);
  const bad = run(['no-such-command']);
  assert.equal(bad.status, 2);
  assert.match(bad.err, /unknown command 'no-such-command'/);
});

for (const c of COMMANDS) {
  test(`${c.name} --help: exit 0, usage on stdout, every option documented`, () => {
    const forms = [[c.name, '--help'], [c.name, '-h']];
    if (ACTION[c.name]) forms.push([c.name, ...ACTION[c.name], '--help']);
    let help = '';
    for (const args of forms) {
      const r = run(args);
      assert.equal(r.status, 0, args.join(' '));
      assert.equal(r.err, '', args.join(' '));
      assert.match(r.out, new RegExp(`^usage: samverkan ${c.name}\\b`), args.join(' '));
      help = r.out;
    }
    const documented = mentioned(help);
    for (const o of sourceOptions(c.name))
      if (o !== 'help') assert.ok(documented.has(o), `${c.name} --help does not mention --${o}`);
  });
}

test('the man page documents every command and every option --help prints', () => {
  const man = readFileSync(MAN, 'utf8');
  // In the man source a long option is written \-\-name.
  const manOptions = new Set([...man.matchAll(/\\-\\-([a-z][a-z0-9\\-]*[a-z0-9])/g)]
    .map((m) => m[1].replace(/\\-/g, '-')));
  for (const c of COMMANDS) {
    const heading = `.SS samverkan ${c.name.replace(/-/g, '\\-')}`;
    assert.ok(man.split('\n').includes(heading), `no "${heading}" in the man page`);
    const help = run([c.name, '--help']).out;
    for (const o of new Set([...mentioned(help), ...sourceOptions(c.name)]))
      assert.ok(manOptions.has(o), `the man page does not mention ${c.name} --${o}`);
  }
  for (const o of ['config', 'log-level', 'version', 'help']) assert.ok(manOptions.has(o), `--${o}`);
  for (const s of ['CONFIGURATION FILE', 'ENVIRONMENT', 'EXIT STATUS', 'FILES', 'EXAMPLES'])
    assert.ok(man.includes(`.SH ${s}`), s);
  for (const key of ['db', 'listen', 'web', 'threads', 'max_per_ip', 'secure_cookies', 'log_level'])
    assert.ok(man.includes(`SAMVERKAN_${key.toUpperCase()}`), key);
});

test('the man page renders without warnings', () => {
  const g = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', MAN], { encoding: 'utf8' });
  assert.equal(g.error, undefined, 'groff is missing (scripts/debian-packages.txt: groff-base)');
  assert.equal(g.status, 0);
  assert.equal(g.stderr, '');
  const m = spawnSync('man', ['--warnings', '-l', MAN], {
    encoding: 'utf8', env: { ...CLEAN_ENV, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' },
  });
  if (m.error === undefined) {
    assert.equal(m.status, 0);
    assert.equal(m.stderr, '');
    assert.match(m.stdout, /samverkan import areas/);
  }
});

for (const c of COMMANDS) {
  test(`${c.name}: bad usage exits 2 naming the option`, () => {
    const pre = [c.name, ...(ACTION[c.name] || [])];
    const r = run([...pre, '--no-such-option']);
    assert.equal(r.status, 2);
    assert.equal(r.out, '');
    assert.match(r.err, new RegExp(`^samverkan ${c.name}: .*'--no-such-option'`));
    const takesValue = sourceOptions(c.name).find((o) => o === 'db' || o === 'from');
    if (takesValue) {
      const m = run([...pre, `--${takesValue}`]);
      assert.equal(m.status, 2);
      assert.match(m.err, new RegExp(`option '--${takesValue}' needs a value`));
    }
    const flag = { serve: 'secure-cookies', demo: 'fresh', backup: 'check', retention: 'dry-run' }[c.name];
    if (flag) {
      const f = run([...pre, `--${flag}=1`]);
      assert.equal(f.status, 2);
      assert.match(f.err, new RegExp(`option '--${flag}' takes no value`));
    }
  });
}

test('values out of range are bad usage naming the option', () => {
  for (const [args, opt] of [
    [['serve', '--db', 'x.db', '--threads', '0'], '--threads'],
    [['demo', '--days', '0', '--no-serve'], '--days'],
    [['audit', 'list', '--db', 'x.db', '--limit', 'many'], '--limit'],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.ok(r.err.includes(opt), r.err);
  }
  assert.ok(!existsSync(path.join(dir, 'x.db')), 'bad usage must not touch the database');
});

test('option values the engine refuses are bad usage too; a busy port is a failure naming it', async () => {
  const db = path.join(dir, 'values.db');
  assert.equal(run(['migrate', '--db', db]).status, 0);
  for (const [args, opt] of [[['--period', '2026-W99'], '--period'], [['--period', '2026-W47', '--kde-sigma', '-1'], '--kde-sigma']]) {
    const r = run(['lagesbild', '--db', db, '--area', '1980', ...args]);
    assert.equal(r.status, 2, r.err);
    assert.ok(r.err.startsWith(`samverkan lagesbild: ${opt}: `), r.err);
  }
  const unknownArea = run(['lagesbild', '--db', db, '--area', '9999', '--period', '2026-W47']);
  assert.equal(unknownArea.status, 1);
  assert.equal(unknownArea.err, "samverkan lagesbild: area: no area with code '9999'\n");

  const { createServer } = await import('node:net');
  const busy = createServer();
  await new Promise((r) => busy.listen(0, '127.0.0.1', r));
  const addr = `127.0.0.1:${busy.address().port}`;
  const r = spawnSync(BIN, ['serve', '--db', db, '--listen', addr], { env: CLEAN_ENV, cwd: dir, encoding: 'utf8', timeout: 30000 });
  busy.close();
  assert.equal(r.status, 1, r.stderr);
  const said = r.stderr.split('\n').filter((l) => l && !l.startsWith('ts='));
  assert.deepEqual(said, [`samverkan serve: listen: cannot listen on ${addr}: Address already in use`]);
});

test('a missing database file is a one-line failure naming it, and is not created', () => {
  for (const [name, rest] of Object.entries(NEEDS_DB)) {
    const db = path.join(dir, `missing-${name}.db`);
    const pre = ACTION[name] ? 1 : 0;	// the action word comes first
    const r = run([name, ...rest.slice(0, pre), '--db', db, ...rest.slice(pre)], { input: 'ett långt lösenord\n' });
    assert.equal(r.status, 1, name);
    assert.equal(r.err, `samverkan ${name}: ${db}: No such file or directory\n`, name);
    assert.ok(!existsSync(db), `${name} created ${db}`);
  }
  const m = run(['migrate', '--db', path.join(dir, 'no-such-dir', 'x.db')]);
  assert.equal(m.status, 1);
  assert.match(m.err, /^samverkan migrate: .*no-such-dir\/x\.db: unable to open database file\n$/);
  const i = run(['import', 'incidents', '--db', path.join(dir, 'imp.db'), '--format', 'csv', path.join(dir, 'no-such.csv')]);
  assert.equal(i.status, 1);
  assert.match(i.err.trim().split('\n').pop(), /no-such\.csv: cannot open/);
});

test('settings: flag over config file over SAMVERKAN_* (db)', () => {
  for (const code of ['FLAG', 'CONF', 'ENVV']) {
    const r = run(['org', 'add', '--db', path.join(dir, `${code}.db`), '--code', code, '--name', code, '--kind', 'ovrig']);
    assert.equal(r.status, 0, r.err);
  }
  const conf = path.join(dir, 'samverkan.conf');
  writeFileSync(conf, `# a comment\n\ndb = ${path.join(dir, 'NONE.db')}\n  db = ${path.join(dir, 'CONF.db')}  \n`);
  const env = { SAMVERKAN_DB: path.join(dir, 'ENVV.db') };
  const listed = (r) => { assert.equal(r.status, 0, r.err); return r.out.split('\t')[0]; };
  assert.equal(listed(run(['--config', conf, 'org', 'list', '--db', path.join(dir, 'FLAG.db')], { env })), 'FLAG');
  assert.equal(listed(run(['--config', conf, 'org', 'list'], { env })), 'CONF');
  assert.equal(listed(run(['org', 'list'], { env: { ...env, SAMVERKAN_CONFIG: conf } })), 'CONF');
  assert.equal(listed(run(['org', 'list'], { env })), 'ENVV');
  const none = run(['org', 'list']);
  assert.equal(none.status, 2);
  assert.match(none.err, /--db is required/);

  const missing = path.join(dir, 'no-such.conf');
  const m = run(['--config', missing, 'org', 'list'], { env });
  assert.equal(m.status, 1);
  assert.equal(m.err, `samverkan: ${missing}: No such file or directory\n`);
  const badConf = path.join(dir, 'bad.conf');
  writeFileSync(badConf, 'db = x.db\nthis line has no equals sign\n');
  const b = run(['org', 'list'], { env: { ...env, SAMVERKAN_CONFIG: badConf } });
  assert.equal(b.status, 2);
  assert.equal(b.err, `samverkan: ${badConf}:2: expected key = value\n`);
  const n = run(['--config'], { env });
  assert.equal(n.status, 2);
  assert.equal(n.err, 'samverkan: --config needs a value\n');
});

// Issue 2: a mistyped key used to be ignored and its default used in
// silence. Every key the program reads (each cli_setting call in src/)
// must load; anything else is bad usage naming file, line and key.
const SAMPLE_VALUES = {
  db: 'x.db', listen: '127.0.0.1:0', web: 'web', threads: '2', max_per_ip: '5',
  secure_cookies: 'yes', log_level: 'warn', auth_key_file: 'x.key',
};

function settingKeys() {
  const keys = new Set();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.c')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/cli_setting\([^,]+,\s*"([^"]+)"/g)) keys.add(m[1]);
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  return [...keys].sort();
}

test('config file: every setting the program reads loads; unknown keys and wrong types are refused', () => {
  const keys = settingKeys();
  assert.ok(keys.includes('db') && keys.includes('log_level'), keys.join(','));
  const conf = path.join(dir, 'all.conf');
  for (const k of keys) assert.ok(k in SAMPLE_VALUES, `a sample value for the setting ${k}`);
  writeFileSync(conf, keys.map((k) => `${k} = ${SAMPLE_VALUES[k]}`).join('\n') + '\n');
  const ok = run(['--config', conf, 'version']);
  assert.equal(ok.status, 0, ok.err);

  const bad = (text) => {
    const f = path.join(dir, 'strict.conf');
    writeFileSync(f, text);
    const r = run(['--config', f, 'version']);
    assert.equal(r.status, 2, r.err);
    assert.equal(r.out, '');
    return r.err.replace(f, 'F');
  };
  assert.equal(bad('db = x.db\n\nthread = 4\n'), "samverkan: F:3: unknown key 'thread' (did you mean 'threads'?)\n");
  assert.equal(bad('max-per-ip = 4\n'), "samverkan: F:1: unknown key 'max-per-ip' (did you mean 'max_per_ip'?)\n");
  assert.equal(bad('# tiles\nlsiten = 127.0.0.1:80\n'), "samverkan: F:2: unknown key 'lsiten' (did you mean 'listen'?)\n");
  assert.equal(bad('colour = blue\n'), "samverkan: F:1: unknown key 'colour'\n");
  assert.equal(bad('threads = many\n'), "samverkan: F:1: threads: 'many' is not a whole number from 1 to 64\n");
  assert.equal(bad('threads = 65\n'), "samverkan: F:1: threads: '65' is not a whole number from 1 to 64\n");
  assert.equal(bad('max_per_ip = -1\n'), "samverkan: F:1: max_per_ip: '-1' is not a whole number from 0 to 100000\n");
  assert.equal(bad('secure_cookies = on\n'), "samverkan: F:1: secure_cookies: 'on' is not 0 or 1 (no/yes, false/true)\n");
  assert.equal(bad('log_level = loud\n'), "samverkan: F:1: log_level: 'loud' is not debug, info, warn or error\n");
  assert.equal(bad('listen = localhost\n'),
    "samverkan: F:1: listen: 'localhost' is not an address to listen on (expected HOST:PORT, e.g. 127.0.0.1:8080)\n");
  assert.match(bad('listen = 127.0.0.1:99999\n'), /^samverkan: F:1: listen: '127\.0\.0\.1:99999' is not an address to listen on \(.+\)\n$/);
  // The file is refused before any command runs, whatever the command.
  assert.match(bad('dbb = x.db\n'), /did you mean 'db'/);
});

test('config file: the man page documents every key the program reads', () => {
  const man = readFileSync(MAN, 'utf8');
  const section = man.slice(man.indexOf('.SH CONFIGURATION FILE'), man.indexOf('.SH ENVIRONMENT'));
  const env = man.slice(man.indexOf('.SH ENVIRONMENT'), man.indexOf('.SH EXIT STATUS'));
  for (const k of settingKeys()) {
    assert.match(section, new RegExp(`^\\.B ${k}$`, 'm'), `${k} in CONFIGURATION FILE`);
    assert.ok(env.includes(`SAMVERKAN_${k.toUpperCase()}`), `SAMVERKAN_${k.toUpperCase()} in ENVIRONMENT`);
  }
});

test('config file: every example the repository ships loads', () => {
  const examples = [];
  const deploy = readFileSync(path.join(ROOT, 'docs/deployment.md'), 'utf8');
  const block = deploy.match(/`\/etc\/samverkan\/samverkan\.conf` \(key = value[\s\S]*?```\n([\s\S]*?)```/);
  assert.ok(block, 'docs/deployment.md shows samverkan.conf');
  examples.push(['docs/deployment.md', block[1]]);
  const man = readFileSync(MAN, 'utf8').match(/printf \\\(aq(.*?)\\\(aq/);
  assert.ok(man, 'the man page shows a config file');
  examples.push(['man/samverkan.1', man[1].replaceAll('\\en', '\n').replaceAll('\\-', '-')]);
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').match(/echo '(.*?)' > samverkan\.conf/);
  assert.ok(readme, 'the README shows a config file');
  examples.push(['README.md', readme[1] + '\n']);
  const corpus = path.join(ROOT, 'tests/fuzz/corpus/config/full');
  examples.push(['tests/fuzz/corpus/config/full', readFileSync(corpus, 'utf8')]);
  for (const [where, text] of examples) {
    assert.ok(text.includes('db = ') || text.includes('db='), `${where}: ${text}`);
    const f = path.join(dir, 'example.conf');
    writeFileSync(f, text);
    const r = run(['--config', f, 'version']);
    assert.equal(r.status, 0, `${where}: ${r.err}`);
  }
});

test('settings: flag over config file over SAMVERKAN_* (log_level)', () => {
  const conf = path.join(dir, 'log.conf');
  writeFileSync(conf, 'log_level = warn\n');
  let k = 0;
  // The migrations of a new database are info events.
  const migrated = (globals, env = {}) => {
    const r = run([...globals, 'migrate', '--db', path.join(dir, `log-${k++}.db`)], { env });
    assert.equal(r.status, 0, r.err);
    return r.err.split('\n').filter((l) => l.includes(' event=migrated ')).length;
  };
  assert.ok(migrated([]) > 0, 'info by default');
  assert.equal(migrated([], { SAMVERKAN_LOG_LEVEL: 'warn' }), 0);
  assert.equal(migrated(['--config', conf], { SAMVERKAN_LOG_LEVEL: 'debug' }), 0);
  assert.ok(migrated(['--log-level', 'info', '--config', conf], { SAMVERKAN_LOG_LEVEL: 'warn' }) > 0);
  for (const [globals, env] of [[['--log-level', 'loud'], {}], [[], { SAMVERKAN_LOG_LEVEL: 'loud' }]]) {
    const r = run([...globals, 'version'], { env });
    assert.equal(r.status, 2);
    assert.equal(r.err, "samverkan: log_level: 'loud' is not debug, info, warn or error\n");
  }
});

// One event per line: ts=... level=... event=... followed by key=value.
const EVENT = /^ts=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ level=(debug|info|warn|error) event=[a-z_]+( [a-z_]+=\S*)*$/;

test('migrate logs one line per migration on stderr', () => {
  const n = readdirSync(path.join(ROOT, 'sql/sqlite')).filter((f) => /^\d{4}_.*\.sql$/.test(f)).length;
  const r = run(['migrate', '--db', path.join(dir, 'logs.db')]);
  assert.equal(r.status, 0, r.err);
  const lines = r.err.split('\n').filter(Boolean);
  assert.equal(lines.length, n, r.err);
  for (const [i, l] of lines.entries()) {
    assert.match(l, EVENT);
    assert.ok(l.includes(` event=migrated version=${i + 1} `), l);
  }
  const again = run(['migrate', '--db', path.join(dir, 'logs.db')]);
  assert.equal(again.status, 0);
  assert.equal(again.err, '', 'a second migrate has nothing to log');
});

test('serve logs one line per request and per start and stop on stderr', async () => {
  const db = path.join(dir, 'serve.db');
  const p = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { env: CLEAN_ENV, cwd: dir });
  let err = '';
  p.stderr.on('data', (b) => { err += b; });
  const exited = new Promise((res) => p.on('exit', (code, signal) => res({ code, signal })));
  const deadline = Date.now() + 30000;
  let url;
  while (!(url = err.match(/event=listening url=(\S+)/)?.[1])) {
    assert.ok(Date.now() < deadline, `no listening line: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const requests = [['GET', 'api/v1/incidents', 401], ['GET', 'api/v1/no-such-route', 404], ['GET', 'api/v1/openapi.json', 200]];
  for (const [method, p2, status] of requests) {
    const res = await fetch(url + p2, { method });
    await res.arrayBuffer();
    assert.equal(res.status, status, p2);
  }
  p.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
  const lines = err.split('\n').filter(Boolean);
  const events = lines.filter((l) => l.startsWith('ts='));
  for (const l of events) assert.match(l, EVENT);
  // Anything else is a one-line human message from the program.
  for (const l of lines.filter((l) => !l.startsWith('ts='))) assert.match(l, /^samverkan: /);
  for (const [method, p2, status] of requests)
    assert.equal(events.filter((l) => l.includes(' event=request ') && l.includes(` method=${method} path=/${p2} status=${status} `)).length, 1,
      `${method} /${p2}: ${err}`);
  assert.equal(events.filter((l) => / event=stopping /.test(l) || / event=stopping$/.test(l)).length, 1, err);
  assert.equal(events.filter((l) => / event=stopped( |$)/.test(l)).length, 1, err);
});

test('docs/architecture.md has one line per source directory that exists', () => {
  const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `src\/([a-z_]+)\/` \|/gm)].map((m) => m[1]).sort();
  const dirs = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
    .filter((d) => d.isDirectory()).map((d) => d.name).sort();
  assert.deepEqual(rows, dirs);
});
