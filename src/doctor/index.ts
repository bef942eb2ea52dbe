export * from './tip-checks';
export * from './tip-verification';
