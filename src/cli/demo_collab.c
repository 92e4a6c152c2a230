/*
 * The demo's agreements (see demo_collab.h) as a table of rows: entity,
 * parent label, own label and key=value pairs in the API's field names.
 * A value "@label" is the id of an earlier row, "@area:LAYER:NAME" an
 * area found by name, "~D-N" the date N days before the demo's end day
 * ("~D+N" after), "~T-N" 09:00 Stockholm time on that day. A row marked
 * as a change updates its labelled record instead (an agreement is ended
 * after its activities are in, since an ended agreement takes none).
 * Then the documents of docs[]: one in every lifecycle state.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/svtime.h"
#include "domain/area.h"
#include "domain/collab.h"
#include "domain/document.h"
#include "domain/organisation.h"
#include "render/doc_source.h"
#include "demo_collab.h"

#define KV_MAX	48

struct row {
	enum co_entity	 ent;
	const char	*parent;	/* label, NULL for top level */
	const char	*label;		/* NULL: not referred to */
	int		 change;	/* update `label` instead of creating */
	const char	*kv[KV_MAX];
};

static const struct sv_org_input orgs[] = {
	{ "MIMER", "Bostads AB Mimer", "bostadsbolag", NULL, NULL },
	{ "REGION-VML", "Region Västmanland", "region", NULL, NULL },
	{ "VAS-KIF", "Kultur-, idrotts- och fritidsförvaltningen",
	    "forvaltning", NULL, "VASTERAS" },
	{ "VAS-IFF", "Individ- och familjeförvaltningen", "forvaltning", NULL,
	    "VASTERAS" },
	{ "VAS-SKU", "Skultuna kommundelsförvaltning", "forvaltning", NULL,
	    "VASTERAS" },
	{ "KOPING", "Köpings kommun", "kommun", NULL, NULL },
	{ "KOP-TEK", "Tekniska kontoret", "forvaltning", NULL, "KOPING" },
	{ "LPO-VM", "Lokalpolisområde Västra Mälardalen", "lokalpolisomrade",
	    NULL, NULL },
	{ "STHLM", "Stockholms stad", "kommun", NULL, NULL },
	{ "STHLM-UTB", "Utbildningsförvaltningen", "forvaltning", NULL,
	    "STHLM" },
	{ "HV-SDF", "Hässelby-Vällingby stadsdelsförvaltning",
	    "stadsdelsforvaltning", "212000-0142", "STHLM" },
	{ "PR-STHLM", "Polisregion Stockholm", "polisregion", NULL, NULL },
	{ "PO-NORD", "Polisområde Nord", "polisomrade", NULL, "PR-STHLM" },
	{ "LPO-VBY", "Lokalpolisområde Vällingby", "lokalpolisomrade",
	    "202100-0076", "PO-NORD" },
};

#define A	CO_AGREEMENT
static const struct row rows[] = {
	/* Västerås stad and LPO Västerås (seed 000) */
	{ A, NULL, "vas", 0, { "title", "Samverkansöverenskommelse mellan "
	    "Västerås stad och lokalpolisområde Västerås", "kind",
	    "samverkansoverenskommelse", "status", "gallande", "valid_from",
	    "2023-06-07", "valid_to", "2027-06-01", "extension", "antagen",
	    "revision_months", "12", "lagesbild_revision_months", "12",
	    "revised_on", "~D-200", "purpose", "Västerås Stad och "
	    "lokalpolisområde Västerås är överens om att samverka i syfte att "
	    "skapa en jämlik, trygg och socialt hållbar kommun.",
	    "long_term_goal", "Vårt långsiktiga mål är att boende i alla våra "
	    "stadsdelar har lika goda förutsättningar. Vi vill att människor "
	    "i Västerås upplever ett samhällsengagemang och tar ansvar för "
	    "sin tillvaro, att de har tillit till myndigheter, känner "
	    "framtidstro och deltar i demokratiska processer.",
	    "time_perspectives", "true", "signed_place", "Västerås",
	    "signed_on", "2023-06-07", NULL } },
	{ CO_PARTY, "vas", NULL, 0, { "organisation", "VASTERAS",
	    "designation", "Västerås stad", "position", "1", NULL } },
	{ CO_PARTY, "vas", NULL, 0, { "organisation", "LPO-VAS",
	    "designation", "Lokalpolisområde Västerås", "position", "2",
	    NULL } },
	{ CO_PARTY, "vas", NULL, 0, { "organisation", "MIMER", "position",
	    "3", NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "VASTERAS", "name",
	    "Staffan Jansson (S)", "title", "kommunstyrelsens ordförande",
	    "signed_on", "2023-06-07", "position", "1", NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "VAS-BUF", "name",
	    "Åsa Lundkvist", "title", "direktör barn- och "
	    "utbildningsförvaltningen", "signed_on", "2023-06-07", "position",
	    "2", NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "VAS-KIF", "name",
	    "Lenny Hallgren", "title", "direktör kultur-, idrotts- och "
	    "fritidsförvaltningen", "signed_on", "2023-06-07", "position", "3",
	    NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "VAS-IFF", "name",
	    "Peter Boudin", "title", "direktör individ- och "
	    "familjeförvaltningen", "signed_on", "2023-06-07", "position", "4",
	    NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "VAS-SKU", "name",
	    "Rasmus Persson", "title", "direktör Skultuna "
	    "kommundelsförvaltning", "signed_on", "2023-06-07", "position", "5",
	    NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "VASTERAS", "name",
	    "Per-Inge Hellman", "title", "enhetschef hållbarhetsenheten",
	    "signed_on", "2023-06-07", "position", "6", NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "MIMER", "name",
	    "Mikael Källqvist", "title", "VD Bostads AB Mimer", "signed_on",
	    "2023-06-07", "position", "7", NULL } },
	{ CO_SIGNATORY, "vas", NULL, 0, { "organisation", "LPO-VAS", "name",
	    "Lars Jansson", "title", "Lokalpolisområdeschef, Västerås",
	    "signed_on", "2023-06-07", "position", "8", NULL } },
	{ CO_PRINCIPLE, "vas", NULL, 0, { "position", "1", "title",
	    "Långsiktigt och uthålligt", "description", "vi vet att de "
	    "önskade effekterna tar tid att nå", NULL } },
	{ CO_PRINCIPLE, "vas", NULL, 0, { "position", "2", "title",
	    "Involverande", "description", "vi arbetar gemensamt med andra "
	    "och stärker människors egenmakt", NULL } },
	{ CO_PRINCIPLE, "vas", NULL, 0, { "position", "3", "title",
	    "Öppenhet och transparens", "description", "vi påvisar "
	    "helhetsbilden både internt och externt", NULL } },
	{ CO_PRINCIPLE, "vas", NULL, 0, { "position", "4", "title",
	    "Modigt och nytänkande", "description", "vi vågar prova nytt, vi "
	    "får misslyckas och vi utmanar varandra", NULL } },
	{ CO_PRINCIPLE, "vas", NULL, 0, { "position", "5", "title",
	    "Fokuserat och prioriterat", "description", "vi riktar arbetet "
	    "där det behövs mest och börjar där vi kan lyckas tidigt", NULL } },
	{ CO_AGR_AREA, "vas", NULL, 0, { "area_id", "@area:stadsdel:Bäckby",
	    "reason", "Västra stadsdelarna: behovet är störst där.", NULL } },
	{ CO_AGR_AREA, "vas", NULL, 0, { "area_id", "@area:stadsdel:Råby",
	    "reason", "Västra stadsdelarna: behovet är störst där.", NULL } },
	{ CO_AGR_AREA, "vas", NULL, 0, { "area_id", "@area:stadsdel:Vallby",
	    "reason", "Västra stadsdelarna: behovet är störst där.", NULL } },
	{ CO_ATTACHMENT, "vas", "vas:b1", 0, { "number", "1", "kind",
	    "lagesbild", "title", "Gemensam lägesbild", "version", "1",
	    "dated", "~D-335", "content", "Lägesbild av brottsutveckling, "
	    "ordningsstörningar och otrygga platser, från medarbetardialoger, "
	    "medborgardialoger och statistik.", NULL } },
	{ CO_ATTACHMENT, "vas", "vas:b2", 0, { "number", "2", "kind",
	    "atgardsplan", "title", "Delmål och aktiviteter", "version", "1",
	    "dated", "~D-245", "content", "Delmål och aktiviteter i "
	    "prioritetsordning.", NULL } },
	{ CO_ATTACHMENT, "vas", NULL, 0, { "number", "2", "kind",
	    "atgardsplan", "title", "Delmål och aktiviteter", "version", "2",
	    "dated", "~D-20", "content", "Reviderade delmål (förslag).",
	    NULL } },
	{ CO_BODY, "vas", "vas:strat", 0, { "kind", "strategisk_ledning",
	    "name", "Strategisk ledning", "mandate", "Beslutar om delmål och "
	    "insatser, samt har mandat att tillsätta resurser som krävs för "
	    "att genomföra detta.", "cadence", "per_ar", "meetings_min", "4",
	    "meetings_max", "4", "established_on", "2023-06-07", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function",
	    "Lokalpolisområdeschef (LpoC)", "organisation", "LPO-VAS", "role",
	    "sammankallande", "position", "1", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function",
	    "Biträdande lokalpolisområdeschef", "organisation", "LPO-VAS",
	    "position", "2", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function",
	    "Enhetschef Hållbarhetsenheten (HE)", "organisation", "VASTERAS",
	    "role", "sammankallande", "position", "3", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function", "Direktör",
	    "organisation", "VAS-KIF", "position", "4", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function", "Direktör",
	    "organisation", "VAS-IFF", "position", "5", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function", "Direktör",
	    "organisation", "VAS-BUF", "position", "6", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function", "Direktör",
	    "organisation", "VAS-SKU", "position", "7", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function", "VD",
	    "organisation", "MIMER", "position", "8", NULL } },
	{ CO_MEMBER, "vas:strat", NULL, 0, { "function",
	    "Utvecklingsdirektör", "organisation", "REGION-VML", "position",
	    "9", NULL } },
	{ CO_BODY, "vas", "vas:op", 0, { "kind", "operativ_ledning", "name",
	    "Övergripande operativ ledning", "mandate", "Kartlägger behov, "
	    "analyserar och följer upp insatserna.", "cadence", "vid_behov",
	    "reports_to_id", "@vas:strat", NULL } },
	{ CO_MEMBER, "vas:op", NULL, 0, { "function", "Kommunpolis",
	    "organisation", "LPO-VAS", "role", "sammankallande", "position",
	    "1", NULL } },
	{ CO_MEMBER, "vas:op", NULL, 0, { "function",
	    "Polisoperativ koordinator", "organisation", "LPO-VAS", "role",
	    "sammankallande", "position", "2", NULL } },
	{ CO_MEMBER, "vas:op", NULL, 0, { "function", "Strateg "
	    "trygghetsskapande och brottsförebyggande frågor",
	    "organisation", "VASTERAS", "role", "sammankallande", "position",
	    "3", NULL } },
	{ CO_BODY, "vas", NULL, 0, { "kind", "arbetsgrupp", "name",
	    "Nätverksbaserade arbetsgrupper", "mandate", "Sammansatta utifrån "
	    "delmålen och insatsernas natur; befintliga forum används.",
	    "cadence", "vid_behov", "reports_to_id", "@vas:op",
	    "appointed_by_id", "@vas:strat", "may_co_opt", "true", NULL } },
	{ CO_BODY, "vas", "vas:est", 0, { "kind", "est_grupp", "name",
	    "EST Västerås (Effektiv samordning för trygghet)", "mandate",
	    "Håller den gemensamma lägesbilden aktuell veckovis och beslutar "
	    "om åtgärder.", "cadence", "veckovis", "weekday", "2",
	    "meetings_min", "40", "reports_to_id", "@vas:op", NULL } },
	{ CO_MEETING, "vas:strat", "vas:m1", 0, { "starts_at", "~T-330",
	    "ends_at", "~U-330", "location", "Stadshuset", "status",
	    "genomfort", "agenda", "1. Gemensam lägesbild\n2. Delmål",
	    "minutes", "Lägesbilden antogs.", NULL } },
	{ CO_DECISION, "vas:m1", NULL, 0, { "paragraph", "1", "kind",
	    "antagande", "text", "Den gemensamma lägesbilden antas och "
	    "biläggs överenskommelsen.", "attachment_id", "@vas:b1", NULL } },
	{ CO_MEETING, "vas:strat", "vas:m2", 0, { "starts_at", "~T-240",
	    "ends_at", "~U-240", "location", "Polishuset", "status",
	    "genomfort", "agenda", "1. Delmål och aktiviteter", NULL } },
	{ CO_PLAN, "vas", "vas:plan", 0, { "title",
	    "Åtgärdsplan västra stadsdelarna", "period_from", "~D-240",
	    "period_to", "~D+125", NULL } },
	{ CO_DECISION, "vas:m2", NULL, 0, { "paragraph", "3", "kind",
	    "antagande", "text", "Delmål och aktiviteter antas (bilaga 2).",
	    "attachment_id", "@vas:b2", "plan_id", "@vas:plan", NULL } },
	{ CO_MEETING, "vas:strat", NULL, 0, { "starts_at", "~T-150",
	    "location", "Stadshuset", "status", "genomfort", NULL } },
	{ CO_MEETING, "vas:strat", NULL, 0, { "starts_at", "~T-60",
	    "location", "Polishuset", "status", "genomfort", NULL } },
	{ CO_MEETING, "vas:strat", NULL, 0, { "starts_at", "~T+30",
	    "location", "Stadshuset", "agenda", "1. Revidering av delmål "
	    "(bilaga 2 version 2)", NULL } },
	{ CO_MEETING, "vas:est", NULL, 0, { "starts_at", "~T-7", "location",
	    "Polishuset", "status", "genomfort", NULL } },
	{ CO_MEETING, "vas:est", NULL, 0, { "starts_at", "~T-14", "location",
	    "Polishuset", "status", "genomfort", NULL } },
	{ CO_FOCUS_AREA, "vas", "vas:fa", 0, { "name",
	    "Otrygghet i Bäckby centrum", "kind", "plats", "area_id",
	    "@area:stadsdel:Bäckby", "position", "1", NULL } },
	{ CO_PROBLEM, "vas", "vas:p1", 0, { "focus_area_id", "@vas:fa",
	    "plan_id", "@vas:plan", "title", "Otrygghetsskapande samlingar "
	    "kvällstid vid Bäckby centrum", "description", "Återkommande i "
	    "EST-rapporteringen och i medborgardialogen.", "priority", "1",
	    "status", "prioriterad", NULL } },
	{ CO_PROBLEM_CATEGORY, "vas:p1", NULL, 0, { "category",
	    "otrygghet.samling", NULL } },
	{ CO_PROBLEM_AREA, "vas:p1", NULL, 0, { "area_id",
	    "@area:stadsdel:Bäckby", NULL } },
	{ CO_PROBLEM_SCORE, "vas:p1", NULL, 0, { "criterion", "omfattning",
	    "score", "3", "weight", "1", NULL } },
	{ CO_PROBLEM_SCORE, "vas:p1", NULL, 0, { "criterion", "otrygghet",
	    "score", "5", "weight", "2", "motivation", "Trygghetsmätningen: "
	    "hög andel otrygga kvällstid.", NULL } },
	{ CO_PROBLEM_SCORE, "vas:p1", NULL, 0, { "criterion", "paverkbarhet",
	    "score", "4", "weight", "1", NULL } },
	{ CO_CAUSE, "vas:p1", "vas:c1", 0, { "kind", "orsak", "position", "1",
	    "triangle", "plats", "text", "Mörk gångtunnel och få vuxna i "
	    "rörelse kvällstid", NULL } },
	{ CO_CAUSE, "vas:p1", NULL, 0, { "parent_id", "@vas:c1", "kind",
	    "rotorsak", "position", "2", "triangle", "gerningsperson", "text",
	    "Få meningsfulla fritidsaktiviteter för unga", NULL } },
	{ CO_GOAL, "vas", "vas:g1", 0, { "problem_id", "@vas:p1", "cause_id",
	    "@vas:c1", "plan_id", "@vas:plan", "kind", "effekt", "text",
	    "Färre känner sig otrygga i Bäckby centrum kvällstid", "measure",
	    "upplevd", "direction", "minska", "baseline", "38",
	    "baseline_date", "~D-300", "target", "30", "target_date",
	    "~D+125", NULL } },
	{ CO_GOAL, "vas", "vas:g2", 0, { "problem_id", "@vas:p1", "plan_id",
	    "@vas:plan", "kind", "produktion", "text", "Trygghetsvandringar "
	    "och åtgärder efter varje vandring", NULL } },
	{ CO_ACTIVITY, "vas", "vas:a1", 0, { "goal_id", "@vas:g2", "plan_id",
	    "@vas:plan", "title", "Trygghetsvandringar i Bäckby", "method",
	    "Trygghetsvandring med boende, två åtgärder efter varje vandring",
	    "organisation", "VASTERAS", "time_perspective", "forebyggande",
	    "starts_on", "~D-230", "due_on", "~D+60", "status", "pagar",
	    "hours", "120", NULL } },
	{ CO_ACTIVITY, "vas", NULL, 0, { "goal_id", "@vas:g1", "plan_id",
	    "@vas:plan", "title", "Belysning i gångtunneln", "method",
	    "Ny belysning och röjning av buskage", "organisation", "VAS-TFF",
	    "time_perspective", "langsiktig", "starts_on", "~D-200",
	    "due_on", "~D-10", "status", "pagar", "cost_sek", "180000",
	    NULL } },
	{ CO_ACTIVITY, "vas", NULL, 0, { "goal_id", "@vas:g2", "title",
	    "Helgvandringar med föreningar", "time_perspective",
	    "forebyggande", "starts_on", "~D-30", NULL } },
	{ CO_ACTIVITY_UPDATE, "vas:a1", NULL, 0, { "dated", "~D-90", "status",
	    "pagar", "text", "Fyra vandringar genomförda; åtta åtgärder "
	    "beställda.", "hours", "40", NULL } },
	{ CO_PROMISE, "vas", "vas:l1", 0, { "plan_id", "@vas:plan", "title",
	    "Medborgarlöfte Bäckby", "period_from", "~D-240", "period_to",
	    "~D+125", "area_id", "@area:stadsdel:Bäckby", "focus_area_id",
	    "@vas:fa", "purpose", "Tryggare kvällar i Bäckby centrum",
	    "stated_cause", "Få vuxna i rörelse och mörka platser gör att "
	    "många undviker centrum kvällstid.", "police", "Polisen lovar att "
	    "vara synlig i Bäckby centrum minst tre kvällar i veckan.",
	    "kommun", "Kommunen lovar att åtgärda det trygghetsvandringarna "
	    "hittar inom en månad.", "joint", "Vi lovar att genomföra "
	    "trygghetsvandringar tillsammans med boende varje kvartal.",
	    "followup_months", "4", "published", "true", NULL } },
	{ CO_PROMISE_TARGET, "vas:l1", "vas:t1", 0, { "party", "polisen",
	    "kind", "takt", "description", "Synlig närvaro kvällstid",
	    "comparator", "minst", "value", "3", "unit", "kvällspass",
	    "per", "vecka", NULL } },
	{ CO_PROMISE_TARGET, "vas:l1", NULL, 0, { "party", "kommunen", "kind",
	    "villkor", "description", "Åtgärda det vandringarna hittar", NULL } },
	{ CO_PROMISE_TARGET, "vas:l1", NULL, 0, { "party", "gemensamt",
	    "kind", "antal", "description", "Trygghetsvandringar",
	    "comparator", "minst", "value", "4", "unit", "vandringar", "per",
	    "ar", NULL } },
	{ CO_PROMISE_ACTIVITY, "vas:l1", NULL, 0, { "activity_id", "@vas:a1",
	    NULL } },
	{ CO_PROMISE_FOLLOWUP, "vas:l1", NULL, 0, { "target_id", "@vas:t1",
	    "party", "polisen", "period_from", "~D-240", "period_to",
	    "~D-120", "reported_on", "~D-110", "delivered", "2.4", "status",
	    "delvis", "light", "gul", "shortfall_reason", "Resurser "
	    "omfördelade till en allvarlig händelse under två veckor.",
	    "effect", "Genomfört, men statistiken visar ännu ingen skillnad.",
	    NULL } },
	{ CO_INFO_EVENT, "vas", NULL, 0, { "from_organisation", "LPO-VAS",
	    "to_organisation", "VASTERAS", "occurred_on", "~D-3",
	    "reported_at", "~T-3", "reported_by", "Lokalpolisområdeschef",
	    "reported_to", "Enhetschef Hållbarhetsenheten", "summary",
	    "Allvarlig våldshändelse vid Bäckby centrum; förstärkt närvaro "
	    "kommande helger.", NULL } },
	{ CO_DIALOGUE, NULL, NULL, 0, { "agreement_id", "@vas", "kind",
	    "trygghetsvandring", "held_on", "~D-100", "area_id",
	    "@area:stadsdel:Bäckby", "organisation", "VASTERAS",
	    "participants", "18", "participant_groups", "Boende, Mimer, "
	    "polis, fältassistenter", "themes", "Belysning, gångtunneln, "
	    "skymd sikt", "notes", "Tunneln mörk; buskage vid busshållplatsen "
	    "skymmer sikten.", NULL } },
	{ CO_DIALOGUE, NULL, NULL, 0, { "agreement_id", "@vas", "kind",
	    "medarbetardialog", "held_on", "~D-210", "organisation", "LPO-VAS",
	    "participants", "25", "participant_groups", "Områdespoliser, "
	    "fältsekreterare, fritidsledare", "themes", "Samlingar kvällstid, "
	    "narkotikaförsäljning", NULL } },
	{ CO_INDICATOR, NULL, "ind", 0, { "code", "otrygg-kvall", "name",
	    "Andel som känner sig otrygga ute sent på kvällen", "kind",
	    "enkat", "unit", "%", "source", "Trygghetsmätningen", NULL } },
	{ CO_INDICATOR_VALUE, "ind", NULL, 0, { "area_id",
	    "@area:stadsdel:Bäckby", "period", "2024", "value", "38",
	    "source", "Trygghetsmätningen", "source_date", "2024-11-30",
	    NULL } },
	{ CO_INDICATOR_VALUE, "ind", NULL, 0, { "area_id",
	    "@area:stadsdel:Bäckby", "period", "2025", "value", "34",
	    "source", "Trygghetsmätningen", "source_date", "2025-11-30",
	    NULL } },
	{ CO_INDICATOR_VALUE, "ind", NULL, 0, { "area_id",
	    "@area:stadsdel:Centrum", "period", "2025", "value", "21",
	    "source", "Trygghetsmätningen", "source_date", "2025-11-30",
	    NULL } },

	/* Köpings kommun and LPO Västra Mälardalen (seed 002), now ended */
	{ A, NULL, "kop", 0, { "title", "Samverkansöverenskommelse mellan "
	    "Köpings kommun och lokalpolisområde Västra Mälardalen", "kind",
	    "samverkansoverenskommelse", "status", "gallande", "valid_from",
	    "2024-01-01", "valid_to", "2024-12-31", "purpose", "Köpings "
	    "kommun och lokalpolisområde Västra Mälardalen ska gemensamt "
	    "formulera en process för samverkan i det brottsförebyggande och "
	    "trygghetsskapande arbetet i Köpings kommun.", "signed_place",
	    "Köping", "signed_on", "2023-12-14", NULL } },
	{ CO_PARTY, "kop", NULL, 0, { "organisation", "KOPING", "role",
	    "Tillhandahåller en organisation som gör åtagandena genomförbara; "
	    "en samordnare", "position", "1", NULL } },
	{ CO_PARTY, "kop", NULL, 0, { "organisation", "LPO-VM", "role",
	    "Tillhandahåller en organisation som gör åtagandena genomförbara; "
	    "en samordnare", "position", "2", NULL } },
	{ CO_SIGNATORY, "kop", NULL, 0, { "organisation", "KOPING", "name",
	    "David Schanzer-Larsen", "title", "kommunchef", "signed_on",
	    "2023-12-14", "position", "1", NULL } },
	{ CO_SIGNATORY, "kop", NULL, 0, { "organisation", "LPO-VM", "name",
	    "Maria Bäck", "title", "lokalpolisområdeschef", "signed_on",
	    "2023-12-14", "position", "2", NULL } },
	{ CO_ATTACHMENT, "kop", "kop:b1", 0, { "number", "1", "kind",
	    "handlingsplan", "title", "Handlingsplan och medborgarlöfte 2024",
	    "version", "1", "dated", "2023-12-14", "content", "Handlingsplaner "
	    "utifrån antagna fokusområden.", NULL } },
	{ CO_PLAN, "kop", "kop:plan", 0, { "title", "Handlingsplan 2024",
	    "period_from", "2024-01-01", "period_to", "2024-12-31", NULL } },
	{ CO_FOCUS_AREA, "kop", "kop:fa", 0, { "name",
	    "Narkotika bland unga", "kind", "brottstyp", "category",
	    "narkotika", "position", "1", NULL } },
	{ CO_PROBLEM, "kop", "kop:p1", 0, { "focus_area_id", "@kop:fa",
	    "plan_id", "@kop:plan", "title", "Ökad narkotikaanvändning bland "
	    "unga", "priority", "1", "status", "prioriterad", NULL } },
	{ CO_CAUSE, "kop:p1", NULL, 0, { "kind", "orsak", "triangle",
	    "gerningsperson", "text", "Tillgång via sociala medier", NULL } },
	{ CO_GOAL, "kop", "kop:g1", 0, { "problem_id", "@kop:p1", "plan_id",
	    "@kop:plan", "kind", "process", "text", "Skola, socialtjänst och "
	    "polis agerar samordnat vid tidiga signaler", NULL } },
	{ CO_ACTIVITY, "kop", NULL, 0, { "goal_id", "@kop:g1", "plan_id",
	    "@kop:plan", "title", "SSPF-samverkan", "method", "Skola, "
	    "socialtjänst, polis och fritid kring unga i riskzon",
	    "organisation", "KOPING", "time_perspective", "forebyggande",
	    "starts_on", "2024-01-15", "due_on", "2024-12-31", "status",
	    "klar", NULL } },
	{ CO_PROMISE, "kop", NULL, 0, { "plan_id", "@kop:plan", "title",
	    "Medborgarlöfte Köping 2024", "period_from", "2024-01-01",
	    "period_to", "2024-12-31", "police", "Polisen lovar riktade "
	    "insatser mot narkotikaförsäljning.", "kommun", "Kommunen lovar "
	    "föräldraträffar i alla högstadieskolor.", "published", "true",
	    NULL } },
	{ CO_BODY, "kop", "kop:sg", 0, { "kind", "styrgrupp", "name",
	    "Styrgrupp (BRÅ beredning)", "cadence", "vid_behov", NULL } },
	{ CO_MEETING, "kop:sg", "kop:m1", 0, { "starts_at",
	    "2023-12-14T13:00", "status", "genomfort", NULL } },
	{ CO_DECISION, "kop:m1", NULL, 0, { "paragraph", "1", "kind",
	    "antagande", "text", "Handlingsplan och medborgarlöfte för 2024 "
	    "antas.", "attachment_id", "@kop:b1", "plan_id", "@kop:plan",
	    NULL } },
	{ CO_BODY, "kop", "kop:pg", 0, { "kind", "projektgrupp", "name",
	    "Projektgrupp (BRÅ)", "mandate", "Genomförandeplanen avrapporteras "
	    "löpande hit.", "cadence", "manadsvis", "reports_to_id", "@kop:sg",
	    NULL } },
	{ CO_BODY, "kop", NULL, 0, { "kind", "est_grupp", "name",
	    "Arbetsgrupp EST", "cadence", "veckovis", "weekday", "3",
	    "reports_to_id", "@kop:pg", NULL } },
	{ CO_BODY, "kop", "kop:samo", 0, { "kind", "samordningsfunktion",
	    "name", "Samordnare i respektive organisation", "cadence",
	    "vid_behov", NULL } },
	{ CO_MEMBER, "kop:samo", NULL, 0, { "function", "Samordnare",
	    "organisation", "KOPING", NULL } },
	{ CO_MEMBER, "kop:samo", NULL, 0, { "function", "Samordnare",
	    "organisation", "LPO-VM", NULL } },
	{ A, NULL, "kop", 1, { "status", "upphord", NULL } },

	/* Stockholm: the city-region agreement and Hässelby-Vällingby's */
	{ A, NULL, "sthlm", 0, { "title", "Övergripande "
	    "samverkansöverenskommelse Stockholms stad och Polisregion "
	    "Stockholm", "kind", "ramoverenskommelse", "status", "gallande",
	    "valid_from", "2019-01-01", "until_further_notice", "true",
	    NULL } },
	{ CO_PARTY, "sthlm", NULL, 0, { "organisation", "STHLM", NULL } },
	{ CO_PARTY, "sthlm", NULL, 0, { "organisation", "PR-STHLM", NULL } },
	{ A, NULL, "hv", 0, { "title", "Lokal samverkansöverenskommelse "
	    "Hässelby-Vällingby", "kind", "lokal_overenskommelse", "parent_id",
	    "@sthlm", "status", "gallande", "valid_from", "2020-02-24",
	    "until_further_notice", "true", "revision_months", "12",
	    "lagesbild_revision_months", "12", "revised_on", "~D-150",
	    "info_duty", "true", "signed_place", "Stockholm", NULL } },
	{ CO_PARTY, "hv", NULL, 0, { "organisation", "HV-SDF", "designation",
	    "kommunen", "address", "Box 3424, 165 23 Hässelby", "position",
	    "1", NULL } },
	{ CO_PARTY, "hv", NULL, 0, { "organisation", "LPO-VBY",
	    "designation", "Polisen", "address", "Pajalagatan 46, 162 65 "
	    "Vällingby", "position", "2", NULL } },
	{ CO_SIGNATORY, "hv", NULL, 0, { "organisation", "HV-SDF", "name",
	    "Denise Melin", "title", "Stadsdelsdirektör", "position", "1",
	    NULL } },
	{ CO_SIGNATORY, "hv", NULL, 0, { "organisation", "LPO-VBY", "name",
	    "Catrine Kimerius Wikström", "title", "Lokalpolisområdeschef",
	    "position", "2", NULL } },
	{ CO_ATTACHMENT, "hv", "hv:b1", 0, { "number", "1", "kind",
	    "overgripande_overenskommelse", "title", "Övergripande "
	    "samverkansöverenskommelse", "version", "1", "dated", "2020-02-24",
	    "content", "Stockholms stad och Polisregion Stockholm.", NULL } },
	{ CO_ATTACHMENT, "hv", "hv:b2", 0, { "number", "2", "kind",
	    "lagesbild", "title", "Gemensam lokal lägesbild", "version", "1",
	    "dated", "2020-02-24", "content", "Trygghetsmätning 2017, "
	    "Stockholmsenkäten 2018, DurTvå och Status, medborgar- och "
	    "medarbetardialoger.", NULL } },
	{ CO_ATTACHMENT, "hv", "hv:b2v2", 0, { "number", "2", "kind",
	    "lagesbild", "title", "Gemensam lokal lägesbild", "version", "2",
	    "dated", "2021-02-01", "content", "Reviderad lägesbild 2021.",
	    NULL } },
	{ CO_ATTACHMENT, "hv", NULL, 0, { "number", "3", "kind",
	    "atgardsplan", "title", "Åtgärdsplan inklusive lokala "
	    "arbetsgrupper", "version", "1", "dated", "2020-02-24", "content",
	    "Åtgärdsplan.", NULL } },
	{ CO_ATTACHMENT, "hv", NULL, 0, { "number", "4", "kind",
	    "uppfoljningsplan", "title", "Uppföljningsplan", "version", "1",
	    "dated", "2020-02-24", "content", "Uppföljningsplan.", NULL } },
	{ CO_ATTACHMENT, "hv", NULL, 0, { "number", "5", "kind",
	    "kommunikationsplan", "title", "Kommunikationsplan", "version",
	    "1", "dated", "2020-02-24", "content", "Kommunikationsplan.",
	    NULL } },
	{ CO_ATTACHMENT, "hv", NULL, 0, { "number", "6", "kind",
	    "kontaktuppgifter", "title", "Kontaktuppgifter", "version", "1",
	    "dated", "2020-02-24", "content", "Kontaktuppgifter.", NULL } },
	{ CO_BODY, "hv", "hv:sg", 0, { "kind", "styrgrupp", "name",
	    "Lokal styrgrupp", "mandate", "Långsiktighet; skapar "
	    "förutsättningar, förankrar och ger mandat; bryter ned visioner "
	    "till mål och delmål.", "cadence", "per_ar", "meetings_min", "2",
	    "established_on", "2020-02-24", NULL } },
	{ CO_MEMBER, "hv:sg", NULL, 0, { "function", "Stadsdelsdirektör",
	    "organisation", "HV-SDF", "position", "1", NULL } },
	{ CO_MEMBER, "hv:sg", NULL, 0, { "function",
	    "Lokalpolisområdets chef", "organisation", "LPO-VBY", "position",
	    "2", NULL } },
	{ CO_MEMBER, "hv:sg", NULL, 0, { "function", "Chef med mandat från "
	    "utbildningsförvaltningen", "organisation", "STHLM-UTB",
	    "position", "3", NULL } },
	{ CO_MEMBER, "hv:sg", NULL, 0, { "function", "Chef med mandat från "
	    "trafikkontoret", "organisation", "STHLM", "position", "4",
	    NULL } },
	{ CO_MEETING, "hv:sg", "hv:m1", 0, { "starts_at", "2020-02-24T10:00",
	    "status", "genomfort", NULL } },
	{ CO_DECISION, "hv:m1", NULL, 0, { "paragraph", "1", "kind",
	    "antagande", "text", "Övergripande överenskommelse biläggs.",
	    "attachment_id", "@hv:b1", NULL } },
	{ CO_DECISION, "hv:m1", NULL, 0, { "paragraph", "2", "kind",
	    "antagande", "text", "Gemensam lokal lägesbild antas.",
	    "attachment_id", "@hv:b2", NULL } },
	{ CO_MEETING, "hv:sg", "hv:m2", 0, { "starts_at", "2021-02-10T10:00",
	    "status", "genomfort", "minutes", "Lägesbilden reviderad; "
	    "meddelas beredningsgruppen på central nivå.", NULL } },
	{ CO_DECISION, "hv:m2", NULL, 0, { "paragraph", "4", "kind",
	    "antagande", "text", "Reviderad lägesbild antas och biläggs.",
	    "attachment_id", "@hv:b2v2", NULL } },
	{ CO_MEETING, "hv:sg", NULL, 0, { "starts_at", "~T-200", "status",
	    "genomfort", NULL } },
	{ CO_BODY, "hv", "hv:bg", 0, { "kind", "beredningsgrupp", "name",
	    "Lokal beredningsgrupp", "mandate", "Länk mellan styrgruppens "
	    "beslut och det operativa arbetet; tillsätter arbetsgrupper.",
	    "cadence", "vid_behov", "reports_to_id", "@hv:sg", "may_co_opt",
	    "true", NULL } },
	{ CO_MEMBER, "hv:bg", NULL, 0, { "function", "Kommunpolis",
	    "organisation", "LPO-VBY", "position", "1", NULL } },
	{ CO_MEMBER, "hv:bg", NULL, 0, { "function", "Representant med "
	    "mandat från stadsdelsförvaltningen", "organisation", "HV-SDF",
	    "position", "2", NULL } },
	{ CO_MEMBER, "hv:bg", NULL, 0, { "function", "Representant med "
	    "mandat från utbildningsförvaltningen", "organisation",
	    "STHLM-UTB", "position", "3", NULL } },
	{ CO_BODY, "hv", NULL, 0, { "kind", "arbetsgrupp", "name",
	    "Lokal samverkan kring barn och unga", "cadence", "vid_behov",
	    "reports_to_id", "@hv:bg", "appointed_by_id", "@hv:bg",
	    "may_co_opt", "true", NULL } },
	{ CO_INFO_EVENT, "hv", NULL, 0, { "from_organisation", "LPO-VBY",
	    "to_organisation", "HV-SDF", "occurred_on", "~D-40",
	    "reported_at", "~T-40", "reported_by", "Lokalpolisområdeschef",
	    "reported_to", "Stadsdelsdirektör (styrgruppen)", "summary",
	    "Skottlossning i Vällingby centrum; ökad närvaro.",
	    "acknowledged_at", "~T-39", "acknowledged_by",
	    "Stadsdelsdirektör", NULL } },

	/* Västerås trygghetsråd (seed 004) */
	{ A, NULL, "tr", 0, { "title", "Västerås trygghetsråd", "kind",
	    "samverkansoverenskommelse", "status", "gallande", "valid_from",
	    "2021-04-22", "until_further_notice", "true", "approved_by",
	    "Kommunstyrelsen", "approval_date", "2021-03-31", "purpose",
	    "Strategiskt trygghetsskapande och brottsförebyggande arbete.",
	    NULL } },
	{ CO_PARTY, "tr", NULL, 0, { "organisation", "VASTERAS", NULL } },
	{ CO_PARTY, "tr", NULL, 0, { "organisation", "LPO-VAS", NULL } },
	{ CO_BODY, "tr", "tr:ks", 0, { "kind", "namnd", "name",
	    "Kommunstyrelsen", "cadence", "vid_behov", NULL } },
	{ CO_BODY, "tr", "tr:rad", 0, { "kind", "trygghetsrad", "name",
	    "Västerås trygghetsråd", "mandate", "Ta fram målformuleringar och "
	    "kontinuerligt hålla kommunstyrelsen informerad.", "cadence",
	    "per_ar", "meetings_min", "3", "meetings_max", "4",
	    "established_on", "2021-04-22", "reports_to_id", "@tr:ks",
	    NULL } },
	{ CO_MEMBER, "tr:rad", NULL, 0, { "function",
	    "Kommunstyrelsens ordförande", "organisation", "VASTERAS", "role",
	    "ordforande", "position", "1", NULL } },
	{ CO_MEMBER, "tr:rad", NULL, 0, { "function", "Lokalpolisområdeschef",
	    "organisation", "LPO-VAS", "role", "ordforande", "position", "2",
	    NULL } },
	{ CO_MEMBER, "tr:rad", NULL, 0, { "function",
	    "Kommunstyrelsens presidium", "organisation", "VASTERAS",
	    "position", "3", NULL } },
	{ CO_MEMBER, "tr:rad", NULL, 0, { "function",
	    "Grundskolenämndens presidium", "organisation", "VASTERAS",
	    "position", "4", NULL } },
	{ CO_MEMBER, "tr:rad", NULL, 0, { "function", "Presidiet i nämnden "
	    "för idrott, fritid och förebyggande", "organisation", "VASTERAS",
	    "position", "5", NULL } },
	{ CO_MEMBER, "tr:rad", NULL, 0, { "function",
	    "Individ- och familjenämndens presidium", "organisation",
	    "VASTERAS", "position", "6", NULL } },
	{ CO_MEETING, "tr:rad", "tr:m1", 0, { "starts_at", "2021-04-22T13:00",
	    "status", "genomfort", "agenda", "Rådets former och framtid",
	    NULL } },
	{ CO_DECISION, "tr:m1", NULL, 0, { "paragraph", "1", "kind", "uppdrag",
	    "text", "Rådet tar fram målformuleringar för sin verksamhet.",
	    NULL } },
	{ CO_MEETING, "tr:rad", NULL, 0, { "starts_at", "~T-250", "status",
	    "genomfort", NULL } },
	{ CO_MEETING, "tr:rad", NULL, 0, { "starts_at", "~T-130", "status",
	    "genomfort", NULL } },
	{ CO_MEETING, "tr:rad", NULL, 0, { "starts_at", "~T-20", "status",
	    "genomfort", NULL } },
};
#undef A

#define NROWS	(sizeof(rows) / sizeof(rows[0]))

struct labels {
	const char	*name[NROWS];
	int64_t		 id[NROWS];
	size_t		 n;
};

static int64_t
label_id(const struct labels *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->name[i], name) == 0)
			return l->id[i];
	return 0;
}

/* Turns a table value into the text co_rec_set takes. */
static enum sv_err
value(struct sv_store *s, struct sv_arena *a, const struct labels *l,
    int64_t end, const char *v, const char **out, struct sv_diag *d)
{
	struct sv_area ar;
	char layer[32], day[11];
	const char *colon;
	int64_t id, days;
	struct sv_civil c;
	long n;
	enum sv_err e;

	*out = v;
	if (strncmp(v, "@area:", 6) == 0) {
		colon = strchr(v + 6, ':');
		if (colon == NULL || (size_t)(colon - v - 6) >= sizeof(layer))
			return sv_diag_set(d, SV_ERR_INTERNAL, "demo",
			    "bad area reference %s", v);
		memcpy(layer, v + 6, (size_t)(colon - v - 6));
		layer[colon - v - 6] = '\0';
		if ((e = area_find_by_name(s, layer, colon + 1, a, &ar, d)) !=
		    SV_OK)
			return e;
		*out = sv_arena_printf(a, "%" PRId64, ar.id);
	} else if (v[0] == '@') {
		if ((id = label_id(l, v + 1)) == 0)
			return sv_diag_set(d, SV_ERR_INTERNAL, "demo",
			    "unknown label %s", v);
		*out = sv_arena_printf(a, "%" PRId64, id);
	} else if (v[0] == '~' && (v[1] == 'D' || v[1] == 'T' || v[1] == 'U')) {
		n = strtol(v + 2, NULL, 10);
		co_date_of(end, day);
		days = co_date_days(day) + n;
		sv_civil_from_days(days, &c.year, &c.month, &c.day);
		*out = v[1] == 'D' ? sv_arena_printf(a, "%04d-%02d-%02d",
		    c.year, c.month, c.day) : sv_arena_printf(a,
		    "%04d-%02d-%02dT%s", c.year, c.month, c.day, v[1] == 'T' ?
		    "09:00" : "11:00");
	}
	return SV_OK;
}

/*
 * The demo's documents (domain/document.h), one or more in every state:
 * the Västerås agreement decided and then revised (version 1 archived,
 * version 2 decided), minutes decided, the Köping follow-up decided and
 * archived (that agreement has ended), and two drafts: an action plan
 * and an uploaded note. Rendered kinds are made as of the demo's end, so
 * the same end gives the same bytes and hashes.
 */
struct doc_row {
	const char	*kind;
	const char	*source;	/* label of the rendered record */
	const char	*agreement;	/* label, a file's agreement */
	const char	*org;		/* owner */
	const char	*title;		/* NULL: the source's */
	const char	*diarienummer;
	const char	*text;		/* a file's text (text/plain) */
	const char	*file_name;
	const char	*decision_ref;	/* NULL: stays a draft */
	const char	*decided_on;	/* a date or "~D-N" */
	const char	*revision_ref;	/* a new version, decided so */
	const char	*revised_on;
	int		 archive;	/* the first version archived */
};

static const struct doc_row docs[] = {
	{ "overenskommelse", "vas", NULL, "VASTERAS", NULL, "KS 2023/00412",
	    NULL, NULL, "Kommunstyrelsen 2023-05-29 § 98", "2023-05-29",
	    "Styrgruppen, årlig revision", "~D-200", 1 },
	{ "protokoll", "vas:m2", NULL, "VASTERAS", NULL, NULL, NULL, NULL,
	    "Justerat av ordföranden och en justerare", "~D-235", NULL, NULL,
	    0 },
	{ "uppfoljning", "kop", NULL, "KOPING", NULL, "KS 2025/0031", NULL,
	    NULL, "Kommunstyrelsen i Köping 2025-01-20 § 7", "2025-01-20",
	    NULL, NULL, 1 },
	{ "handlingsplan", "vas:plan", NULL, "VASTERAS", NULL, NULL, NULL,
	    NULL, NULL, NULL, NULL, NULL, 0 },
	{ "fil", NULL, "vas", "VASTERAS",
	    "Minnesanteckningar, trygghetsvandring i Skultuna", NULL,
	    "Trygghetsvandring i Skultuna centrum\n\n"
	    "Deltagare: Skultuna kommundelsförvaltning, lokalpolisområde "
	    "Västerås, Bostads AB Mimer och boende.\n\n"
	    "Iakttagelser: belysningen vid gångtunneln under Mälarvägen är "
	    "trasig; buskage skymmer sikten vid busshållplatsen; klotter på "
	    "återvinningsstationen.\n\n"
	    "Förslag: laga belysningen, röja buskaget, sanera klottret inom "
	    "24 timmar.\n", "trygghetsvandring-skultuna.txt", NULL, NULL, NULL,
	    NULL, 0 },
};

/* A date of the table: as given, or "~D-N" relative to the end. */
static const char *
doc_date(struct sv_arena *a, int64_t end, const char *v)
{
	struct sv_civil c;
	char day[11];

	if (v == NULL || v[0] != '~')
		return v;
	co_date_of(end, day);
	sv_civil_from_days(co_date_days(day) + strtol(v + 2, NULL, 10),
	    &c.year, &c.month, &c.day);
	return sv_arena_printf(a, "%04d-%02d-%02d", c.year, c.month, c.day);
}

/* Creates docs[i] (rendered as of end), decides, revises and archives it. */
static enum sv_err
demo_document(struct sv_store *s, const struct sv_actor *sys,
    struct sv_arena *a, const struct labels *l, int64_t end,
    const struct doc_row *r, struct sv_diag *d)
{
	struct sv_document_input in;
	struct doc_source src;
	struct sv_buf pdf;
	int64_t id, v2;
	int k = document_kind_parse(r->kind);
	enum sv_err e;

	memset(&in, 0, sizeof(in));
	in.kind = r->kind;
	in.organisation = r->org;
	in.title = r->title;
	in.diarienummer = r->diarienummer;
	in.has_content = 1;
	if (k == SV_DOC_FIL) {
		in.agreement_id = label_id(l, r->agreement);
		in.content = r->text;
		in.len = strlen(r->text);
		in.file_name = r->file_name;
		in.media_type = "text/plain";
	} else {
		in.source_id = label_id(l, r->source);
		sv_buf_init(&pdf, 64 * 1024);
		e = doc_source_render(s, sys, (enum sv_doc_kind)k,
		    in.source_id, end, a, &pdf, &src, d);
		if (e == SV_OK) {
			in.content = sv_arena_alloc(a, pdf.len);
			memcpy((void *)(uintptr_t)in.content, pdf.data,
			    pdf.len);
			in.len = pdf.len;
		}
		sv_buf_free(&pdf);
		if (e != SV_OK)
			return e;
		in.file_name = src.file_name;
		in.media_type = "application/pdf";
		in.agreement_id = src.agreement_id;
		if (in.title == NULL)
			in.title = src.title;
	}
	if ((e = document_create(s, sys, &in, &id, d)) != SV_OK ||
	    r->decision_ref == NULL)
		return e;
	if ((e = document_decide(s, sys, id, 0, r->decision_ref,
	    doc_date(a, end, r->decided_on), d)) != SV_OK)
		return e;
	if (r->revision_ref != NULL) {
		memset(&in, 0, sizeof(in));
		if ((e = document_new_version(s, sys, id, &in, &v2, d)) !=
		    SV_OK || (e = document_decide(s, sys, v2, 0,
		    r->revision_ref, doc_date(a, end, r->revised_on), d)) !=
		    SV_OK)
			return e;
	}
	return r->archive ? document_archive(s, sys, id, d) : SV_OK;
}

enum sv_err
demo_collab(struct sv_store *s, int64_t end, int64_t *nrec,
    struct sv_diag *d)
{
	struct sv_arena *a = sv_arena_new();
	struct labels *l = sv_calloc(1, sizeof(*l));
	struct sv_actor sys;
	struct co_rec *r;
	const char *v;
	int64_t id, parent;
	size_t i, k, made = 0;
	enum sv_err e = SV_OK;

	actor_system(&sys);
	for (i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		if ((e = org_create(s, &sys, &orgs[i], NULL, d)) != SV_OK)
			goto out;
	for (i = 0; i < NROWS; i++) {
		const struct row *w = &rows[i];

		r = co_rec_new(a, w->ent);
		for (k = 0; k + 1 < KV_MAX && w->kv[k] != NULL; k += 2) {
			if ((e = value(s, a, l, end, w->kv[k + 1], &v, d)) !=
			    SV_OK || (e = co_rec_set(a, r, w->kv[k], v, d)) !=
			    SV_OK)
				goto fail;
		}
		if (w->change) {
			e = co_update(s, &sys, label_id(l, w->label), r, d);
		} else {
			parent = w->parent ? label_id(l, w->parent) : 0;
			e = co_create(s, &sys, parent, r, &id, d);
			if (e == SV_OK && w->label != NULL) {
				l->name[l->n] = w->label;
				l->id[l->n++] = id;
			}
		}
		if (e != SV_OK)
			goto fail;
		made++;
	}
	for (k = 0; k < sizeof(docs) / sizeof(docs[0]); k++) {
		if ((e = demo_document(s, &sys, a, l, end, &docs[k], d)) !=
		    SV_OK) {
			char msg[SV_DIAG_MSG];

			snprintf(msg, sizeof(msg), "%s", d->message);
			sv_diag_set(d, e, d->field, "demo document %zu (%s): %s",
			    k, docs[k].kind, msg);
			goto out;
		}
		made++;
	}
	if (nrec != NULL)
		*nrec = (int64_t)made + (int64_t)(sizeof(orgs) / sizeof(orgs[0]));
	goto out;
fail:
	{
		char msg[SV_DIAG_MSG];

		snprintf(msg, sizeof(msg), "%s", d->message);
		sv_diag_set(d, e, d->field, "demo row %zu (%s): %s", i,
		    co_entity_names[rows[i].ent], msg);
	}
out:
	free(l);
	sv_arena_free(a);
	return e;
}
