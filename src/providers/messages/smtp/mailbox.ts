import addressparser from 'nodemailer/lib/addressparser';
import type { Mailbox } from '../message-sender';

/** `"Acme Bookings" <bookings@acme.example>` or a bare address, as EMAIL_FROM holds it; null when it holds no address. */
export function parseMailbox(value: string): Mailbox | null {
  const [first] = addressparser(value, { flatten: true });
  if (!first?.address) return null;
  return first.name ? { address: first.address, name: first.name } : { address: first.address };
}

/** The domain of an address, for Message-IDs. */
export function mailDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}
