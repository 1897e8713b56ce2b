import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDb } from '../db/sqlite-client';
import { openDatabase } from '../db/sqlite-file';
import { LINGER } from '../lib/http/parse';
import { createApiKey } from '../lib/keys/create';
import { loadMigrations } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { createUser } from '../lib/users/create';
import { startProductionServer, stopProductionServer, waitForHealth } from './helpers/prod-server';
import { tempDir } from './helpers/tempdb';

// The production server of the current build (`npm test` builds before the unit tests).
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const DIST_DIR = process.env.INGEST_TEST_DIST_DIR ?? '.next';
const BASE = `http://127.0.0.1:${PORT}`;
// A small MAX_REQUEST_SIZE keeps the oversized bodies of these tests small.
const MAX_REQUEST_SIZE = 1024 * 1024;
const ADMIN = { email: 'admin@hardening.test', password: 'the admin password' };

/** Signs in through next-auth's credentials callback as the sign-in form does; returns where next-auth sends the browser, and the session cookie. */
async function signIn(callbackUrl: string, password = ADMIN.password): Promise<{ status: number; url: string; cookie: string }> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password, callbackUrl, json: 'true' }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  return { status: response.status, url: ((await response.json()) as { url: string }).url, cookie: session?.split(';')[0] ?? '' };
}

/**
 * One request over a raw socket, written whole (headers and body) before anything is read, as
 * Python's urllib and httpx do; resolves with what came back once the server closes.
 */
function writeWholeThenRead(head: string, body: Buffer): Promise<{ wroteAll: boolean; answer: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(PORT, '127.0.0.1');
    let answer = '';
    let wroteAll = false;
    socket.on('data', (data) => (answer += data));
    socket.on('error', () => {});
    socket.on('close', () => resolve({ wroteAll, answer }));
    socket.on('connect', () => {
      socket.pause();
      socket.write(head);
      socket.write(body, (error) => {
        wroteAll = !error;
        socket.resume();
      });
    });
  });
}

describe('hardening against the production server', () => {
  let dir: { dir: string; cleanup: () => void };
  let dbFile: string;
  let key: string;
  let server: ChildProcess | undefined;
  let serverLog = '';

  beforeAll(async () => {
    dir = tempDir('mcp-metrics-hardening-');
    dbFile = path.join(dir.dir, 'metrics.db');
    const db = SqliteDb.open(dbFile);
    await migrateUp(db, await loadMigrations());
    key = (await createApiKey(db, { service: 'hardening', rateLimit: 100_000 }, 'test')).key;
    await createUser(db, { ...ADMIN, role: 'admin' }, 'test');
    await db.close();
    server = startProductionServer({
      dbFile,
      port: PORT,
      distDir: DIST_DIR,
      stderr: 'pipe',
      env: { MAX_REQUEST_SIZE: String(MAX_REQUEST_SIZE), OTEL_PROMETHEUS_ENABLED: 'false' },
    });
    server.stderr!.on('data', (chunk) => (serverLog += chunk));
    await waitForHealth(BASE, server);
  }, 240_000);

  afterAll(async () => {
    if (server) await stopProductionServer(server, 'SIGTERM');
    dir.cleanup();
  });

  describe('sign-in', () => {
    it('sends the browser back only to a path of this site, whatever the callbackUrl', async () => {
      for (const callbackUrl of ['/.//evil.example/phish', '/x/..//evil.example', '/%2e//evil.example', '/\\evil.example', 'http://evil.example/']) {
        expect(await signIn(callbackUrl), callbackUrl).toMatchObject({ status: 200, url: `${BASE}/` });
      }
      expect(await signIn('/keys?range=1h')).toMatchObject({ status: 200, url: `${BASE}/keys?range=1h`, cookie: expect.stringMatching(/^next-auth/) });
    });

    it('shows the words of a known ?error= code, and no text of any other', async () => {
      const page = async (error: string) => (await fetch(`${BASE}/signin?error=${encodeURIComponent(error)}`)).text();
      expect(await page('CredentialsSignin')).toContain('Wrong email or password.');
      expect(await page('SignInPaused:30')).toContain('Too many failed sign-ins; try again in 30 s.');
      const crafted = await page('Your account is locked. Call +1 555 0100');
      expect(crafted).not.toContain('account is locked');
      expect(crafted).not.toContain('data-testid="signin-error"');
    });

    it('refuses a next-auth body over 16 KB with a 413, without reading it all', async () => {
      const total = 64 * 1024 * 1024;
      const outcome = await new Promise<{ status?: number; body: string; written: number }>((resolve) => {
        const request = http.request(`${BASE}/api/auth/callback/credentials`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const result = { status: undefined as number | undefined, body: '', written: 0 };
        request.on('response', (response) => {
          result.status = response.statusCode;
          response.on('data', (data) => (result.body += data));
          response.on('end', () => {
            resolve(result);
            request.destroy();
          });
        });
        request.on('error', () => {});
        const pump = () => {
          while (result.written < total) {
            result.written += chunk.length;
            if (!request.write(chunk)) return void request.once('drain', pump);
          }
          request.end();
        };
        pump();
      });
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body)).toEqual({ detail: 'Request body too large: the limit is 16384 bytes' });
      // Answered long before the 64 MB were through.
      expect(outcome.written).toBeLessThan(total / 2);
    });
  });

  it('sends the security headers with pages, redirects and API answers', async () => {
    const { cookie } = await signIn('/');
    const answers = [
      await fetch(`${BASE}/signin`),
      await fetch(`${BASE}/keys`, { redirect: 'manual' }),
      await fetch(`${BASE}/keys`, { headers: { cookie } }),
      await fetch(`${BASE}/health`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 307, 200, 200]);
    for (const answer of answers) {
      expect(
        Object.fromEntries(['x-content-type-options', 'referrer-policy', 'content-security-policy', 'x-frame-options'].map((h) => [h, answer.headers.get(h)])),
      ).toEqual({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        'content-security-policy': "frame-ancestors 'none'",
        'x-frame-options': 'DENY',
      });
    }
  });

  describe('oversized metrics bodies', () => {
    const head = (framing: string) =>
      `POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${key}\r\nContent-Type: application/json\r\n${framing}\r\nConnection: close\r\n\r\n`;
    // Past the limit, more than the sockets' buffers hold (closing at the limit breaks the client's write),
    // within what the server reads on to drop.
    const body = Buffer.alloc(MAX_REQUEST_SIZE + LINGER.bytes - 64 * 1024, ' ');

    it('get a 413 that a client writing the whole body before reading can read', async () => {
      const { wroteAll, answer } = await writeWholeThenRead(head(`Content-Length: ${body.length}`), body);
      expect(wroteAll).toBe(true);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain(`{"detail":"Request body too large: the limit is ${MAX_REQUEST_SIZE} bytes"}`);
    });

    it('get the same when sent chunked', async () => {
      const chunked = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
      const { wroteAll, answer } = await writeWholeThenRead(head('Transfer-Encoding: chunked'), chunked);
      expect(wroteAll).toBe(true);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    });
  });

  it('takes a client hanging up mid-body as a client abort: no error logged', async () => {
    const socket = net.connect(PORT, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(`POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${key}\r\nContent-Type: application/json\r\nContent-Length: 500000\r\n\r\n`);
    await new Promise((resolve) => socket.write(Buffer.alloc(100_000, ' '), resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();

    // The request is over once its usage entry is written: status 499, nobody to answer.
    const sqlite = openDatabase(dbFile);
    try {
      const deadline = Date.now() + 10_000;
      let aborted: unknown;
      while (!(aborted = sqlite.prepare(`SELECT status_code FROM api_key_usage_log WHERE status_code = 499`).get()) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(aborted).toEqual({ status_code: 499 });
    } finally {
      sqlite.close();
    }
    expect(serverLog).not.toMatch(/aborted|ECONNRESET|unhandled error|Internal server error/);
  });
});
