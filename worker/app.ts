import { Hono } from 'hono';
import type { AppEnv } from './env';
import { installErrorHandlers } from './error-handlers';
import { healthRoutes } from './routes/health';
import { labRoutes } from './routes/lab';

/** The StackTutor HTTP API. Routes parse and delegate; see worker/routes/. */
export const app = new Hono<AppEnv>();

app.route('/', healthRoutes);
app.route('/v1/lab', labRoutes);

installErrorHandlers(app);
