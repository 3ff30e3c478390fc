/** Entry of the moderation page (`/admin/`). */
import './admin.css';
import './components/rb-admin-app/rb-admin-app.ts';
