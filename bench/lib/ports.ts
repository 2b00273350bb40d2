export { freePort } from '../../scripts/lib/local-servers';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
