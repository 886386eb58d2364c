import rule from '../../src/rules/profiling.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'time zone and region are not tracking', row: { 'Email Address': 'a@example.org', TIMEZONE: 'Europe/Paris', REGION: 'ARA' } },
    { name: 'an empty IP cell', row: { 'Email Address': 'a@example.org', OPTIN_IP: '' } },
    { name: 'a mapped column is never profiling', row: { email: 'a@example.org', optin_time: '2024-02-10' } },
    {
      name: 'geocoded addresses the config allows',
      row: { email: 'a@example.org', LATITUDE: '45.77', LONGITUDE: '4.89' },
      config: { profiling: { allow: ['LATITUDE', 'LONGITUDE'] } },
    },
  ],
  invalid: [
    {
      name: 'sign-up IP and engagement rating (Mailchimp)',
      row: { 'Email Address': 'a@example.org', MEMBER_RATING: '4', OPTIN_IP: '192.0.2.14', TIMEZONE: 'Europe/Paris' },
      // OPTIN_IP is the proof of the consent (RGPD art. 7.1), not profiling (issue 11).
      errors: [{ message: 'recorded', field: 'MEMBER_RATING' }],
      dropped: false,
      removedColumns: ['MEMBER_RATING'],
      output: { 'Email Address': 'a@example.org', TIMEZONE: 'Europe/Paris' },
    },
    {
      // Issue 11: no text forbids a member's activity score under RGPD art. 9.2.d: the tool's reading.
      name: 'a member’s activity score: removed, as the tool’s reading',
      row: { email: 'a@example.org', source: 'Adhésion', score_mobilisation: '82' },
      errors: [{ message: 'memberScore', field: 'score_mobilisation' }],
      removedColumns: ['score_mobilisation'],
    },
    {
      name: 'a behaviour score',
      row: { email: 'a@example.org', score_mobilisation: '82' },
      errors: [{ message: 'recorded', field: 'score_mobilisation' }],
      removedColumns: ['score_mobilisation'],
    },
    {
      name: 'interests',
      row: { courriel: 'a@example.org', "Centres d'intérêt": 'vélo, écologie' },
      errors: [{ message: 'recorded' }],
      removedColumns: ["Centres d'intérêt"],
    },
    {
      name: 'an extra pattern from config',
      row: { email: 'a@example.org', Tribu: 'urbains engagés' },
      config: { profiling: { add: ['^tribu$'] } },
      errors: [{ message: 'recorded', field: 'Tribu' }],
      removedColumns: ['Tribu'],
    },
    {
      name: 'purge keeps the column and only flags',
      row: { email: 'a@example.org', device_id: 'abc' },
      mode: 'purge',
      errors: [{ message: 'recorded' }],
      dropped: false,
      removedColumns: [],
      output: { device_id: 'abc' },
    },
  ],
});
