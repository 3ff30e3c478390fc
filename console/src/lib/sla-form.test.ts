import { describe, expect, it } from 'vitest';
import { SiteSettings } from '../../../shared/site.ts';
import { slaField, slaFromForm } from './sla-form.ts';

const current = SiteSettings.parse({ sla: { firstResponseHours: 12, byPriority: { P3: { planHours: 200 } } } }).sla;

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe('slaFromForm', () => {
  it.each<[string, Array<[string, string]>, unknown]>([
    ['blank fields leave every priority to its default', [], {}],
    ['a P1 first response alone', [[slaField('P1', 'firstResponseHours'), '2']], { P1: { firstResponseHours: 2 } }],
    [
      'both targets of two priorities, blanks ignored',
      [
        [slaField('P1', 'firstResponseHours'), '1'],
        [slaField('P1', 'planHours'), ' 8 '],
        [slaField('P3', 'planHours'), '96'],
        [slaField('P2', 'planHours'), ''],
      ],
      { P1: { firstResponseHours: 1, planHours: 8 }, P3: { planHours: 96 } },
    ],
  ])('%s', (_name, entries, byPriority) => {
    expect(slaFromForm(form(entries), current)).toEqual({ firstResponseHours: 12, planHours: 72, byPriority });
  });

  it('passes what is not a number on to the schema, which refuses it', () => {
    const sla = slaFromForm(form([[slaField('P2', 'planHours'), 'soon']]), current);
    expect(SiteSettings.safeParse({ sla }).success).toBe(false);
  });
});
