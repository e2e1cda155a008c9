import { readFileSync } from 'node:fs';
import { z } from 'zod';

const keySchema = z.object({
  type: z.literal('service_account').optional(),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.string().url().optional(),
});

export type ServiceAccountKey = z.infer<typeof keySchema>;

/** Reads the service account's JSON key (as Google's console downloads it); a broken file stops start-up with its path. */
export function readServiceAccountKey(path: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`GOOGLE_SERVICE_ACCOUNT_KEY_FILE=${path}: cannot read a JSON key (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const parsed = keySchema.safeParse(json);
  if (!parsed.success) throw new Error(`GOOGLE_SERVICE_ACCOUNT_KEY_FILE=${path}: not a service account key (needs client_email and private_key)`);
  return parsed.data;
}
