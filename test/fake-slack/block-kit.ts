/**
 * Block Kit's documented limits for the blocks we send (section, header, context, divider), checked the
 * way Slack checks them before accepting a message. The fake Web API refuses messages that break them.
 */
export const blockKitLimits = { blocks: 50, sectionText: 3000, fields: 10, fieldText: 2000, headerText: 150, contextElements: 10, text: 3000 } as const;

interface TextObject {
  type?: unknown;
  text?: unknown;
  verbatim?: unknown;
  emoji?: unknown;
}

function textProblem(where: string, t: TextObject | undefined, max: number, types: readonly string[] = ['plain_text', 'mrkdwn']): string[] {
  if (!t || typeof t !== 'object') return [`${where}: missing text object`];
  const out: string[] = [];
  if (typeof t.type !== 'string' || !types.includes(t.type)) out.push(`${where}: text type ${String(t.type)} not in ${types.join('/')}`);
  if (typeof t.text !== 'string' || t.text.length < 1 || t.text.length > max) out.push(`${where}: text length ${typeof t.text === 'string' ? t.text.length : 'none'} outside 1..${max}`);
  if (t.verbatim !== undefined && t.type !== 'mrkdwn') out.push(`${where}: verbatim only applies to mrkdwn`);
  if (t.emoji !== undefined && t.type !== 'plain_text') out.push(`${where}: emoji only applies to plain_text`);
  return out;
}

/** Every way `blocks` breaks Block Kit's limits; empty when Slack would accept them. */
export function blockKitProblems(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const out: string[] = [];
  if (blocks.length > blockKitLimits.blocks) out.push(`${blocks.length} blocks (max ${blockKitLimits.blocks})`);
  blocks.forEach((b: { type?: unknown; text?: TextObject; fields?: TextObject[]; elements?: TextObject[] }, i) => {
    const at = `block ${i} (${String(b?.type)})`;
    switch (b?.type) {
      case 'divider':
        break;
      case 'header':
        out.push(...textProblem(at, b.text, blockKitLimits.headerText, ['plain_text']));
        break;
      case 'section':
        if (!b.text && !b.fields) out.push(`${at}: needs text or fields`);
        if (b.text) out.push(...textProblem(at, b.text, blockKitLimits.sectionText));
        if (b.fields) {
          if (b.fields.length < 1 || b.fields.length > blockKitLimits.fields) out.push(`${at}: ${b.fields.length} fields (max ${blockKitLimits.fields})`);
          b.fields.forEach((f, j) => out.push(...textProblem(`${at} field ${j}`, f, blockKitLimits.fieldText)));
        }
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > blockKitLimits.contextElements) out.push(`${at}: needs 1..${blockKitLimits.contextElements} elements`);
        else b.elements.forEach((e, j) => out.push(...textProblem(`${at} element ${j}`, e, blockKitLimits.text)));
        break;
      default:
        out.push(`${at}: unexpected block type`);
    }
  });
  return out;
}
