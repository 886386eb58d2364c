import rule from '../../src/rules/social-scraping.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a web-form sign-up', row: { email: 'a@example.org', source: 'Formulaire site web' } },
    { name: 'a page follower', row: { email: 'a@example.org', source: 'Facebook - abonné page' } },
    { name: 'a one-off comment', row: { email: 'a@example.org', source: 'TikTok - commentaire vidéo' } },
    { name: 'an extract of the electoral list is not scraping', row: { adresse: '1 rue A', source: 'Extraction liste électorale' } },
    { name: 'scraping tool named only in the enrichment column', row: { email: 'a@example.org', source: 'Réunion publique', enrichissement: 'PhantomBuster' } },
  ],
  invalid: [
    {
      name: 'extraction tool on LinkedIn',
      row: { email: 'a@example.org', source: 'Extraction LinkedIn (outil PhantomBuster)' },
      errors: [{ message: 'scraped', field: 'source' }],
      dropped: true,
    },
    { name: 'browser extension', row: { email: 'a@example.org', source: 'Import LinkedIn (extension Waalaxy)' }, errors: [{ message: 'scraped' }], dropped: true },
    { name: 'scraped followers', row: { email: 'a@example.org', source: 'Import scraping Instagram (abonnés du compte)' }, errors: [{ message: 'scraped' }], dropped: true },
    { name: 'network from the network column', row: { email: 'a@example.org', source: 'aspiration automatique', 'réseau social': 'Facebook' }, errors: [{ message: 'scraped' }], dropped: true },
    { name: 'no network named', row: { email: 'a@example.org', source: 'crawler' }, errors: [{ message: 'scrapedNoNetwork' }], dropped: true },
    {
      name: 'scraped even with a consent claimed and used on the network',
      row: { email: 'a@example.org', source: 'Scraping X/Twitter', 'consentement email': 'oui' },
      for: ['email'],
      errors: [{ message: 'scraped' }],
      dropped: true,
    },
  ],
});
