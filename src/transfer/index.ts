export * from './web-app';
export * from './use-case-options';
