/** Vite's `?raw` imports (tests read fixture files this way inside workerd, which has no fs). */
declare module '*?raw' {
  const text: string;
  export default text;
}
