/**
 * Pinning a run to a Slack channel: "pin run 3" (in a mention, a DM or /persona) makes new threads in
 * that channel start on run 3; "unpin" goes back to the default run; "which run is pinned?" says which.
 * Threads that already exist keep their own run.
 */
import type { ChatService } from '../../agent/chat-types.ts';
import { errorMessage } from '../../lib/errors.ts';
import { neutraliseInline } from './mrkdwn.ts';

export type PinCommand = { readonly kind: 'pin'; readonly runId: number } | { readonly kind: 'unpin' } | { readonly kind: 'show' };

/** The pin command a message is, or null for an ordinary question. */
export function pinCommand(text: string): PinCommand | null {
  const t = text.trim().replace(/[.!?]+$/, '').trim();
  const pin = /^(?:pin|use)\s+run\s+#?(\d{1,9})(?:\s+(?:here|in this channel|for this channel))?$/i.exec(t);
  if (pin) return { kind: 'pin', runId: Number(pin[1]) };
  if (/^unpin(?:\s+(?:the\s+)?run)?(?:\s+(?:here|in this channel|for this channel))?$/i.test(t)) return { kind: 'unpin' };
  if (/^(?:which|what)\s+run\s+is\s+pinned(?:\s+(?:here|in this channel))?$/i.test(t)) return { kind: 'show' };
  return null;
}

/** The channel key runs are pinned under. */
export function channelKey(team: string, channel: string): string {
  return `slack:${team}:${channel}`;
}

/** Carries out a pin command and says what happened, in Slack mrkdwn. */
export async function runPinCommand(chat: ChatService, channel: string, command: PinCommand): Promise<string> {
  if (!chat.pinRun || !chat.pinnedRun) return 'This server cannot pin runs to a channel.';
  try {
    switch (command.kind) {
      case 'pin':
        await chat.pinRun(channel, command.runId);
        return `New threads in this channel now start on run ${command.runId}. Threads already going keep their own run.`;
      case 'unpin':
        await chat.pinRun(channel, null);
        return 'No run is pinned here now: new threads start on the default run.';
      case 'show': {
        const id = await chat.pinnedRun(channel);
        return id === null ? 'No run is pinned in this channel: new threads start on the default run.' : `New threads in this channel start on run ${id}.`;
      }
      default: {
        const never: never = command;
        return `unknown command ${JSON.stringify(never)}`;
      }
    }
  } catch (err) {
    return `:warning: ${neutraliseInline(errorMessage(err))}`;
  }
}
