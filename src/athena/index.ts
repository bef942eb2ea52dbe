export * from './identity-center-workgroup';
export * from './use-case-options';
