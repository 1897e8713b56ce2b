import { writeTransaction, type Db } from '../../db/client';
import { listPendingEventRows, recordDeliveryRow, type AlertEventRow } from '../../db/queries/alerts';
import { deliverWebhook, type DeliveryOptions } from './deliver';
import { notificationOf } from './notification';

/** The most notifications one turn sends; the rest wait for the next (each turn takes the oldest first). */
const MAX_PER_TURN = 100;

export interface DeliveryCounts {
  delivered: number;
  failed: number;
}

/**
 * Sends the notifications still owed (those of this turn's events, and any a stopped instance left),
 * each receiver's in the order they happened and the receivers side by side, so that one slow receiver
 * delays only its own. Each outcome is recorded as soon as it is known. After a receiver's failed
 * delivery its later notifications wait for the next turn: a dead receiver costs a turn one delivery's
 * tries (~30 s), not one per owed notification. Receivers are told the event id in `X-Alert-Event-Id`:
 * a retry after a lost answer may deliver one twice.
 */
export async function deliverPendingEvents(db: Db, options: DeliveryOptions = {}): Promise<DeliveryCounts> {
  const byReceiver = new Map<string, AlertEventRow[]>();
  for (const event of await listPendingEventRows(db, MAX_PER_TURN)) {
    const queue = byReceiver.get(event.webhookUrl) ?? [];
    byReceiver.set(event.webhookUrl, [...queue, event]);
  }
  const counts: DeliveryCounts = { delivered: 0, failed: 0 };
  await Promise.all(
    [...byReceiver.values()].map(async (events) => {
      for (const event of events) {
        const outcome = await deliverWebhook(event.webhookUrl, notificationOf(event), { 'x-alert-event-id': String(event.id) }, options);
        await writeTransaction(db, (tx) =>
          recordDeliveryRow(tx, event.id, {
            status: outcome.delivered ? 'delivered' : 'failed',
            attempts: outcome.attempts,
            lastError: outcome.error,
            deliveredAt: outcome.delivered ? new Date().toISOString() : null,
          }),
        );
        counts[outcome.delivered ? 'delivered' : 'failed'] += 1;
        if (!outcome.delivered) break;
      }
    }),
  );
  return counts;
}
