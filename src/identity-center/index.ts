export * from './instance';
export * from './trusted-token-issuer';
export * from './access-scope';
export * from './application-grant';
export * from './application';
export * from './identity-enhanced-role';
