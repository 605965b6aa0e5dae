// Shared argument parsing for `npm run fake:<network> -- --port N --every S`.
export function parseFakeArgs(argv: string[]): { port: number; everySeconds: number } {
  let port = 0
  let everySeconds = 5
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const v = argv[i + 1]
    if (a === '--port' && v && /^\d+$/.test(v)) {
      port = Number(v)
      i++
    } else if (a === '--every' && v && /^\d+(\.\d+)?$/.test(v)) {
      everySeconds = Number(v)
      i++
    } else
      throw new Error(
        `Unknown or incomplete argument "${a}". Usage: --port N (0 = any free port) --every SECONDS (0 = no automatic posts)`,
      )
  }
  return { port, everySeconds }
}
