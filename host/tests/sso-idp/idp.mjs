// A real OpenID Connect provider for the single sign-on tests (host/tests/api/sso.rs):
// panva's oidc-provider with its development login pages, which accept any login name.
// Every account's preferred_username is its login, its e-mail LOGIN@example.org.
//
//   node idp.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
//
// Prints "listening ISSUER" once it serves.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
  // Quartier reads the user name from the ID token, as from Keycloak's.
  conformIdTokenClaims: false,
  cookies: { keys: ['quartier-test-only'] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({
      sub: `sub-${id}`,
      preferred_username: id,
      name: id,
      email: `${id}@example.org`,
    }),
  }),
});
provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`listening ${issuer}`);
});
