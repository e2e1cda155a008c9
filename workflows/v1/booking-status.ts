// v1 uses the contract's statuses, events and actors: the contract only ever adds to them.
export * from '../contract/statuses';
