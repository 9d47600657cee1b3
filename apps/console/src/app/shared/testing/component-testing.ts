import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';

/**
 * For component tests (imported by specs only): what a page needs in TestBed, what a dialog
 * needs, and finding things in a table's rows or an open dialog.
 */

/** A page: HTTP answered by HttpTestingController, a router, Material without animations. */
export function pageProviders(): Array<Provider | EnvironmentProviders> {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideRouter([]),
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}

/**
 * A dialog opened on its own: HTTP as for a page, `ref` standing in for its MatDialogRef and its
 * data read when the dialog is created (so a test may set it first).
 */
export function dialogProviders(ref: unknown, data: () => unknown): Array<Provider | EnvironmentProviders> {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    { provide: MatDialogRef, useValue: ref },
    { provide: MAT_DIALOG_DATA, useFactory: data },
  ];
}

/** Let the page answer, render what changed, and settle again. */
export async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await fixture.whenStable();
  fixture.detectChanges();
  await fixture.whenStable();
}

/** The row (`data-testid="rowId"`) whose text contains `text`; fails the test when none does. */
export function rowWith(fixture: ComponentFixture<unknown>, rowId: string, text: string): HTMLElement {
  const rows = (fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>(
    `[data-testid="${rowId}"]`,
  );
  const found = Array.from(rows).find((row) => row.textContent?.includes(text));
  if (!found) {
    throw new Error(`No row for ${text}`);
  }
  return found;
}

/** The element `data-testid="id"` in the row `rowWith` finds. */
export function inRowWith<T extends HTMLElement = HTMLElement>(
  fixture: ComponentFixture<unknown>,
  rowId: string,
  text: string,
  id: string,
): T {
  const element = rowWith(fixture, rowId, text).querySelector<T>(`[data-testid="${id}"]`);
  if (!element) {
    throw new Error(`No ${id} in the row of ${text}`);
  }
  return element;
}

/** The element `data-testid="id"` in the open dialog. */
export function inDialog<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.querySelector<T>(`mat-dialog-container [data-testid="${id}"]`);
  if (!element) {
    throw new Error(`No ${id} in an open dialog`);
  }
  return element;
}
