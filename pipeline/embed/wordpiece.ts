/**
 * A WordPiece tokenizer driven by a HuggingFace `tokenizer.json` (BERT family: BertNormalizer,
 * BertPreTokenizer, WordPiece model). Reproduces the reference tokenizer for ordinary text so ids match
 * what the exported model was trained on. Added-token matching inside the text is not implemented:
 * a literal "[SEP]" in customer text is tokenized as ordinary characters.
 */
import { PersonaError } from '../../lib/errors.ts';

export interface WordPieceTokenizer {
  readonly vocabSize: number;
  readonly clsId: number;
  readonly sepId: number;
  readonly padId: number;
  readonly unkId: number;
  /** Word pieces of a text, without special tokens. */
  tokenize(text: string): string[];
  /** [CLS] pieces… [SEP] as ids, truncated so the whole sequence has at most maxTokens ids. */
  encode(text: string, maxTokens: number): Int32Array;
}

interface Normalizer {
  readonly type: string;
  readonly lowercase?: boolean;
  readonly strip_accents?: boolean | null;
  readonly clean_text?: boolean;
  readonly handle_chinese_chars?: boolean;
  readonly normalizers?: readonly Normalizer[];
}

interface TokenizerJson {
  readonly normalizer?: Normalizer | null;
  readonly pre_tokenizer?: { readonly type: string } | null;
  readonly model?: {
    readonly type?: string;
    readonly vocab?: Readonly<Record<string, number>>;
    readonly unk_token?: string;
    readonly continuing_subword_prefix?: string;
    readonly max_input_chars_per_word?: number;
  };
}

/** Builds the tokenizer from the parsed JSON; `source` names the file in error messages. */
export function createWordPiece(json: unknown, source = 'tokenizer.json'): WordPieceTokenizer {
  const spec = json as TokenizerJson;
  const model = spec?.model;
  if (!model || model.type !== 'WordPiece' || !model.vocab) {
    // Multilingual sentence-transformers built on XLM-R (paraphrase-multilingual-*) ship SentencePiece (Unigram) tokenizers.
    const hint =
      model?.type === 'Unigram' || model?.type === 'BPE'
        ? `: ${model.type} tokenizers (SentencePiece/BPE, as in XLM-R-based multilingual models such as paraphrase-multilingual-MiniLM-L12-v2) are not supported; ` +
          'use a BERT-family model with a WordPiece tokenizer (for several languages, e.g. LaBSE or distiluse-base-multilingual-cased) exported to ONNX'
        : '';
    throw new PersonaError('bad_config', `${source}: expected a WordPiece model with a vocab, got model type "${model?.type ?? 'none'}"${hint}`);
  }
  const vocab = new Map<string, number>(Object.entries(model.vocab));
  const prefix = model.continuing_subword_prefix ?? '##';
  const maxChars = model.max_input_chars_per_word ?? 100;
  const idOf = (token: string): number => {
    const id = vocab.get(token);
    if (id === undefined) throw new PersonaError('bad_config', `${source}: vocab has no "${token}" token`);
    return id;
  };
  const unkToken = model.unk_token ?? '[UNK]';
  const unkId = idOf(unkToken);
  const clsId = idOf('[CLS]');
  const sepId = idOf('[SEP]');
  const padId = idOf('[PAD]');
  const normalise = buildNormalizer(spec.normalizer ?? null, source);
  const preType = spec.pre_tokenizer?.type ?? 'BertPreTokenizer';
  if (preType !== 'BertPreTokenizer') {
    throw new PersonaError('bad_config', `${source}: pre_tokenizer "${preType}" is not supported (only BertPreTokenizer)`);
  }

  const wordPieces = (word: string, out: string[]): void => {
    const chars = Array.from(word);
    if (chars.length > maxChars) {
      out.push(unkToken);
      return;
    }
    const pieces: string[] = [];
    let start = 0;
    while (start < chars.length) {
      // Greedy longest match first, as in the reference implementation.
      let end = chars.length;
      let found: string | undefined;
      while (start < end) {
        const sub = (start > 0 ? prefix : '') + chars.slice(start, end).join('');
        if (vocab.has(sub)) {
          found = sub;
          break;
        }
        end--;
      }
      if (found === undefined) {
        out.push(unkToken); // one unmatched piece makes the whole word unknown
        return;
      }
      pieces.push(found);
      start = end;
    }
    out.push(...pieces);
  };

  const tokenize = (text: string): string[] => {
    const out: string[] = [];
    for (const word of bertPreTokenize(normalise(text))) wordPieces(word, out);
    return out;
  };

  return {
    vocabSize: vocab.size,
    clsId,
    sepId,
    padId,
    unkId,
    tokenize,
    encode(text: string, maxTokens: number): Int32Array {
      if (!Number.isInteger(maxTokens) || maxTokens < 2) {
        throw new PersonaError('bad_option', `wordpiece: maxTokens must be an integer ≥ 2, got ${maxTokens}`);
      }
      const pieces = tokenize(text);
      const keep = Math.min(pieces.length, maxTokens - 2);
      const ids = new Int32Array(keep + 2);
      ids[0] = clsId;
      for (let i = 0; i < keep; i++) ids[i + 1] = vocab.get(pieces[i] as string) ?? unkId;
      ids[keep + 1] = sepId;
      return ids;
    },
  };
}

// BERT counts every ASCII symbol as punctuation too (e.g. $ + < = > ^ ` | ~).
const PUNCT = /[\p{P}\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/u;
const WHITESPACE = /\s/u;
const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u;
const MARK_NONSPACING = /\p{Mn}/gu;

/** Splits on whitespace and makes every punctuation character a word of its own. */
export function bertPreTokenize(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (WHITESPACE.test(ch)) {
      if (cur) words.push(cur);
      cur = '';
    } else if (PUNCT.test(ch)) {
      if (cur) words.push(cur);
      words.push(ch);
      cur = '';
    } else cur += ch;
  }
  if (cur) words.push(cur);
  return words;
}

function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function bertNormalize(text: string, n: Normalizer): string {
  let out = '';
  const clean = n.clean_text ?? true;
  const chinese = n.handle_chinese_chars ?? true;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (clean) {
      // Same order as the reference: drop controls (tab/newline/CR excepted), then map whitespace to ' '.
      if (cp === 0 || cp === 0xfffd) continue;
      const tabOrNewline = ch === '\t' || ch === '\n' || ch === '\r';
      if (!tabOrNewline && CONTROL.test(ch)) continue;
      if (tabOrNewline || WHITESPACE.test(ch)) {
        out += ' ';
        continue;
      }
    }
    out += chinese && isChineseChar(cp) ? ` ${ch} ` : ch;
  }
  const lowercase = n.lowercase ?? true;
  // strip_accents null/absent follows lowercase, as in the reference normalizer.
  if (n.strip_accents ?? lowercase) out = stripAccents(out);
  return lowercase ? out.toLowerCase() : out;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(MARK_NONSPACING, '');
}

function buildNormalizer(n: Normalizer | null, source: string): (text: string) => string {
  if (n === null) return (t) => t;
  switch (n.type) {
    case 'BertNormalizer':
      return (t) => bertNormalize(t, n);
    case 'Lowercase':
      return (t) => t.toLowerCase();
    case 'StripAccents':
      return (t) => t.replace(MARK_NONSPACING, '');
    case 'NFD':
    case 'NFC':
    case 'NFKD':
    case 'NFKC': {
      const form = n.type;
      return (t) => t.normalize(form);
    }
    case 'Sequence': {
      const steps = (n.normalizers ?? []).map((s) => buildNormalizer(s, source));
      return (t) => steps.reduce((acc, f) => f(acc), t);
    }
    default:
      throw new PersonaError('bad_config', `${source}: normalizer "${n.type}" is not supported`);
  }
}
