/**
 * A general customer-experience taxonomy: the complaint and praise categories that CX teams use across
 * industries (trust and safety, delivery, refunds and returns, price, product quality, billing, account
 * access, technical problems, waiting on support, praise), with everyday words in en, pt, es, fr and de.
 * It names a text segment only when the segment's own c-TF-IDF terms express a theme; otherwise labels
 * come from the terms themselves. Configurable per run: `taxonomy: 'none'` turns it off, a list of
 * themes replaces it. Every item keeps a `{terms}` slot filled with the segment's matching words.
 */
import type { TermScore } from './ctfidf.ts';

export type Slot = 'goal' | 'frustration' | 'motivation';

export interface CxTheme {
  readonly id: string;
  /** The segment label's head, e.g. "Delivery concerns". */
  readonly label: string;
  /** Archetype and epithet for persona cards. */
  readonly archetype: string;
  readonly epithet: string;
  /** Lower-case words or phrases; a phrase matches inside a term. */
  readonly words: readonly string[];
  readonly items: Readonly<Record<Slot, readonly string[]>>;
}

/** 'general' = the built-in themes; 'none' = labels from terms only; or your own themes. */
export type TaxonomyChoice = 'general' | 'none' | { readonly themes: readonly CxTheme[] };

export const generalTaxonomy: readonly CxTheme[] = [
  {
    id: 'trust', label: 'Trust & safety concerns', archetype: 'wary buyer', epithet: 'Wary',
    words: ['trust', 'fraud', 'scam', 'fake', 'counterfeit', 'genuine', 'legit', 'legitimate', 'secure', 'security', 'privacy', 'phishing', 'suspicious', 'stolen', 'hacked', 'fraude', 'golpe', 'falso', 'confiança', 'segurança', 'estafa', 'confianza', 'seguridad', 'arnaque', 'escroquerie', 'confiance', 'sécurité', 'betrug', 'gefälscht', 'vertrauen', 'sicherheit'],
    items: {
      goal: ['Deal only with sellers that prove they are genuine', 'Keep their money and personal details safe (they write about {terms})'],
      frustration: ['Not knowing whether a seller or product is real', 'Worry that their payment or data will be misused (they write about {terms})'],
      motivation: ['Visible buyer protection and secure payment', 'Straight answers and proof from verified customers (they write about {terms})'],
    },
  },
  {
    id: 'delivery', label: 'Delivery concerns', archetype: 'delivery watcher', epithet: 'Punctual',
    words: ['delivery', 'delivered', 'shipping', 'shipment', 'parcel', 'package', 'courier', 'tracking', 'arrived', 'arrive', 'late', 'delayed', 'entrega', 'entregue', 'prazo', 'chegou', 'atraso', 'atrasado', 'frete', 'correios', 'envío', 'llegó', 'retraso', 'paquete', 'livraison', 'livré', 'colis', 'retard', 'lieferung', 'geliefert', 'paket', 'versand', 'verspätet'],
    items: {
      goal: ['Know when an order will arrive, and have that date kept', 'Follow an order from dispatch to the door (they write about {terms})'],
      frustration: ['Orders that arrive late or not at all', 'Tracking that stops updating (they write about {terms})'],
      motivation: ['Delivery dates that are kept', 'Updates before they have to ask (they write about {terms})'],
    },
  },
  {
    id: 'refund', label: 'Refunds & returns', archetype: 'refund chaser', epithet: 'Resolute',
    words: ['refund', 'refunded', 'return', 'returned', 'money back', 'reimburse', 'chargeback', 'exchange', 'reembolso', 'devolução', 'devolver', 'estorno', 'devolución', 'remboursement', 'rembourser', 'retour', 'erstattung', 'rückerstattung', 'rücksendung'],
    items: {
      goal: ['Get their money back quickly when something goes wrong', 'See a clear status for every claim (they write about {terms})'],
      frustration: ['Refunds that take weeks', 'Chasing the same claim again and again (they write about {terms})'],
      motivation: ['A refund promise with a date on it', 'Automatic updates on their claim (they write about {terms})'],
    },
  },
  {
    id: 'price', label: 'Price-sensitive', archetype: 'price-sensitive buyer', epithet: 'Thrifty',
    words: ['price', 'prices', 'expensive', 'cheap', 'cheaper', 'cost', 'discount', 'coupon', 'promo', 'deal', 'deals', 'offer', 'sale', 'voucher', 'preço', 'caro', 'barato', 'desconto', 'promoção', 'precio', 'descuento', 'oferta', 'prix', 'cher', 'réduction', 'preis', 'teuer', 'günstig', 'rabatt', 'angebot'],
    items: {
      goal: ['Pay a fair price and never more than they must', 'Compare offers before buying (they write about {terms})'],
      frustration: ['Prices that change or hidden costs', 'Offers that fail when they try to use them (they write about {terms})'],
      motivation: ['Clear, honest prices and timely discounts', 'Price alerts and straight answers on cost (they write about {terms})'],
    },
  },
  {
    id: 'quality', label: 'Product quality', archetype: 'quality seeker', epithet: 'Discerning',
    words: ['quality', 'broken', 'damaged', 'defective', 'faulty', 'durable', 'material', 'qualidade', 'quebrado', 'defeito', 'danificado', 'calidad', 'roto', 'defectuoso', 'qualité', 'cassé', 'défectueux', 'qualität', 'kaputt', 'defekt', 'beschädigt'],
    items: {
      goal: ['Buy things that work and last', 'Get what the description promised (they write about {terms})'],
      frustration: ['Products that arrive damaged or fail early', 'Quality below what they paid for (they write about {terms})'],
      motivation: ['Quality guarantees and honest descriptions', 'Quick replacements when something is faulty (they write about {terms})'],
    },
  },
  {
    id: 'billing', label: 'Billing issues', archetype: 'billing checker', epithet: 'Meticulous',
    words: ['bill', 'billing', 'charge', 'charged', 'overcharged', 'invoice', 'fee', 'fees', 'payment', 'cobrança', 'cobrado', 'fatura', 'pagamento', 'boleto', 'factura', 'cobro', 'cargo', 'pago', 'facture', 'paiement', 'prélèvement', 'rechnung', 'zahlung', 'abbuchung', 'gebühr'],
    items: {
      goal: ['Pay exactly what they expected', 'Understand every line of their bill (they write about {terms})'],
      frustration: ['Charges they did not expect', 'Billing disputes that drag on (they write about {terms})'],
      motivation: ['Itemised bills and quick corrections', 'Clear answers about charges (they write about {terms})'],
    },
  },
  {
    id: 'account', label: 'Account access', archetype: 'locked-out user', epithet: 'Locked-out',
    words: ['account', 'login', 'log in', 'password', 'locked', 'sign in', 'verification', 'verify', 'conta', 'senha', 'cuenta', 'contraseña', 'compte', 'mot de passe', 'konto', 'passwort', 'anmelden'],
    items: {
      goal: ['Get into their account without a fight', 'Fix account problems in one step (they write about {terms})'],
      frustration: ['Verification loops and locked accounts', 'Being sent in circles (they write about {terms})'],
      motivation: ['Fast identity checks with a human fallback', 'Self-service fixes (they write about {terms})'],
    },
  },
  {
    id: 'technical', label: 'Technical problems', archetype: 'troubleshooter', epithet: 'Frustrated',
    words: ['error', 'crash', 'crashes', 'bug', 'outage', 'not working', 'broken link', 'slow', 'loading', 'website', 'site', 'erro', 'travando', 'aplicativo', 'fallo', 'caído', 'aplicación', 'erreur', 'panne', 'fehler', 'absturz', 'störung'],
    items: {
      goal: ['Have the product or service simply work', 'Know when a fault will be fixed (they write about {terms})'],
      frustration: ['Faults with no explanation or time estimate', 'Reporting the same fault twice (they write about {terms})'],
      motivation: ['Status updates and a fix that lasts', 'Someone who follows up (they write about {terms})'],
    },
  },
  {
    id: 'support', label: 'Waiting on support', archetype: 'support seeker', epithet: 'Patient',
    words: ['support', 'customer service', 'service', 'agent', 'waiting', 'wait', 'hold', 'response', 'reply', 'answer', 'contact', 'atendimento', 'resposta', 'suporte', 'atención', 'respuesta', 'soporte', 'réponse', 'attente', 'kundenservice', 'antwort', 'warten'],
    items: {
      goal: ['Reach a person who can solve the problem', 'Get a real answer when they ask (they write about {terms})'],
      frustration: ['Waiting for a reply', 'Canned answers to real problems (they write about {terms})'],
      motivation: ['Fast, human replies', 'Follow-up once the problem is solved (they write about {terms})'],
    },
  },
  {
    id: 'praise', label: 'Happy customers', archetype: 'happy advocate', epithet: 'Cheerful',
    words: ['love', 'great', 'excellent', 'amazing', 'perfect', 'recommend', 'happy', 'ótimo', 'excelente', 'recomendo', 'adorei', 'perfeito', 'recomiendo', 'encantó', 'perfecto', 'parfait', 'recommande', 'génial', 'super', 'toll', 'empfehlen', 'perfekt'],
    items: {
      goal: ['Keep enjoying something they already like', 'Share what they like (they write about {terms})'],
      frustration: ['Changes to what they love', 'Being taken for granted (they write about {terms})'],
      motivation: ['Recognition and referral rewards', 'Being asked for their opinion (they write about {terms})'],
    },
  },
];

export function taxonomyThemes(choice: TaxonomyChoice | undefined): readonly CxTheme[] {
  if (choice === undefined || choice === 'general') return generalTaxonomy;
  if (choice === 'none') return [];
  return choice.themes;
}

const topN = 12;

/** The segment's terms that express a theme, rank-weighted (1/rank), among its top terms. */
export function themeMatch(terms: readonly TermScore[], theme: CxTheme): { score: number; hits: string[] } {
  let score = 0;
  const hits: string[] = [];
  terms.slice(0, topN).forEach((t, rank) => {
    const term = t.term.toLowerCase();
    const words = term.split(' ');
    if (theme.words.some((w) => (w.includes(' ') ? term.includes(w) : words.includes(w)))) {
      score += 1 / (rank + 1);
      hits.push(t.term);
    }
  });
  return { score, hits };
}

/** One theme per segment where it is clear (≥ 2 hits, score ≥ 0.5), each theme used once per run. */
export function assignThemes(termsBySegment: readonly (readonly TermScore[])[], themes: readonly CxTheme[]): ({ theme: CxTheme; hits: string[] } | null)[] {
  const candidates: { segment: number; theme: CxTheme; score: number; hits: string[] }[] = [];
  termsBySegment.forEach((terms, segment) => {
    for (const theme of themes) {
      const { score, hits } = themeMatch(terms, theme);
      if (hits.length >= 2 && score >= 0.5) candidates.push({ segment, theme, score, hits });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.segment - b.segment || a.theme.id.localeCompare(b.theme.id));
  const out: ({ theme: CxTheme; hits: string[] } | null)[] = termsBySegment.map(() => null);
  const used = new Set<string>();
  for (const c of candidates) {
    if (out[c.segment] !== null || used.has(c.theme.id)) continue;
    out[c.segment] = { theme: c.theme, hits: c.hits };
    used.add(c.theme.id);
  }
  return out;
}
