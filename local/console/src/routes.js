// Hash routes: every page has an address that can be bookmarked or shared.

export const routes = {
  machines: () => '#/',
  machine: (arn, tab) => `#/state-machines/${encodeURIComponent(arn)}${tab ? `?tab=${tab}` : ''}`,
  /** An execution's page; `params` carries over the refresh interval (?poll=milliseconds) of the current page. */
  execution: (arn, params) => `#/executions/${encodeURIComponent(arn)}${params?.get('poll')
    ? `?poll=${encodeURIComponent(params.get('poll'))}` : ''}`,
};

/** {page, arn, params} for the current location.hash. */
export function currentRoute(hash = location.hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'state-machines' && parts[1]) return { page: 'machine', arn: decodeURIComponent(parts[1]), params };
  if (parts[0] === 'executions' && parts[1]) return { page: 'execution', arn: decodeURIComponent(parts[1]), params };
  return { page: 'machines', params };
}
