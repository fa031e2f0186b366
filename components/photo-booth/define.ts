import { PhotoBooth } from './photo-booth.js';

export { PhotoBooth };
export * from './photo-booth.js';

if (!customElements.get('photo-booth')) customElements.define('photo-booth', PhotoBooth);

declare global {
  interface HTMLElementTagNameMap {
    'photo-booth': PhotoBooth;
  }
}
