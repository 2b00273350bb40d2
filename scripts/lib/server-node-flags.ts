/**
 * V8 flags the servers run with, as `npm start` and `npm run up` start them:
 * allocation-site pretenuring moves objects that survive a scavenge or two
 * straight into the old generation, and with many requests in flight a
 * request's short-lived objects always look like survivors. It kept the API
 * collecting its old generation (Mark-Compact) four times a second under load,
 * each with tens of milliseconds of marking steps on the event loop. See
 * docs/performance.md. `npm start`, `npm run start:worker` and scripts/up.sh
 * write the same flags on their command lines (Node refuses them in
 * NODE_OPTIONS); the benches start the API, the worker and the bare handler
 * with them, and test/boot.e2e-spec.ts starts the API and worker with them, so
 * a Node whose V8 no longer knows a flag fails the tests, not a deployment.
 */
export const SERVER_NODE_FLAGS = ['--no-allocation-site-pretenuring'];
