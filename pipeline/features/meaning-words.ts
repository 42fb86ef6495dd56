/**
 * Meaning words for a customer table's summary columns, in English, Spanish, Portuguese, German and
 * French (accents dropped, lower case). They are ordinary words of commerce, written from dictionaries
 * of those languages, not from any dataset's column names. Callers may add words (`TableMeaningOptions`);
 * a column can also be forced to spend with the import role override (`--map COLUMN=amount`).
 *
 * Matching: a column name is split into tokens (camelCase, snake_case, spaces, dashes). A word of five or
 * more letters also matches the start or end of a token, so German compounds ("Gesamtbetrag",
 * "Monatsbeitrag") and glued names ("totalspend") are read; shorter words must be whole tokens.
 */

export interface MeaningWords {
  /** Money: the column holds an amount of money. */
  readonly money: readonly string[];
  /** An explicit count ("number of …"). */
  readonly count: readonly string[];
  /** What is counted is a purchase or an order. */
  readonly purchase: readonly string[];
  /** What is counted is a visit or a session. */
  readonly visit: readonly string[];
  /** Purchases made with a discount: counted inside the other purchase columns, never added to them. */
  readonly discount: readonly string[];
  /** The whole of something (a total column beside its parts). */
  readonly cumulative: readonly string[];
  /** An average: a per-purchase value, never summed with totals. */
  readonly average: readonly string[];
  readonly recency: readonly string[];
  /** "last" in "last purchase". */
  readonly last: readonly string[];
  /** "since" in "days since". */
  readonly since: readonly string[];
  readonly tenure: readonly string[];
  /** The start of the relationship: sign-up, registration, "customer since". */
  readonly enrolment: readonly string[];
  /** The customer as a noun: a date named only after the customer is when they became one. */
  readonly customer: readonly string[];
  readonly complaint: readonly string[];
  /** A family of yes/no flags named with these words is a campaign-response history. */
  readonly campaign: readonly string[];
  /** Quantities that are never money, whatever their decimals look like. */
  readonly notMoney: readonly string[];
  /** Calendar words, small words and currency codes: dropped when naming a category or channel. */
  readonly date: readonly string[];
}

export type PeriodName = 'day' | 'week' | 'month' | 'year';

/** Period words, per period: "monthly charges" is a run-rate, not a total. */
export const periodWords: Readonly<Record<PeriodName, readonly string[]>> = {
  day: ['day', 'days', 'daily', 'dia', 'dias', 'diario', 'diaria', 'tag', 'tage', 'taglich', 'jour', 'jours', 'quotidien'],
  week: ['week', 'weeks', 'weekly', 'semana', 'semanas', 'semanal', 'woche', 'wochen', 'wochentlich', 'semaine', 'semaines', 'hebdomadaire'],
  month: ['month', 'months', 'monthly', 'mes', 'meses', 'mensual', 'mensal', 'monat', 'monate', 'monats', 'monatlich', 'mois', 'mensuel', 'mensuelle'],
  year: ['year', 'years', 'yearly', 'annual', 'ano', 'anos', 'anual', 'jahr', 'jahre', 'jahres', 'jahrlich', 'ans', 'annee', 'annees', 'annuel', 'annuelle'],
};

export const meaningWords: MeaningWords = {
  money: [
    'amount', 'amounts', 'amt', 'spend', 'spent', 'spending', 'charge', 'charges', 'charged', 'revenue', 'price', 'value', 'cost', 'costs',
    'paid', 'payment', 'payments', 'sales', 'fee', 'fees', 'bill', 'billed', 'expenditure', 'turnover', 'money', 'dollars', 'euros',
    'monto', 'importe', 'gasto', 'gastos', 'gastado', 'valor', 'precio', 'pago', 'pagos', 'cargo', 'cargos', 'coste', 'costo', 'cuota', 'facturado',
    'preco', 'pagamento', 'receita', 'despesa', 'despesas', 'mensalidade',
    'betrag', 'umsatz', 'ausgaben', 'kosten', 'preis', 'gebuhr', 'gebuhren', 'beitrag', 'zahlung', 'entgelt',
    'montant', 'depense', 'depenses', 'prix', 'cout', 'couts', 'valeur', 'paye', 'paiement', 'frais', 'facture',
  ],
  count: ['num', 'number', 'count', 'cnt', 'n', 'nb', 'nbr', 'times', 'numero', 'cantidad', 'quantidade', 'anzahl', 'nombre', 'frequency', 'frecuencia', 'frequencia', 'haufigkeit', 'frequence'],
  purchase: [
    'purchase', 'purchases', 'order', 'orders', 'transaction', 'transactions', 'buys', 'compra', 'compras', 'pedido', 'pedidos', 'transacciones',
    'kauf', 'kaufe', 'einkauf', 'einkaufe', 'bestellung', 'bestellungen', 'achat', 'achats', 'commande', 'commandes',
  ],
  visit: ['visit', 'visits', 'session', 'sessions', 'login', 'logins', 'visita', 'visitas', 'sesion', 'sesiones', 'besuch', 'besuche', 'visite', 'visites'],
  discount: ['deal', 'deals', 'discount', 'discounted', 'promo', 'promotion', 'coupon', 'coupons', 'descuento', 'descuentos', 'oferta', 'ofertas', 'desconto', 'rabatt', 'angebot', 'angebote', 'remise', 'soldes'],
  cumulative: ['total', 'totals', 'lifetime', 'cumulative', 'overall', 'totales', 'acumulado', 'gesamt', 'insgesamt', 'cumul', 'cumule'],
  average: ['avg', 'average', 'mean', 'promedio', 'media', 'medio', 'durchschnitt', 'durchschnittlich', 'moyen', 'moyenne'],
  recency: ['recency', 'recencia', 'recence', 'aktualitat'],
  last: ['last', 'latest', 'ultima', 'ultimo', 'letzte', 'letzter', 'letzten', 'dernier', 'derniere'],
  since: ['since', 'desde', 'seit', 'depuis', 'ago', 'hace'],
  tenure: ['tenure', 'seniority', 'antiguedad', 'antiguidade', 'anciennete', 'zugehorigkeit'],
  enrolment: [
    'signup', 'sign', 'join', 'joined', 'joining', 'registration', 'registered', 'enrol', 'enroll', 'enrolment', 'enrollment', 'onboarding', 'first',
    'alta', 'registro', 'inscripcion', 'cadastro', 'adesao', 'anmeldung', 'registrierung', 'beitritt', 'inscription', 'adhesion', 'primera', 'primeiro', 'erste', 'premier',
  ],
  customer: ['customer', 'client', 'member', 'subscriber', 'cliente', 'socio', 'kunde', 'kunden', 'mitglied', 'abonne'],
  complaint: ['complain', 'complained', 'complaint', 'complaints', 'queja', 'quejas', 'reclamo', 'reclamacion', 'reclamacao', 'beschwerde', 'beschwerden', 'plainte', 'reclamation'],
  campaign: ['campaign', 'campaigns', 'accepted', 'accept', 'offer', 'offers', 'campana', 'campanas', 'campanha', 'acepto', 'aceptada', 'aceptado', 'aceita', 'oferta', 'ofertas', 'kampagne', 'angenommen', 'campagne', 'accepte'],
  notMoney: [
    'rate', 'ratio', 'score', 'pct', 'percent', 'percentage', 'share', 'lat', 'latitude', 'lon', 'lng', 'longitude', 'age', 'weight', 'height',
    'temperature', 'temp', 'distance', 'km', 'kg', 'cm', 'rating', 'stars', 'index', 'zip', 'code', 'probability', 'prob',
    // Money a customer has or may spend, not money they spent.
    'income', 'salary', 'wage', 'balance', 'limit', 'credit', 'ingreso', 'ingresos', 'salario', 'sueldo', 'renda', 'saldo', 'limite',
    'einkommen', 'gehalt', 'kredit', 'revenu', 'revenus', 'salaire',
  ],
  date: ['date', 'dt', 'time', 'timestamp', 'fecha', 'data', 'datum', 'zeit', 'heure', 'on', 'at', 'of', 'de', 'del', 'da', 'do', 'der', 'des', 'du', 'la', 'el', 'the', 'per', 'por', 'pro', 'par', 'in', 'en', 'im', 'a', 'con', 'com', 'mit', 'avec', 'with',
    'eur', 'usd', 'gbp', 'chf', 'jpy', 'brl', 'mxn', 'cad', 'aud', 'inr', 'cny', 'k'],
};
