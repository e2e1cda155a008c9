// tsconfig resolves modules the `node` (node10) way, which ignores package `exports`; kysely 0.29 ships
// the Migrator only under the `kysely/migration` export. This maps that specifier to its declarations.
declare module 'kysely/migration' {
  export * from 'kysely/dist/migration/index';
}
