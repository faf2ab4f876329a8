import { installAdminHost } from '../api/admin-host';

// Imported first by main.tsx: modules run in import order, so the host is in place before api/ picks one.
installAdminHost();
