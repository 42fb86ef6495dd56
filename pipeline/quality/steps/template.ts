/**
 * Boilerplate: (a) texts matching a known auto-reply pattern are all dropped, since none of them is a
 * customer speaking; (b) short texts whose masked form (digits masked, @handles and URLs removed) recurs from at
 * least `templateMinRepeats` different authors keep their first occurrence and drop the rest, so the
 * message is still represented once, as with duplicates, but no longer outweighs real variety.
 * Unknown authors (empty authorId) each count as a different author.
 */
import type { QualityText, QualityVerdict, TextFilterStep } from '../../types.ts';
import { maskForTemplate } from '../normalise.ts';

export interface TemplateSettings {
  readonly templateMinRepeats: number;
  readonly templateMaxChars: number;
  /** Regex sources, compiled case-insensitively. */
  readonly boilerplatePatterns: readonly string[];
}

interface Form {
  readonly firstId: string;
  readonly authors: Set<string>;
}

export function templateStep(s: TemplateSettings): TextFilterStep {
  const patterns = s.boilerplatePatterns.map((p) => new RegExp(p, 'iu'));
  return {
    name: 'template',
    options: { ...s },
    apply(texts: readonly QualityText[]): QualityVerdict[] {
      const boilerplate = texts.map((t) => patterns.some((re) => re.test(t.text)));
      const masked = texts.map((t) => maskForTemplate(t.text));
      const forms = new Map<string, Form>();
      texts.forEach((t, i) => {
        const key = masked[i] as string;
        if (boilerplate[i] || key.length > s.templateMaxChars) return;
        let form = forms.get(key);
        if (!form) forms.set(key, (form = { firstId: t.id, authors: new Set() }));
        form.authors.add(t.authorId || `\u0000${t.id}`);
      });
      const out: QualityVerdict[] = [];
      texts.forEach((t, i) => {
        if (boilerplate[i]) {
          out.push({ id: t.id, kept: false, reason: 'template' });
          return;
        }
        const form = forms.get(masked[i] as string);
        if (form && form.authors.size >= s.templateMinRepeats && form.firstId !== t.id) {
          out.push({ id: t.id, kept: false, reason: 'template', duplicateOf: form.firstId });
        }
      });
      return out;
    },
  };
}
