import rule from '../../src/rules/single-message-exceeded.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';

ruleTester(rule, {
  valid: [
    { name: 'a one-off social contact before the first message', row: { email: E, source: 'like post Instagram', canal: 'Instagram' } },
    { name: 'a contact who answered yes', row: { email: E, source: 'Commentaire Facebook', 'premier message': '2026-06-10', 'réponse premier message': 'oui' }, for: ['social'] },
    { name: 'a follower (regular contact)', row: { email: E, source: 'Facebook - abonné page', 'premier message': '2026-06-10' }, for: ['social'] },
    { name: 'a member', row: { email: E, source: 'Adhésion', 'premier message': '2026-06-10' }, for: ['email'] },
    { name: 'channels not known: not "used again" as far as the file says', row: { email: E, source: 'Commentaire Facebook', 'premier message': '2026-06-10' } },
  ],
  invalid: [
    {
      name: 'a Facebook comment messaged once, no answer, used again',
      row: { email: E, source: 'Commentaire Facebook', 'premier message': '2026-06-10' },
      for: ['social'],
      errors: [{ message: 'noReply', field: 'first_message_at' }],
      dropped: true,
    },
    {
      name: 'a referral who said no',
      row: { email: E, source: 'Parrainage', 'premier message': '10/06/2026', 'réponse premier message': 'non' },
      for: ['phone'],
      errors: [{ message: 'refused' }],
      dropped: true,
    },
    { name: 'a rented list, message sent ("oui")', row: { email: E, source: 'Location de fichier', 'premier message': 'oui' }, for: ['post'], errors: [{ message: 'noReply' }] },
    { name: 'channel column', row: { email: E, source: 'Instagram - j’aime publication', 'premier message': '2026-06-10', canal: 'Instagram' }, errors: [{ message: 'noReply' }] },
  ],
});
