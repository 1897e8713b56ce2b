import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './auth';
import { createKey, ingestMetrics } from './metrics';

const SERVICE = 'e2e-alerts';

/** A webhook receiver on 127.0.0.1: every JSON body POSTed to it, in order. */
async function webhookReceiver() {
  const bodies: { status: string; value: number | null; rule: { name: string } }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, close: () => new Promise((resolve) => server.close(resolve)) };
}

const outcomes = (n: number, success: boolean) =>
  Array.from({ length: n }, () => ({ type: 'auth_request', value: 1, duration_ms: 30, dimensions: { success } }));

test('an alert rule is made on the page, fires to a local webhook and resolves, with its history', async ({ page, request }) => {
  const receiver = await webhookReceiver();
  try {
    const { key } = createKey(SERVICE);
    await signIn(page, ADMIN, '/alerts');
    const form = page.getByRole('form', { name: 'Create an alert rule' });

    // Refused field by field, what was typed kept.
    await form.getByLabel('Name').fill('e2e auth errors');
    await form.getByLabel('Service').fill(SERVICE);
    await form.getByLabel('Metric type').selectOption('auth_request');
    await form.getByLabel('Condition').selectOption('error_rate_pct');
    await form.getByLabel('Fires above (%)').fill('150');
    await form.getByLabel('Window (minutes)').fill('0');
    await form.getByLabel('Webhook URL').fill('ftp://example.com/hook');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect(form.getByTestId('threshold-error')).toHaveText('an error rate threshold is a percentage: at most 100');
    await expect(form.getByTestId('windowMinutes-error')).toHaveText('window must be at least 1 minute');
    await expect(form.getByTestId('webhookUrl-error')).toHaveText('webhook URL must be an http:// or https:// URL');
    await expect(form.getByLabel('Name')).toHaveValue('e2e auth errors');

    await form.getByLabel('Fires above (%)').fill('20');
    await form.getByLabel('Window (minutes)').fill('5');
    await form.getByLabel('Webhook URL').fill(receiver.url);
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect(form.getByTestId('rule-message')).toHaveText('Rule "e2e auth errors" created; it is evaluated every minute.');
    const row = page.getByTestId('alert-rules').getByRole('row', { name: /e2e auth errors/ });
    await expect(row.getByTestId('rule-state')).toHaveText('ok');

    // Half the requests fail: the rule fires at the next evaluation (now, rather than within the minute).
    await ingestMetrics(request, key, SERVICE, [...outcomes(5, false), ...outcomes(5, true)]);
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    // The server's own schedule may be evaluating at that moment: then the button says so, and the schedule notifies.
    await expect(page.getByTestId('evaluate-message')).toHaveText(/Evaluated \d+ rules?|running right now/);
    await expect.poll(() => receiver.bodies.map((b) => `${b.rule.name} ${b.status} ${b.value}`)).toEqual(['e2e auth errors firing 50']);
    await page.reload();
    await expect(row.getByTestId('rule-state')).toHaveText('firing');
    await expect(row).toContainText('50 %');
    const history = page.getByTestId('alert-history');
    await expect(history.getByRole('row', { name: /e2e auth errors/ }).first()).toContainText('firing');
    await expect(
      history
        .getByRole('row', { name: /e2e auth errors/ })
        .first()
        .getByTestId('event-delivery'),
    ).toHaveText('delivered');

    // Back to health: 5 failures among 100 is 5 %, under the threshold.
    await ingestMetrics(request, key, SERVICE, outcomes(90, true));
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    await expect(page.getByTestId('evaluate-message')).toHaveText(/Evaluated \d+ rules?|running right now/);
    await expect.poll(() => receiver.bodies.map((b) => b.status)).toEqual(['firing', 'resolved']);
    await page.reload();
    await expect(row.getByTestId('rule-state')).toHaveText('ok');
    await expect(
      history
        .getByRole('row', { name: /e2e auth errors/ })
        .first()
        .getByTestId('event-state'),
    ).toHaveText('resolved');
  } finally {
    await receiver.close();
  }
});
