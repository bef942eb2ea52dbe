export * from './identity-center';
export * from './trust-chain';
export * from './redshift';
export * from './lake-formation';
export * from './s3-access-grants';
export * from './athena';
export * from './quicksight';
export * from './use-case';
