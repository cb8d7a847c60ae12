import { z } from 'zod';
import { entityRefSchema } from './schemas';
import { safeTextSchema } from './safeText';
import { environmentNameSchema } from './promotionSchemas';

/**
 * A day of the week as recurring freeze windows write it.
 * @public
 */
export type FreezeWeekday =
  | 'mon'
  | 'tue'
  | 'wed'
  | 'thu'
  | 'fri'
  | 'sat'
  | 'sun';

/**
 * The days of the week, Monday first.
 * @public
 */
export const freezeWeekdays: readonly FreezeWeekday[] = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const UNTIL = /^((mon|tue|wed|thu|fri|sat|sun) )?([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether `timeZone` is an IANA time zone the runtime knows (`Europe/Berlin`, `UTC`).
 * @public
 */
export function isIanaTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone)) {
    return false;
  }
  try {
    // eslint-disable-next-line no-new
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A calendar date `YYYY-MM-DD` that exists.
 * @public
 */
export const localDateSchema = z.string().refine(
  v => {
    if (!DATE.test(v)) return false;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  },
  { message: 'must be a date YYYY-MM-DD, e.g. 2026-12-24' },
);

/**
 * Body of `POST /recurring-freezes` (and of `POST /recurring-freezes/preview`): a freeze window
 * that opens on each of `every` at `from` and closes at `until` (a time on the same day, or the
 * next day when not after `from`, or a day and time such as `mon 08:00`), in the IANA `timeZone`.
 * @public
 */
export const createRecurringFreezeRequestSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
      message:
        'must be a name of lower-case letters, digits and dashes, e.g. weekend',
    }),
    environments: z
      .array(environmentNameSchema)
      .min(1, 'must name at least one lane')
      .max(50, 'must list at most 50 lanes'),
    systems: z
      .array(entityRefSchema('system'))
      .max(200, 'must list at most 200 Systems')
      .optional(),
    every: z
      .array(
        z.enum(freezeWeekdays as [FreezeWeekday, ...FreezeWeekday[]], {
          errorMap: () => ({
            message:
              'must be a day of the week: mon, tue, wed, thu, fri, sat or sun',
          }),
        }),
      )
      .min(1, 'must name at least one day of the week')
      .max(7, 'must list each day at most once'),
    from: z.string().regex(TIME, {
      message: 'must be a 24-hour time HH:MM, e.g. 16:00',
    }),
    until: z.string().regex(UNTIL, {
      message: "must be HH:MM or a day and HH:MM, e.g. 08:00 or 'mon 08:00'",
    }),
    timeZone: z.string().refine(isIanaTimeZone, {
      message: 'must be a known IANA time zone, e.g. Europe/Berlin or UTC',
    }),
    exceptions: z
      .array(localDateSchema)
      .max(366, 'must list at most 366 dates')
      .optional(),
    reason: safeTextSchema({ min: 1, max: 2000 }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (new Set(value.every).size !== value.every.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['every'],
        message: 'must list each day at most once',
      });
    }
    if (value.until === value.from) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['until'],
        message:
          "is the same time as from; give a later time or a day, e.g. 'mon 08:00'",
      });
    }
  });

/**
 * Body of `POST /recurring-freezes`.
 * @public
 */
export type CreateRecurringFreezeRequest = z.input<
  typeof createRecurringFreezeRequestSchema
>;

/**
 * Body of `POST /recurring-freezes/{id}/exceptions`: a local date on which the window does not open.
 * @public
 */
export const addRecurringFreezeExceptionRequestSchema = z
  .object({ date: localDateSchema })
  .strict();

/**
 * One opening of a recurring freeze window.
 * @public
 */
export interface RecurringFreezeOpening {
  start: string;
  end: string;
}

/**
 * A recurring freeze window as declared (`GET /recurring-freezes`): in app-config
 * (`source: 'app-config'`, read-only, no id) or in the portal (`source: 'portal'`).
 * @public
 */
export interface RecurringFreezeRule {
  /** UUID of a window declared in the portal; absent for app-config. */
  id?: string;
  source: 'app-config' | 'portal';
  name: string;
  environments: string[];
  /** System refs; empty means every System. */
  systems: string[];
  every: FreezeWeekday[];
  /** `HH:MM` */
  from: string;
  /** `HH:MM` or `mon 08:00` */
  until: string;
  timeZone: string;
  /** Local dates (`YYYY-MM-DD`) on which it does not open. */
  exceptions: string[];
  reason?: string;
  /** e.g. `every Friday 16:00 - Monday 08:00 Europe/Berlin`. */
  schedule: string;
  /** The current opening (when in force) and the next ones. */
  openings: RecurringFreezeOpening[];
  createdBy: string;
  createdAt?: string;
}

/**
 * Answer of `POST /recurring-freezes/preview`: the schedule and the next openings of a window
 * not yet declared.
 * @public
 */
export interface RecurringFreezePreview {
  schedule: string;
  openings: RecurringFreezeOpening[];
}
