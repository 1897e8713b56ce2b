// The launcher lives in bench/ (bench:ingest starts the same servers, and bench/ must not import tests/).
export { freePort, startProductionServer, stopProductionServer, waitForHealth } from '../../bench/production-server';
