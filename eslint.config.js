// Layer rules, enforced (VS Code style): each folder may import only what its process may use.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronOnlyHere = {
  paths: [{ name: 'electron', message: "Only main/electron and preload/index.ts may import 'electron'." }],
}
// Exact module names (paths), not gitignore patterns: a pattern 'http' would also match our own main/core/http.
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'util', 'events']
const rendererPaths = [
  ...electronOnlyHere.paths,
  ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is a web page: no Node built-ins.' })),
  ...['keytar', 'ws', 'ky'].map((name) => ({ name, message: 'Network, keychain and sockets live in main.' })),
]
const rendererPatterns = [
  {
    group: ['**/main/**', '../main/*', '../../main/*'],
    message: 'The renderer talks to main only through the contract (preload/contract.ts).',
  },
  { group: ['node:*'], message: 'The renderer is a web page: no Node built-ins.' },
]
const networkPaths = [
  ...electronOnlyHere.paths,
  ...['ky', 'node:http', 'node:https', 'http', 'https', 'keytar'].map((name) => ({
    name,
    message: 'Networks use the injected Http and CredentialsHandle.',
  })),
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/real/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronOnlyHere],
    },
  },
  // The Electron shell and the preload entry are the only places 'electron' may appear.
  { files: ['main/electron/**/*.ts', 'preload/index.ts'], rules: { 'no-restricted-imports': 'off' } },
  // Core and networks: plain Node, capabilities injected; never the shells or the renderer.
  {
    files: ['main/core/**/*.ts', 'main/networks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyHere,
          patterns: [
            { group: ['**/electron/**', '**/web/**'], message: 'The core does not know which shell runs it.' },
            { group: ['**/renderer/**'], message: 'The core never imports the renderer.' },
          ],
        },
      ],
    },
  },
  // Networks talk to the world through the injected Http only.
  {
    files: ['main/networks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: networkPaths,
          patterns: [
            { group: ['**/electron/**', '**/web/**', '**/renderer/**'], message: 'Networks do not know the shells or the UI.' },
          ],
        },
      ],
    },
  },
  // The contract is shared by both sides: zod only.
  {
    files: [
      'preload/contract.ts',
      'preload/model.ts',
      'preload/wire.ts',
      'preload/api-client.ts',
      'preload/post-length.ts',
      'preload/attachment-rules.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyHere,
          patterns: [{ group: ['**/main/**', '**/renderer/**', 'node:*'], message: 'The contract depends on zod only.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', { paths: rendererPaths, patterns: rendererPatterns }],
    },
  },
)
