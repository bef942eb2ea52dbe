export * from './answers';
export * from './tip-use-case';
export * from './custom-application-options';
export * from './sql-clients-options';
