import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  ApplicationView,
  CreateTenantAnswer,
  CreateTenantRequest,
  PlatformFloorRequest,
  PlatformFloorView,
  PlatformOverview,
  TenantOwnerRow,
  TenantSummary,
  UpdateTenantRequest,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';

/**
 * The super user's platform calls: tenants, their feature switch and floor, the floor for every
 * tenant, and the numbers and applications a tenant's page shows.
 */
@Injectable({ providedIn: 'root' })
export class TenantsApi {
  private readonly http = inject(HttpClient);

  /** GET /platform/tenants */
  list(): Observable<TenantSummary[]> {
    return this.http.get<TenantSummary[]>(ApiPaths.platformTenants);
  }

  /** POST /platform/tenants: a tenant with its first owner; a generated password is answered once. */
  create(request: CreateTenantRequest): Observable<CreateTenantAnswer> {
    return this.http.post<CreateTenantAnswer>(ApiPaths.platformTenants, request);
  }

  /** PATCH /platform/tenants/:id: feature switch, floor (null removes it), suspension. */
  update(id: string, request: UpdateTenantRequest): Observable<TenantSummary> {
    return this.http.patch<TenantSummary>(ApiPaths.platformTenant(id), request);
  }

  /** GET /platform/tenants/:id/owners: a tenant's owners, with their last sign-in. */
  owners(tenantId: string): Observable<TenantOwnerRow[]> {
    return this.http.get<TenantOwnerRow[]>(ApiPaths.platformTenantOwners(tenantId));
  }

  /** GET /platform/overview: every tenant's enrolment numbers (the table's Enrolled, In grace, Overdue). */
  overview(): Observable<PlatformOverview> {
    return this.http.get<PlatformOverview>(ApiPaths.platformOverview);
  }

  /** GET /platform/floor */
  floor(): Observable<PlatformFloorView> {
    return this.http.get<PlatformFloorView>(ApiPaths.platformFloor);
  }

  /** PUT /platform/floor: `off` removes the floor for every tenant. */
  setFloor(request: PlatformFloorRequest): Observable<PlatformFloorView> {
    return this.http.put<PlatformFloorView>(ApiPaths.platformFloor, request);
  }

  /** GET /platform/applications: every tenant's applications, each naming its tenant. */
  applications(): Observable<ApplicationView[]> {
    return this.http.get<ApplicationView[]>(ApiPaths.platformApplications);
  }
}
