import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { PolicyLayers1764100000000 } from './1764100000000-policy-layers';

/** Every migration, oldest first. Listed by hand because the API is bundled. */
export const MIGRATIONS = [InitialSchema1764000000000, PolicyLayers1764100000000];
