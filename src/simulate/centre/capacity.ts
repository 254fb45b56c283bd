/**
 * Contacts of each media an agent works at once when the org keeps Genesys's default utilization: "By default,
 * an agent can handle at one time: one call, up to four chats, one email, one message, one callback"
 * (https://help.mypurecloud.com/?p=4728). Org- and agent-level utilization can change it; pass the org's.
 */
export const GENESYS_DEFAULT_CAPACITY: Readonly<Record<string, number>> = {
  voice: 1,
  callback: 1,
  chat: 4,
  email: 1,
  message: 1,
};
