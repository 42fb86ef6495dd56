/**
 * PII that only its context gives away, in several languages: names people introduce or sign with,
 * street addresses and post boxes, birth dates, order numbers, and emails spelled out to dodge filters
 * ("john dot smith at gmail dot com"). Each pattern needs a cue (a phrase, a street word, a sign-off),
 * because a capitalised word or a number alone says nothing.
 */

/** A personal name: one to three capitalised words, with lower-case particles (van, de, da, …) between. */
const nameWord = "\\p{Lu}[\\p{Ll}\\p{Lu}'’-]*\\p{Ll}[\\p{L}'’-]*|\\p{Lu}\\.";
const particle = '(?:van|von|de|da|del|der|den|di|du|dos|das|do|le|la|ten|ter|bin|al)';
const personalName = `(?:${nameWord})(?:[ \\u00a0]+(?:${particle}[ \\u00a0]+)?(?:${nameWord})){0,2}`;

/** Words that follow "I'm"/"je suis" capitalised without being a name. */
const notNames = new Set(
  'sorry happy glad afraid done back here fine ok okay not so very just still really sure ready tired confused disappointed excited new sick lost out in on at from a an the writing looking trying going also only always never now finally extremely totally absolutely completely quite pretty super frustrated angry upset unhappy satisfied pleased grateful thankful interested unable able calling contacting emailing'.split(' '),
);

/** Phrases after which comes the speaker's own name, by language. */
const introCues = [
  "my name is", "my name's", "my name’s", 'name:', 'i am', "i'm", 'i’m', 'this is', 'call me', 'it is', "it's",
  'mein name ist', 'ich heiße', 'ich heisse', 'ich bin',
  "je m'appelle", 'je m’appelle', 'mon nom est', 'je suis', "c'est", 'c’est',
  'me llamo', 'mi nombre es', 'soy',
  'meu nome é', 'me chamo', 'sou o', 'sou a', 'eu sou',
  'mi chiamo', 'il mio nome è', 'sono',
  'mijn naam is', 'ik heet', 'ik ben',
];

/** Sign-offs a name follows, by language. */
const signOffs = [
  'signed', 'regards', 'best regards', 'kind regards', 'warm regards', 'best wishes', 'best', 'thanks', 'thank you', 'many thanks', 'cheers', 'sincerely', 'yours sincerely', 'yours truly', 'yours', 'respectfully', 'love',
  'mit freundlichen grüßen', 'mit freundlichen grüssen', 'freundliche grüße', 'viele grüße', 'liebe grüße', 'beste grüße', 'gruß', 'grüße', 'lg', 'mfg', 'danke',
  'cordialement', 'bien cordialement', 'bien à vous', 'salutations', 'merci', 'amicalement', 'bisous',
  'saludos', 'un saludo', 'atentamente', 'cordialmente', 'gracias', 'abrazos',
  'atenciosamente', 'abraços', 'obrigado', 'obrigada', 'cumprimentos',
  'cordiali saluti', 'distinti saluti', 'saluti', 'grazie',
  'met vriendelijke groet', 'vriendelijke groeten', 'groeten', 'groetjes',
];

/**
 * A cue phrase as a pattern matching any letter case, while the name after it stays case-sensitive
 * (a flag would make \p{Lu} match lower case too): "signed" → "[sS][iI]…", spaces → any run of spaces.
 */
function cuePattern(cue: string): string {
  let out = '';
  for (const ch of cue) {
    if (ch === ' ') out += '[ \\u00a0]+';
    else if (ch === "'" || ch === '’') out += "['’]";
    else if (ch.toLowerCase() !== ch.toUpperCase()) out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}
const anyCase = (cues: readonly string[]) => cues.map(cuePattern).join('|');

const introPattern = new RegExp(`(?<![\\p{L}])(${anyCase(introCues)})[ \\u00a0]*(${personalName})`, 'gu');
const signOffPattern = new RegExp(`(?<![\\p{L}])((?:${anyCase(signOffs)})[ \\u00a0]*(?:,|:|-|—|\\n|!)[ \\u00a0\\n]*)(${personalName})(?=[ \\u00a0]*(?:$|\\n|[.,!;)]|[ \\u00a0]+\\p{Ll}))`, 'gu');

/** Names after an introduction or a sign-off become `placeholder`; `onMask` counts them. */
export function maskSelfNames(text: string, placeholder: string, onMask: () => void): string {
  const out = text.replace(signOffPattern, (_m, cue: string) => {
    onMask();
    return `${cue}${placeholder}`;
  });
  return out.replace(introPattern, (match, cue: string, name: string) => {
    const words = name.split(/[ \u00a0]+/);
    const first = (words[0] ?? '').toLowerCase();
    // "I'm Sorry", "je suis Très …": a single capitalised word that is a common word, not a name.
    if (notNames.has(first)) return match;
    const lowerCue = cue.toLowerCase().replace(/[’]/g, "'");
    // Weak cues ("I am", "this is", "je suis", "soy", …) need a first and last name; strong ones one word.
    const strong = /name|nom|nombre|nome|naam|heiße|heisse|heet|llamo|chamo|chiamo|appelle|call me|^name:/.test(lowerCue);
    if (!strong && words.length < 2) return match;
    onMask();
    return `${cue}${match.slice(cue.length, match.length - name.length)}${placeholder}`;
  });
}

/** Street types that follow the street's name (English, and the generic "Street" family). */
const streetAfter = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Parkway|Pkwy|Close|Crescent|Square|Sq|Highway|Hwy|Circle|Cir|Row|Mews|Gardens|Grove';
/** Street types that come before the name (French, Spanish, Portuguese, Italian, Dutch, German "Am/An der"). */
const streetBeforeWords = ['rue', 'avenue', 'av.', 'boulevard', 'bd', 'chemin', 'place', 'allée', 'allee', 'impasse', 'quai', 'route', 'calle', 'c/', 'avenida', 'avda.', 'avda', 'plaza', 'paseo', 'camino', 'carrera', 'rua', 'travessa', 'praça', 'praca', 'estrada', 'alameda', 'via', 'viale', 'piazza', 'corso', 'largo', 'vicolo'];
const streetBefore = anyCase(streetBeforeWords);
/** German "Am Markt 3", "An der Alster 5": capitalised only, since "am"/"im" are everyday words. */
const streetBeforeGerman = 'Am|An der|Auf der|Im|Zum|Zur';
/** German and Dutch street names are compounds: Hauptstraße, Kerkstraat, Lindenweg. */
const compoundSuffix = '(?:straße|strasse|str\\.|weg|gasse|platz|allee|damm|ufer|chaussee|steig|pfad|straat|laan|gracht|plein|kade|steeg|singel|dijk)';

const houseNumber = '\\d{1,5}(?:[ ]?[a-zA-Z](?![\\p{L}]))?(?:[-/]\\d{1,4}[a-zA-Z]?)?';
const unit = `(?:,?[ ]*(?:${anyCase(['apt.', 'apt', 'apartment', 'suite', 'ste.', 'unit', 'flat', 'floor', 'wohnung', 'whg.', 'appt.', 'bât.', 'piso', 'apto.', 'apto', 'andar', 'interno', 'int.'])}|#)[ ]*[\\w-]{1,6})?`;
/** ", Springfield, IL 62704", ", 10115 Berlin", ", SW1A 1AA": what follows a street in a postal address. */
const cityTail = `(?:,?[ ]*(?:\\d{4,5}[ ]+\\p{Lu}[\\p{L}-]+|\\p{Lu}[\\p{L}-]+(?:[ ]\\p{Lu}[\\p{L}-]+)?,?[ ]+(?:[A-Z]{2}[ ]+)?\\d{4,5}(?:-\\d{4})?))?`;
const nameWords = "(?:(?:\\p{Lu}[\\p{L}'’.-]*|\\d{1,3}(?:st|nd|rd|th))[ ]+){1,4}";
const looseWords = "(?:(?:\\p{Lu}[\\p{L}'’.-]*|de|del|la|las|los|da|do|dos|das|di|della|du|des|le|l'|d')[ ]*){1,5}";

const addressPatterns: readonly RegExp[] = [
  // 221B Baker Street, 1600 Pennsylvania Ave NW, 5th Avenue
  new RegExp(`(?<![\\p{L}\\p{N}])${houseNumber},?[ ]+${nameWords}(?:${streetAfter})\\.?(?![\\p{L}])(?:[ ]+(?:N|S|E|W|NE|NW|SE|SW)\\b)?${unit}${cityTail}`, 'gu'),
  // 12 rue de la Paix, 5 avenue Victor Hugo
  new RegExp(`(?<![\\p{L}\\p{N}])${houseNumber},?[ ]+(?:bis[ ]+|ter[ ]+)?(?:${streetBefore})[ ]+${looseWords}${unit}${cityTail}`, 'gu'),
  // Calle Mayor 5, Rua Augusta, 100, Via Roma 10, Am Markt 3
  new RegExp(`(?<![\\p{L}])(?:${streetBefore}|${streetBeforeGerman})[ ]+${looseWords},?[ ]*(?:n[º°o.][ ]*)?${houseNumber}(?![\\p{N}])${unit}${cityTail}`, 'gu'),
  // Hauptstraße 12, Berliner Str. 5, Kerkstraat 7
  new RegExp(`(?<![\\p{L}])(?:\\p{Lu}[\\p{L}-]*${compoundSuffix}|\\p{Lu}[\\p{L}-]+[ ](?:Straße|Strasse|Str\\.|Weg|Gasse|Platz|Allee))[ ]*${houseNumber}(?![\\p{N}])${unit}${cityTail}`, 'gu'),
  // P.O. Box 123, Postfach 12 34, Apartado 45
  /(?<![\p{L}])(?:P\.?[ ]?O\.?[ ]?Box|Post Office Box|Postfach|Apartado(?: de correos)?|Caixa Postal|Boîte postale|Casella postale)[ ]*\d[\d ]{0,8}\d?/giu,
  // UK postcodes: SW1A 1AA, M1 1AE
  /(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}(?![\p{L}\p{N}])/gu,
];

export function maskAddresses(text: string, placeholder: string, onMask: () => void): string {
  let out = text;
  for (const pattern of addressPatterns) {
    out = out.replace(pattern, (match) => {
      // Keep a trailing space or comma that belongs to the sentence.
      const trimmed = match.replace(/[ ,]+$/, '');
      onMask();
      return placeholder + match.slice(trimmed.length);
    });
  }
  return out;
}

/** A date as people write one: numeric, "March 12, 1985", "12 de marzo de 1985", "12. März 1985", or day and month. */
const dateText =
  "(?:\\d{1,4}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th|er|º|°)?\\.?[ ]+(?:of[ ]+|de[ ]+)?\\p{L}{3,}\\.?(?:,?[ ]+(?:de[ ]+)?\\d{4})?|\\p{L}{3,}\\.?[ ]+\\d{1,2}(?:st|nd|rd|th)?(?:,?[ ]+\\d{4})?)";
const birthCues = [
  'born on', 'born', 'birthday is', 'birthday:', 'birthday', 'dob', 'd.o.b.', 'date of birth', 'birth date', 'birthdate',
  'geboren am', 'geboren', 'geb.', 'geburtsdatum', 'geburtstag',
  'né le', 'née le', 'né', 'née', 'date de naissance', 'anniversaire',
  'nacido el', 'nacida el', 'fecha de nacimiento', 'cumpleaños',
  'nascido em', 'nascida em', 'data de nascimento', 'aniversário',
  'nato il', 'nata il', 'data di nascita', 'compleanno',
  'geboortedatum', 'geboren op', 'verjaardag',
];
const birthPattern = new RegExp(`(?<![\\p{L}])((?:${anyCase(birthCues)})(?:[ ]+(?:is|was|on|am|le|el|em|il|op|:))?[ ]*:?[ ]*)(${dateText})`, 'giu');
const monthLike = /^(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|d[ei][cz]|janv|f[ée]v|avr|juil|ao[uû]|ene|abr|ago|dic|gen|giu|lug|set|ott|fev|out|dez|mei|okt|janeiro|fevereiro|março|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|januari|februari|maart|augustus)/i;

export function maskBirthDates(text: string, placeholder: string, onMask: () => void): string {
  return text.replace(birthPattern, (match, cue: string, date: string) => {
    if (!/^\d{1,4}[./-]/.test(date)) {
      // "born 12 minutes ago", "birthday party": the word must be a month.
      const word = date.replace(/^\d{1,2}(?:st|nd|rd|th|er|º|°)?\.?[ ]+(?:of[ ]+|de[ ]+)?/i, '');
      if (!monthLike.test(word)) return match;
    }
    onMask();
    return `${cue}${placeholder}`;
  });
}

/** "order #A12-778899", "Order ID: 8812345", "Bestellnummer 123456", "commande n° 45-789", "pedido 778899". */
const orderPattern =
  /(?<![\p{L}])((?:order|commande|bestellung|bestell|auftrag|pedido|encomenda|ordine|bestelling|purchase|invoice|rechnung|facture|factura|fatura|fattura)(?:[ ]?(?:number|nummer|no\.?|nr\.?|n°|nº|num\.?|numéro|número|numero|id|#|ref\.?))?[ ]*(?:[:#]|is|was|ist|est|es|é)?[ ]*#?[ ]*)((?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,30}[A-Za-z0-9])(?![\p{L}\p{N}])/giu;

export function maskOrderNumbers(text: string, placeholder: string, onMask: () => void): string {
  return text.replace(orderPattern, (match, cue: string, id: string) => {
    const digits = id.replace(/\D/g, '').length;
    const marked = /[#:]|n[°º]|nr|no|id|num|nummer|numéro|número|numero/i.test(cue.slice(cue.search(/[ #:]/) >= 0 ? cue.search(/[ #:]/) : cue.length));
    // A bare "order 2023" could be a year: unmarked ids need five digits or letters mixed in.
    if (!marked && digits < 5 && !/[A-Za-z]/.test(id)) return match;
    if (digits < 3) return match;
    onMask();
    return `${cue}${placeholder}`;
  });
}

/** "john dot smith at gmail dot com", "maria punto lopez arroba gmail punto com", "jan(at)web(punkt)de". */
const dotWord = '(?:[ ]*[([{<][ ]*(?:dot|punto|punkt|point|ponto)[ ]*[)\\]}>][ ]*|[ ]+(?:dot|punto|punkt|point|ponto)[ ]+)';
const atWord = '(?:[ ]*[([{<][ ]*(?:at|arroba|ät|chez)[ ]*[)\\]}>][ ]*|[ ]+(?:at|arroba|ät|chez|klammeraffe|arobase)[ ]+)';
const tld = '(?:com|net|org|edu|gov|io|co|info|biz|me|de|fr|es|it|nl|uk|br|pt|be|ch|at|ca|au|jp|ru|pl|se|no|dk|fi|ie|mx|ar|in|eu)';
export const obfuscatedEmailPattern = new RegExp(
  `(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}_+-]+(?:(?:${dotWord}|\\.)[\\p{L}\\p{N}_+-]+)*${atWord}[\\p{L}\\p{N}-]+(?:(?:${dotWord}|\\.)[\\p{L}\\p{N}-]+)*(?:${dotWord})${tld}(?:(?:${dotWord}|\\.)${tld})?(?![\\p{L}\\p{N}])`,
  'giu',
);
