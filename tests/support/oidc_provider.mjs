// A real OpenID Connect provider for the sign-in tests (the `oidc-provider` package, pinned
// in package.json): one confidential client, accounts and their claims from OIDC_ACCOUNTS,
// and the package's development login and consent pages, which the tests fill in.
// Started by tests/security/test_oidc_sign_in.py; prints "listening <port>" when ready.
import Provider from 'oidc-provider';

const issuer = process.env.OIDC_ISSUER;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'council', 'roles'] },
  conformIdTokenClaims: false, // the profile claims go in the ID token itself
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, preferred_username: id, ...(accounts[id] || {}) }),
  }),
  features: { devInteractions: { enabled: true } },
});
const server = provider.listen(Number(process.env.OIDC_PORT), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
