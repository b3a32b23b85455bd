// Where e2e/auth.setup.ts saves each role's signed-in browser state, for specs that start signed in.
export const storageStatePath = (role: string) => `test-results/.auth/${role}.json`;
