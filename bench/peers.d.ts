/** The part of jslib-html5-camera-photo's API the benchmark calls (the package ships no types). */
declare module 'jslib-html5-camera-photo' {
  export default class CameraPhoto {
    constructor(video: HTMLVideoElement);
    getDataUri(options: { sizeFactor?: number; imageType?: 'jpg' | 'png'; imageCompression?: number; isImageMirror?: boolean }): string;
  }
}
