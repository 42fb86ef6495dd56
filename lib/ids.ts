/** Path ids as the database stores them: plain decimal integers of 1..2^31-1, nothing else ("1e0", "0x1", "1.0", " 1"). */
export const maxId = 2_147_483_647;

export function parseId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= maxId ? id : null;
}
