export * from './tip-checks';
