import type { z } from 'zod';

export interface IssueDetail {
  path: string;
  message: string;
}

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Flattens zod issues into `[{path, message}]`; an unknown key gets its own entry naming it. */
export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[]): IssueDetail[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: 'Unknown field.' }))
      : [{ path: joinPath(issue.path), message: issue.message }],
  );
}
