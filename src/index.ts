export * from './identity-center';
export * from './redshift';
export * from './quicksight';
