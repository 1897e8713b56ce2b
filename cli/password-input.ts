import readline from 'node:readline';
import { CliError } from './errors';

/** Asks without echoing what is typed (a terminal), for passwords. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const echo = rl as unknown as { _writeToOutput: (text: string) => void };
    echo._writeToOutput = (text) => {
      if (text.startsWith(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * The new password: typed twice on a terminal, otherwise the first line of standard input
 * (`echo "$PW" | npm run admin -- create ...`). Never a command-line argument: those end up in
 * shell histories and process listings.
 */
export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const password = await askHidden('Password: ');
  if ((await askHidden('Repeat password: ')) !== password) throw new CliError('the two passwords differ; nothing changed');
  return password;
}
