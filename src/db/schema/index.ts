export * from './sources.js';
export * from './careers.js';
export * from './derived.js';
export * from './api-usage.js';
