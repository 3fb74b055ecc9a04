import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built into console/dist and served by the server at `/`. In development
// (`npx vite console`) API calls go to a server on :8080.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
