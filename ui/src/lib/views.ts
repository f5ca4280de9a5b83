export type View = 'board' | 'people' | 'workload' | 'progress' | 'goals' | 'reports';

export const VIEWS: { id: View; label: string; key: string }[] = [
  { id: 'board', label: 'Board', key: 'b' },
  { id: 'people', label: 'People', key: 'p' },
  { id: 'workload', label: 'Workload', key: 'w' },
  { id: 'progress', label: 'Progress', key: 'm' },
  { id: 'goals', label: 'Goals', key: 'g' },
  { id: 'reports', label: 'Reports', key: 'r' },
];

/** The view for the second key of a "g x" shortcut. */
export function viewForKey(key: string): View | undefined {
  return VIEWS.find((v) => v.key === key.toLowerCase())?.id;
}
