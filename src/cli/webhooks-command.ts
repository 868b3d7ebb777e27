/**
 * `intercom webhooks verify` (check a captured notification's signature) and `intercom webhooks
 * listen` (a local receiver that prints each verified notification as it arrives).
 *
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { IntercomError } from '../index.js';
import { assertSignature, createWebhookHandler, WebhookSignatureError } from '../webhooks/index.js';
import { group, handler, integerArg, leaf, optionsOf, stringOption, untilStopSignal } from './command-kit.js';
import type { Cli } from './context.js';
import { listenErrorOf } from './listen-error.js';
import { CommandFailed, UsageError } from './usage-error.js';

/** Largest notification `listen` reads, in bytes. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const SECRET_HELP = "the app's client secret (the subscription's hub_secret; default: $INTERCOM_WEBHOOK_SECRET)";

const WEBHOOKS_EXAMPLES = `
Examples:
  intercom webhooks verify --secret <s> --signature 'sha1=<hex>' < body.json
      Checks a notification's X-Hub-Signature against the raw body read from stdin.
      Exit 0: valid. 1: invalid (missing, garbled, or not the body's HMAC-SHA1). 2: usage error.
  intercom webhooks listen [--port 8080] [--host 127.0.0.1] --secret <s>
      Receives Intercom notifications (POST, any path); prints each verified one on stdout as one
      JSON line, as it arrived; refuses the others (401 bad signature, 400 not a notification) and
      says so on stderr. Runs until SIGINT or SIGTERM, then exits 0.
`;

/** The secret from `--secret` or `$INTERCOM_WEBHOOK_SECRET`. */
function secretOf(cli: Cli, command: Command): string {
  const secret = stringOption(optionsOf(command), 'secret') ?? cli.io.env.INTERCOM_WEBHOOK_SECRET;
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

/**
 * `verify`: exit 0 when the signature is the body's, 1 when not. The verdict is a message on stderr;
 * with an explicit `--format`, it is also a record on stdout (`valid`, `bytes`, `reason`).
 */
async function verify(cli: Cli, command: Command): Promise<void> {
  const secret = secretOf(cli, command);
  const signature = stringOption(optionsOf(command), 'signature');
  if (signature === undefined) throw new UsageError("--signature is required: the X-Hub-Signature value, 'sha1=<hex>'");
  const input = cli.io.stdin;
  if (input.isTTY) throw new UsageError('pipe the raw notification body on stdin: intercom webhooks verify ... < body.json');
  const body = await readAll(input);
  let reason: string | undefined;
  try {
    assertSignature(body, signature, secret);
  } catch (error) {
    if (!(error instanceof WebhookSignatureError)) throw error;
    reason = error.reason;
    cli.warn(`invalid signature (${error.reason}): ${error.message}`);
  }
  if (cli.globals(command).format !== undefined) {
    await cli.printOne(command, { valid: reason === undefined, bytes: body.length, ...(reason === undefined ? {} : { reason }) });
  }
  if (reason !== undefined) throw new CommandFailed('the signature is not valid', true);
  cli.note(command, `valid signature (${body.length} bytes)`);
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

/** `listen`: prints verified notifications (jsonl unless `--format` says otherwise) until a signal. */
async function listen(cli: Cli, command: Command): Promise<void> {
  const secret = secretOf(cli, command);
  const options = optionsOf(command);
  const port = options.port as number;
  const host = options.host as string;
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  // One JSON line per notification unless asked otherwise: a terminal gets them as they arrive too.
  const sink = cli.sink(command, { format: cli.globals(command).format ?? 'jsonl' });
  let writing = Promise.resolve();
  const webhooks = createWebhookHandler({
    secret,
    onError: (error, result) => {
      const message = error instanceof IntercomError ? error.message : String(error);
      cli.warn(`refused a request (${result.status}): ${message}`);
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
          cli.warn(`refused a request (413): larger than ${MAX_BODY_BYTES} bytes`);
          res.writeHead(413).end();
          return;
        }
        const result = await webhooks.handle(body, req.headers['x-hub-signature']);
        // As it arrived: the body parsed, so it is JSON. Written in arrival order.
        if (result.status === 200) {
          const notification = JSON.parse(body.toString('utf8')) as object;
          writing = writing.then(() => sink.write(notification));
          await writing;
        }
        res.writeHead(result.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(result.status === 200 ? 'OK\n' : `${http.STATUS_CODES[result.status] ?? 'Error'}\n`);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenErrorOf(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // Listening for the signals before saying where it listens: whoever reads the line may stop it at once.
  const stopped = untilStopSignal();
  cli.note(command, `Listening for Intercom webhooks on http://${shown}:${address.port} (Ctrl-C to stop)`);
  await stopped;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await writing.catch(() => {});
  await sink.end();
}

/** Registers `intercom webhooks verify` and `intercom webhooks listen`. */
export function registerWebhookCommands(cli: Cli, program: Command): void {
  const webhooks = group(program, 'webhooks').addHelpText('after', WEBHOOKS_EXAMPLES);
  leaf(webhooks, 'verify', "check a notification's X-Hub-Signature against its raw body, read from stdin")
    .option('--secret <secret>', SECRET_HELP)
    .option('--signature <value>', "the X-Hub-Signature header value, 'sha1=<hex>'")
    .addHelpText(
      'after',
      '\nExit 0: valid. 1: invalid (missing, garbled, or not the HMAC-SHA1 of the body). 2: usage error.\n' +
        'The verdict goes to stderr (not with --quiet, unless invalid); with --format, also as a record on stdout.\n',
    )
    .action(handler((command) => verify(cli, command)));
  leaf(webhooks, 'listen', 'receive notifications on loopback; print each verified one on stdout, until SIGINT or SIGTERM')
    .addOption(
      new Option('--port <n>', 'port to listen on; 0 picks a free one').default(8080).argParser((text) => {
        const port = integerArg(0)(text);
        if (port > 65535) throw new InvalidArgumentError('must be a whole number from 0 to 65535.');
        return port;
      }),
    )
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--secret <secret>', SECRET_HELP)
    .addHelpText(
      'after',
      '\nPrints each verified notification on stdout (one JSON line, as it arrived, unless --format says otherwise);\n' +
        'answers 401 to a bad signature and 400 to a body that is not a notification, and says so on stderr.\n',
    )
    .action(handler((command) => listen(cli, command)));
}
