/**
 * A Bolt receiver for requests that our own HTTP server has already verified and parsed: it hands the
 * body to the Bolt app and reports the acknowledgement (what Slack must get within 3 s) separately from
 * the listeners' work, which goes on after the response.
 */
import type { App, Receiver } from '@slack/bolt';
import { errorMessage } from '../../lib/errors.ts';

export interface Acknowledgement {
  readonly status: number;
  /** The ack's payload: a slash command's immediate reply, or nothing. */
  readonly body?: unknown;
}

export interface Dispatch {
  /** Settles when a listener (or Bolt, for events) acks, or with 500 if Bolt fails before acking. */
  readonly acked: Promise<Acknowledgement>;
  /** Settles when every listener has finished; never rejects. */
  readonly done: Promise<void>;
}

export class ForwardingReceiver implements Receiver {
  private app: App | null = null;

  init(app: App): void {
    this.app = app;
  }

  // Our HTTP server is started and stopped by its owner; there is nothing to listen on here.
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  dispatch(body: Record<string, unknown>, retry: { readonly num?: number; readonly reason?: string } = {}): Dispatch {
    const app = this.app;
    if (!app) throw new Error('the Slack receiver is not attached to an app');
    let settle!: (a: Acknowledgement) => void;
    const acked = new Promise<Acknowledgement>((resolve) => {
      settle = resolve;
    });
    let acknowledged = false;
    const done = app
      .processEvent({
        body,
        ...(retry.num !== undefined ? { retryNum: retry.num } : {}),
        ...(retry.reason !== undefined ? { retryReason: retry.reason } : {}),
        ack: async (response?: unknown) => {
          if (acknowledged) return; // a second ack has no request left to answer
          acknowledged = true;
          settle({ status: 200, ...(response !== undefined ? { body: response } : {}) });
        },
      })
      .then(
        () => settle({ status: 200 }),
        (err: unknown) => {
          app.logger.error(`Slack event processing failed: ${errorMessage(err)}`);
          settle({ status: acknowledged ? 200 : 500 });
        },
      );
    return { acked, done };
  }
}
