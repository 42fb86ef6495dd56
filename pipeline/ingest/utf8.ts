/**
 * UTF-8 validation over raw bytes, so a bad byte is reported at the record that holds it (a streaming
 * TextDecoder fails on the whole chunk, before earlier records in it were seen).
 */
export interface Utf8Check {
  /** Offset of the first invalid byte, or -1. */
  readonly invalidAt: number;
  /** Bytes at the end that start a sequence the chunk doesn't finish (carry them to the next chunk). */
  readonly incompleteTail: number;
}

export function checkUtf8(bytes: Uint8Array): Utf8Check {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return { invalidAt: i, incompleteTail: 0 };
    }
    if (i + need >= n) {
      // Sequence runs past the chunk: valid so far?
      for (let k = 1; i + k < n; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return { invalidAt: i, incompleteTail: 0 };
      return { invalidAt: -1, incompleteTail: n - i };
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return { invalidAt: i, incompleteTail: 0 };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { invalidAt: i, incompleteTail: 0 };
    i += need + 1;
  }
  return { invalidAt: -1, incompleteTail: 0 };
}
