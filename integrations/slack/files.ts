/**
 * Files shared with the bot in Slack land in the data folder, the only folder chat can import from.
 * Each file is looked up with files.info (the Web API, not the event payload, says where it lives and
 * how big it is), downloaded with the bot token only from Slack's own file host (or the configured API
 * host), checked against the size limit while it streams, and saved under a plain name that never
 * replaces an existing file.
 */
import type { webApi } from '@slack/bolt';
import { saveUpload, shortName } from '../../lib/data-folder.ts';
import { errorMessage } from '../../lib/errors.ts';

export interface SlackFileOptions {
  /** The data folder. */
  readonly dir: string;
  readonly maxBytes: number;
  /** Web API base URL ("…/api/"); files from its host are trusted as Slack's (tests use a local fake). */
  readonly slackApiUrl?: string;
}

export const slackFileHosts = ['files.slack.com'] as const;

export type SharedFileOutcome = { readonly ok: true; readonly name: string; readonly bytes: number } | { readonly ok: false; readonly name: string; readonly reason: string };

function trustedDownload(url: string, apiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && (slackFileHosts as readonly string[]).includes(parsed.hostname)) return true;
  return apiUrl !== undefined && new URL(apiUrl).origin === parsed.origin;
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** Saves one shared file (by id) into the data folder. */
export async function saveSharedFile(client: webApi.WebClient, fileId: string, options: SlackFileOptions): Promise<SharedFileOutcome> {
  let info: { name?: string; size?: number; url_private_download?: string } | undefined;
  try {
    info = (await client.files.info({ file: fileId })).file;
  } catch (err) {
    return { ok: false, name: fileId, reason: `Slack did not describe the file (${errorMessage(err)})` };
  }
  const name = shortName(info?.name ?? fileId);
  const url = info?.url_private_download;
  if (!url || !trustedDownload(url, options.slackApiUrl)) return { ok: false, name, reason: 'the file is not hosted by Slack' };
  if ((info?.size ?? 0) > options.maxBytes) return { ok: false, name, reason: `it is over the upload limit of ${options.maxBytes} bytes` };
  const res = await fetch(url, { headers: { authorization: `Bearer ${client.token ?? ''}` } });
  if (!res.ok || !res.body) return { ok: false, name, reason: `Slack refused the download (HTTP ${res.status})` };
  try {
    const saved = await saveUpload(options.dir, name, chunksOf(res.body), options.maxBytes);
    return { ok: true, name: saved.name, bytes: saved.bytes };
  } catch (err) {
    return { ok: false, name, reason: errorMessage(err) };
  }
}
