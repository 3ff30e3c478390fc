/** Entry of the customer's case tracking page (`/track/`). */
import './admin.css';
import './components/rb-track/rb-track.ts';
