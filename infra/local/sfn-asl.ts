import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-context';

/**
 * What the local host changes in a compiled definition before aws-local-stepfunctions runs it, and how it maps
 * Lambda results and errors the way AWS does. (ASL in, AWS-shaped results out.)
 */
export type Json = Record<string, unknown>;
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The library parks its own task timeout here (23 days, under Node's timer limit); real timeouts are enforced below. */
const PARKED_TIMEOUT_SECONDS = 2_000_000;
export const TOKEN_SENTINEL = '__motcua_task_token__';
export const TIMEOUT_FIELD = '__motcuaTimeoutSeconds';

/** An error a task raises: Catch and Retry match it by name, as on AWS. */
export class TaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function taskStates(definition: Json): [string, Json][] {
  const found: [string, Json][] = [];
  const walk = (states: Record<string, Json>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') found.push([name, state]);
      for (const branch of (state.Branches as Json[] | undefined) ?? []) walk(branch.States as Record<string, Json>);
      const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
      if (processor) walk(processor.States as Record<string, Json>);
    }
  };
  walk(definition.States as Record<string, Json>);
  return found;
}

/**
 * Moves each Task's timeout into its Parameters (evaluated on the state input, like TimeoutSecondsPath on AWS) and
 * parks the engine's own timer, so that this host enforces timeouts of any length.
 */
export function prepare(definition: Json): Json {
  const copy = structuredClone(definition);
  for (const [, state] of taskStates(copy)) {
    const parameters = (state.Parameters ?? {}) as Json;
    if (typeof state.TimeoutSecondsPath === 'string') parameters[`${TIMEOUT_FIELD}.$`] = state.TimeoutSecondsPath;
    else if (typeof state.TimeoutSeconds === 'number') parameters[TIMEOUT_FIELD] = state.TimeoutSeconds;
    state.Parameters = parameters;
    delete state.TimeoutSecondsPath;
    delete state.HeartbeatSeconds;
    delete state.HeartbeatSecondsPath;
    state.TimeoutSeconds = PARKED_TIMEOUT_SECONDS;
  }
  return copy;
}

export function replaceToken(value: unknown, token: string): unknown {
  if (value === TOKEN_SENTINEL) return token;
  if (Array.isArray(value)) return value.map((v) => replaceToken(v, token));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceToken(v, token)]));
  }
  return value;
}

/** A Lambda error reaches Catch/Retry by its name; the Cause is the JSON AWS Lambda reports. */
export function asTaskError(error: unknown): TaskError {
  const e = error as Error;
  return new TaskError(e?.name || 'Error', JSON.stringify({ errorType: e?.name, errorMessage: e?.message }));
}

export async function callLambda(handler: LambdaHandler, name: string, payload: unknown) {
  try {
    const result = await handler(payload, lambdaContext(name));
    // A Lambda's result crosses the wire as JSON: drop what JSON would.
    return JSON.parse(JSON.stringify(result ?? null));
  } catch (error) {
    throw asTaskError(error);
  }
}

export function historyEvent(event: Json): Json {
  const state = event.state as Json | undefined;
  const base = { timestamp: event.timestamp, type: String(event.type) };
  if (state) {
    return {
      ...base,
      type: `${state.type}${event.type}`,
      stateName: state.name,
      ...(event.Error ? { error: event.Error, cause: event.Cause } : {}),
    };
  }
  return { ...base, ...(event.Error ? { error: event.Error, cause: event.Cause } : {}) };
}
