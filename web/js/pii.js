// Live checks of free text for personal data, run as the reporter types.
// The scanner follows the server's (src/domain/pii.c) step by step, so the
// page warns about exactly what the server refuses or masks: a Swedish
// personnummer or samordningsnummer (plausible date, correct check digit),
// a Swedish phone number, an e-mail address. Words that look like a
// person's name only get a warning (places are named the same way).
// piiText() is the one Swedish wording for a find, used both here and for
// the server's refusal (errors.js), so the reporter reads the same
// sentence wherever the text was stopped.

const isDigit = (c) => c >= '0' && c <= '9';
const isAlpha = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isLocal = (c) => isAlpha(c) || isDigit(c) ||
    (c !== '' && '._%+-'.includes(c));
const isLabel = (c) => isAlpha(c) || isDigit(c) || c === '-';

function luhn10(d) {
	let sum = 0;
	for (let i = 0; i < 10; i++) {
		let v = d.charCodeAt(i) - 48;
		if (i % 2 === 0) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 === 0;
}

// year < 0: the century is unknown, so 29 February is allowed when the
// two-digit year is a multiple of 4.
function daysInMonth(year, yy, m) {
	const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	if (m !== 2)
		return days[m - 1];
	const leap = year >= 0 ?
	    (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 :
	    yy % 4 === 0;
	return leap ? 29 : 28;
}

// d: 10 digits YYMMDDNNNC; the kind or '' when it is no number.
function pnrDigits(d, year) {
	const yy = +d.slice(0, 2), mm = +d.slice(2, 4);
	let dd = +d.slice(4, 6);
	let kind = 'personnummer';
	if (mm < 1 || mm > 12)
		return '';
	if (dd > 60) {
		dd -= 60;
		kind = 'samordningsnummer';
	}
	if (dd < 1 || dd > daysInMonth(year, yy, mm) || !luhn10(d))
		return '';
	return kind;
}

// The kind if s is exactly one personnummer in an accepted spelling.
function personnummer(s) {
	let d = '', sep = 0, nsep = 0, plus = false;
	for (const c of s) {
		if (isDigit(c)) {
			if (d.length === 12)
				return '';
			d += c;
		} else if (c === '-' || c === '+' || c === ' ') {
			if (nsep++ > 0)
				return '';
			sep = d.length;
			plus = c === '+';
		} else
			return '';
	}
	if (nsep && (sep + 4 !== d.length || !isDigit(s[s.length - 1] || '')))
		return '';
	if (d.length === 10)
		return pnrDigits(d, -1);
	if (d.length !== 12 || plus || !/^(18|19|20)/.test(d))
		return '';
	return pnrDigits(d.slice(2), +d.slice(0, 4));
}

// A personnummer starting at t[i]: [length, kind] or [0].
function matchPnr(t, i) {
	let n = 0;
	while (isDigit(t[i + n] || ''))
		n++;
	if (n === 10 || n === 12) {
		const k = personnummer(t.substr(i, n));
		return k ? [n, k] : [0];
	}
	const sep = t[i + n];
	if ((n !== 6 && n !== 8) || (sep !== '-' && sep !== '+' && sep !== ' '))
		return [0];
	let len = n + 1;
	while (isDigit(t[i + len] || ''))
		len++;
	if (len !== n + 5)
		return [0];
	const k = personnummer(t.substr(i, len));
	return k ? [len, k] : [0];
}

// A Swedish phone number starting at t[i]: its length or 0.
function matchPhone(t, i) {
	const p = (k) => t[i + k] || '';
	let k = 0, end = 0, ndig = 0, ngroups = 0, intl = false,
	    lastdig = false, dsep = '';
	const glen = [0, 0, 0, 0];
	if (p(0) === '+' && p(1) === '4' && p(2) === '6') {
		intl = true;
		k = 3;
	} else if (p(0) === '0' && p(1) === '0' && p(2) === '4' &&
	    p(3) === '6') {
		intl = true;
		k = 4;
	} else if (p(0) !== '0' || p(1) === '0')
		return 0;
	if (intl) {
		if (p(k) === ' ')
			k++;
		if (p(k) === '(' && p(k + 1) === '0' && p(k + 2) === ')')
			k += 3;
	}
	for (; p(k) !== ''; k++) {
		const c = p(k);
		if (isDigit(c)) {
			if (!lastdig) {
				if (ngroups < 4)
					glen[ngroups] = 0;
				ngroups++;
			}
			if (ngroups <= 4)
				glen[ngroups - 1]++;
			ndig++;
			lastdig = true;
			end = k + 1;
			continue;
		}
		if (!lastdig || !(c === ' ' || c === '-' || c === '/') ||
		    !isDigit(p(k + 1)))
			break;
		if (c !== ' ' && !dsep)
			dsep = c;
		lastdig = false;
	}
	if (isDigit(p(end)))
		return 0;
	if (intl ? ndig < 7 || ndig > 9 : ndig < 8 || ndig > 10)
		return 0;
	/* 01-02-2026 and 01/02/2026 are dates. */
	if (!intl && ngroups === 3 && glen[0] === 2 && glen[1] === 2 &&
	    glen[2] === 4 && dsep)
		return 0;
	return end;
}

// An e-mail address whose local part starts at t[i]: its length or 0.
function matchEmail(t, i) {
	const p = (k) => t[i + k] || '';
	let n = 0;
	while (isLocal(p(n)))
		n++;
	if (n === 0 || p(n) !== '@')
		return 0;
	let k = n + 1, dot = 0, labels = 0, lab = 0, tld = true;
	for (;;) {
		lab = 0;
		tld = true;
		while (isLabel(p(k + lab))) {
			if (!isAlpha(p(k + lab)))
				tld = false;
			lab++;
		}
		if (lab === 0)
			break;
		labels++;
		k += lab;
		dot = k;
		if (p(k) !== '.' || !isLabel(p(k + 1)))
			break;
		k++;
	}
	if (labels < 2 || !tld || lab < 2)
		return 0;
	return dot;
}

// The kinds of personal data in text, in text order, as the server names
// them ("personnummer", "samordningsnummer", "telefonnummer", "e-post").
// The scan goes over UTF-16 units; every pattern is ASCII, so a letter
// such as "ö" before a number counts as "not a digit, not a-z" exactly as
// its UTF-8 bytes do on the server.
export function* piiFinds(text) {
	const t = String(text || '');
	let i = 0;
	while (i < t.length) {
		const prev = i > 0 ? t[i - 1] : '';
		let len = 0, kind = 'e-post';
		if (!isLocal(prev))
			len = matchEmail(t, i);
		if (!len && !isDigit(prev) && isDigit(t[i]))
			[len, kind] = matchPnr(t, i);
		if (!len && !isDigit(prev) && !isAlpha(prev) && prev !== '+') {
			kind = 'telefonnummer';
			len = matchPhone(t, i);
		}
		if (!len) {
			i++;
			continue;
		}
		yield kind;
		i += len;
	}
}

// The kind of the first find (the one the server's refusal names), or ''.
export function piiKind(text) {
	for (const kind of piiFinds(text))
		return kind;
	return '';
}

// True if text holds something that reads as a personnummer.
export function hasPersonnummer(text) {
	for (const kind of piiFinds(text))
		if (kind === 'personnummer' || kind === 'samordningsnummer')
			return true;
	return false;
}

const FIRST_NAMES = new Set(['Anna', 'Eva', 'Maria', 'Karin', 'Sara',
    'Lena', 'Emma', 'Elin', 'Johanna', 'Ida', 'Linnea', 'Maja', 'Elsa',
    'Fatima', 'Amina', 'Erik', 'Lars', 'Karl', 'Anders', 'Johan', 'Per',
    'Nils', 'Mikael', 'Jan', 'Hans', 'Peter', 'Oskar', 'Lucas', 'William',
    'Liam', 'Hugo', 'Ali', 'Mohammed', 'Ahmed', 'Omar', 'Kalle', 'Olle',
    'Pelle', 'Lisa', 'Sofia', 'Ella', 'Alice', 'Leo', 'Noah', 'Adam',
    'Elias', 'Filip', 'Viktor', 'Emil', 'Alexander', 'Daniel', 'Mats']);
const CAP = /^[A-ZÅÄÖÉÜ][a-zåäöéü]+$/;

// True if text seems to name a person: a common first name, or two
// capitalised words in a row inside a sentence.
export function looksLikeName(text) {
	const sentences = text.split(/[.!?\n]+/);
	for (const s of sentences) {
		const words = s.trim().split(/\s+/).map((w) =>
		    w.replace(/[,;:()"']/g, ''));
		for (let i = 0; i < words.length; i++) {
			if (FIRST_NAMES.has(words[i]))
				return true;
			if (i > 0 && i + 1 < words.length &&
			    CAP.test(words[i]) && CAP.test(words[i + 1]))
				return true;
		}
	}
	return false;
}

const PII_WHAT = {
	personnummer: 'ett personnummer',
	samordningsnummer: 'ett samordningsnummer',
	telefonnummer: 'ett telefonnummer',
	'e-post': 'en e-postadress',
};

// The Swedish sentence for personal data of kind found in a free text,
// the same whether this page or the server found it.
export function piiText(kind) {
	return `Texten ser ut att innehålla ${PII_WHAT[kind] ||
	    'personuppgifter'}. Ta bort det – personuppgifter får inte stå ` +
	    'i fritexten.';
}

// The warning to show for text, or '' if none.
export function piiWarning(text) {
	const kind = piiKind(text);
	if (kind)
		return piiText(kind);
	if (looksLikeName(text))
		return 'Texten ser ut att innehålla ett namn på en person. ' +
		    'Skriv inte namn eller annat som pekar ut någon.';
	return '';
}
