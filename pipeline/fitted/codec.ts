/**
 * A compact binary form for fitted state: a JSON header describing the structure, then every typed
 * array's bytes (8-byte aligned, little-endian as the platform writes them). Numbers in the header
 * survive JSON exactly; large arrays never pass through JSON text.
 */
import { PersonaError } from '../../lib/errors.ts';

const magic = 0x53464550; // "PEFS" read as a little-endian u32

const arrayKinds = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  u8: Uint8Array,
} as const;
type ArrayKind = keyof typeof arrayKinds;
type AnyTyped = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;

function kindOf(v: unknown): ArrayKind | null {
  if (v instanceof Float64Array) return 'f64';
  if (v instanceof Float32Array) return 'f32';
  if (v instanceof Int32Array) return 'i32';
  if (v instanceof Uint32Array) return 'u32';
  if (v instanceof Uint8Array) return 'u8';
  return null;
}

const align = (n: number) => Math.ceil(n / 8) * 8;

export function encodeState(value: unknown): Uint8Array {
  const arrays: AnyTyped[] = [];
  let offset = 0;
  const header = JSON.stringify(value, (_key, v: unknown) => {
    const kind = kindOf(v);
    if (!kind) {
      if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
      return v;
    }
    const a = v as AnyTyped;
    const entry = { $ta: kind, o: offset, n: a.length };
    arrays.push(a);
    offset = align(offset + a.byteLength);
    return entry;
  });
  const head = new TextEncoder().encode(header);
  const start = align(8 + head.length);
  const out = new Uint8Array(start + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, head.length, true);
  out.set(head, 8);
  let at = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at = align(at + a.byteLength);
  }
  return out;
}

export function decodeState<T>(bytes: Uint8Array): T {
  if (bytes.byteLength < 8) throw new PersonaError('bad_value', `fitted state: ${bytes.byteLength} bytes is too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== magic) throw new PersonaError('bad_value', 'fitted state: not a fitted-state document');
  const headLength = view.getUint32(4, true);
  const start = align(8 + headLength);
  const header = new TextDecoder().decode(bytes.subarray(8, 8 + headLength));
  return JSON.parse(header, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$num' in v) return Number((v as { $num: string }).$num);
    if (!v || typeof v !== 'object' || !('$ta' in v)) return v;
    const { $ta, o, n } = v as { $ta: ArrayKind; o: number; n: number };
    const Ctor = arrayKinds[$ta];
    if (!Ctor) throw new PersonaError('bad_value', `fitted state: unknown array kind ${String($ta)}`);
    const size = n * Ctor.BYTES_PER_ELEMENT;
    if (start + o + size > bytes.byteLength) throw new PersonaError('bad_value', 'fitted state: an array runs past the end of the document');
    // Copied, so the result owns aligned memory whatever buffer the driver handed us.
    const copy = new Uint8Array(size);
    copy.set(bytes.subarray(start + o, start + o + size));
    return new Ctor(copy.buffer);
  }) as T;
}
