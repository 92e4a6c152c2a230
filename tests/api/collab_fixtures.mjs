// The four real agreements of /work/shared/seeds as API input: one node
// per record, child lists under their path (with '_' for '-'), "$" a
// label and "@label" the id of the labelled record. Used by
// collab_agreements.test.mjs (read back unchanged) and the browser tests.

const R = 'RIKET';
export const ORGANISATIONS = [
  { code: 'VASTERAS', name: 'Västerås stad', kind: 'kommun', org_number: '212000-2080', parent: R },
  { code: 'VAS-BUF', name: 'Barn- och utbildningsförvaltningen', kind: 'forvaltning', parent: 'VASTERAS' },
  { code: 'VAS-KIF', name: 'Kultur-, idrotts- och fritidsförvaltningen', kind: 'forvaltning', parent: 'VASTERAS' },
  { code: 'VAS-IFF', name: 'Individ- och familjeförvaltningen', kind: 'forvaltning', parent: 'VASTERAS' },
  { code: 'VAS-SKU', name: 'Skultuna kommundelsförvaltning', kind: 'forvaltning', parent: 'VASTERAS' },
  { code: 'MIMER', name: 'Bostads AB Mimer', kind: 'bostadsbolag', parent: R },
  { code: 'REGION-VML', name: 'Region Västmanland', kind: 'region', parent: R },
  { code: 'LPO-VAS', name: 'Lokalpolisområde Västerås', kind: 'lokalpolisomrade', parent: R },
  { code: 'KOPING', name: 'Köpings kommun', kind: 'kommun', parent: R },
  { code: 'KOP-TEK', name: 'Tekniska kontoret', kind: 'forvaltning', parent: 'KOPING' },
  { code: 'LPO-VM', name: 'Lokalpolisområde Västra Mälardalen', kind: 'lokalpolisomrade', parent: R },
  { code: 'STHLM', name: 'Stockholms stad', kind: 'kommun', parent: R },
  { code: 'HV-SDF', name: 'Hässelby-Vällingby stadsdelsförvaltning', kind: 'stadsdelsforvaltning',
    org_number: '212000-0142', parent: 'STHLM' },
  { code: 'STHLM-UTB', name: 'Utbildningsförvaltningen', kind: 'forvaltning', parent: 'STHLM' },
  { code: 'PR-STHLM', name: 'Polisregion Stockholm', kind: 'polisregion', parent: R },
  { code: 'PO-NORD', name: 'Polisområde Nord', kind: 'polisomrade', parent: 'PR-STHLM' },
  { code: 'LPO-VBY', name: 'Lokalpolisområde Vällingby', kind: 'lokalpolisomrade',
    org_number: '202100-0076', parent: 'PO-NORD' },
];

function square(lon, lat, d) {
  return { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] };
}
export const AREAS = [
  { layer: 'stadsdel', code: 'VAS-VAST', name: 'Västerås västra stadsdelar', geometry: square(16.45, 59.60, 0.04) },
  { layer: 'plats', code: 'KOP-C', name: 'Köpings centrum', geometry: square(15.99, 59.51, 0.01) },
  { layer: 'stadsdel', code: 'HV', name: 'Hässelby-Vällingby', geometry: square(17.80, 59.35, 0.06) },
];

const VASTERAS = {
  title: 'Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås',
  kind: 'samverkansoverenskommelse',
  status: 'gallande',
  valid_from: '2023-06-07',
  valid_to: '2027-06-01',
  until_further_notice: false,
  extension: 'antagen',
  purpose: 'Västerås Stad och lokalpolisområde Västerås är överens om att samverka i syfte att skapa en jämlik, trygg och socialt hållbar kommun.',
  long_term_goal: 'Vårt långsiktiga mål är att boende i alla våra stadsdelar har lika goda förutsättningar. Vi vill att människor i Västerås upplever ett samhällsengagemang och tar ansvar för sin tillvaro, att de har tillit till myndigheter, känner framtidstro och deltar i demokratiska processer.',
  time_perspectives: true,
  signed_place: 'Västerås',
  signed_on: '2023-06-07',
  parties: [
    { organisation: 'VASTERAS', designation: 'Västerås stad', position: 1 },
    { organisation: 'LPO-VAS', designation: 'Lokalpolisområde Västerås', position: 2 },
    { organisation: 'MIMER', designation: 'Bostads AB Mimer', position: 3 },
  ],
  signatories: [
    { organisation: 'VASTERAS', name: 'Staffan Jansson (S)', title: 'kommunstyrelsens ordförande', signed_on: '2023-06-07', acting: false, position: 1 },
    { organisation: 'VAS-BUF', name: 'Åsa Lundkvist', title: 'direktör barn- och utbildningsförvaltningen', signed_on: '2023-06-07', position: 2 },
    { organisation: 'VAS-KIF', name: 'Lenny Hallgren', title: 'direktör kultur-, idrotts- och fritidsförvaltningen', signed_on: '2023-06-07', position: 3 },
    { organisation: 'VAS-IFF', name: 'Peter Boudin', title: 'direktör individ- och familjeförvaltningen', signed_on: '2023-06-07', position: 4 },
    { organisation: 'VAS-SKU', name: 'Rasmus Persson', title: 'direktör Skultuna kommundelsförvaltning', signed_on: '2023-06-07', position: 5 },
    { organisation: 'VASTERAS', name: 'Per-Inge Hellman', title: 'enhetschef hållbarhetsenheten', signed_on: '2023-06-07', position: 6 },
    { organisation: 'MIMER', name: 'Mikael Källqvist', title: 'VD Bostads AB Mimer', signed_on: '2023-06-07', position: 7 },
    { organisation: 'LPO-VAS', name: 'Lars Jansson', title: 'Lokalpolisområdeschef, Västerås', signed_on: '2023-06-07', position: 8 },
  ],
  principles: [
    { position: 1, title: 'Långsiktigt och uthålligt', description: 'vi vet att de önskade effekterna tar tid att nå' },
    { position: 2, title: 'Involverande', description: 'vi arbetar gemensamt med andra och stärker människors egenmakt' },
    { position: 3, title: 'Öppenhet och transparens', description: 'vi påvisar helhetsbilden både internt och externt' },
    { position: 4, title: 'Modigt och nytänkande', description: 'vi vågar prova nytt, vi får misslyckas och vi utmanar varandra' },
    { position: 5, title: 'Fokuserat och prioriterat', description: 'vi riktar arbetet där det behövs mest och börjar där vi kan lyckas tidigt' },
  ],
  geographic_focus: [
    { area_id: '@area:VAS-VAST', reason: 'Arbetet fokuseras mot Västerås västra stadsdelar då behovet i dagsläget är störst där.' },
  ],
  bodies: [
    {
      $: 'vas:strat',
      kind: 'strategisk_ledning',
      name: 'Strategisk ledning',
      mandate: 'Beslutar om delmål och insatser, samt har mandat att tillsätta resurser som krävs för att genomföra detta.',
      cadence: 'per_ar', meetings_min: 4, meetings_max: 4, permanent: true,
      established_on: '2023-06-07',
      members: [
        { function: 'Lokalpolisområdeschef (LpoC)', organisation: 'LPO-VAS', role: 'sammankallande', position: 1 },
        { function: 'Biträdande lokalpolisområdeschef', organisation: 'LPO-VAS', role: 'ledamot', position: 2 },
        { function: 'Enhetschef Hållbarhetsenheten (HE)', organisation: 'VASTERAS', role: 'sammankallande', position: 3 },
        { function: 'Direktör Kultur-, idrotts- och fritidsförvaltningen', organisation: 'VAS-KIF', position: 4 },
        { function: 'Direktör Individ- och familjeförvaltningen', organisation: 'VAS-IFF', position: 5 },
        { function: 'Direktör Barn- och utbildningsförvaltningen', organisation: 'VAS-BUF', position: 6 },
        { function: 'Direktör Skultuna kommundelsförvaltning', organisation: 'VAS-SKU', position: 7 },
        { function: 'VD Bostads AB Mimer', organisation: 'MIMER', position: 8 },
        { function: 'Utvecklingsdirektör', organisation: 'REGION-VML', position: 9 },
      ],
      meetings: [
        { starts_at: '2023-09-12T09:00:00+02:00', ends_at: '2023-09-12T11:00:00+02:00', location: 'Stadshuset', status: 'genomfort',
          agenda: '1. Delmål\n2. Insatser i västra stadsdelarna', minutes: 'Delmål och insatser beslutades.',
          decisions: [{ paragraph: 1, kind: 'beslut', text: 'Den strategiska ledningen fastställer delmålen för 2023–2024.' }] },
        { starts_at: '2023-12-05T09:00:00+01:00', location: 'Polishuset', status: 'genomfort' },
      ],
    },
    {
      $: 'vas:op',
      kind: 'operativ_ledning',
      name: 'Övergripande operativ ledning',
      mandate: 'Kartlägger behov, analyserar och följer upp insatserna.',
      cadence: 'vid_behov', permanent: true, reports_to_id: '@vas:strat',
      members: [
        { function: 'Kommunpolis', organisation: 'LPO-VAS', role: 'sammankallande', position: 1 },
        { function: 'Polisoperativ koordinator', organisation: 'LPO-VAS', role: 'sammankallande', position: 2 },
        { function: 'Strateg trygghetsskapande arbete', organisation: 'VASTERAS', role: 'sammankallande', position: 3 },
        { function: 'Strateg brottsförebyggande arbete', organisation: 'VASTERAS', role: 'sammankallande', position: 4 },
      ],
    },
    {
      kind: 'arbetsgrupp',
      name: 'Nätverksbaserade arbetsgrupper',
      mandate: 'Sammansatta utifrån delmålen och insatsernas natur; befintliga forum används i den utsträckning det är möjligt.',
      cadence: 'vid_behov', permanent: true, reports_to_id: '@vas:op', appointed_by_id: '@vas:strat',
      may_co_opt: true,
    },
  ],
};

const KOPING = {
  title: 'Samverkansöverenskommelse mellan Köpings kommun och lokalpolisområde Västra Mälardalen',
  kind: 'samverkansoverenskommelse',
  status: 'gallande',
  valid_from: '2024-01-01',
  valid_to: '2024-12-31',
  purpose: 'Köpings kommun och lokalpolisområde Västra Mälardalen ska gemensamt formulera en process för samverkan i det brottsförebyggande och trygghetsskapande arbetet i Köpings kommun.',
  signed_place: 'Köping',
  signed_on: '2023-12-14',
  parties: [
    { organisation: 'KOPING', role: 'Tillhandahåller en organisation som gör åtagandena genomförbara', position: 1 },
    { organisation: 'LPO-VM', role: 'Tillhandahåller en organisation som gör åtagandena genomförbara', position: 2 },
  ],
  signatories: [
    { organisation: 'KOPING', name: 'David Schanzer-Larsen', title: 'kommunchef', signed_on: '2023-12-14', position: 1 },
    { organisation: 'LPO-VM', name: 'Maria Bäck', title: 'lokalpolisområdeschef', signed_on: '2023-12-14', position: 2 },
  ],
  attachments: [
    { $: 'kop:bil1', number: 1, kind: 'handlingsplan', title: 'Handlingsplan och medborgarlöfte 2024', version: 1, dated: '2023-12-14',
      content: 'Handlingsplaner utifrån antagna fokusområden.' },
  ],
  plans: [{ $: 'kop:plan', title: 'Handlingsplan 2024', period_from: '2024-01-01', period_to: '2024-12-31' }],
  focus_areas: [
    { $: 'kop:fa', name: 'Otrygghet i centrala Köping', kind: 'plats', area_id: '@area:KOP-C', position: 1 },
  ],
  problems: [
    {
      $: 'kop:p1', focus_area_id: '@kop:fa', plan_id: '@kop:plan', title: 'Ungdomar samlas kvällstid i centrum',
      description: 'Identifierat i den strategiska lägesbilden 2023.', priority: 1, status: 'prioriterad',
      problem_areas: [{ area_id: '@area:KOP-C' }],
      problem_categories: [{ category: 'otrygghet.samling' }],
      problem_figures: [{ label: 'EST-rapporter om otrygghetsskapande samling', value: 37, unit: 'st', period: '2023', source: 'EST' }],
      problem_scores: [
        { criterion: 'omfattning', score: 3, weight: 1 },
        { criterion: 'otrygghet', score: 5, weight: 2, motivation: 'Trygghetsmätningen 2023' },
      ],
      causes: [
        { $: 'kop:c1', kind: 'orsak', position: 1, triangle: 'plats', text: 'Få vuxna i rörelse kvällstid' },
        { kind: 'rotorsak', parent_id: '@kop:c1', position: 2, triangle: 'gerningsperson', text: 'Brist på mötesplatser för unga' },
      ],
    },
  ],
  goals: [
    { $: 'kop:g1', problem_id: '@kop:p1', cause_id: '@kop:c1', plan_id: '@kop:plan', kind: 'effekt', text: 'Ökad upplevd trygghet i centrum',
      measure: 'upplevd', direction: 'oka', baseline: 61, baseline_date: '2023-10-01', target: 70, target_date: '2024-12-31' },
    { $: 'kop:g2', problem_id: '@kop:p1', kind: 'produktion', text: 'Fler vuxna i centrum fredag och lördag kväll' },
  ],
  activities: [
    { $: 'kop:a1', goal_id: '@kop:g2', plan_id: '@kop:plan', title: 'Nattvandring och fältarbete', method: 'Fältgruppen och föreningar vandrar fredag och lördag kväll',
      organisation: 'KOPING', time_perspective: 'forebyggande', starts_on: '2024-01-01', due_on: '2024-12-31', status: 'pagar', hours: 400 },
    { goal_id: '@kop:g1', plan_id: '@kop:plan', title: 'Belysning i centrumparken', method: 'Trygghetsvandring och åtgärd av brister',
      organisation: 'KOP-TEK', time_perspective: 'langsiktig', starts_on: '2024-03-01', due_on: '2024-10-31', cost_sek: 250000,
      activity_updates: [{ dated: '2024-05-20', status: 'pagar', text: 'Upphandling klar', cost_sek: 50000 }] },
  ],
  promises: [
    {
      $: 'kop:lofte', plan_id: '@kop:plan', title: 'Medborgarlöfte Köping 2024', period_from: '2024-01-01', period_to: '2024-12-31',
      area_id: '@area:KOP-C', focus_area_id: '@kop:fa', purpose: 'Ökad trygghet i centrala Köping',
      police: 'Polisen lovar att vara synlig i centrum fredag och lördag kväll.',
      kommun: 'Kommunen lovar att åtgärda brister som trygghetsvandringarna hittar.',
      joint: 'Vi lovar att genomföra minst två trygghetsvandringar.', followup_months: 4, published: true,
      promise_targets: [
        { $: 'kop:t1', party: 'polisen', kind: 'antal', description: 'Närvaro i centrum helgkvällar', comparator: 'minst', value: 40, unit: 'pass', per: 'period' },
        { party: 'kommunen', kind: 'villkor', description: 'Åtgärda det vandringarna hittar' },
      ],
      promise_activities: [{ activity_id: '@kop:a1' }],
      promise_followups: [
        { target_id: '@kop:t1', party: 'polisen', period_from: '2024-01-01', period_to: '2024-04-30', reported_on: '2024-05-15',
          delivered: 12, status: 'delvis', light: 'gul', shortfall_reason: 'Resurser till annan händelse' },
      ],
    },
  ],
  bodies: [
    { $: 'kop:sg', kind: 'styrgrupp', name: 'Styrgrupp (BRÅ beredning)', cadence: 'vid_behov', permanent: true,
      meetings: [{ starts_at: '2023-12-14T13:00:00+01:00', status: 'genomfort',
        decisions: [
          { paragraph: 1, kind: 'antagande', text: 'Handlingsplan och medborgarlöfte för 2024 antas.', attachment_id: '@kop:bil1', plan_id: '@kop:plan' },
          { paragraph: 2, kind: 'antagande', text: 'Medborgarlöftet antas.', promise_id: '@kop:lofte' },
        ] }] },
    { $: 'kop:pg', kind: 'projektgrupp', name: 'Projektgrupp (BRÅ)', mandate: 'Genomförandeplanen avrapporteras löpande hit.', cadence: 'manadsvis',
      reports_to_id: '@kop:sg' },
    { kind: 'est_grupp', name: 'Arbetsgrupp EST', cadence: 'veckovis', weekday: 2, reports_to_id: '@kop:pg' },
    { kind: 'samordningsfunktion', name: 'Samordnare för det brottsförebyggande arbetet', cadence: 'vid_behov',
      members: [
        { function: 'Samordnare', organisation: 'KOPING', position: 1 },
        { function: 'Samordnare', organisation: 'LPO-VM', position: 2 },
      ] },
  ],
};

const STOCKHOLM = {
  $: 'sthlm',
  title: 'Övergripande samverkansöverenskommelse Stockholms stad och Polisregion Stockholm',
  kind: 'ramoverenskommelse',
  status: 'gallande',
  valid_from: '2019-01-01',
  until_further_notice: true,
  parties: [
    { organisation: 'STHLM', position: 1 },
    { organisation: 'PR-STHLM', position: 2 },
  ],
};

const HASSELBY = {
  title: 'Lokal samverkansöverenskommelse Hässelby-Vällingby',
  kind: 'lokal_overenskommelse',
  parent_id: '@sthlm',
  status: 'gallande',
  valid_from: '2020-02-24',
  until_further_notice: true,
  revision_months: 12,
  lagesbild_revision_months: 12,
  info_duty: true,
  signed_place: 'Stockholm',
  parties: [
    { organisation: 'HV-SDF', designation: 'kommunen', address: 'Box 3424, 165 23 Hässelby', position: 1 },
    { organisation: 'LPO-VBY', designation: 'Polisen', address: 'Pajalagatan 46, 162 65 Vällingby', position: 2 },
  ],
  signatories: [
    { organisation: 'HV-SDF', name: 'Denise Melin', title: 'Stadsdelsdirektör, Hässelby-Vällingby stadsdelsförvaltning', position: 1 },
    { organisation: 'LPO-VBY', name: 'Catrine Kimerius Wikström', title: 'Lokalpolisområdeschef Vällingby', position: 2 },
  ],
  geographic_focus: [{ area_id: '@area:HV' }],
  attachments: [
    { $: 'hv:b1', number: 1, kind: 'overgripande_overenskommelse', title: 'Övergripande samverkansöverenskommelse', version: 1, dated: '2020-02-24', content: 'Stockholms stad och Polisregion Stockholm.' },
    { $: 'hv:b2v1', number: 2, kind: 'lagesbild', title: 'Gemensam lokal lägesbild', version: 1, dated: '2020-02-24',
      content: 'Underlag: Trygghetsmätning 2017, Stockholmsenkäten 2018, medarbetarperspektiv, DurTvå och Status, medborgardialoger, medarbetardialoger.' },
    { $: 'hv:b2v2', number: 2, kind: 'lagesbild', title: 'Gemensam lokal lägesbild', version: 2, dated: '2021-02-01', content: 'Reviderad lägesbild 2021.' },
    { number: 3, kind: 'atgardsplan', title: 'Åtgärdsplan inklusive lokala arbetsgrupper', version: 1, dated: '2020-02-24', content: 'Åtgärdsplan.' },
    { number: 4, kind: 'uppfoljningsplan', title: 'Uppföljningsplan', version: 1, dated: '2020-02-24', content: 'Uppföljningsplan.' },
    { number: 5, kind: 'kommunikationsplan', title: 'Kommunikationsplan', version: 1, dated: '2020-02-24', content: 'Kommunikationsplan.' },
    { number: 6, kind: 'kontaktuppgifter', title: 'Kontaktuppgifter', version: 1, dated: '2020-02-24', content: 'Kontaktuppgifter.',
      file_name: 'kontakter.txt', media_type: 'text/plain', file: Buffer.from('Kommunpolis: växeln 114 14\n').toString('base64') },
  ],
  information_events: [
    { from_organisation: 'LPO-VBY', to_organisation: 'HV-SDF', occurred_on: '2021-03-02',
      reported_at: '2021-03-02T16:00:00+01:00', reported_by: 'Lokalpolisområdeschef', reported_to: 'Stadsdelsdirektör (styrgruppen)',
      summary: 'Skottlossning i Vällingby centrum; ökad närvaro de närmaste veckorna.',
      acknowledged_at: '2021-03-02T17:30:00+01:00', acknowledged_by: 'Stadsdelsdirektör' },
  ],
  bodies: [
    { $: 'hv:sg', kind: 'styrgrupp', name: 'Lokal styrgrupp',
      mandate: 'Ansvarar för långsiktigheten, skapar förutsättningar för samverkan, förankrar och ger mandat; bryter ned visioner till mål och delmål och ser till att beslutade åtaganden genomförs.',
      cadence: 'per_ar', meetings_min: 2, permanent: true, established_on: '2020-02-24',
      members: [
        { $: 'hv:m1', function: 'Stadsdelsdirektör', organisation: 'HV-SDF', position: 1 },
        { function: 'Lokalpolisområdets chef', organisation: 'LPO-VBY', position: 2 },
        { function: 'Chef med mandat från utbildningsförvaltningen', organisation: 'STHLM-UTB', position: 3 },
        { function: 'Chef med mandat från trafikkontoret', organisation: 'STHLM', position: 4 },
        { function: 'Chef med mandat från stadens bostadsbolag', position: 5 },
      ],
      meetings: [
        { starts_at: '2020-02-24T10:00:00+01:00', status: 'genomfort',
          attendees: [{ member_id: '@hv:m1' }, { function: 'Kommunpolis', organisation: 'LPO-VBY' }],
          decisions: [
            { paragraph: 1, kind: 'beslut', text: 'Överenskommelsen tecknas.' },
            { paragraph: 2, kind: 'antagande', text: 'Övergripande överenskommelse biläggs.', attachment_id: '@hv:b1' },
            { paragraph: 3, kind: 'antagande', text: 'Gemensam lokal lägesbild antas.', attachment_id: '@hv:b2v1' },
          ] },
        { starts_at: '2021-02-10T10:00:00+01:00', status: 'genomfort', minutes: 'Lägesbilden reviderad; meddelas beredningsgruppen på central nivå.',
          decisions: [{ paragraph: 4, kind: 'antagande', text: 'Reviderad lägesbild antas och biläggs.', attachment_id: '@hv:b2v2' }] },
      ] },
    { $: 'hv:bg', kind: 'beredningsgrupp', name: 'Lokal beredningsgrupp',
      mandate: 'Länk mellan styrgruppens beslut och det operativa arbetet; bereder frågor till styrgruppen och tillsätter arbetsgrupper.',
      cadence: 'vid_behov', permanent: true, reports_to_id: '@hv:sg', may_co_opt: true,
      members: [
        { function: 'Kommunpolis', organisation: 'LPO-VBY', position: 1 },
        { function: 'Representant med mandat från stadsdelsförvaltningen', organisation: 'HV-SDF', position: 2 },
        { function: 'Representant med mandat från utbildningsförvaltningen', organisation: 'STHLM-UTB', position: 3 },
      ] },
    { kind: 'arbetsgrupp', name: 'Lokal samverkan kring barn och unga', cadence: 'vid_behov', permanent: true,
      reports_to_id: '@hv:bg', appointed_by_id: '@hv:bg', may_co_opt: true,
      members: [
        { function: 'Representant skolan', organisation: 'STHLM-UTB', position: 1 },
        { function: 'Fältassistent', organisation: 'HV-SDF', position: 2 },
        { function: 'Områdespolis', organisation: 'LPO-VBY', position: 3 },
        { function: 'Socialförvaltningen', organisation: 'STHLM', role: 'adjungerad', position: 4 },
      ] },
    { kind: 'arbetsgrupp', name: 'Trygg pendlarparkering', cadence: 'varannan_vecka', weekday: 3, permanent: false,
      mission: 'Tidsbegränsat uppdrag utifrån lägesbild och orsaksanalys: bilbränder vid pendlarparkeringen.',
      established_on: '2021-03-01', ends_on: '2021-12-31', reports_to_id: '@hv:bg', appointed_by_id: '@hv:bg' },
  ],
};

const TRYGGHETSRAD = {
  title: 'Västerås trygghetsråd',
  kind: 'samverkansoverenskommelse',
  status: 'gallande',
  valid_from: '2021-04-22',
  until_further_notice: true,
  approved_by: 'Kommunstyrelsen',
  approval_date: '2021-03-31',
  purpose: 'Strategiskt trygghetsskapande och brottsförebyggande arbete; skapa förutsättningar för effekterna inom sociala hållbarhetsprogrammet.',
  parties: [
    { organisation: 'VASTERAS', position: 1 },
    { organisation: 'LPO-VAS', position: 2 },
  ],
  bodies: [
    { $: 'tr:ks', kind: 'namnd', name: 'Kommunstyrelsen', cadence: 'vid_behov', permanent: true },
    { kind: 'trygghetsrad', name: 'Västerås trygghetsråd',
      mandate: 'Ta fram målformuleringar för verksamheten och kontinuerligt hålla kommunstyrelsen informerad.',
      cadence: 'per_ar', meetings_min: 3, meetings_max: 4, permanent: true, established_on: '2021-04-22', reports_to_id: '@tr:ks',
      members: [
        { function: 'Kommunstyrelsens ordförande', organisation: 'VASTERAS', person: 'Staffan Jansson (S)', role: 'ordforande', position: 1 },
        { function: 'Lokalpolisområdeschef', organisation: 'LPO-VAS', person: 'Sara Ekström', role: 'ordforande', position: 2 },
        { function: 'Kommunstyrelsens presidium', organisation: 'VASTERAS', position: 3 },
        { function: 'Grundskolenämndens presidium', organisation: 'VASTERAS', position: 4 },
        { function: 'Presidiet i nämnden för idrott, fritid och förebyggande', organisation: 'VASTERAS', position: 5 },
        { function: 'Individ- och familjenämndens presidium', organisation: 'VASTERAS', position: 6 },
      ],
      meetings: [
        { starts_at: '2021-04-22T13:00:00+02:00', status: 'genomfort', agenda: 'Rådets former och framtid',
          decisions: [{ paragraph: 1, kind: 'uppdrag', text: 'Rådet tar fram målformuleringar för sin verksamhet.' }] },
      ] },
  ],
};

export const AGREEMENTS = [VASTERAS, KOPING, STOCKHOLM, HASSELBY, TRYGGHETSRAD];

// Builds a spec through the API as `token`; refs maps labels to ids (areas
// as 'area:CODE' must be in it already). Returns the agreement's id.
export async function build(s, spec, refs, token) {
  const resolve = (v) => (typeof v === 'string' && v.startsWith('@') ? refs[v.slice(1)] : v);
  async function create(path, prefix, node) {
    const body = {};
    for (const [k, v] of Object.entries(node))
      if (k !== '$' && !Array.isArray(v)) body[k] = resolve(v);
    const url = prefix ? `${prefix}/${path}` : `/${path}`;
    const r = await s.post(url, body, { token });
    if (r.status !== 201) throw new Error(`${url}: ${r.status} ${r.text}`);
    if (node.$) refs[node.$] = r.json.id;
    for (const [k, v] of Object.entries(node)) {
      if (!Array.isArray(v)) continue;
      for (const child of v) await create(k.replaceAll('_', '-'), `/${path}/${r.json.id}`, child);
    }
    return r.json.id;
  }
  return create('agreements', null, spec);
}
