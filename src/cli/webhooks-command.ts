import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { type Command, CommanderError } from 'commander';
import { IntercomError } from '../core/errors.js';
import { assertSignature, createWebhookHandler, WebhookSignatureError } from '../webhooks/index.js';
import { untilStopSignal } from './command-kit.js';
import type { Cli } from './context.js';
import { CommandFailed, UsageError } from './usage-error.js';

export const WEBHOOKS_HELP = `Usage: intercom webhooks <verify|listen> [options]

  intercom webhooks verify --secret <s> --signature 'sha1=<hex>' < body.json
      Checks a notification's X-Hub-Signature against the raw body read from stdin.
      Exit 0: valid. 1: invalid (missing, garbled, or not the body's HMAC-SHA1). 2: usage error.

  intercom webhooks listen [--port 8080] [--host 127.0.0.1] --secret <s>
      Receives Intercom notifications (POST, any path); prints each verified one on stdout as one
      JSON line, as it arrived; refuses the others (401 bad signature, 400 not a notification) and
      says so on stderr. Runs until SIGINT or SIGTERM, then exits 0.

Options:
  --secret <s>       the app's client secret (the subscription's hub_secret);
                     default: $INTERCOM_WEBHOOK_SECRET
  --signature <v>    verify: the X-Hub-Signature header value
  --port <n>         listen: port (default 8080; 0 picks a free one)
  --host <addr>      listen: address (default 127.0.0.1)
  -h, --help         this help
`;

/** Largest notification `listen` reads, in bytes. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The secret from `--secret` or `$INTERCOM_WEBHOOK_SECRET`. */
function secretOf(flag: string | undefined): string {
  const secret = flag ?? process.env.INTERCOM_WEBHOOK_SECRET;
  if (secret === undefined || secret === '') {
    throw new UsageError('--secret is required (or set INTERCOM_WEBHOOK_SECRET)');
  }
  return secret;
}

async function readAll(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return Buffer.concat(chunks);
}

/** `verify`: 0 when the signature is the body's, 1 when not. */
async function verify(
  values: { secret?: string | undefined; signature?: string | undefined },
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const secret = secretOf(values.secret);
  if (values.signature === undefined) throw new UsageError("--signature is required: the X-Hub-Signature value, 'sha1=<hex>'");
  if (input.isTTY) throw new UsageError('pipe the raw notification body on stdin: intercom webhooks verify ... < body.json');
  const body = await readAll(input);
  try {
    assertSignature(body, values.signature, secret);
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      err.write(`invalid signature (${error.reason}): ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  out.write(`valid signature (${body.length} bytes)\n`);
  return 0;
}

/** Reads a request body, or undefined past `limit` bytes. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `listen`: prints verified notifications until a signal. */
async function listen(
  values: { secret?: string | undefined; port: string; host: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const secret = secretOf(values.secret);
  const port = Number(values.port);
  if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be an integer 0-65535 (got '${values.port}')`);
  }
  if (values.host.trim() === '') throw new UsageError('--host must not be empty');
  const webhooks = createWebhookHandler({
    secret,
    onError: (error, result) => {
      const message = error instanceof IntercomError ? error.message : String(error);
      err.write(`refused a request (${result.status}): ${message}\n`);
    },
  });
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      webhooks(req, res);
      return;
    }
    readBody(req, MAX_BODY_BYTES)
      .then(async (body) => {
        if (body === undefined) {
          err.write(`refused a request (413): larger than ${MAX_BODY_BYTES} bytes\n`);
          res.writeHead(413).end();
          return;
        }
        const result = await webhooks.handle(body, req.headers['x-hub-signature']);
        // As it arrived, on one line: the body parsed, so it is JSON.
        if (result.status === 200) out.write(`${JSON.stringify(JSON.parse(body.toString('utf8')))}\n`);
        res.writeHead(result.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(result.status === 200 ? 'OK\n' : `${http.STATUS_CODES[result.status] ?? 'Error'}\n`);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
          ? new UsageError(`cannot listen on ${values.host}:${port} (${error.code})`)
          : error,
      );
    });
    server.listen(port, values.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  err.write(`Listening for Intercom webhooks on http://${host}:${address.port} (Ctrl-C to stop)\n`);
  await untilStopSignal();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return 0;
}

/** `intercom webhooks verify|listen`. */
export async function webhooksCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      secret: { type: 'string' },
      signature: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  const [action, ...extra] = positionals;
  if (values.help || (action === undefined && args.length === 0)) {
    out.write(WEBHOOKS_HELP);
    return values.help ? 0 : 2;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  switch (action) {
    case 'verify':
      return await verify(values, input, out, err);
    case 'listen':
      return await listen(values, out, err);
    default:
      throw new UsageError(`webhooks needs 'verify' or 'listen'${action === undefined ? '' : ` (got '${action}')`}`);
  }
}

/**
 * Registers `intercom webhooks verify|listen`. Its options are its own (parsed by
 * {@link webhooksCommand}); commander only hands them over.
 */
export function registerWebhooksCommand(cli: Cli, program: Command): void {
  program
    .command('webhooks')
    .description("verify a notification's signature, or print verified notifications as they arrive")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (_args: string[], _options: unknown, command: Command) => {
      let code: number;
      try {
        code = await webhooksCommand(command.args, cli.io.stdout, cli.io.stderr);
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
        throw error;
      }
      if (code === 1) throw new CommandFailed('the signature is not valid', true);
      // Its usage was printed already: only the exit code is left to set.
      if (code === 2) throw new CommanderError(2, 'intercom.webhooks', 'usage');
    });
}
