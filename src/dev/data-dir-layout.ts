/** What `npm start` keeps in DATA_DIR (besides secrets.json). */
export const POSTGRES_DIR = 'postgres';
export const TEMPORAL_DB_FILE = 'temporal.db';
/** The Temporal dev server's pid and command line, so a run after a crash can find and stop it. */
export const TEMPORAL_PID_FILE = 'temporal.pid';
