// The Step Functions JSON API (AWS JSON 1.0, X-Amz-Target: AWSStepFunctions.*) of the endpoint that served this
// page. Only public operations: the console works against any endpoint that speaks this API.

export class ApiError extends Error {
  constructor(type, message, status) {
    super(message ? `${type}: ${message}` : type);
    this.type = type;
    this.status = status;
  }
}

async function call(operation, request) {
  let response;
  try {
    response = await fetch('/', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${operation}`,
      },
      body: JSON.stringify(request ?? {}),
    });
  } catch (e) {
    throw new ApiError('NetworkError', `the runtime did not answer ${operation} (${e.message}); is it still up?`, 0);
  }
  const text = await response.text();
  let body = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError('SerializationException', `${operation} answered HTTP ${response.status} with no JSON`,
      response.status);
  }
  if (!response.ok) {
    const type = String(body.__type ?? response.headers.get('x-amzn-ErrorType') ?? `HTTP ${response.status}`);
    throw new ApiError(type.replace(/^.*#/, ''), body.message ?? body.Message ?? '', response.status);
  }
  return body;
}

/** Follows nextToken until the end (or `limit` items) and returns the concatenated `key` list. */
async function all(operation, request, key, limit = 10000) {
  const items = [];
  let nextToken;
  do {
    const page = await call(operation, { ...request, ...(nextToken ? { nextToken } : {}) });
    items.push(...(page[key] ?? []));
    nextToken = page.nextToken;
  } while (nextToken && items.length < limit);
  return items;
}

export const sfn = {
  listStateMachines: () => all('ListStateMachines', { maxResults: 1000 }, 'stateMachines'),
  describeStateMachine: (stateMachineArn) => call('DescribeStateMachine', { stateMachineArn }),
  listExecutions: (stateMachineArn, statusFilter, maxResults, nextToken) => call('ListExecutions', {
    stateMachineArn,
    maxResults,
    ...(statusFilter ? { statusFilter } : {}),
    ...(nextToken ? { nextToken } : {}),
  }),
  describeExecution: (executionArn) => call('DescribeExecution', { executionArn }),
  describeStateMachineForExecution: (executionArn) => call('DescribeStateMachineForExecution', { executionArn }),
  history: (executionArn) => all('GetExecutionHistory', { executionArn, maxResults: 1000, includeExecutionData: true },
    'events', 25000),
  startExecution: (stateMachineArn, input, name) => call('StartExecution', {
    stateMachineArn,
    input,
    ...(name ? { name } : {}),
  }),
  stopExecution: (executionArn, error, cause) => call('StopExecution', {
    executionArn,
    ...(error ? { error } : {}),
    ...(cause ? { cause } : {}),
  }),
};
