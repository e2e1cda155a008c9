/** iCalendar content lines (RFC 5545 3.1): unfolded, with their parameters, for the few properties we read or rewrite. */
export interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Joins folded lines (a CRLF followed by a space or tab continues the previous line). */
export function unfold(ics: string): string[] {
  return ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((line) => line !== '');
}

/** `DTSTART;TZID=Europe/Berlin:20261207T090000` → name, params, value. Quoted parameter values may hold `:` and `;`. */
export function parseLine(line: string): ContentLine {
  let i = 0;
  let inQuotes = false;
  const parts: string[] = [];
  let current = '';
  for (; i < line.length; i++) {
    const char = line[i] as string;
    if (char === '"') inQuotes = !inQuotes;
    if (!inQuotes && (char === ';' || char === ':')) {
      parts.push(current);
      current = '';
      if (char === ':') break;
      continue;
    }
    current += char;
  }
  const value = line.slice(i + 1);
  const [name = '', ...rawParams] = parts.length > 0 ? parts : [current];
  const params: Record<string, string> = {};
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq > 0) params[raw.slice(0, eq).toUpperCase()] = raw.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value };
}

/** The VEVENT blocks of a calendar object, each as its content lines (nested VALARMs left out). */
export function vevents(ics: string): ContentLine[][] {
  const events: ContentLine[][] = [];
  let current: ContentLine[] | null = null;
  let nested = 0;
  for (const raw of unfold(ics)) {
    const line = parseLine(raw);
    if (line.name === 'BEGIN' && line.value.toUpperCase() === 'VEVENT') {
      current = [];
      continue;
    }
    if (line.name === 'END' && line.value.toUpperCase() === 'VEVENT') {
      if (current) events.push(current);
      current = null;
      continue;
    }
    if (!current) continue;
    if (line.name === 'BEGIN') nested++;
    else if (line.name === 'END') nested--;
    else if (nested === 0) current.push(line);
  }
  return events;
}
