import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { AuditEntry } from '@latchkey/contracts';

/** Who acted or what was acted on, as a row shows it: a name, never a bare id. */
export interface AuditParty {
  /** The label recorded, or a placeholder ("a deleted login") when only the id was; null when neither. */
  name: string | null;
  /** False when `name` is a placeholder. */
  named: boolean;
  /** The id shown on hover. */
  id: string | null;
  /** Set when the party is a login: its name then filters the log by that person. */
  loginId: string | null;
}

/** The event's actor: its recorded label, its login's (or identity's) id on hover. */
export function actorOf(event: AuditEntry): AuditParty {
  const id = event.actorLoginId ?? event.actorIdentityId ?? null;
  return {
    name: event.actor ?? (id ? placeholder(event.actorLoginId ? 'login' : 'identity') : null),
    named: event.actor !== null,
    id,
    loginId: event.actorLoginId ?? null,
  };
}

/** The event's target: its recorded label, its id on hover. */
export function targetOf(event: AuditEntry): AuditParty {
  const id = event.targetId;
  return {
    name: event.targetLabel ?? (id ? placeholder(event.targetType) : null),
    named: event.targetLabel !== null,
    id,
    loginId: event.targetType === 'login' ? id : null,
  };
}

const KIND_WORDS: Record<string, string> = { 'api-token': 'API token', 'user-type': 'user type' };

/** "a deleted login", "a deleted API token": what stands for a name that was never recorded. */
export function placeholder(kind: string | null): string {
  const words = kind ? (KIND_WORDS[kind] ?? kind.replace(/-/g, ' ')) : 'record';
  return `a deleted ${words}`;
}

/**
 * One actor or target cell: the name, with the id on hover. A login's name is a button that
 * shows only that person's events.
 */
@Component({
  selector: 'app-audit-party',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let shown = party();
    @if (!shown.name) {
      —
    } @else if (shown.loginId) {
      <button
        type="button"
        class="party person"
        [class.unnamed]="!shown.named"
        [title]="hover()"
        [attr.aria-label]="'Show only the events of ' + shown.name"
        (click)="person.emit({ loginId: shown.loginId, label: shown.named ? shown.name : null })"
        data-testid="audit-party"
      >
        {{ shown.name }}
      </button>
    } @else {
      <span class="party" [class.unnamed]="!shown.named" [attr.title]="hover()" data-testid="audit-party">{{
        shown.name
      }}</span>
    }
  `,
  styles: `
    .person {
      padding: 0;
      border: 0;
      background: none;
      color: var(--mat-sys-primary);
      font: inherit;
      text-align: start;
      text-decoration: underline;
      cursor: pointer;
      overflow-wrap: anywhere;
    }
    .unnamed {
      font-style: italic;
    }
  `,
})
export class AuditPartyCell {
  readonly party = input.required<AuditParty>();
  /** A login's name was chosen: filter by that person. */
  readonly person = output<{ loginId: string; label: string | null }>();

  protected readonly hover = computed(() => {
    const id = this.party().id;
    return id ? `Id: ${id}` : null;
  });
}
