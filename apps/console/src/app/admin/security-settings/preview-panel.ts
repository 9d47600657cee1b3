import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { PREVIEW_GROUPS, PolicyPreviewAnswer, PolicyPreviewRequest } from '@latchkey/contracts';
import { PreviewGroup } from './preview-group';

/** "38 users affected, 12 will have to enrol at their next sign-in". */
export function previewSummary(answer: PolicyPreviewAnswer): string {
  const users = answer.affected === 1 ? 'user' : 'users';
  return `${answer.affected} ${users} affected, ${answer.mustEnrol} will have to enrol at their next sign-in`;
}

/**
 * The preview of a change on the Security settings page: how many it affects, per user type, and
 * its four groups of logins, each opened to the names.
 */
@Component({
  selector: 'app-preview-panel',
  imports: [PreviewGroup],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="status">
      <p class="summary" data-testid="preview-summary">{{ summary() }}</p>
      @if (answer().byUserType.length > 0) {
        <ul class="types">
          @for (group of answer().byUserType; track group.userTypeId) {
            <li data-testid="preview-by-type">
              {{ group.userTypeName }}: {{ group.affected }} affected, {{ group.mustEnrol }} must enrol
            </li>
          }
        </ul>
      }
    </div>
    @if (groups().length > 0) {
      <section class="groups" aria-label="Who the change affects, by name">
        @for (group of groups(); track group) {
          <app-preview-group
            [tenantId]="tenantId()"
            [group]="group.name"
            [counted]="group.counted"
            [request]="request()"
            [attr.data-group]="group.name"
            data-testid="preview-group"
          />
        }
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container);
      max-width: 100%;
      box-sizing: border-box;
    }

    .summary {
      font: var(--mat-sys-title-small);
      margin: 0;
    }

    .types {
      margin: 8px 0 0;
      padding-left: 20px;
    }

    .groups {
      margin-top: 8px;
    }
  `,
})
export class PreviewPanel {
  readonly tenantId = input.required<string>();
  readonly answer = input.required<PolicyPreviewAnswer>();
  /** What the preview was asked with; its groups ask for their names with the same. */
  readonly request = input.required<PolicyPreviewRequest>();

  protected readonly summary = computed(() => previewSummary(this.answer()));
  /** A new answer makes new groups (closed, first page): the old names belong to another change. */
  protected readonly groups = computed(() => {
    const counts = this.answer().groups;
    return counts ? PREVIEW_GROUPS.map((name) => ({ name, counted: counts[name] })) : [];
  });
}
