-- The EST categories (Effektiv samordning för trygghet) in Swedish, and
-- the groups the police's public event types are mapped to (io/polisen.c).
-- Codes are dotted paths of the tree; est = 1 marks EST categories.
-- PostgreSQL: the same text as sql/sqlite/0002_categories.sql.
INSERT INTO category(code, name, est, sort) VALUES
	('skadegorelse', 'Skadegörelse', 1, 10),
	('otrygghet', 'Otrygghetsskapande händelser', 1, 20),
	('narkotika', 'Narkotika', 1, 30),
	('nedskrapning', 'Nedskräpning', 1, 40),
	('inbrott', 'Inbrott', 1, 50),
	('stold', 'Stöld', 1, 60),
	('vald', 'Våld och hot', 1, 70),
	('brand', 'Brand', 1, 80),
	('trafik', 'Trafik', 0, 90),
	('polis', 'Polisens övriga händelser', 0, 100),
	('ovrigt', 'Övrigt', 1, 110);
INSERT INTO category(code, name, parent_id, est, sort)
SELECT v.code, v.name, p.id, v.est, v.sort FROM (
	SELECT 'skadegorelse.klotter' AS code, 'Klotter' AS name, 'skadegorelse' AS parent, 1 AS est, 11 AS sort
	UNION ALL SELECT 'skadegorelse.glaskross', 'Glaskross', 'skadegorelse', 1, 12
	UNION ALL SELECT 'skadegorelse.brand', 'Anlagd brand', 'skadegorelse', 1, 13
	UNION ALL SELECT 'skadegorelse.ovrig', 'Annan skadegörelse', 'skadegorelse', 1, 14
	UNION ALL SELECT 'otrygghet.samling', 'Otrygghetsskapande samling', 'otrygghet', 1, 21
	UNION ALL SELECT 'otrygghet.ordningsstorning', 'Ordningsstörning', 'otrygghet', 1, 22
	UNION ALL SELECT 'otrygghet.plats', 'Otrygg plats', 'otrygghet', 1, 23
	UNION ALL SELECT 'otrygghet.buskorning', 'Buskörning', 'otrygghet', 1, 24
	UNION ALL SELECT 'otrygghet.berusning', 'Berusning i offentlig miljö', 'otrygghet', 1, 25
	UNION ALL SELECT 'narkotika.handel', 'Misstänkt narkotikahandel', 'narkotika', 1, 31
	UNION ALL SELECT 'narkotika.bruk', 'Misstänkt narkotikabruk', 'narkotika', 1, 32
	UNION ALL SELECT 'inbrott.forsok', 'Inbrottsförsök', 'inbrott', 1, 51
	UNION ALL SELECT 'stold.fordon', 'Fordonsstöld', 'stold', 1, 61
	UNION ALL SELECT 'vald.misshandel', 'Misshandel', 'vald', 1, 71
	UNION ALL SELECT 'vald.hot', 'Hot och ofredande', 'vald', 1, 72
	UNION ALL SELECT 'vald.ran', 'Rån', 'vald', 1, 73
	UNION ALL SELECT 'vald.skjutning', 'Skottlossning och sprängning', 'vald', 1, 74
	UNION ALL SELECT 'vald.dodligt', 'Mord och dråp', 'vald', 0, 75
	UNION ALL SELECT 'vald.sexualbrott', 'Sexualbrott', 'vald', 0, 76
	UNION ALL SELECT 'trafik.olycka', 'Trafikolycka', 'trafik', 0, 91
	UNION ALL SELECT 'trafik.brott', 'Trafikbrott och kontroll', 'trafik', 0, 92
	UNION ALL SELECT 'polis.sammanfattning', 'Sammanfattning av flera händelser', 'polis', 0, 101
	UNION ALL SELECT 'polis.olycka', 'Olycka och räddning', 'polis', 0, 102
	UNION ALL SELECT 'polis.person', 'Försvunnen eller anträffad person', 'polis', 0, 103
	UNION ALL SELECT 'polis.bedrageri', 'Bedrägeri och ekobrott', 'polis', 0, 104
	UNION ALL SELECT 'polis.vapen', 'Vapen och farliga föremål', 'polis', 0, 105
	UNION ALL SELECT 'polis.ovrigt', 'Övrigt från polisen', 'polis', 0, 106
) v JOIN category p ON p.code = v.parent;
