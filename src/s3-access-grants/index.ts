export * from './access-grants';
export * from './use-case-options';
