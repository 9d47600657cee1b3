import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { COUNT_COLUMNS, CountCell, EnrolmentRow, USERS_PATH, countCell } from './enrolment-columns';

/** A row of the table as shown: the row and its numbers by column key. */
interface Line {
  row: EnrolmentRow;
  cells: Readonly<Record<string, CountCell>>;
}

function lineOf(row: EnrolmentRow): Line {
  return {
    row,
    cells: Object.fromEntries(COUNT_COLUMNS.map((column) => [column.key, countCell(row, column)])),
  };
}

/** One number: a link to the Users page filtered to the same logins, or a plain number (zero among them). */
@Component({
  selector: 'app-count-cell',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let number = cell();
    @if (number.queryParams) {
      <a
        [routerLink]="usersPath"
        [queryParams]="number.queryParams"
        [attr.aria-label]="number.label"
        data-testid="count-link"
        >{{ number.value }}</a
      >
    } @else {
      <span data-testid="count-value">{{ number.value }}</span>
    }
    @if (number.note) {
      <span class="note" data-testid="count-note">{{ number.note }}</span>
    }
  `,
  styles: `
    .note {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
  `,
})
export class CountCellView {
  readonly cell = input.required<CountCell>();
  protected readonly usersPath = USERS_PATH;
}

/**
 * The home's enrolment numbers: a row per user type or tenant, who must use which method
 * (grouped under "Must use"), enrolled, not started, in grace (with the nearest deadline),
 * overdue and locked, and the totals in the footer.
 */
@Component({
  selector: 'app-enrolment-table',
  imports: [CountCellView, MatTableModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './enrolment-table.html',
  styleUrl: './enrolment-table.scss',
})
export class EnrolmentTable {
  readonly rows = input.required<readonly EnrolmentRow[]>();
  readonly totals = input.required<EnrolmentRow>();
  /** The header of the first column: "User type", "Tenant". */
  readonly nameHeader = input.required<string>();
  /** The table's accessible name. */
  readonly label = input.required<string>();

  protected readonly countColumns = COUNT_COLUMNS;
  protected readonly columns = ['name', ...COUNT_COLUMNS.map((column) => column.key)];
  protected readonly methodCount = COUNT_COLUMNS.filter((column) => column.group === 'method').length;
  /** Before the methods: the name and the logins; after them, the rest. */
  protected readonly afterCount = COUNT_COLUMNS.length - 1 - this.methodCount;
  protected readonly groupColumns = ['group-lead', 'group-method', 'group-rest'];
  protected readonly trackLine = (_index: number, line: Line): string => line.row.id;

  protected readonly lines = computed(() => this.rows().map(lineOf));
  protected readonly totalLine = computed(() => lineOf(this.totals()));
}
