/** Every export profile, in the order they are tried (a file-name match comes first in src/exports.ts). */
import { mailchimpCleaned, mailchimpNonsubscribed, mailchimpSubscribed, mailchimpUnsubscribed } from './mailchimp.js';
import { brevo } from './brevo.js';
import { nationbuilder } from './nationbuilder.js';
import { actionNetwork } from './action-network.js';
import { qomon } from './qomon.js';
import { hubspot, hubspotFr } from './hubspot.js';
import { googleContacts } from './google-contacts.js';
import { outlook, outlookFr } from './outlook.js';
import { linkedin } from './linkedin.js';
import { reu, reuSpelled } from './reu.js';
import type { ExportProfile } from './types.js';

export type { ExportProfile } from './types.js';

export const PROFILES: readonly ExportProfile[] = [
  mailchimpUnsubscribed, mailchimpCleaned, mailchimpNonsubscribed, mailchimpSubscribed, brevo, nationbuilder, actionNetwork, hubspot, hubspotFr,
  googleContacts, outlook, outlookFr, linkedin, reu, reuSpelled, qomon,
];

export const PROFILE_NAMES: readonly string[] = PROFILES.map((p) => p.name);
