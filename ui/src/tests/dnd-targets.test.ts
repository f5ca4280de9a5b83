import { afterEach, describe, expect, it } from 'vitest';
import { assignTargetAt, dropTargetAt, indexAmongAll, personForDigit } from '../lib/dnd';
import { rect } from './helpers';

describe('a drop among filtered cards', () => {
  // All cards of the column, without the dragged one; only some are visible.
  const others = [1, 2, 3, 4, 5];
  const visible = [2, 4];

  it('goes right after the visible card above it', () => {
    expect(indexAmongAll(others, visible, 1)).toBe(2); // after 2, before the hidden 3
    expect(indexAmongAll(others, visible, 2)).toBe(4); // after 4, before the hidden 5
  });

  it('goes first when no visible card is above it', () => {
    expect(indexAmongAll(others, visible, 0)).toBe(0);
    expect(indexAmongAll(others, [], 0)).toBe(0);
  });

  it('is the same index when everything is visible', () => {
    for (let i = 0; i <= others.length; i++) expect(indexAmongAll(others, others, i)).toBe(i);
  });
});

describe('extra drop targets', () => {
  const targets = [
    { box: { left: 0, right: 30, top: 0, bottom: 30 }, value: 1 },
    { box: { left: 40, right: 70, top: 0, bottom: 30 }, value: null },
    { box: { left: 0, right: 0, top: 0, bottom: 0 }, value: 9 },
  ];

  it('finds the target under the point, edges included', () => {
    expect(dropTargetAt({ x: 10, y: 10 }, targets)).toBe(1);
    expect(dropTargetAt({ x: 30, y: 30 }, targets)).toBe(1);
    expect(dropTargetAt({ x: 50, y: 5 }, targets)).toBeNull();
  });

  it('finds nothing between targets, nor in an empty box', () => {
    expect(dropTargetAt({ x: 35, y: 10 }, targets)).toBeUndefined();
    expect(dropTargetAt({ x: 0, y: 0 }, [targets[2]])).toBeUndefined();
  });

  afterEach(() => document.body.replaceChildren());

  it('reads the marked elements of the page', () => {
    document.body.innerHTML = '<button data-assign-target="3"></button><button data-assign-target="none"></button>';
    const [ana, nobody] = document.querySelectorAll('button');
    ana.getBoundingClientRect = () => rect(0, 0, 30, 30);
    nobody.getBoundingClientRect = () => rect(40, 0, 30, 30);
    expect(assignTargetAt({ x: 10, y: 10 })).toBe(3);
    expect(assignTargetAt({ x: 50, y: 10 })).toBeNull();
    expect(assignTargetAt({ x: 100, y: 10 })).toBeUndefined();
  });
});

describe('digits for people', () => {
  it('1–9 pick the n-th person, 0 nobody, others nothing', () => {
    const people = [7, 8, 9];
    expect(personForDigit('1', people)).toBe(7);
    expect(personForDigit('3', people)).toBe(9);
    expect(personForDigit('4', people)).toBeUndefined();
    expect(personForDigit('0', people)).toBeNull();
    expect(personForDigit('a', people)).toBeUndefined();
    expect(personForDigit('10', people)).toBeUndefined();
  });
});
