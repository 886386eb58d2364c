/**
 * Header patterns of profiling, sensitive and political-opinion columns (SPEC §3): which headers mean
 * political opinion, a special category or tracking. Data only; the matching is in src/patterns.ts, and
 * what the rules do with each kind is in src/rules/ (political-opinion, sensitive-data, profiling).
 *
 * Headers are normalised first (camelCase split, accents removed, lower-case, punctuation → spaces:
 * "Centres d’intérêt" → "centres d interet", "OPTIN_IP" → "optin ip"), so every pattern can rely on
 * `\b` word boundaries and plain ASCII. The first matching pattern wins, hence the order: inferred
 * opinion before declared opinion (both name "support"), sensitive categories before profiling.
 *
 * What must NOT match is as important as what must: an electoral-list extract lawfully carries
 * "Lieu de naissance", "Nationalité" (complementary lists) and "Bureau de vote"; only an origin
 * *derived* from them is sensitive (CNIL: no sorting "sur la base du lieu de naissance").
 */
import type { ColumnKind } from '../types.js';

export interface ColumnPattern {
  id: string;
  kind: ColumnKind;
  /** Matched against the header lower-cased, accents removed, punctuation turned into spaces. */
  pattern: RegExp;
}

/** Words that make a column an *estimate* rather than what the person said (RGPD art. 4.4, 9.1). */
const INFERENCE = String.raw`(?:inferred|infere|inferee|predicted|prediction|predit|predite|deduit|deduite|estimated|estime|estimee|modeled|modelled|modele|probab\w*|propens\w*|likelihood|scores?|scoring)`;
/** Words naming a political opinion or support. */
const OPINION = String.raw`(?:support|soutien|opinion|opinions|vote|votes|voting|party|parti|partisan\w*|leaning|politi\w*|sympathi\w*|persuasion|persuadab\w*|persuadable|ideolog\w*)`;

export const COLUMN_PATTERNS: readonly ColumnPattern[] = [
  // --- inferred political opinion: unlawful for anyone (RGPD art. 9.1; 9.2.d covers only what members
  // and regular contacts disclose, not what is guessed about them). NationBuilder: inferred_support_level.
  {
    id: 'inferred-opinion',
    kind: 'political_opinion_inferred',
    pattern: new RegExp(String.raw`^(?=.*\b${INFERENCE}\b)(?=.*\b${OPINION}\b)(?!.*\b(?:bureau|lieu|centre) (?:de )?vote\b)(?!.*\bturnout\b)`),
  },

  // --- declared political opinion: lawful for members and regular contacts only (RGPD art. 9.2.d).
  {
    id: 'vote',
    kind: 'political_opinion',
    // "Bureau de vote" / "lieu de vote" is the polling station, a normal field of the electoral list;
    // "a voté" is turnout (émargement), not an opinion.
    pattern: /(?<!\b(?:bureau|lieu|centre|numero|num|no) (?:de |du )?)(?<!\ba )\b(?:votes?|intentions? de vote|vote intentions?|voting (?:intention|preference)s?)\b(?! par procuration)/,
  },
  {
    id: 'political-leaning',
    kind: 'political_opinion',
    pattern: /\b(?:orientation|bord|tendance|couleur|sensibilite|famille|affiliation|preference|opinion|appartenance|positionnement|position|engagement) politiques?\b|\bpolitical (?:leanings?|views?|opinions?|orientation|affiliation|preferences?|party)\b|\bpartisan(?:ship)?\b|\bleanings?\b|\bideolog(?:y|ie)\b/,
  },
  {
    id: 'opinion',
    kind: 'political_opinion',
    pattern: /\bopinions?\b/,
  },
  {
    id: 'support-level',
    kind: 'political_opinion',
    // NationBuilder support_level / is_supporter, Qomon "niveau de soutien"; "soutien financier" is a
    // donation amount, not an opinion.
    pattern: /\bsupport (?:level|status)\b|\b(?:is )?supporters?\b(?! id\b)|\b(?:niveau de )?soutien\b(?! financier)|\bsympathi(?:e|es|sant|sante|sants|santes|zer|y)\b/,
  },
  {
    id: 'party',
    kind: 'political_opinion',
    // A party affiliation; "third party" (a source) is not one.
    pattern: /(?<!\b(?:third|3rd) )\b(?:party|parti)(?: (?:affiliation|preference|registration|member|politique|id))?\b(?! tiers)/,
  },

  // --- special categories (RGPD art. 9.1): no exception covers political prospecting.
  {
    id: 'religion',
    kind: 'sensitive',
    pattern: /\breligions?\b|\breligieu(?:x|se|ses)\b|\breligious\b|\bconfessions?\b|\bconfessionnel(?:le)?s?\b|\bcultes?\b|\bfaith\b|\bcroyances?\b|\bpratiquant(?:e|s|es)?\b/,
  },
  {
    id: 'ethnic-origin',
    kind: 'sensitive',
    pattern: /\bethni\w*\b|\brac(?:e|es|ial)\b|\braciale?s?\b/,
  },
  {
    id: 'name-consonance',
    kind: 'sensitive',
    // CNIL: no sorting "sur la base de la consonance du nom".
    pattern: /\bconsonances?\b|\bonomasti\w*\b|\bname (?:origin|ethnicity)\b|\borigine (?:du |de )?(?:nom|patronyme|prenom)s?\b|\b(?:nom|patronyme|prenom) (?:a consonance|d origine|origine)\b/,
  },
  {
    id: 'derived-origin',
    kind: 'sensitive',
    // An origin *derived* from birthplace or nationality; the birthplace and nationality columns of the
    // electoral list are not matched (CNIL: no selection "sur la base du lieu de naissance").
    pattern: /\bnationalites? (?:d origine|de naissance|origine)\b|\bpays d origine\b|\borigines? (?:geographiques?|etrangeres?|supposees?|presumees?|familiales?|migratoires?)\b|\bcountry of origin\b|\bnational origin\b|\bimmigr\w*\b|\bdiaspora\b|\bne(?:e|s|es)? (?:a l )?etranger\b|\bborn abroad\b|\bforeign born\b|\borigine (?:d apres|selon|par|via) (?:le )?(?:lieu|pays) de naissance\b/,
  },
  {
    id: 'health',
    kind: 'sensitive',
    pattern: /\bsante\b|\bhealth\b|\bhandicap(?:e|es|ee|ees|s)?\b|\bdisabilit(?:y|ies)\b|\bmaladies?\b|\bmedica(?:l|ux|le|les)\b|\bpathologies?\b|\bmdph\b|\binvalidite\b|\bgenetic\w*\b|\bgenetique\b|\bbiometri\w*\b/,
  },
  {
    id: 'sexual-orientation',
    kind: 'sensitive',
    pattern: /\borientation sexuelle\b|\bsexual orientation\b|\bsexualit(?:e|y)\b|\bvie sexuelle\b|\bsex life\b|\blgbt\w*\b|\bhomosexu\w*\b|\bgay\b/,
  },
  {
    id: 'union-membership',
    kind: 'sensitive',
    // "syndic" (a condominium manager) is not a union.
    pattern: /\bsyndicats?\b|\bsyndiqu(?:e|es|ee|ees)\b|\bsyndica(?:l|le|les|ux)\b|\bsyndicalis\w*\b|\b(?:trade|labou?r) unions?\b|\bunion (?:member|membership)\b/,
  },

  // --- profiling and tracking (CNIL réseaux sociaux; RGPD art. 4.4, 21.2).
  {
    id: 'inferred-attribute',
    kind: 'profiling',
    pattern: /\b(?:inferred|infere|inferee|predicted|predit|predite|deduit|deduite)\b/,
  },
  {
    id: 'score',
    kind: 'profiling',
    pattern: /\bscor(?:e|es|ing)\b|\bnotation\b|\bratings?\b|\bpropens\w*\b|\blikelihood\b|\bprobabilit(?:y|ies|e|es)\b/,
  },
  {
    id: 'segment',
    kind: 'profiling',
    pattern: /\bsegments?\b|\bsegmentation\b|\bclusters?\b|\bpersonas?\b|\btypologie\b|\bprofil(?:e)? (?:type|comportemental|electoral|psychologique)\b|\bbehaviou?r(?:al)?\b|\bcomportement(?:al|ale|aux)?\b/,
  },
  {
    id: 'lookalike',
    kind: 'profiling',
    pattern: /\blook ?a ?likes?\b|\bsimilar audiences?\b|\baudiences? similaires?\b/,
  },
  {
    id: 'affinity',
    kind: 'profiling',
    pattern: /\baffinit(?:y|ies|e|es)\b/,
  },
  {
    id: 'interests',
    kind: 'profiling',
    pattern: /\binterests?\b|\binterets?\b|\b(?:pages?|posts?|publications?) (?:aimees?|likees?|liked)\b|\bliked pages?\b/,
  },
  {
    id: 'cookie',
    kind: 'profiling',
    // A cookie-banner consent flag is not tracking data itself.
    pattern: /(?<!\bconsentement (?:aux )?)\bcookies?\b(?! (?:consent|consentement|banner|bandeau)\b)/,
  },
  {
    id: 'device-id',
    kind: 'profiling',
    pattern: /\bdevices?\b|\b(?:id|identifiant|type|modele) (?:d |de l |de )?appareil\b|\budid\b|\buser agent\b|\bfingerprint\w*\b|\bempreinte numerique\b/,
  },
  {
    id: 'ad-id',
    kind: 'profiling',
    pattern: /\bad ?ids?\b|\badvertising (?:id|identifier)\b|\bidentifiant publicitaire\b|\bidfa\b|\bgaid\b|\baaid\b|\bmobile ad\b|\bfbclid\b|\bgclid\b|\bpixel\b/,
  },
  {
    id: 'consent-proof-ip',
    kind: 'consent_proof',
    // Mailchimp OPTIN_IP / CONFIRM_IP, the IP a sign-up or its confirmation came from: the proof of the
    // consent (RGPD art. 7.1), not tracking. It stays in the cleaned file, which is often re-imported
    // into the tool that keeps the proof; dropping it there would destroy the proof.
    pattern: /\b(?:opt ?in|confirm(?:ation)?|signup|sign up|inscription|consent(?:ement)?|double opt ?in) ip\b|\bip (?:d |de l |de )?(?:inscription|opt ?in|confirmation|consentement)\b/,
  },
  {
    id: 'ip',
    kind: 'profiling',
    // "zip" and "ipsum" are not matched thanks to word boundaries.
    pattern: /\bip(?:v4|v6)?\b|\bip ?address(?:es)?\b|\badresses? ip\b/,
  },
  {
    id: 'browsing',
    kind: 'profiling',
    pattern: /\bnavigation\b|\bbrowsing\b|\bbrowser\b|\bnavigateur\b|\bpages? vues?\b|\bpages? visitees?\b|\bpage ?views?\b|\bvisited pages?\b|\bhistorique de navigation\b|\btracking\b|\btracker\b|\bvisitor id\b|\bvisites? (?:du )?site\b/,
  },
  {
    id: 'clicks',
    kind: 'profiling',
    pattern: /\bclicks?\b|\bclics?\b|\bclicked\b|\bopen rate\b|\bclick rate\b|\btaux d (?:ouverture|clic)s?\b|\b(?:nb|nombre d|nombre de) ouvertures?\b|\bouvertures? (?:e ?mail|mail|newsletter)s?\b/,
  },
  {
    id: 'geolocation',
    kind: 'profiling',
    // Mailchimp LATITUDE/LONGITUDE are located from the sign-up IP. TIMEZONE, CC or REGION are coarse
    // and also describe where a postal address is: not matched. Geocoded home addresses for door-to-door
    // can be allowed with config `profiling.allow`.
    pattern: /\bgeo ?loc\w*\b|\bgeo ?location\b|\bgps\b|\blatitude\b|\blongitude\b|\blat\b|\blng\b|\blocation history\b|\bhistorique de localisation\b/,
  },
];
