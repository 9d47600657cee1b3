import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, oldest first. Listed by hand because the API is bundled. */
export const MIGRATIONS = [InitialSchema1764000000000];
