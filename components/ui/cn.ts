import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/** Joins class names and lets a caller's Tailwind class win over a component default (`px-2` beats `px-3`). */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
