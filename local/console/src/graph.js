// The graph view: lays a definition out with dagre (each Parallel branch and Map item processor laid out on its own
// and placed inside its state as a nested group) and draws it as SVG. Every state is a <g data-state-name
// data-status>; statuses change in place, so a live execution recolours the drawing without redrawing it.

import { Graph, layout } from '@dagrejs/dagre';
import { svg } from './dom.js';

const NODE_HEIGHT = 38;
const MIN_NODE_WIDTH = 132;
const GROUP_PADDING = 16;
const GROUP_HEADER = 30;
const BRANCH_GAP = 24;
const TERMINAL = 28;

let measureContext;
function textWidth(text) {
  measureContext ??= document.createElement('canvas').getContext('2d');
  measureContext.font = '600 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  return measureContext.measureText(text).width;
}

/** Lays out one scope; returns {width, height, nodes, edges}. Top-level scopes get Start and End markers. */
function layoutScope(scope, withTerminals) {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 34, edgesep: 16, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const inner = new Map();
  for (const state of scope.states) {
    const label = textWidth(state.name) + 36;
    if (state.type === 'Parallel' || (state.type === 'Map' && state.processor)) {
      const children = state.type === 'Parallel' ? state.branches : [state.processor];
      const laid = children.map((child) => layoutScope(child, false));
      const contentWidth = laid.reduce((sum, l) => sum + l.width, 0) + BRANCH_GAP * Math.max(0, laid.length - 1);
      const contentHeight = Math.max(0, ...laid.map((l) => l.height));
      const width = Math.max(MIN_NODE_WIDTH, label + 24, contentWidth + 2 * GROUP_PADDING);
      const height = GROUP_HEADER + contentHeight + GROUP_PADDING;
      inner.set(state.name, { laid, contentWidth });
      g.setNode(`s:${state.name}`, { width, height, state });
    } else {
      g.setNode(`s:${state.name}`, { width: Math.max(MIN_NODE_WIDTH, label), height: NODE_HEIGHT, state });
    }
  }
  if (withTerminals) {
    g.setNode('start', { width: TERMINAL * 2, height: TERMINAL, terminal: 'Start' });
    g.setNode('end', { width: TERMINAL * 2, height: TERMINAL, terminal: 'End' });
    if (g.hasNode(`s:${scope.startAt}`)) g.setEdge('start', `s:${scope.startAt}`, { kind: 'next' }, 'start');
  }
  for (const state of scope.states) {
    for (const [i, t] of state.transitions.entries()) {
      const to = t.to === null ? (withTerminals ? 'end' : null) : `s:${t.to}`;
      if (to && g.hasNode(to)) g.setEdge(`s:${state.name}`, to, { kind: t.kind }, `${t.kind}${i}`);
    }
  }
  layout(g);
  const nodes = g.nodes().map((id) => {
    const n = g.node(id);
    return { ...n, x: n.x - n.width / 2, y: n.y - n.height / 2, inner: n.state ? inner.get(n.state.name) : undefined };
  });
  const edges = g.edges().map((e) => ({ kind: g.edge(e).kind, points: g.edge(e).points }));
  const graph = g.graph();
  return { width: graph.width, height: graph.height, nodes, edges };
}

function pathOf(points) {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

function drawScope(laid) {
  const group = svg('g');
  for (const edge of laid.edges) {
    group.append(svg('path', { class: `edge edge-${edge.kind}`, d: pathOf(edge.points), 'marker-end': 'url(#arrow)' }));
  }
  for (const node of laid.nodes) {
    if (node.terminal) {
      group.append(svg('g', { class: 'terminal', transform: `translate(${node.x},${node.y})` },
        svg('rect', { width: node.width, height: node.height, rx: node.height / 2 }),
        svg('text', { x: node.width / 2, y: node.height / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central' },
          node.terminal)));
      continue;
    }
    const state = node.state;
    const g = svg('g', {
      class: `state state-${state.type.toLowerCase()}${node.inner ? ' group' : ''}`,
      'data-state-name': state.name,
      'data-state-type': state.type,
      'data-status': 'NOT_RUN',
      transform: `translate(${node.x},${node.y})`,
      tabindex: 0,
      role: 'button',
    });
    g.append(svg('title', {}, `${state.name} (${state.type})`));
    g.append(svg('rect', { class: 'box', width: node.width, height: node.height, rx: node.inner ? 8 : 6 }));
    if (node.inner) {
      g.append(svg('text', { class: 'label group-label', x: 12, y: GROUP_HEADER / 2 + 2, 'dominant-baseline': 'central' },
        state.name));
      g.append(svg('text', { class: 'kind', x: node.width - 12, y: GROUP_HEADER / 2 + 2, 'text-anchor': 'end',
        'dominant-baseline': 'central' }, state.type));
      let x = (node.width - node.inner.contentWidth) / 2;
      for (const child of node.inner.laid) {
        const branch = drawScope(child);
        branch.setAttribute('transform', `translate(${x},${GROUP_HEADER})`);
        branch.setAttribute('class', 'branch');
        branch.prepend(svg('rect', { class: 'branch-box', width: child.width, height: child.height, rx: 6 }));
        g.append(branch);
        x += child.width + BRANCH_GAP;
      }
    } else {
      g.append(svg('text', { class: 'label', x: node.width / 2, y: node.height / 2, 'text-anchor': 'middle',
        'dominant-baseline': 'central' }, state.name));
    }
    group.append(g);
  }
  return group;
}

/**
 * Draws `definition` into a new <svg>; `onSelect(name)` runs when a state is clicked (or chosen by keyboard).
 * Returns {element, setStatuses(Map name -> status), setSelected(name)}.
 */
export function drawGraph(definition, onSelect) {
  const laid = layoutScope(definition.root, true);
  const root = svg('svg', {
    class: 'graph',
    viewBox: `0 0 ${Math.ceil(laid.width)} ${Math.ceil(laid.height)}`,
    width: Math.ceil(laid.width),
    height: Math.ceil(laid.height),
    role: 'img',
    'aria-label': 'State machine graph',
  });
  root.append(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }))));
  root.append(drawScope(laid));
  const nodes = new Map([...root.querySelectorAll('[data-state-name]')]
    .map((node) => [node.getAttribute('data-state-name'), node]));
  const choose = (event) => {
    const node = event.target.closest('[data-state-name]');
    if (!node || !root.contains(node)) return;
    event.stopPropagation();
    onSelect(node.getAttribute('data-state-name'));
  };
  root.addEventListener('click', choose);
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(event);
    }
  });
  return {
    element: root,
    setStatuses(statuses) {
      for (const [name, node] of nodes) {
        const status = statuses.get(name) ?? 'NOT_RUN';
        if (node.getAttribute('data-status') !== status) node.setAttribute('data-status', status);
      }
    },
    setSelected(name) {
      for (const [key, node] of nodes) node.classList.toggle('selected', key === name);
    },
  };
}
