import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUDIT_SPEC } from '../../modules/audit/audited.decorator';
import { ALLOWED_ROLES, IS_PUBLIC } from './decorators';

export interface RoutePolicy {
  controller: string;
  handler: string;
  method: string;
  path: string;
  isPublic: boolean;
  roles: readonly string[] | 'any' | undefined;
  audit: { action: string } | null | undefined;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

/**
 * Reads the route table and refuses to boot when a route lacks an explicit
 * access rule (`@Public`, `@Roles`, `@AnyRole`) or an audit declaration
 * (`@Audited` / `@NotAudited`): forgetting either is a security bug, so it
 * must fail loudly at start-up rather than quietly at run time.
 */
@Injectable()
export class RoutePolicyCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService, private readonly scanner: MetadataScanner, private readonly reflector: Reflector) {}

  onApplicationBootstrap(): void {
    const missing = this.routes().filter((r) => (!r.isPublic && r.roles === undefined) || r.audit === undefined);
    if (missing.length > 0) {
      const list = missing.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join(', ');
      throw new Error(`Routes without an access rule or audit declaration: ${list}`);
    }
  }

  routes(): RoutePolicy[] {
    const result: RoutePolicy[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const controllerClass = wrapper.metatype as object;
      const base = String(Reflect.getMetadata(PATH_METADATA, controllerClass) ?? '');
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const methodIndex = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (methodIndex === undefined) continue;
        const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const targets = [handler, controllerClass] as Array<() => void>;
        result.push({
          controller: wrapper.name,
          handler: name,
          method: METHODS[methodIndex] ?? String(methodIndex),
          path: `/${[base, path].filter((p) => p && p !== '/').join('/')}`,
          isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
          roles: this.reflector.getAllAndOverride(ALLOWED_ROLES, targets),
          audit: this.reflector.getAllAndOverride(AUDIT_SPEC, targets),
        });
      }
    }
    return result;
  }
}
