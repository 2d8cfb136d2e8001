/** One dossier of each flow, decided on time at every step: what bench:cost and replay drive over HTTP. */
import {
  AGRI_ENV,
  CONSTRUCTION,
  FINANCE,
  HA_HOA_POLICE,
  HOME_AFFAIRS,
  JUSTICE,
  PASC,
  POLICE,
  SOCIAL_INSURANCE,
  VIET_TRI,
  VINH_YEN,
} from '../test/support/agencies';

export type Step = [user: string, role: string, agencyId: string, stepId: string, decision: Record<string, unknown>];
export interface FlowRun {
  flow: string;
  procedureId: string;
  components: string[];
  extra?: Record<string, unknown>;
  applicant?: Record<string, unknown>;
  steps: Step[];
  /** The branches of a parallel step: their agencies answer at the same moment (bench:cost decides them at once). */
  together?: string[];
}

/** The steps in the order they are decided, a parallel step's branches (`together`) as one stage. */
export function stages(run: FlowRun): Step[][] {
  const out: Step[][] = [];
  const together = new Set(run.together ?? []);
  for (const step of run.steps) {
    const last = out.at(-1);
    if (last && together.has(step[3]) && together.has(last[0]![3])) last.push(step);
    else out.push([step]);
  }
  return out;
}

export const RUNS: FlowRun[] = [
  {
    flow: 'single-agency',
    procedureId: '2.000488',
    components: ['TO_KHAI', 'CCCD'],
    steps: [
      ['b-desk', 'receiver', PASC, 'reception', { decision: 'accept' }],
      ['b-spec', 'specialist', JUSTICE, 'appraisal', { decision: 'approve' }],
      ['b-lead', 'leader', JUSTICE, 'approval', { decision: 'approve', resultNumber: '1/BENCH' }],
      ['b-desk', 'receiver', PASC, 'delivery', { decision: 'deliver', deliveryMethod: 'counter' }],
    ],
  },
  {
    flow: 'department-consultation',
    procedureId: '1.009645',
    components: ['VAN_BAN_DE_NGHI', 'DE_XUAT', 'NANG_LUC'],
    steps: [
      ['b-desk', 'receiver', PASC, 'reception', { decision: 'accept' }],
      ['b-stc', 'specialist', FINANCE, 'appraisal', { decision: 'consult' }],
      ['b-sxd', 'specialist', CONSTRUCTION, 'opinion_construction', { decision: 'agree' }],
      ['b-snnmt', 'specialist', AGRI_ENV, 'opinion_environment', { decision: 'agree' }],
      ['b-cat', 'specialist', POLICE, 'opinion_security', { decision: 'agree' }],
      ['b-stc', 'specialist', FINANCE, 'synthesis', { decision: 'propose' }],
      ['b-gd', 'leader', FINANCE, 'approval', { decision: 'approve', resultNumber: '2/BENCH' }],
      ['b-desk', 'receiver', PASC, 'delivery', { decision: 'deliver', deliveryMethod: 'counter' }],
    ],
    together: ['opinion_construction', 'opinion_environment', 'opinion_security'],
  },
  {
    flow: 'same-day-civil-status',
    procedureId: '1.001193',
    components: ['TO_KHAI', 'CHUNG_SINH'],
    extra: { receivingAgencyId: VINH_YEN },
    steps: [
      ['b-vy-desk', 'receiver', VINH_YEN, 'reception', { decision: 'accept' }],
      ['b-vy-clerk', 'specialist', VINH_YEN, 'recording', { decision: 'propose' }],
      ['b-vy-chair', 'leader', VINH_YEN, 'signing', { decision: 'approve', resultNumber: '3/BENCH' }],
      ['b-vy-desk', 'receiver', VINH_YEN, 'delivery', { decision: 'deliver' }],
    ],
  },
  {
    flow: 'commune-to-province',
    procedureId: '1.010803',
    components: ['DON'],
    extra: { receivingAgencyId: VIET_TRI },
    steps: [
      ['b-vt-desk', 'receiver', VIET_TRI, 'reception', { decision: 'accept' }],
      ['b-vt-clerk', 'specialist', VIET_TRI, 'verification', { decision: 'propose' }],
      ['b-vt-chair', 'leader', VIET_TRI, 'commune_approval', { decision: 'forward' }],
      ['b-snv', 'specialist', HOME_AFFAIRS, 'province_appraisal', { decision: 'approve' }],
      ['b-snv-gd', 'leader', HOME_AFFAIRS, 'province_approval', { decision: 'approve', resultNumber: '4/BENCH' }],
      ['b-vt-desk', 'receiver', VIET_TRI, 'delivery', { decision: 'deliver' }],
    ],
    together: ['residence', 'health_card'],
  },
  {
    flow: 'birth-residence-insurance',
    procedureId: '3.000722',
    components: ['TO_KHAI', 'CHUNG_SINH'],
    extra: { receivingAgencyId: VIET_TRI },
    applicant: { addressUnitId: 'PT-HA-HOA' },
    steps: [
      ['b-vt-desk', 'receiver', VIET_TRI, 'reception', { decision: 'accept' }],
      ['b-vt-clerk', 'specialist', VIET_TRI, 'birth_registration', { decision: 'register' }],
      ['b-ca-hh', 'specialist', HA_HOA_POLICE, 'residence', { decision: 'registered' }],
      ['b-bhxh', 'specialist', SOCIAL_INSURANCE, 'health_card', { decision: 'issued' }],
      ['b-vt-chair', 'leader', VIET_TRI, 'signing', { decision: 'approve', resultNumber: '5/BENCH' }],
      ['b-vt-desk', 'receiver', VIET_TRI, 'delivery', { decision: 'deliver' }],
    ],
    together: ['residence', 'health_card'],
  },
];
