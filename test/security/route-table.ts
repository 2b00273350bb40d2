import { INestApplication } from '@nestjs/common';
import { RoutePolicy, RoutePolicyCheck } from '../../src/common/auth/route-policy.check';

/** The application's own route table, with the full URL each route is served at. */
export function routeTable(app: INestApplication): Array<RoutePolicy & { url: string }> {
  const routes = app.get(RoutePolicyCheck).routes();
  return routes.map((route) => ({ ...route, url: route.path.startsWith('/health') ? route.path : `/api/v1${route.path}` }));
}

/** Fills path parameters with a syntactically valid id that exists nowhere. */
export function concreteUrl(url: string, id = '00000000-0000-4000-8000-000000000000'): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'name' ? 'role' : id));
}
