// Vite's `?raw` import: the file's text, so the frozen sets can be hashed byte for byte.
declare module '*?raw' {
  const text: string;
  export default text;
}
