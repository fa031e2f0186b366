/**
 * Recording, framework-free (`media-capture-elements/recording`): a `RecordingSession` of any MediaStream
 * (format negotiation, chunks, pauses left out of the time, length and size limits, the data of
 * however it ended), and the duration patches for WebM and fragmented MP4 files.
 */
export { RecordingSession, type RecordingSessionOptions, type RecordingResult, type RecordingState, type RecordingStopReason } from './session.js';
export { candidateTypes, canRecord, chooseMimeType, containerOf, extensionFor, type MimeChoice, type RecordingKinds } from './formats.js';
export { RecordingError } from './errors.js';
export { fixMp4Duration } from './mp4-duration.js';
export { fixWebmDuration } from './webm-duration.js';
