// Default settings for a site served together with its API (same origin). The local gateway
// serves its own version of this file and a deployment overwrites it (docs/deploy.md) with
// apiBase, cognitoEndpoint (the user pool's regional endpoint) and userPoolClientId.
window.PORTAL_CONFIG = window.PORTAL_CONFIG || {apiBase: ""};
