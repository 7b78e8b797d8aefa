/**
 * @module The password hasher for users files: prints the `passwordHash` of a password.
 *
 *   npm run auth:hash-password                 → prompts twice (no echo), prints $scrypt$ln=15,r=8,p=1$…
 *   npm run auth:hash-password -- --bcrypt     → prints $2b$12$…
 *   printf '%s' "$PW" | npm run -s auth:hash-password   → reads the password from stdin (no prompt)
 *   node dist/server/auth/hash-password-cli.js → the same, from a build (e.g. inside the container)
 *
 * The password is never taken from the command line, where shell history and `ps` would keep it.
 */
import { hashPassword, type HashAlgorithm } from './password-hash';

const USAGE = 'Usage: npm run auth:hash-password [-- --bcrypt]   (the password is read from the prompt or stdin)';

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--bcrypt' && arg !== '--scrypt');
  if (unknown.length > 0 || args.includes('--help')) {
    process.stderr.write(`${args.includes('--help') ? '' : `Unknown option ${unknown[0]}. `}${USAGE}\n`);
    return args.includes('--help') ? 0 : 2;
  }
  const algorithm: HashAlgorithm = args.includes('--bcrypt') ? 'bcrypt' : 'scrypt';
  let password: string;
  if (process.stdin.isTTY) {
    password = await prompt('Password: ');
    if (password !== (await prompt('Again: '))) {
      process.stderr.write('The two passwords differ; nothing was printed.\n');
      return 1;
    }
  } else {
    password = (await readAll()).replace(/\r?\n$/, '');
  }
  if (password === '') {
    process.stderr.write(`The password is empty; nothing was printed. ${USAGE}\n`);
    return 1;
  }
  process.stdout.write(`${await hashPassword(password, { algorithm })}\n`);
  return 0;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One line from the terminal without echoing it (raw mode: Enter ends, Backspace erases, Ctrl-C quits). */
function prompt(question: string): Promise<string> {
  process.stderr.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    let line = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          resolve(line);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    stdin.on('data', onData);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
