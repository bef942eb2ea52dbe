export * from './tip-handlers';
