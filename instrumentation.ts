export async function register() {
  // Written as the positive test so that the edge bundle drops the import (an early return for the edge
  // runtime left Node.js APIs in it, and `next build` warned about each of them).
  if (process.env.NEXT_RUNTIME === 'nodejs') await (await import('./instrumentation-node')).registerNode();
}
