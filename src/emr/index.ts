export * from './security-configuration';
export * from './serverless-application';
export * from './studio';
