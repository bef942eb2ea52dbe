export * from './identity-center';
