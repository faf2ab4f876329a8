import './install-host';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '../i18n/language';
import { useAdminStore } from '../stores/admin-store';
import { AdminApp } from './AdminApp';
import '../styles.css';

function AdminLanguage() {
  const language = useAdminStore((s) => s.language);
  return (
    <LanguageProvider language={language}>
      <AdminApp />
    </LanguageProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('admin.html has no #root element');
document.documentElement.lang = useAdminStore.getState().language;
createRoot(root).render(
  <StrictMode>
    <AdminLanguage />
  </StrictMode>,
);
