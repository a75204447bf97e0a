import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CAPACITY_COMMANDS, type Capacity, type Item, type TransactItem, billedFailedWrite, billedRead, billedWrite, itemWriteUnits, localReported, readsOnly, sizeReport,
  transactTargets,
} from './units';

/** What one DynamoDB call consumed. */
export interface CallUnits {
  command: string;
  read: number;
  /** Write units as AWS bills them (units.ts, billedWrite). */
  write: number;
  /** Write units as DynamoDB Local reports them: the raw sum of its ConsumedCapacity. */
  writeLocalReported: number;
  /** The call threw (a failed condition, a cancelled transaction): no units came back (units.ts, billedFailedWrite). */
  failed: boolean;
}

export interface MeterOptions {
  record(call: CallUnits): void;
  /**
   * A second, unmetered client that reads each item of a TransactWriteItems before and after
   * it, so the table arm is billed from the items' sizes (two reads a transaction item). When
   * it returns undefined the table arm is Local's own, a lower bound (units.ts, billedWrite).
   */
  imageClient?: () => DynamoDBClient | undefined;
  /** `1`: log each call's consumed capacity and billed figure; `2`: also where each written item's bytes go. */
  detail?: string;
}

/**
 * Meters every call of `client` (and of a document client made from it: they share one
 * middleware stack). A call that takes `ReturnConsumedCapacity` and did not ask for it is sent
 * with `INDEXES` and its answer handed back without the `ConsumedCapacity` it did not ask for,
 * so the caller sees what it would unmetered; a caller that asked keeps its own setting and
 * answer, and its units are counted as they come back.
 */
export function meterDynamoCalls(client: DynamoDBClient, options: MeterOptions): void {
  const image = async (images: DynamoDBClient, table: string, key: Item) =>
    (await images.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!CAPACITY_COMMANDS.has(command)) return next(args);
      const input = args.input as Record<string, unknown>;
      const asked = input.ReturnConsumedCapacity !== undefined && input.ReturnConsumedCapacity !== 'NONE';
      const images = command === 'TransactWriteItemsCommand' ? options.imageClient?.() : undefined;
      const targets = images ? transactTargets(input.TransactItems as TransactItem[]) : [];
      const befores = await Promise.all(targets.map((t) => image(images!, t.table, t.key)));
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(asked ? args : { ...args, input: { ...input, ReturnConsumedCapacity: 'INDEXES' } });
      } catch (error) {
        options.record({ command, read: 0, write: billedFailedWrite(command, error), writeLocalReported: 0, failed: true });
        throw error;
      }
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      const list = Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : output.ConsumedCapacity ? [output.ConsumedCapacity] : [];
      if (!asked) delete output.ConsumedCapacity;
      if (options.detail) console.log(command, JSON.stringify(list));
      if (readsOnly(command, input)) {
        options.record({ command, read: billedRead(command, list, input), write: 0, writeLocalReported: 0, failed: false });
        return result;
      }
      const afters = await Promise.all(targets.map((t) => (t.writes ? image(images!, t.table, t.key) : undefined)));
      const arms = images ? targets.map((t, i) => ({ before: befores[i], after: t.writes ? afters[i] : befores[i] })) : undefined;
      const billed = billedWrite(command, list, arms);
      if (options.detail && arms?.length) {
        console.log(`  billed as AWS: ${billed} (items ${arms.map(itemWriteUnits).join('+')} KB-units, doubled)`);
        if (options.detail === '2') for (const arm of arms) if (arm.after) console.log(`    ${sizeReport(arm.after)}`);
      }
      options.record({ command, read: 0, write: billed, writeLocalReported: localReported(list), failed: false });
      return result;
    },
    { step: 'initialize', name: 'meterCapacity', override: true },
  );
}

/** The running totals of one caller (a label), or of all. */
export interface Units {
  /** Invocations of the function the label names (0 for work outside any invocation). */
  invocations: number;
  calls: number;
  failedCalls: number;
  read: number;
  write: number;
  writeLocalReported: number;
}

export const noUnits = (): Units => ({ invocations: 0, calls: 0, failedCalls: 0, read: 0, write: 0, writeLocalReported: 0 });

export interface CapacityTotals {
  total: Units;
  labels: Record<string, Units>;
  /** The same by label and command (`rule:stats-rollup TransactWriteItemsCommand`): what an invocation's units are made of. */
  commands?: Record<string, Units>;
}

/** Capacity units summed by who made the call: an HTTP route group, a bus consumer, a queue, a timer. */
export class CapacityTally {
  private readonly labels = new Map<string, Units>();
  private readonly commands = new Map<string, Units>();

  add(label: string, call: CallUnits): void {
    for (const units of [this.of(label), this.of(`${label} ${call.command}`, this.commands)]) {
      units.calls += 1;
      units.failedCalls += call.failed ? 1 : 0;
      units.read += call.read;
      units.write += call.write;
      units.writeLocalReported += call.writeLocalReported;
    }
  }

  invoked(label: string): void {
    this.of(label).invocations += 1;
  }

  totals(): CapacityTotals {
    const copy = (map: Map<string, Units>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([key, units]) => [key, { ...units }]));
    const labels = copy(this.labels);
    return { total: sumUnits(Object.values(labels)), labels, commands: copy(this.commands) };
  }

  private of(key: string, map = this.labels): Units {
    let units = map.get(key);
    if (!units) map.set(key, (units = noUnits()));
    return units;
  }
}

export function sumUnits(all: readonly Units[]): Units {
  return all.reduce((sum, u) => ({
    invocations: sum.invocations + u.invocations, calls: sum.calls + u.calls, failedCalls: sum.failedCalls + u.failedCalls,
    read: sum.read + u.read, write: sum.write + u.write, writeLocalReported: sum.writeLocalReported + u.writeLocalReported,
  }), noUnits());
}

/** What happened between two readings of the totals, label by label (labels with nothing new left out). */
export function unitsBetween(before: CapacityTotals, after: CapacityTotals): CapacityTotals {
  const between = (was: Record<string, Units> = {}, now: Record<string, Units> = {}) => {
    const out: Record<string, Units> = {};
    for (const [key, units] of Object.entries(now)) {
      const old = was[key] ?? noUnits();
      const delta = Object.fromEntries(Object.entries(units).map(([k, v]) => [k, v - old[k as keyof Units]])) as unknown as Units;
      if (delta.calls || delta.invocations) out[key] = delta;
    }
    return out;
  };
  const labels = between(before.labels, after.labels);
  return { total: sumUnits(Object.values(labels)), labels, commands: between(before.commands, after.commands) };
}
