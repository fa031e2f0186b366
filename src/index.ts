/** The framework-free core of media-capture-elements. */
export * from './constraints.js';
export * from './controller.js';
export * from './devices.js';
export * from './errors.js';
export * from './events.js';
export * from './permissions.js';
export * from './frame-watchdog.js';
export * from './audio/steady-track.js';
export * from './audio/context.js';
export * from './audio/level-monitor.js';
export * from './assets.js';
