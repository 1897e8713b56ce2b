/**
 * What to tell the user about next-auth's sign-in error: its codes (no spaces) become plain words; a
 * sentence is a message of ours (e.g. the pause after repeated failures) and is shown as it is.
 */
export function signInErrorMessage(error: string): string {
  if (error === 'CredentialsSignin') return 'Wrong email or password.';
  return error.includes(' ') ? error : 'Sign-in failed; try again.';
}
