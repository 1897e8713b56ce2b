// The sign-in steps live in bench/ (bench:ingest signs in for its dashboard load, and bench/ must not import tests/).
export { signIn, signOut } from '../../bench/sign-in';
