export * from './access-grants';
