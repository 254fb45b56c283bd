/** Name pools for the seeded org. */

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

export const FIRST_NAMES = words(`
  Aaliyah Aaron Abigail Adam Adrian Aisha Alan Alejandro Alice Amara Amelia Amir Ana Andre Andrea
  Angela Anika Anthony Arjun Aryan Ava Beatriz Ben Bianca Brandon Brian Caleb Camila Carlos Carmen
  Catherine Chen Chloe Chris Claire Daniel David Diana Diego Dmitri Elena Eli Elif Emily Emma Eric
  Ethan Fatima Felix Fiona Gabriel Grace Hana Hannah Hassan Henry Hiroshi Ian Imani Isabel Ivan Jack
  Jade James Jamal Jasmine Javier Jenna Jin Joao John Jordan Jose Julia Kai Karen Kenji Kevin Kiara
  Laila Laura Leo Liam Lina Lucas Lucia Luis Maya Mei Mia Michael Miguel Mohammed Nadia Naomi Nathan
  Nia Noah Nora Olga Oliver Omar Pablo Paul Priya Rafael Rahul Rania Rebecca Ricardo Rosa Ryan Samir
  Sara Sean Sofia Sophie Stefan Tariq Thomas Tomas Valentina Victor Wei William Yara Yusuf Zara Zoe
`);

export const LAST_NAMES = words(`
  Abbott Adeyemi Ahmed Alvarez Andersen Bailey Baker Banerjee Barnes Becker Bennett Brooks Brown
  Campbell Carter Castillo Chen Clarke Cohen Collins Cooper Costa Cruz Dang Davies Diaz Dubois Edwards
  Evans Fernandes Fischer Flores Foster Garcia Gomez Gonzalez Gray Green Gupta Hall Hansen Harris
  Hughes Ito Jackson Jensen Johnson Jones Kaur Kelly Khan Kim King Kowalski Kumar Larsen Lee Lewis
  Lopez Martin Martinez Mendes Meyer Miller Mitchell Moreau Morris Murphy Nakamura Nguyen Novak Okafor
  Oliveira Ortiz Park Patel Perez Petrov Phillips Price Ramirez Reed Reyes Richter Rivera Roberts
  Rodriguez Rossi Russo Sanchez Santos Schmidt Schneider Scott Shah Silva Singh Smith Sokolov Suzuki
  Tanaka Taylor Thomas Torres Turner Walker Wang Ward Weber White Williams Wilson Wright Yamamoto
  Young Zhang
`);

export const COMPANIES = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Litware',
  'Wingtip',
  'Proseware',
  'Woodgrove',
  'Lucerne',
  'Adatum',
];

export interface SkillSpec {
  name: string;
  kind: 'topic' | 'language';
  ahtSeconds: number;
  wrapups: string[];
}

/** Routing skills; the first ten are the default org's. */
export const SKILLS: SkillSpec[] = [
  {
    name: 'Billing',
    kind: 'topic',
    ahtSeconds: 330,
    wrapups: ['Billing Dispute', 'Payment Arrangement', 'Refund Request', 'Invoice Question'],
  },
  {
    name: 'Technical Support',
    kind: 'topic',
    ahtSeconds: 540,
    wrapups: ['Password Reset', 'Connectivity Issue', 'Device Setup', 'Bug Report'],
  },
  { name: 'Sales', kind: 'topic', ahtSeconds: 420, wrapups: ['New Order', 'Upgrade', 'Quote Provided'] },
  {
    name: 'Retention',
    kind: 'topic',
    ahtSeconds: 480,
    wrapups: ['Cancellation Saved', 'Cancellation Processed', 'Discount Offered'],
  },
  { name: 'Spanish', kind: 'language', ahtSeconds: 0, wrapups: [] },
  { name: 'French', kind: 'language', ahtSeconds: 0, wrapups: [] },
  {
    name: 'Claims',
    kind: 'topic',
    ahtSeconds: 600,
    wrapups: ['Claim Filed', 'Claim Status', 'Claim Appeal'],
  },
  {
    name: 'Onboarding',
    kind: 'topic',
    ahtSeconds: 360,
    wrapups: ['Account Activation', 'Welcome Call', 'Plan Explained'],
  },
  {
    name: 'Escalations',
    kind: 'topic',
    ahtSeconds: 570,
    wrapups: ['Complaint Resolved', 'Supervisor Callback'],
  },
  {
    name: 'Premium Accounts',
    kind: 'topic',
    ahtSeconds: 390,
    wrapups: ['Concierge Request', 'Account Review'],
  },
  { name: 'German', kind: 'language', ahtSeconds: 0, wrapups: [] },
  {
    name: 'Shipping',
    kind: 'topic',
    ahtSeconds: 270,
    wrapups: ['Where Is My Order', 'Delivery Rescheduled'],
  },
  { name: 'Returns', kind: 'topic', ahtSeconds: 300, wrapups: ['Return Authorised', 'Exchange Arranged'] },
  { name: 'Fraud', kind: 'topic', ahtSeconds: 510, wrapups: ['Card Blocked', 'Fraud Case Opened'] },
  { name: 'Collections', kind: 'topic', ahtSeconds: 450, wrapups: ['Promise To Pay', 'Payment Taken'] },
  { name: 'Portuguese', kind: 'language', ahtSeconds: 0, wrapups: [] },
  { name: 'Hardware', kind: 'topic', ahtSeconds: 500, wrapups: ['Replacement Sent', 'Troubleshooting Done'] },
  { name: 'Networking', kind: 'topic', ahtSeconds: 580, wrapups: ['Router Reset', 'Outage Reported'] },
  { name: 'Mortgages', kind: 'topic', ahtSeconds: 600, wrapups: ['Rate Enquiry', 'Application Update'] },
  { name: 'Insurance', kind: 'topic', ahtSeconds: 480, wrapups: ['Policy Change', 'Coverage Question'] },
  { name: 'Italian', kind: 'language', ahtSeconds: 0, wrapups: [] },
  { name: 'Loyalty', kind: 'topic', ahtSeconds: 240, wrapups: ['Points Redeemed', 'Tier Upgrade'] },
  {
    name: 'Accessibility',
    kind: 'topic',
    ahtSeconds: 420,
    wrapups: ['Assisted Order', 'Accessible Format Sent'],
  },
  {
    name: 'Business Accounts',
    kind: 'topic',
    ahtSeconds: 450,
    wrapups: ['Business Plan Change', 'Bulk Order'],
  },
  { name: 'Payments', kind: 'topic', ahtSeconds: 300, wrapups: ['Card Updated', 'Direct Debit Set Up'] },
  { name: 'Software', kind: 'topic', ahtSeconds: 520, wrapups: ['App Reinstalled', 'License Reset'] },
  { name: 'Warranty', kind: 'topic', ahtSeconds: 360, wrapups: ['Warranty Claim', 'Warranty Extended'] },
  { name: 'Dutch', kind: 'language', ahtSeconds: 0, wrapups: [] },
  { name: 'Travel', kind: 'topic', ahtSeconds: 440, wrapups: ['Booking Changed', 'Trip Cancelled'] },
  { name: 'Energy', kind: 'topic', ahtSeconds: 410, wrapups: ['Meter Reading', 'Tariff Switch'] },
];

/** Queue names and the topic skill each queue mainly requests. */
export const QUEUES: { name: string; skill: string }[] = [
  { name: 'Support', skill: 'Technical Support' },
  { name: 'Billing', skill: 'Billing' },
  { name: 'Sales', skill: 'Sales' },
  { name: 'Retention', skill: 'Retention' },
  { name: 'Claims', skill: 'Claims' },
  { name: 'Onboarding', skill: 'Onboarding' },
  { name: 'Escalations', skill: 'Escalations' },
  { name: 'Shipping', skill: 'Shipping' },
  { name: 'Returns', skill: 'Returns' },
  { name: 'Fraud', skill: 'Fraud' },
  { name: 'Collections', skill: 'Collections' },
  { name: 'Hardware', skill: 'Hardware' },
  { name: 'Networking', skill: 'Networking' },
  { name: 'Mortgages', skill: 'Mortgages' },
  { name: 'Insurance', skill: 'Insurance' },
  { name: 'Loyalty', skill: 'Loyalty' },
];

export const REGIONS = ['', ' EMEA', ' APAC', ' North', ' South', ' West', ' East'];

export const GENERIC_WRAPUPS = ['General Inquiry', 'Transferred', 'Callback Scheduled'];

export const TITLES = ['Agent', 'Senior Agent', 'Specialist', 'Team Lead'];
