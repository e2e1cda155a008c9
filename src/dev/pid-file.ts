import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What we record about a process we start, so the next run can recognise it after a crash. */
export interface PidRecord {
  pid: number;
  /** Its argument vector as spawned, compared with the live process's before we signal it. */
  command: string[];
}

export async function writePidFile(file: string, record: PidRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(record)}\n`);
  await rename(temp, file);
}

/** The record, or null when there is none or it is not ours to read (a torn write is treated as none). */
export async function readPidFile(file: string): Promise<PidRecord | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<PidRecord>;
    if (Number.isInteger(parsed.pid) && Array.isArray(parsed.command)) return { pid: parsed.pid as number, command: parsed.command.map(String) };
  } catch {
    // Not JSON: nothing we can act on.
  }
  return null;
}

export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Whether a live process's argument vector is the one recorded (`ps` output arrives re-split on spaces). */
export function isSameCommand(live: readonly string[], recorded: readonly string[]): boolean {
  return live.join(' ') === recorded.join(' ');
}
