/** The Slack app manifest at the repository root asks for what the handlers use, at our route. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SocketModeReceiver } from '@slack/bolt';
import { createSlackApp } from './bolt-app.ts';
import { slackDefaults } from './routes.ts';
import { recordingLogger } from '../../test/fake-slack/recording-logger.ts';

const manifest = readFileSync(new URL('../../slack-manifest.yml', import.meta.url), 'utf8');

/** The "- item" lines under `key:` (a flat YAML list). */
function list(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s*- (\S+)\s*$/.exec(line);
    if (!m) break;
    out.push(m[1] as string);
  }
  return out;
}

describe('Slack app manifest', () => {
  it('points Slack at our events route and subscribes to what we handle', () => {
    expect(manifest).toContain(`request_url: https://YOUR-HOST${slackDefaults.path}\n`);
    expect(manifest).toContain(`url: https://YOUR-HOST${slackDefaults.path}\n`);
    expect(manifest).toContain('- command: /persona\n');
    expect(list('bot').sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:read', 'im:history', 'im:read']);
    expect(list('bot_events').sort()).toEqual(['app_mention', 'message.im']);
    expect(manifest).toMatch(/messages_tab_enabled: true\n/);
    expect(manifest).toMatch(/socket_mode_enabled: false\n/);
  });

  it('has a Socket Mode configuration Bolt accepts without connecting', () => {
    const app = createSlackApp({ chat: { ask: () => Promise.reject(new Error('unused')) }, botToken: 'xoxb-test', appToken: 'xapp-1-test', logger: recordingLogger() });
    expect((app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
  });
});
