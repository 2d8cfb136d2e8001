import { expect } from 'vitest';
import type { Actor, Dossier, StepSpec } from '../../functions/domain/dossier';
import { AppError } from '../../functions/domain/errors';
import { createDossier } from '../../functions/domain/lifecycle/intake';
import { openTask } from '../../functions/domain/lifecycle/routing';
import { loadProvince } from '../../infra/province';
import { phuThoCalendar, vn } from './calendar';

/** Fixtures of the lifecycle's unit tests: the Phú Thọ PASC, the criminal-record procedure, its steps and actors. */
export const calendar = phuThoCalendar('000.00.01.H45');
export const version = loadProvince('phu-tho').catalogue.find((p) => p.id === '2.000488')!;
export const procedureCase = version.cases[0]!;
export const rules = { calendar, duration: procedureCase.duration, supplementPolicy: 'restart' as const };
export const citizen: Actor = { sub: 'citizen-1', role: 'citizen' };
export const receiver: Actor = { sub: 'officer-1', role: 'receiver', agencyId: '000.00.01.H45' };
export const specialist: Actor = { sub: 'officer-2', role: 'specialist', agencyId: '000.00.12.H45' };

export const reception: StepSpec = {
  id: 'reception',
  name: 'Tiếp nhận',
  role: 'receiver',
  agency: 'receiving',
  decisions: { accept: { to: 'appraisal', status: 'RECEIVED' }, refuse: { to: '$end', status: 'REFUSED' } },
};
export const approval: StepSpec = {
  id: 'approval',
  name: 'Phê duyệt',
  role: 'leader',
  agency: 'competent',
  decisions: { approve: { to: 'delivery', status: 'RESULT_READY' } },
};
export const leader: Actor = { sub: 'leader', role: 'leader', agencyId: '000.00.12.H45' };
export const appraisal: StepSpec = {
  id: 'appraisal',
  name: 'Thẩm định',
  role: 'specialist',
  agency: 'competent',
  entryStatus: 'IN_PROGRESS',
  decisions: { approve: { to: 'approval' } },
};

export function newDossier(actor: Actor, now = vn('2026-03-02T09:00:00')): Dossier {
  return createDossier({
    code: '000.00.01.H45-260302-0001',
    version,
    procedureCase,
    channel: actor.role === 'receiver' ? 'counter' : 'online',
    applicant: { sub: 'citizen-1', fullName: 'Nguyễn Văn An', idNumber: '025090001234' },
    receivingAgencyId: '000.00.01.H45',
    documents: [],
    formData: {},
    actor,
    now,
    calendar,
  }).dossier;
}

export function opened(dossier: Dossier, step: StepSpec, now: number) {
  const agencyId = step.agency === 'receiving' ? dossier.receivingAgencyId : dossier.competentAgencyId;
  const result = openTask(dossier, step, 4, now, calendar, agencyId);
  if (!('task' in result)) throw new Error('expected a new task');
  return result;
}

export const expectError = (fn: () => unknown, code: string, status: number) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).statusCode).toBe(status);
    return;
  }
  throw new Error(`expected ${code}`);
};
