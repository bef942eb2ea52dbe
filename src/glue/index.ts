export * from './identity-center-configuration';
export * from './use-case-options';
