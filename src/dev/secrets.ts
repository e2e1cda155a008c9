import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The secrets `npm start` generates when unset, so a first run needs no configuration at all. */
export const GENERATED_SECRETS = ['ADMIN_API_KEY', 'BOOKING_TOKEN_SECRET', 'LOCAL_WEBHOOK_SECRET'] as const;
export type GeneratedSecret = (typeof GENERATED_SECRETS)[number];

export const SECRETS_FILE = 'secrets.json';

async function readStored(file: string): Promise<Partial<Record<GeneratedSecret, string>>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Partial<Record<GeneratedSecret, string>>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${file} is not readable JSON; delete it to generate new secrets (${(error as Error).message})`, { cause: error });
  }
}

/**
 * Returns the environment with each unset secret filled from `${dataDir}/secrets.json`, generating and
 * storing the missing ones. They persist because signed booking links and webhooks must stay valid
 * across a restart. The file is written owner-only (0600) and atomically.
 */
export async function fillGeneratedSecrets(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ env: NodeJS.ProcessEnv; generated: GeneratedSecret[] }> {
  const file = join(dataDir, SECRETS_FILE);
  const stored = await readStored(file);
  const generated: GeneratedSecret[] = [];
  const filled: NodeJS.ProcessEnv = { ...env };
  for (const name of GENERATED_SECRETS) {
    if (env[name]?.trim()) continue;
    if (!stored[name]) {
      stored[name] = randomBytes(24).toString('base64url');
      generated.push(name);
    }
    filled[name] = stored[name];
  }
  if (generated.length > 0) {
    await mkdir(dataDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  }
  return { env: filled, generated };
}
