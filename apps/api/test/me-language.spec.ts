import { ApiPaths, type Me } from '@latchkey/contracts';
import { Identity } from '../src/directory/identity.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/** A person's language (issue 15), kept on their identity: every login of theirs speaks it. */
describe('my language', () => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
  });
  afterAll(() => t.close());

  const signedIn = async (email: string) => {
    const c = new TestClient(t.app.getHttpServer());
    const res = await c.signIn(email, PASSWORD);
    expect(res.body.state).toBe('signed-in');
    return { client: c, me: res.body.me as Me };
  };
  const stored = async (identityId: string) =>
    (await t.dataSource.getRepository(Identity).findOneByOrFail({ id: identityId })).language;

  it('has none until the person chooses, then keeps it for the next sign-in', async () => {
    const { client, me } = await signedIn('olivia@acme.test');
    expect(me.language).toBeNull();

    const chosen = await client.send('PUT', ApiPaths.myLanguage, { language: 'fr' });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ identityId: f.olivia.identityId, language: 'fr' });
    expect((await client.get(ApiPaths.me)).body.language).toBe('fr');
    expect(await stored(f.olivia.identityId)).toBe('fr');

    // A new sign-in, from another browser, answers it with the person.
    expect((await signedIn('olivia@acme.test')).me.language).toBe('fr');
    // Nobody else's changes.
    expect(await stored(f.emma.identityId)).toBeNull();
  });

  it('refuses a language the console does not speak, naming the field, and keeps the one chosen', async () => {
    const { client } = await signedIn('olivia@acme.test');
    await client.send('PUT', ApiPaths.myLanguage, { language: 'nl' });
    for (const body of [{ language: 'es' }, { language: 'FR' }, {}, { language: 'de', extra: 1 }]) {
      const res = await client.send('PUT', ApiPaths.myLanguage, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.invalid-input');
    }
    const es = await client.send('PUT', ApiPaths.myLanguage, { language: 'es' });
    expect(es.body.errors).toEqual([
      { field: 'language', messages: ['language must be one of en, fr, nl, de'], codes: ['field.is-in'] },
    ]);
    expect(await stored(f.olivia.identityId)).toBe('nl');
  });

  it('answers 401 without a signed-in session', async () => {
    const c = await new TestClient(t.app.getHttpServer()).begin();
    const res = await c.send('PUT', ApiPaths.myLanguage, { language: 'de' });
    expect(res.status).toBe(401);
    expect(await stored(f.olivia.identityId)).not.toBe('de');
  });
});
