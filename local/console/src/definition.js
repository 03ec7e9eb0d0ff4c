// The state machine definition (Amazon States Language) as a graph model: each scope (the machine, a Parallel
// branch, a Map's item processor) is a list of states and the transitions between them.

/**
 * @typedef {{name: string, type: string, comment?: string, scope: Scope, branches: Scope[], processor?: Scope,
 *   transitions: {to: string, kind: 'next'|'default'|'choice'|'catch'|'end'}[], mapAncestors: string[]}} StateModel
 * @typedef {{startAt: string, states: StateModel[]}} Scope
 */

export class DefinitionError extends Error {}

/** Parses the definition text into {root: Scope, byName: Map<string, StateModel>}. */
export function parseDefinition(text) {
  let asl;
  try {
    asl = JSON.parse(text);
  } catch (e) {
    throw new DefinitionError(`the definition is not JSON: ${e.message}`);
  }
  const byName = new Map();
  const root = scope(asl, [], byName);
  return { root, byName };
}

function scope(asl, mapAncestors, byName) {
  if (!asl || typeof asl.States !== 'object' || asl.States === null) {
    throw new DefinitionError('a scope of the definition has no "States" object');
  }
  const result = { startAt: String(asl.StartAt ?? ''), states: [] };
  for (const [name, body] of Object.entries(asl.States)) {
    const state = {
      name,
      type: String(body?.Type ?? 'Unknown'),
      comment: body?.Comment,
      scope: result,
      branches: [],
      processor: undefined,
      transitions: transitions(body ?? {}),
      mapAncestors,
    };
    if (state.type === 'Parallel') {
      state.branches = (body.Branches ?? []).map((branch) => scope(branch, mapAncestors, byName));
    } else if (state.type === 'Map') {
      const processor = body.ItemProcessor ?? body.Iterator;
      if (processor) state.processor = scope(processor, [...mapAncestors, name], byName);
    }
    byName.set(name, state);
    result.states.push(state);
  }
  return result;
}

function transitions(body) {
  const list = [];
  const add = (to, kind) => {
    if (typeof to === 'string' && !list.some((t) => t.to === to && t.kind === kind)) list.push({ to, kind });
  };
  add(body.Next, 'next');
  for (const choice of body.Choices ?? []) add(choice?.Next, 'choice');
  add(body.Default, 'default');
  for (const catcher of body.Catch ?? []) add(catcher?.Next, 'catch');
  if (body.End === true || body.Type === 'Succeed' || body.Type === 'Fail') list.push({ to: null, kind: 'end' });
  return list;
}
