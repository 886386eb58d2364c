import rule from '../../src/rules/objection-ignored.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';
const P = '06 00 00 00 01';

ruleTester(rule, {
  valid: [
    { name: 'not unsubscribed ("N")', row: { email: E, source: 'Newsletter', Désinscrit: 'N' } },
    { name: 'do_not_contact false', row: { email: E, do_not_contact: 'false' }, for: ['email'] },
    { name: 'subscribed', row: { email: E, source: 'Newsletter', can2_subscription_status: 'subscribed' } },
    { name: 'refused calls, used for email', row: { email: E, telephone: P, email_opt_in: 'true', do_not_call: 'true' }, for: ['email'] },
    { name: 'refused calls, channels not known', row: { email: E, telephone: P, email_opt_in: 'true', do_not_call: 'true' } },
    { name: 'unsubscribed from SMS, used for email', row: { email: E, can2_subscription_status: 'subscribed', can2_sms_status: 'unsubscribed' }, for: ['email'] },
    { name: 'a consent given after the objection', row: { email: E, opposition: '2020-01-01', 'consentement email': 'oui', 'date de consentement': '2024-05-01' } },
  ],
  invalid: [
    { name: 'unsubscribed ("O") and still in the file', row: { email: E, Désinscrit: 'O' }, errors: [{ message: 'objected', field: 'objection' }], dropped: true },
    { name: 'do_not_contact', row: { email: E, do_not_contact: 'true' }, errors: [{ message: 'objected', field: 'objection' }], dropped: true },
    { name: 'Mailchimp unsubscribe time', row: { 'Email Address': E, UNSUB_TIME: '2025-02-11 08:15:40' }, errors: [{ message: 'objected' }], dropped: true },
    {
      // CNIL, communication politique par téléphone: STOP stops that channel; an unsubscribe from the
      // newsletter is an objection to email, not (any more) to every channel.
      name: 'unsubscribed from email, nothing else, used for email: an objection to email',
      row: { email: E, can2_subscription_status: 'unsubscribed' },
      for: ['email'],
      errors: [{ message: 'objectedChannel', field: 'consent_email' }],
      dropped: true,
    },
    {
      name: 'refused calls, used for phone',
      row: { email: E, telephone: P, email_opt_in: 'true', do_not_call: 'true' },
      for: ['phone'],
      errors: [{ message: 'objectedChannel', field: 'do_not_call' }],
      dropped: true,
    },
    {
      name: 'unsubscribed from SMS, used for SMS',
      row: { email: E, telephone: P, can2_subscription_status: 'subscribed', can2_sms_status: 'unsubscribed', canal: 'SMS' },
      errors: [{ message: 'objectedChannel', field: 'consent_sms' }],
      dropped: true,
    },
  ],
});
