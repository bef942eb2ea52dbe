export * from './answers';
export * from './tip-use-case';
