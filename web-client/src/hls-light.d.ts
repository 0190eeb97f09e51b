// hls.js ships its light build (no alternate audio, subtitles, DRM, CMCD,
// content steering or interstitials, none of which a hall's ladder uses)
// without a declaration of its own: it is the same API as the full build.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
