// Live checks of free text for personal data, run as the reporter types:
// a Swedish personnummer or samordningsnummer (with a valid check digit;
// the API refuses those) and words that look like a person's name (only a
// warning: places are named the same way).
const PNR = /(?<![\d])(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?![\d])/g;

function luhn(digits) {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(i) - 48;
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

// True if text holds something that reads as a personnummer.
export function hasPersonnummer(text) {
	for (const m of text.matchAll(PNR)) {
		const month = +m[3];
		let day = +m[4];
		if (day > 60)
			day -= 60;	/* samordningsnummer */
		if (month < 1 || month > 12 || day < 1 || day > 31)
			continue;
		if (luhn(`${m[2]}${m[3]}${m[4]}${m[5]}`))
			return true;
	}
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

// The warning to show for text, or '' if none.
export function piiWarning(text) {
	if (hasPersonnummer(text))
		return 'Texten ser ut att innehålla ett personnummer. Ta bort ' +
		    'det – rapporter med personnummer tas inte emot.';
	if (looksLikeName(text))
		return 'Texten ser ut att innehålla ett namn på en person. ' +
		    'Skriv inte namn eller annat som pekar ut någon.';
	return '';
}
