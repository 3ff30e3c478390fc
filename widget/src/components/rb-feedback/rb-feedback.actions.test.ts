import { afterEach, describe, expect, it } from 'vitest';
import { readVotes, rememberVote, VOTES_KEPT } from './rb-feedback.actions.ts';

afterEach(() => localStorage.clear());

describe('helpful votes remembered across reloads', () => {
  it('remembers a vote per site, once per review', () => {
    rememberVote('pk_a', 'r1');
    rememberVote('pk_a', 'r2');
    rememberVote('pk_a', 'r1');
    rememberVote('pk_b', 'r9');
    expect(readVotes('pk_a')).toEqual(['r2', 'r1']);
    expect(readVotes('pk_b')).toEqual(['r9']);
    expect(readVotes('pk_c')).toEqual([]);
  });

  it('forgets the oldest votes beyond the limit', () => {
    for (let i = 0; i < VOTES_KEPT + 3; i++) rememberVote('pk_a', `r${i}`);
    const kept = readVotes('pk_a');
    expect(kept).toHaveLength(VOTES_KEPT);
    expect(kept[0]).toBe('r3');
    expect(kept.at(-1)).toBe(`r${VOTES_KEPT + 2}`);
  });

  it('reads nothing from a damaged entry instead of failing, and keeps only strings', () => {
    localStorage.setItem('rebound:helpful:pk_a', '{not json');
    expect(readVotes('pk_a')).toEqual([]);
    localStorage.setItem('rebound:helpful:pk_a', JSON.stringify(['r1', 2, null, 'r3']));
    expect(readVotes('pk_a')).toEqual(['r1', 'r3']);
    localStorage.setItem('rebound:helpful:pk_a', JSON.stringify({ r1: true }));
    expect(readVotes('pk_a')).toEqual([]);
  });
});
