/**
 * Word handling for matching questions to a catalogue: a light stemmer, generic English synonyms (not
 * drawn from any dataset) and the function words that carry no filter meaning.
 */

export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(ch|sh|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  return w;
}

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/** Generic English: a word and the words that mean the same thing in questions about customers. */
const synonymGroups: readonly (readonly string[])[] = [
  ['kid', 'child', 'children', 'kids', 'toddler', 'baby', 'babies'],
  ['teen', 'teenager', 'teens', 'teenagers', 'adolescent'],
  ['income', 'earn', 'earns', 'earning', 'salary', 'salaries', 'wage', 'wages'],
  ['age', 'old', 'older', 'young', 'younger', 'aged', 'oldest', 'youngest'],
  ['spend', 'spent', 'spending', 'spends', 'spender', 'spenders'],
  ['order', 'purchase', 'purchases', 'orders', 'ordered'],
  ['churn', 'churned', 'churning', 'cancel', 'cancelled', 'canceled', 'exited', 'exit', 'left', 'leave', 'leaving', 'attrition', 'quit', 'lost', 'lapsed'],
  ['complain', 'complaint', 'complaints', 'complained', 'complaining', 'complains'],
  ['charge', 'pay', 'pays', 'paying', 'paid', 'bill', 'billed', 'fee', 'fees', 'charges'],
  ['visit', 'visits', 'visited', 'visiting'],
  ['senior', 'elderly', 'pensioner', 'retiree'],
  ['partner', 'spouse', 'partnered'],
  ['country', 'countries', 'nation'],
  ['respon', 'respond', 'responded', 'response', 'responds'],
  ['device', 'phone', 'mobile'],
  ['year', 'years', 'yearly', 'annual', 'annually'],
  ['month', 'months', 'monthly'],
];

const synonymIndex = new Map<string, readonly string[]>();
for (const group of synonymGroups) for (const w of group) synonymIndex.set(stem(w), group.map(stem));

/** The word's stem and the stems of its generic synonyms. */
export function senses(word: string): readonly string[] {
  const s = stem(word);
  const group = synonymIndex.get(s);
  return group ? [s, ...group.filter((g) => g !== s)] : [s];
}

/** A word generic English uses for something customers do or have (cancel, complain, spend, kids…). */
export function isConceptWord(word: string): boolean {
  return synonymIndex.has(stem(word));
}

/** Words that never name a column or a value in a question. */
export const functionWords = new Set(
  (
    'a an the of in on at to for from with without by into onto about as and or but not no nor is are was were be been being am do does did done have has had having ' +
    'i me my we us our you your they them their those these this that it its he she his her who whom whose which what when where why how ' +
    'many much more most less least few fewer some any all every each only just also too very really so than then there here ' +
    'customer customers member members people person persons ppl folk folks user users client clients buyer buyers shopper shoppers account accounts ' +
    'segment segments group groups persona personas cluster clusters one ones someone anyone everyone everybody ' +
    'show tell give list find get count number total export download csv json file re resegment re-segment split cluster ' +
    'please can could would should will shall may might must let lets want need like ' +
    'live lives living based located come comes coming currently still ever now today ' +
    'sort kind type'
  ).split(/\s+/),
);

/** Units that follow a number and add nothing to which column is meant. */
export const unitWords = new Set(['k', 'thousand', 'million', 'm', 'usd', 'eur', 'gbp', 'dollars', 'euros', 'pounds', 'dollar', 'euro', 'pound', 'percent', '%', 'times', 'items', 'per']);

/** Generic words meaning "no" / "not" before a feature. */
export const negations = new Set(['no', 'not', 'without', 'never', 'non', "don't", 'dont', "doesn't", 'doesnt', "haven't", 'havent', "hasn't", 'hasnt', 'zero']);
