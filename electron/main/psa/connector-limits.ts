/**
 * Autotask allows 3 concurrent requests per integration and endpoint (A.11);
 * ConnectWise publishes no limit, so we keep to the same. Fetches split large
 * collections into as many streams as there are connections.
 */
export const PSA_CONCURRENCY = 3;
export const PSA_STREAMS = PSA_CONCURRENCY + 1;
