export * from './identity-center-workgroup';
