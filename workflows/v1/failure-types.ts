// v1 uses the contract's failure types: the contract only ever adds to them.
export * from '../contract/failure-types';
