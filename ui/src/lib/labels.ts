import type { LabelColor } from '../bindings/LabelColor';
import type { Priority } from '../bindings/Priority';

/** The label palette (Okabe-Ito, safe with colour blindness), with a name for each colour. */
export const LABEL_COLORS: readonly { color: LabelColor; name: string; hex: string }[] = [
  { color: 'orange', name: 'Orange', hex: '#e69f00' },
  { color: 'sky', name: 'Sky blue', hex: '#56b4e9' },
  { color: 'green', name: 'Green', hex: '#009e73' },
  { color: 'yellow', name: 'Yellow', hex: '#f0e442' },
  { color: 'blue', name: 'Blue', hex: '#0072b2' },
  { color: 'vermillion', name: 'Vermillion', hex: '#d55e00' },
  { color: 'purple', name: 'Purple', hex: '#cc79a7' },
  { color: 'grey', name: 'Grey', hex: '#999999' },
];

export function labelHex(color: LabelColor): string {
  return LABEL_COLORS.find((c) => c.color === color)?.hex ?? '#999999';
}

export function colorName(color: LabelColor): string {
  return LABEL_COLORS.find((c) => c.color === color)?.name ?? color;
}

export const PRIORITIES: readonly { value: Priority; name: string }[] = [
  { value: 'urgent', name: 'Urgent' },
  { value: 'high', name: 'High' },
  { value: 'normal', name: 'Normal' },
  { value: 'low', name: 'Low' },
];

export function priorityName(priority: Priority): string {
  return PRIORITIES.find((p) => p.value === priority)?.name ?? priority;
}
