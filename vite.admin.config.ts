import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The back office: the same React code base as the terminal (components, i18n, manager screens), built
// as its own page that the central server serves at /admin/.
export default defineConfig({
  root: 'src-renderer',
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: '../dist/admin',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: { input: 'src-renderer/admin.html' },
  },
});
