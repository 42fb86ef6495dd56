/**
 * POST /api/uploads?name=FILE: a chat user adds a data file to the data folder, the only folder chat
 * can import from. The body is the file itself, streamed to disk under a size limit (413 beyond it);
 * the name is reduced to a plain base name with an importable extension, and an existing file is never
 * replaced. Needs a configured API key: without one the server is open to anything on the machine.
 */
import { Hono, type Context } from 'hono';
import { isPersonaError } from '../../../lib/errors.ts';
import { saveUpload } from '../../../lib/data-folder.ts';

export const uploadsPath = '/api/uploads';

export interface UploadOptions {
  readonly dir: string;
  readonly maxBytes: number;
  /** Whether requests carry a checked bearer token. */
  readonly authenticated: boolean;
}

async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function refuse(c: Context, status: 400 | 403 | 413, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

export function uploadRoutes(options: UploadOptions): Hono {
  const app = new Hono();
  app.post(uploadsPath, async (c) => {
    if (!options.authenticated) return refuse(c, 403, 'forbidden', 'uploads need an API key: start the server with PERSONA_API_KEY');
    const name = c.req.query('name') ?? c.req.header('x-file-name') ?? '';
    if (!name) return refuse(c, 400, 'bad_request', 'name the file: POST /api/uploads?name=customers.csv');
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) return refuse(c, 413, 'payload_too_large', `upload over the limit of ${options.maxBytes} bytes`);
    try {
      const saved = await saveUpload(options.dir, name, chunksOf(c.req.raw.body), options.maxBytes);
      return c.json({ name: saved.name, bytes: saved.bytes, next: `ask "import ${saved.name}" to import it` }, 201);
    } catch (err) {
      if (!isPersonaError(err)) throw err;
      if (err.code === 'bad_value' && /over the limit/.test(err.message)) return refuse(c, 413, 'payload_too_large', err.message);
      return refuse(c, 400, err.code, err.message);
    }
  });
  return app;
}
