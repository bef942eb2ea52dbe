export * from './identity-center-configuration';
export * from './s3-location';
