export * from './sources.js';
export * from './careers.js';
export * from './derived.js';
export * from './auth.js';
export * from './audit.js';
export * from './api-usage.js';
export * from './title-pins.js';
export * from './series.js';
