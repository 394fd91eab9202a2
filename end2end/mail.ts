// Reads the mail the app sent, as the SMTP sink of start-server.sh wrote it (E2E_MAIL_DIR: one
// NNNNN.eml per message with NNNNN.json beside it holding the envelope).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

export interface Mail {
  rcptTo: string[];
  subject: string;
  /** The raw message with its text parts decoded (quoted-printable and base64). */
  body: string;
}

function mailDir(given?: string): string {
  const dir = given ?? process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set (playwright.config.ts sets it)');
  return dir;
}

function decode(raw: string): string {
  const quoted = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const base64 = raw
    .split(/\r?\n\r?\n/)
    .map((chunk) => chunk.replace(/\r?\n/g, ''))
    .filter((chunk) => /^[A-Za-z0-9+/=]{40,}$/.test(chunk))
    .map((chunk) => Buffer.from(chunk, 'base64').toString('utf8'));
  return [quoted, ...base64].join('\n');
}

/** Every message received so far. */
export function mails(inDir?: string): Mail[] {
  const dir = mailDir(inDir);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => {
      const raw = fs.readFileSync(path.join(dir, name), 'utf8');
      const envelope = JSON.parse(fs.readFileSync(path.join(dir, name.replace(/\.eml$/, '.json')), 'utf8'));
      const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
      return { rcptTo: envelope.rcpt_tos, subject, body: decode(raw) };
    });
}

/** The latest message to `address`, waiting (the app mails in the background) until one arrives. */
export async function mailTo(address: string, inDir?: string): Promise<Mail> {
  await expect
    .poll(() => mails(inDir).filter((m) => m.rcptTo.includes(address)).length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  const all = mails(inDir).filter((m) => m.rcptTo.includes(address));
  return all[all.length - 1];
}

/** The set-password link (invitation or reset) in a message. */
export function passwordLink(mail: Mail): string {
  const link = /https?:\/\/[^\s"<>]+\/password\/[0-9a-f]{64}/.exec(mail.body)?.[0];
  if (!link) throw new Error(`no set-password link in: ${mail.body}`);
  return link;
}
